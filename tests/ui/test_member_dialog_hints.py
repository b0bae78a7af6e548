"""The member dialog explains itself: why the photo and the children wait for a first save,
a history that is empty says so, a child added or removed reads as such, and the "Source"
column only appears when an import made a change (naming its file)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from unionapp.core import i18n, members
from unionapp.core.importing import run_import
from unionapp.core.member_fields import field_label
from unionapp.ui.dialogs.history_tab import SOURCE_COLUMN
from unionapp.ui.dialogs.member_dialog import MemberDialog
from unionapp.ui.pages.members import MembersPage
from unionapp.ui.state import AppState


@pytest.fixture
def page(qtbot, app_state: AppState) -> MembersPage:  # type: ignore[no-untyped-def]
    widget = MembersPage(app_state)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def said(msgid: str) -> str:
    text = i18n._(msgid)
    assert text != msgid, f"no {i18n.get_language()} translation of {msgid!r}"
    return text


def open_card(page: MembersPage, card_no: str) -> MemberDialog:
    found = members.find_by_card(page.state.db, card_no)
    assert found is not None
    return page.open_member(found)


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_a_new_member_says_what_waits_for_the_first_save(page: MembersPage, lang: str) -> None:
    i18n.set_language(lang)
    dialog = page.new_member()
    photo_hint = said("Save the member first to add a photo.")
    assert dialog.photo.text() == photo_hint  # in the photo frame itself
    assert not dialog.choose_photo_button.isEnabled()
    assert dialog.choose_photo_button.toolTip() == photo_hint
    assert dialog.tabs.isTabEnabled(1)  # open, and saying why it is empty
    dialog.tabs.setCurrentIndex(1)
    tab = dialog.children_tab
    assert tab.hint.isVisible()
    assert tab.hint.text() == said("Save the member first to add children.")
    assert not tab.add_button.isEnabled()
    dialog.tabs.setCurrentIndex(2)
    assert dialog.history_tab.is_empty_shown()
    assert dialog.history_tab.empty.isVisible()

    dialog.fields["card_no"].setText("7001")  # type: ignore[attr-defined]
    dialog.fields["surname"].setText("Токтогулов")  # type: ignore[attr-defined]
    dialog.fields["name"].setText("Чыңгыз")  # type: ignore[attr-defined]
    dialog.fields["join_date"].setText("01.09.2024")  # type: ignore[attr-defined]
    assert dialog.save()
    assert dialog.choose_photo_button.isEnabled() and dialog.choose_photo_button.toolTip() == ""
    assert dialog.photo.text() == said("No photo")
    assert tab.hint.isHidden() and tab.add_button.isEnabled()
    assert not dialog.history_tab.is_empty_shown()  # "added"


def test_a_member_without_recorded_changes_says_so(page: MembersPage, demo_db_path: Path) -> None:
    from unionapp.core.member_list import MemberList

    state = AppState(demo_db_path)  # demo members are made without a history
    try:
        first = MemberList.load(state.db).ids[0]
        assert members.history(state.db, first) == []
        dialog = MemberDialog(state, first, page)
        dialog.tabs.setCurrentIndex(2)
        dialog.show()
        history = dialog.history_tab
        assert history.is_empty_shown() and history.empty.isVisible()
        assert history.empty.text() == said("No changes recorded yet.")
        assert not history.table.isVisible()
        dialog.close()
    finally:
        state.close_database()


def test_children_read_as_added_and_deleted(qtbot, page: MembersPage) -> None:  # type: ignore[no-untyped-def]
    dialog = open_card(page, "1002")
    tab = dialog.children_tab
    child = tab.open_child_dialog()
    assert child is not None
    child.full_name.setText("Сейитова Айдана")
    child.birth_date.setText("01.06.2015")
    assert child.save()
    newest = dialog.history_tab.rows()[0]
    assert newest[1:5] == [i18n._("added"), field_label("child"), "", "Сейитова Айдана"]
    tab.table.selectRow(0)
    box = tab.remove_selected()
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    newest = dialog.history_tab.rows()[0]
    assert newest[1:5] == [i18n._("deleted"), field_label("child"), "Сейитова Айдана", ""]
    assert i18n._("changed") not in [row[1] for row in dialog.history_tab.rows()
                                      if row[2] == field_label("child")]


def test_the_source_column_shows_only_for_imports(page: MembersPage, tmp_path: Path) -> None:
    edited = open_card(page, "1002")
    edited.fields["phone"].setText("+996 700 11 22 33")  # type: ignore[attr-defined]
    assert edited.save()
    table = edited.history_tab.table
    assert edited.history_tab.rows() and all(row[SOURCE_COLUMN] == "" for row in
                                             edited.history_tab.rows())
    assert table.isColumnHidden(SOURCE_COLUMN)  # made in this window: no column

    csv = tmp_path / "жаңы мүчөлөр.csv"
    csv.write_text("Номер билета;Фамилия;Имя;Дата вступления\n7002;Осмонова;Айпери;01.02.2024\n",
                   encoding="utf-8")
    assert run_import(page.state.db, "members", csv).added == 1
    page.reload()
    imported = open_card(page, "7002")
    rows = imported.history_tab.rows()
    assert rows and {row[SOURCE_COLUMN] for row in rows} == {csv.name}
    assert not imported.history_tab.table.isColumnHidden(SOURCE_COLUMN)
    assert dt.date(2024, 2, 1) == members.get_member(
        page.state.db, members.find_by_card(page.state.db, "7002") or 0).data.join_date
