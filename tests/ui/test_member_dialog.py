"""The member dialog: saving with mistakes marked in place, leaving, deleting, children, photo,
history - each checked in the database, not just on the screen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QLineEdit, QMessageBox

from unionapp.core import i18n, members
from unionapp.core.member_fields import field_label
from unionapp.core.member_list import COLUMNS
from unionapp.ui.dialogs.member_dialog import MemberDialog
from unionapp.ui.pages.members import MembersPage
from unionapp.ui.state import AppState
from unionapp.ui.widgets.date_edit import DateEdit


@pytest.fixture
def page(qtbot, app_state: AppState) -> MembersPage:  # type: ignore[no-untyped-def]
    widget = MembersPage(app_state)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def member_id(state: AppState, card_no: str) -> int:
    found = members.find_by_card(state.db, card_no)
    assert found is not None
    return found


def open_member(page: MembersPage, card_no: str) -> MemberDialog:
    return page.open_member(member_id(page.state, card_no))


def line(dialog: MemberDialog, name: str) -> QLineEdit:
    widget = dialog.fields[name]
    assert isinstance(widget, QLineEdit)
    return widget


def date_field(dialog: MemberDialog, name: str) -> DateEdit:
    widget = dialog.fields[name]
    assert isinstance(widget, DateEdit)
    return widget


def read_again(qtbot, page: MembersPage) -> None:  # type: ignore[no-untyped-def]
    """The page reads the register off the GUI thread after a change: wait for it."""
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10000)


def names_shown(page: MembersPage) -> list[str]:
    model, column = page.model, COLUMNS.index("full_name")
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def test_shows_every_field(page: MembersPage) -> None:
    dialog = open_member(page, "1002")
    assert line(dialog, "surname").text() == "Сейит кызы"
    assert line(dialog, "name").text() == "Жаңыл"
    assert date_field(dialog, "birth_date").text() == "28.02.1990"
    assert date_field(dialog, "exit_date").text() == ""
    assert dialog.sex.code() == "F"
    assert dialog.department.currentText() == "Башталгыч класстар"
    assert dialog.form.labels["join_date"].text() == f"{field_label('join_date')}:"
    assert dialog.windowTitle() == i18n._("Member: {name}").format(name="Сейит кызы Жаңыл")


def test_edit_and_save_changes_the_database_and_the_history(qtbot, page: MembersPage) -> None:  # type: ignore[no-untyped-def]
    dialog = open_member(page, "1002")
    line(dialog, "position").setText("Директордун орун басары")
    date_field(dialog, "birth_date").setText("1.3.1990")
    dialog.pensioner.setChecked(True)
    dialog.department.setCurrentText("Жаңы бөлүм")  # a new department is created
    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    assert not dialog.isVisible()
    stored = members.get_member(page.state.db, member_id(page.state, "1002")).data
    assert stored.position == "Директордун орун басары"
    assert stored.birth_date == dt.date(1990, 3, 1)
    assert stored.pensioner is True
    assert stored.department == "Жаңы бөлүм"
    read_again(qtbot, page)
    assert page.department.findData("Жаңы бөлүм") > 0  # the page reloaded
    history = open_member(page, "1002").history_tab.rows()
    changed = {row[2]: (row[3], row[4]) for row in history if row[1] == i18n._("changed")}
    assert changed[field_label("position")] == ("Мугалим", "Директордун орун басары")
    assert changed[field_label("birth_date")] == ("28.02.1990", "01.03.1990")
    assert changed[field_label("pensioner")] == (i18n._("no"), i18n._("yes"))
    assert history[0][1] == i18n._("changed")  # newest first


def test_exit_before_join_is_marked_and_nothing_is_saved(page: MembersPage) -> None:
    dialog = open_member(page, "1002")
    date_field(dialog, "exit_date").setText("01.01.2010")  # joined 01.09.2015
    dialog.exit_reason.set_code("voluntary")
    dialog.save_button.click()
    assert dialog.isVisible()
    assert dialog.error_text("exit_date") == i18n._("The exit date is before the join date.")
    assert dialog.form.is_marked("exit_date")
    assert not dialog.form.is_marked("join_date")
    stored = members.get_member(page.state.db, member_id(page.state, "1002")).data
    assert stored.exit_date is None
    # fixed: the mark goes away and the save goes through
    date_field(dialog, "exit_date").setText("01.01.2024")
    dialog.save_button.click()
    assert not dialog.isVisible()
    stored = members.get_member(page.state.db, member_id(page.state, "1002")).data
    assert stored.exit_date == dt.date(2024, 1, 1) and stored.exit_reason == "voluntary"


def test_bad_date_texts_are_marked_on_their_fields(page: MembersPage) -> None:
    dialog = open_member(page, "1002")
    date_field(dialog, "birth_date").setText("31.02.1990")
    date_field(dialog, "join_date").setText("вчера")
    line(dialog, "email").setText("not an address")
    line(dialog, "surname").setText("  ")
    assert not dialog.save()
    assert "31.02.1990" in dialog.error_text("birth_date")
    assert "вчера" in dialog.error_text("join_date")
    assert dialog.error_text("email")
    assert dialog.error_text("surname") == i18n._("This field is required.")
    assert dialog.error_text("name") == ""
    history = members.history(page.state.db, member_id(page.state, "1002"))
    assert all(item.action == "create" for item in history)  # nothing saved


def test_duplicate_card_number_is_marked(page: MembersPage) -> None:
    dialog = open_member(page, "1002")
    line(dialog, "card_no").setText("1001")
    assert not dialog.save()
    assert "1001" in dialog.error_text("card_no")
    assert "Асан уулу Бакыт" in dialog.error_text("card_no")
    assert dialog.form.is_marked("card_no")
    assert members.find_by_card(page.state.db, "1002") is not None


def test_a_duplicate_card_number_is_marked_with_the_other_mistakes(page: MembersPage) -> None:
    """One round: the card number someone else has shows with every other mistake at once."""
    dialog = open_member(page, "1002")
    line(dialog, "card_no").setText("1001")
    date_field(dialog, "exit_date").setText("01.01.2010")  # joined 01.09.2015
    dialog.exit_reason.set_code("voluntary")
    date_field(dialog, "join_date").setText(f"01.01.{dt.date.today().year + 1}")
    assert not dialog.save()
    assert "Асан уулу Бакыт" in dialog.error_text("card_no")
    future = i18n._("The join date {date} is in the future.")
    assert dialog.error_text("join_date") == future.format(date=f"01.01.{dt.date.today().year + 1}")
    assert dialog.form.is_marked("card_no") and dialog.form.is_marked("join_date")
    assert members.find_by_card(page.state.db, "1002") is not None


def test_new_member_is_created_and_shown(qtbot, page: MembersPage) -> None:  # type: ignore[no-untyped-def]
    dialog = page.new_member()
    assert dialog.windowTitle() == i18n._("New member")
    assert dialog.department.currentText() == ""  # not the first department of the list
    assert not dialog.children_tab.hint.isHidden()  # children need a saved member, and it says so
    assert not dialog.leave_button.isEnabled() and not dialog.delete_button.isEnabled()
    dialog.save_button.click()  # empty: every required field is marked
    for required in ("card_no", "surname", "name", "join_date"):
        assert dialog.error_text(required) == i18n._("This field is required."), required
    line(dialog, "card_no").setText("1001")
    line(dialog, "surname").setText("Токтогулов")
    line(dialog, "name").setText("Чыңгыз")
    date_field(dialog, "join_date").setText("01.09.2024")
    assert not dialog.save()  # the card number is taken
    assert "1001" in dialog.error_text("card_no")
    assert dialog.error_text("surname") == ""
    line(dialog, "card_no").setText("5000")
    dialog.save_button.click()
    assert not dialog.isVisible()
    read_again(qtbot, page)
    assert "Токтогулов Чыңгыз" in names_shown(page)
    created = members.get_member(page.state.db, member_id(page.state, "5000"))
    assert created.data.join_date == dt.date(2024, 9, 1)
    assert created.data.department is None


def test_leaving_is_recorded_with_date_and_reason(qtbot, page: MembersPage) -> None:  # type: ignore[no-untyped-def]
    dialog = open_member(page, "1002")
    leave = dialog.record_leaving()
    assert leave is not None and leave.isVisible()
    leave.exit_date.setText("")
    leave.buttons.button(leave.buttons.StandardButton.Ok).click()  # both are required
    assert leave.form.error_text("exit_date") == i18n._("This field is required.")
    assert leave.form.error_text("exit_reason") == i18n._("This field is required.")
    leave.exit_date.setText("01.01.2010")  # before joining
    leave.exit_reason.set_code("transfer")
    leave.buttons.button(leave.buttons.StandardButton.Ok).click()
    assert leave.isVisible()
    assert leave.form.error_text("exit_date") == i18n._("The exit date is before the join date.")
    leave.exit_date.setText("31.08.2024")
    leave.buttons.button(leave.buttons.StandardButton.Ok).click()
    assert not leave.isVisible()
    stored = members.get_member(page.state.db, member_id(page.state, "1002")).data
    assert (stored.exit_date, stored.exit_reason) == (dt.date(2024, 8, 31), "transfer")
    assert date_field(dialog, "exit_date").text() == "31.08.2024"
    assert dialog.exit_reason.code() == "transfer"
    assert not dialog.leave_button.isEnabled()
    dialog.reject()
    read_again(qtbot, page)
    assert "Сейит кызы Жаңыл" not in names_shown(page)  # no longer active
    page.status.set_code("left")
    assert "Сейит кызы Жаңыл" in names_shown(page)  # still in the register


def answer(box: QMessageBox | None, button: QMessageBox.StandardButton) -> str:
    assert box is not None and box.isVisible()
    text = f"{box.text()}\n{box.informativeText()}"
    box.button(button).click()
    return text


def test_delete_asks_and_says_it_is_for_mistakes(qtbot, page: MembersPage) -> None:  # type: ignore[no-untyped-def]
    dialog = open_member(page, "1002")
    text = answer(dialog.ask_delete(), QMessageBox.StandardButton.No)
    assert i18n._("Delete only a record made by mistake. When a member leaves the union, use "
                  "“Record leaving…” instead: the register keeps the member with the date and "
                  "the reason, and the year-end report counts them.") in text
    assert members.find_by_card(page.state.db, "1002") is not None
    assert dialog.isVisible()
    answer(dialog.ask_delete(), QMessageBox.StandardButton.Yes)
    assert members.find_by_card(page.state.db, "1002") is None
    assert not dialog.isVisible()
    read_again(qtbot, page)
    assert "Сейит кызы Жаңыл" not in names_shown(page)


def test_children_are_added_edited_and_removed(qtbot, page: MembersPage) -> None:  # type: ignore[no-untyped-def]
    dialog = open_member(page, "1001")
    tab = dialog.children_tab
    assert tab.table.rowCount() == 1  # Бакытов Азамат
    child = tab.open_child_dialog()
    assert child is not None
    child.save()  # no name
    assert child.form.error_text("full_name") == i18n._("This field is required.")
    child.full_name.setText("Бакытова Айпери")
    child.birth_date.setText("12.05.2016")
    child.sex.set_code("F")
    assert child.save()
    rows = [tab.table.item(r, 0).text() for r in range(tab.table.rowCount())]
    assert rows == ["Бакытов Азамат", "Бакытова Айпери"]
    assert tab.table.item(1, 1).text() == "12.05.2016"
    kids = members.get_member(page.state.db, member_id(page.state, "1001")).children
    assert [(k.full_name, k.birth_date, k.sex) for k in kids][1] == (
        "Бакытова Айпери", dt.date(2016, 5, 12), "F")
    # the history tab shows the new child at once
    assert (field_label("child"), "", "Бакытова Айпери") in [
        tuple(r[2:5]) for r in dialog.history_tab.rows()]
    tab.table.selectRow(0)
    edit = tab.open_child_dialog(tab.child_views[0])
    assert edit is not None
    edit.birth_date.setText("2012-03-05")
    assert edit.save()
    tab.table.selectRow(0)
    answer(tab.remove_selected(), QMessageBox.StandardButton.Yes)
    kids = members.get_member(page.state.db, member_id(page.state, "1001")).children
    assert [k.full_name for k in kids] == ["Бакытова Айпери"]
    assert tab.table.rowCount() == 1


def write_picture(path: Path, width: int, height: int) -> Path:
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("#8fb3d9"))
    painter = QPainter(image)
    painter.setBrush(QColor("#f1c27d"))
    painter.drawEllipse(width // 2 - 60, 40, 120, 160)
    painter.end()
    assert image.save(str(path))
    return path


def test_photo_is_cropped_to_3x4_and_stored(qtbot, page: MembersPage, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = open_member(page, "1003")
    assert not dialog.remove_photo_button.isEnabled()
    crop = dialog.crop_photo_file(write_picture(tmp_path / "face.png", 800, 500))
    assert crop is not None
    frame = crop.area.frame
    assert frame.width() / frame.height() == pytest.approx(3 / 4)
    crop.area.set_frame(frame.translated(500, 0))  # moved too far right: stays inside
    assert crop.area.frame.right() <= 800
    crop.buttons.button(crop.buttons.StandardButton.Ok).click()
    jpeg = members.get_photo(page.state.db, member_id(page.state, "1003"))
    assert jpeg is not None and jpeg[:2] == b"\xff\xd8"
    stored = QImage.fromData(jpeg)
    assert (stored.width(), stored.height()) == (300, 400)
    assert stored.width() * 4 == stored.height() * 3
    assert not dialog.photo.pixmap().isNull()
    assert dialog.remove_photo_button.isEnabled()
    assert (field_label("photo"), "", i18n._("photo")) in [
        tuple(r[2:5]) for r in dialog.history_tab.rows()]
    dialog.remove_photo_button.click()
    assert members.get_photo(page.state.db, member_id(page.state, "1003")) is None


def test_a_file_that_is_not_a_picture_is_refused(qtbot, page: MembersPage,  # type: ignore[no-untyped-def]
                                                 tmp_path: Path, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _parent, _title, text, *args: shown.append(text))
    bad = tmp_path / "photo.png"
    bad.write_text("not a picture")
    dialog = open_member(page, "1003")
    assert dialog.crop_photo_file(bad) is None
    assert shown and str(bad) in shown[0]
    assert members.get_photo(page.state.db, member_id(page.state, "1003")) is None


def test_date_field_tidies_and_reads_empty(qtbot) -> None:  # type: ignore[no-untyped-def]
    edit = DateEdit()
    qtbot.addWidget(edit)
    assert edit.date() is None
    edit.setText("5.3.1980")
    edit.line.editingFinished.emit()
    assert edit.text() == "05.03.1980"
    edit.set_date(dt.date(2001, 12, 31))
    assert edit.text() == "31.12.2001"
    edit._before_popup()
    assert edit.calendar.selectedDate().year() == 2001
    edit._picked(edit.calendar.selectedDate().addDays(1))
    assert edit.date() == dt.date(2002, 1, 1)
    assert edit.line.placeholderText() == i18n._("dd.mm.yyyy")
    edit.line.setFocus(Qt.FocusReason.OtherFocusReason)


def test_a_card_changed_elsewhere_is_not_saved_over(qtbot, page: MembersPage,  # type: ignore[no-untyped-def]
                                                    ui_db_path: Path, monkeypatch) -> None:
    """Another PC (another connection) saves first: this card says so and saves nothing."""
    from unionapp.core.store import open_database

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _parent, _title, text, *args: shown.append(text))
    dialog = open_member(page, "1003")
    other = open_database(ui_db_path)
    try:
        member = member_id(page.state, "1003")
        view = members.get_member(other, member)
        view.data.position = "завуч"
        members.update_member(other, member, view.data)
    finally:
        other.close()
    line(dialog, "phone").setText("0555 00 11 22")
    assert not dialog.save()
    assert shown and i18n._(members.CHANGED_ELSEWHERE).split("{name}")[1][:20] in shown[0]
    saved = members.get_member(page.state.db, member_id(page.state, "1003")).data
    assert saved.position == "завуч" and saved.phone != "0555 00 11 22"
