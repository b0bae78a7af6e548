"""The members page as a chairperson uses it: type to search, quick filters, sort, open."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from known_register import ACTIVE, LEFT, PEOPLE
from openpyxl import load_workbook
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget, QWizard

from unionapp.core import i18n, members
from unionapp.core.formatting import format_number
from unionapp.core.i18n import translate_in
from unionapp.core.member_list import COLUMNS
from unionapp.core.members import MemberInput
from unionapp.ui.dialogs.member_dialog import MemberDialog
from unionapp.ui.operations import running_jobs
from unionapp.ui.pages.members import MembersPage
from unionapp.ui.state import AppState

NAME = COLUMNS.index("full_name")
CARD = COLUMNS.index("card_no")


@pytest.fixture
def page(qtbot, app_state: AppState) -> MembersPage:  # type: ignore[no-untyped-def]
    widget = MembersPage(app_state)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    return widget


def type_text(widget: QWidget, text: str) -> None:
    """Key presses one character at a time (QTest.keyClicks only knows ASCII)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                     char))


def shown(page: MembersPage, column: int = NAME) -> list[str]:
    model = page.model
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def full(person: tuple) -> str:  # type: ignore[type-arg]
    return " ".join(p for p in person[1:4] if p)


def count_text(shown_n: int, total: int) -> str:
    return i18n._("Shown: {shown} of {total}").format(
        shown=format_number(shown_n), total=format_number(total))


def test_opens_on_active_members_by_name_with_a_count(page: MembersPage) -> None:
    assert shown(page) == sorted((full(p) for p in ACTIVE), key=lambda n: n.casefold())
    assert page.count.text() == count_text(len(ACTIVE), len(PEOPLE))
    assert page.title() == i18n._("Members")


def test_typing_narrows_the_rows_and_updates_the_count(qtbot, page: MembersPage) -> None:  # type: ignore[no-untyped-def]
    type_text(page.search, "асан")
    assert set(shown(page)) == {"Асан уулу Бакыт", "Асанова Гүлнара Бакытовна",
                                "Ногойбаева Айгүл Асановна"}
    type_text(page.search, " физ")
    assert set(shown(page)) == {"Асан уулу Бакыт", "Асанова Гүлнара Бакытовна"}
    assert page.count.text() == count_text(2, len(PEOPLE))
    page.search.clear()
    assert len(shown(page)) == len(ACTIVE)


def test_search_ignores_case_and_yo_and_finds_numbers(qtbot, page: MembersPage) -> None:  # type: ignore[no-untyped-def]
    page.status.set_code("all")
    type_text(page.search, "ЁЛКИН")
    assert set(shown(page)) == {"Ёлкина Ольга Ивановна", "Елкин Сергей"}
    page.search.setText("t-106")  # personnel number
    assert shown(page) == ["Үсөнов Өмүр Токтогулович"]
    page.search.setText("1002")  # card number
    assert shown(page) == ["Сейит кызы Жаңыл"]
    page.search.setText("китепкана")  # department
    assert shown(page) == ["Ногойбаева Айгүл Асановна"]


def test_status_filter_and_exit_columns(page: MembersPage) -> None:
    exit_column = COLUMNS.index("exit_date")
    assert page.table.isColumnHidden(exit_column)  # empty among the active ones
    page.status.set_code("left")
    assert set(shown(page)) == {full(p) for p in LEFT}
    assert not page.table.isColumnHidden(exit_column)
    assert "20.06.2020" not in shown(page, exit_column)
    assert set(shown(page, exit_column)) == {"30.06.2020", "31.08.2022"}
    reasons = set(shown(page, COLUMNS.index("exit_reason")))
    assert reasons == {i18n._("own wish"), i18n._("retirement")}
    page.status.set_code("all")
    assert len(shown(page)) == len(PEOPLE)
    assert page.count.text() == count_text(len(PEOPLE), len(PEOPLE))


def test_department_pensioner_and_youth_filters(page: MembersPage) -> None:
    assert page.department.itemText(0) == i18n._("All departments")
    assert page.department.findData("Бухгалтерия") > 0
    page.department.setCurrentIndex(page.department.findData("Бухгалтерия"))
    assert shown(page) == ["Петров Алексей Сергеевич"]  # Ёлкина left
    page.department.setCurrentIndex(0)
    page.pensioners.setChecked(True)
    assert set(shown(page)) == {"Петров Алексей Сергеевич", "Иванова Елена Петровна"}
    page.pensioners.setChecked(False)
    page.youth.setChecked(True)  # up to 35 today; no birth date is not youth
    assert set(shown(page)) == {"Асанова Гүлнара Бакытовна", "Бакиев Нурлан"}
    assert "35" in page.youth.text()
    page.youth.setChecked(False)
    assert len(shown(page)) == len(ACTIVE)


def click_header(qtbot, page: MembersPage, column: int) -> None:  # type: ignore[no-untyped-def]
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_clicking_headers_sorts(qtbot, page: MembersPage) -> None:  # type: ignore[no-untyped-def]
    page.status.set_code("all")
    click_header(qtbot, page, CARD)
    cards = shown(page, CARD)
    assert cards[:3] == ["2", "10", "1001"]  # numbers in numeric order
    assert cards == sorted(cards, key=int)
    click_header(qtbot, page, CARD)
    assert shown(page, CARD) == cards[::-1]
    birth = COLUMNS.index("birth_date")
    click_header(qtbot, page, birth)
    dates = shown(page, birth)
    assert dates[0] == "10.01.1950" and dates[-1] == ""  # empty dates last
    # the filter keeps the order
    page.search.setText("асан")
    assert shown(page, CARD) == ["1001", "1003", "1008"]  # 1980, 25 years ago, none


def open_by_double_click(qtbot, page: MembersPage, row: int) -> MemberDialog:  # type: ignore[no-untyped-def]
    rect = page.table.visualRect(page.model.index(row, NAME))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.dialog is not None
    return page.dialog


def test_double_click_and_enter_open_the_member(qtbot, page: MembersPage) -> None:  # type: ignore[no-untyped-def]
    page.search.setText("жаңыл")
    dialog = open_by_double_click(qtbot, page, 0)
    assert dialog.isVisible()
    assert dialog.view is not None and dialog.view.full_name == "Сейит кызы Жаңыл"
    dialog.reject()
    page.dialog = None
    page.search.setText("алексей")
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.dialog is not None and page.dialog.view is not None
    assert page.dialog.view.data.card_no == "1004"
    page.dialog.reject()


def test_refreshes_when_the_register_changes(page: MembersPage, app_state: AppState) -> None:
    members.create_member(app_state.db, MemberInput(
        card_no="3001", surname="Жумабеков", name="Тилек", join_date=dt.date(2021, 1, 1)))
    assert "Жумабеков Тилек" not in shown(page)
    app_state.notify_changed("members")
    assert "Жумабеков Тилек" in shown(page)
    assert page.count.text() == count_text(len(ACTIVE) + 1, len(PEOPLE) + 1)
    app_state.notify_changed("dues")  # someone else's data: no reload needed
    assert page.model.total() == len(PEOPLE) + 1


def test_a_big_register_reloads_off_the_gui_thread(qtbot, page: MembersPage,  # type: ignore[no-untyped-def]
                                                  app_state: AppState) -> None:
    page.background_from = 1  # treat this small register as a big one
    page.search.setText("тилек")
    members.create_member(app_state.db, MemberInput(
        card_no="3001", surname="Жумабеков", name="Тилек", join_date=dt.date(2021, 1, 1)))
    app_state.notify_changed("members")
    app_state.notify_changed("members")  # a second change while the first load runs
    assert page.is_loading()
    qtbot.waitUntil(lambda: not page.is_loading() and running_jobs() == 0, timeout=5000)
    assert shown(page) == ["Жумабеков Тилек"]  # the filter stayed


def test_retranslate_updates_headers_filters_and_count(page: MembersPage) -> None:
    i18n.set_language("ru")
    page.retranslate()
    model = page.model
    assert model.headerData(CARD, Qt.Orientation.Horizontal) == translate_in("ru", "Card number")
    assert page.status.itemText(0) == translate_in("ru", "Active")
    assert page.department.itemText(0) == translate_in("ru", "All departments")
    assert page.new_button.text() == translate_in("ru", "New member…")
    assert page.count.text() == translate_in("ru", "Shown: {shown} of {total}").format(
        shown=len(ACTIVE), total=len(PEOPLE))


def test_focus_filter_and_new_member(qtbot, page: MembersPage) -> None:  # type: ignore[no-untyped-def]
    page.search.setText("асан")
    page.activateWindow()
    page.focus_filter()
    qtbot.waitUntil(page.search.hasFocus, timeout=2000)
    assert page.search.selectedText() == "асан"
    dialog = page.new_member()
    assert dialog.member_id is None and dialog.isVisible()
    dialog.reject()


def test_export_writes_the_register(qtbot, page: MembersPage, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "members.xlsx"
    page.run_export("members", target)
    qtbot.waitUntil(lambda: page.notice is not None, timeout=10000)
    assert page.notice is not None
    assert str(target) in page.notice.text()
    rows = list(load_workbook(target, read_only=True).active.iter_rows(values_only=True))
    assert len(rows) == len(PEOPLE) + 1
    page.notice.accept()
    page.run_export("children", tmp_path / "children.csv")
    qtbot.waitUntil(lambda: (tmp_path / "children.csv").exists() and running_jobs() == 0,
                    timeout=10000)
    assert "Бакытов Азамат" in (tmp_path / "children.csv").read_text(encoding="utf-8-sig")


def test_import_opens_the_wizard_for_members(qtbot, page: MembersPage) -> None:  # type: ignore[no-untyped-def]
    seen: list[str] = []

    def close_wizard() -> None:
        wizard = QApplication.activeModalWidget()
        assert isinstance(wizard, QWizard)
        seen.append(getattr(wizard, "kind", ""))
        wizard.reject()

    QTimer.singleShot(0, close_wizard)
    page.import_members()  # modal: returns when the timer closed it
    assert seen == ["members"]


def test_the_model_keeps_qt_s_rules(qtmodeltester, page: MembersPage) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(page.model)
    page.model.set_filter(query="асан", status="all")
    qtmodeltester.check(page.model)
    page.model.set_filter(query="no such member")
    qtmodeltester.check(page.model)
