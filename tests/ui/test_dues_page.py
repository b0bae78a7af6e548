"""The Dues page: a known month's three lists, another month recomputed, a row opening its
member, and the payroll import wizard importing for the page's month."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWizard

from unionapp.core import dues, importing, members
from unionapp.core.formatting import format_money
from unionapp.core.i18n import _
from unionapp.ui.dialogs.import_wizard import PREVIEW_PAGE, SUMMARY_PAGE, ImportWizard
from unionapp.ui.pages.dues import DuesPage
from unionapp.ui.state import AppState

_first = dt.date.today().replace(day=1)
MONTH = (_first - dt.timedelta(days=1)).replace(day=1)  # last month: 1003 (joined 2 years ago) in
EARLIER = (MONTH - dt.timedelta(days=1)).replace(day=1)

HEADER = ["Таб. №", "ФИО", "Начислено", "Профвзнос"]
ROWS: list[list[object]] = [
    ["T-101", "Асан уулу Бакыт", 25000, 250],  # right
    ["T-102", "Сейит кызы Жаңыл", 30000, 200],  # 300 expected
    ["T-105", "Ёлкина Ольга Ивановна", 20000, 200],  # left in 2020
    ["T-999", "Незнакомов Иван", 10000, 100],  # nobody in the register
]


def payroll_file(path: Path, rows: list[list[object]] = ROWS) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def known_month(state: AppState, tmp_path: Path) -> None:
    """MONTH's payroll list, and 1006 a cash payer whose receipt covers only EARLIER."""
    importing.run_import(state.db, "payroll", payroll_file(tmp_path / "p.xlsx"), month=MONTH)
    umur = members.find_by_card(state.db, "1006")
    assert umur is not None
    dues.add_cash_payment(state.db, umur, "R-1", EARLIER, 50000, EARLIER, EARLIER)


def open_page(qtbot, state: AppState) -> DuesPage:  # type: ignore[no-untyped-def]
    page = DuesPage(state)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    page.set_month(MONTH)
    settle(qtbot, page, MONTH)
    return page


def settle(qtbot, page: DuesPage, month: dt.date) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(
        lambda: not page.is_loading() and page.result is not None and page.result.month == month,
        timeout=10000,
    )


def names(tree: QTreeWidget) -> list[str]:
    return [tree.topLevelItem(i).text(2) for i in range(tree.topLevelItemCount())]


def group_names(group: QTreeWidgetItem) -> list[str]:
    return [group.child(i).text(2) for i in range(group.childCount())]


def test_known_month_lists_counts_and_totals(qtbot, app_state: AppState, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    known_month(app_state, tmp_path)
    page = open_page(qtbot, app_state)

    assert names(page.lists["notMembers"]) == ["Ёлкина Ольга Ивановна", "Незнакомов Иван"]
    wrong = page.lists["wrongAmount"]
    assert names(wrong) == ["Сейит кызы Жаңыл"]
    assert [wrong.topLevelItem(0).text(c) for c in (3, 4, 5)] == [
        format_money(3_000_000), format_money(30_000), format_money(20_000)
    ]
    missing = page.lists["missing"]
    employees, pensioners, cash = (missing.topLevelItem(i) for i in range(3))
    assert group_names(employees) == [
        "Асанова Гүлнара Бакытовна", "Бакиев Нурлан", "Ногойбаева Айгүл Асановна"
    ]  # sorted by name; 1001 and 1002 had dues withheld
    assert group_names(pensioners) == ["Иванова Елена Петровна", "Петров Алексей Сергеевич"]
    assert group_names(cash) == ["Үсөнов Өмүр Токтогулович"]
    assert employees.text(0) == _("Employees: {count}").format(count=3)
    assert [page.tabs.tabText(i) for i in range(3)] == [
        _("Non-members ({count})").format(count=2),
        _("Unpaid ({count})").format(count=6),
        _("Wrong amount ({count})").format(count=1),
    ]
    assert page.totals.text() == _(
        "Payroll list of {month}: {rows} rows, wages {wage}, withheld {withheld}"
    ).format(month=MONTH.strftime("%m.%Y"), rows=4, wage=format_money(8_500_000),
             withheld=format_money(75_000))


def test_another_month_is_recomputed(qtbot, app_state: AppState, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    known_month(app_state, tmp_path)
    page = open_page(qtbot, app_state)
    page.set_month(EARLIER)  # no payroll list; 1006's receipt covers it
    settle(qtbot, page, EARLIER)

    assert names(page.lists["notMembers"]) == [] and names(page.lists["wrongAmount"]) == []
    employees, pensioners, cash = (page.lists["missing"].topLevelItem(i) for i in range(3))
    assert len(group_names(employees)) == 5  # 1001, 1002 now among them
    assert len(group_names(pensioners)) == 2
    assert group_names(cash) == []
    assert page.result is not None and page.result.rows == 0

    before = page.result
    app_state.notify_changed("dues")  # a change elsewhere reconciles the month again
    qtbot.waitUntil(lambda: page.result is not before and not page.is_loading(), timeout=10000)


def test_double_click_opens_the_member(qtbot, app_state: AppState, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    known_month(app_state, tmp_path)
    page = open_page(qtbot, app_state)
    page.tabs.setCurrentIndex(2)
    tree = page.lists["wrongAmount"]
    rect = tree.visualItemRect(tree.topLevelItem(0))
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    assert page.dialog is not None and page.dialog.isVisible()
    assert page.dialog.member_id == members.find_by_card(app_state.db, "1002")
    page.dialog.reject()
    # a payroll row that matched nobody opens nothing
    assert page.open_member(None) is None


def test_wizard_imports_payroll_for_the_pages_month(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState, tmp_path: Path
) -> None:
    page = open_page(qtbot, app_state)
    assert names(page.lists["notMembers"]) == []
    wizard = ImportWizard(app_state, "payroll", page, month=page.chosen_month())
    qtbot.addWidget(wizard)
    wizard.set_file(payroll_file(tmp_path / "ведомость.xlsx"))
    wizard.show()
    wizard.next()
    assert wizard.currentId() == PREVIEW_PAGE
    qtbot.waitUntil(lambda: wizard.preview_page.job is None, timeout=15000)
    assert wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == SUMMARY_PAGE, timeout=15000)

    lines = wizard.summary_page.text.text().splitlines()
    assert _("Month: {month}").format(month=MONTH.strftime("%m.%Y")) in lines
    assert _("Matched to members: {count}").format(count=3) in lines
    assert _("Total withheld: {amount}").format(amount=format_money(75_000)) in lines
    wizard.accept()
    # the page heard of the import and reconciled its month again
    qtbot.waitUntil(lambda: len(names(page.lists["notMembers"])) == 2, timeout=10000)


def test_member_dialog_dues_tab_shows_months(qtbot, app_state: AppState, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    known_month(app_state, tmp_path)
    page = open_page(qtbot, app_state)
    jangyl = members.find_by_card(app_state.db, "1002")
    dialog = page.open_member(jangyl)
    assert dialog is not None
    assert dialog.tabs.tabText(3) == _("Dues")
    assert dialog.dues_tab.rows() == [
        [MONTH.strftime("%m.%Y"), format_money(3_000_000), format_money(20_000), ""]
    ]
    dialog.reject()
    # a cash payer: the receipt's month, no payroll row
    umur = page.open_member(members.find_by_card(app_state.db, "1006"))
    assert umur is not None
    assert umur.dues_tab.rows() == [[EARLIER.strftime("%m.%Y"), "", "", format_money(50_000)]]
    umur.reject()
    # a member with nothing recorded says so
    nothing = page.open_member(members.find_by_card(app_state.db, "1003"))
    assert nothing is not None and nothing.dues_tab.rows() == []
    assert nothing.dues_tab.pages.currentWidget() is nothing.dues_tab.empty
    nothing.reject()


def test_cash_receipt_is_spread_over_its_months(app_state: AppState) -> None:
    umur = members.find_by_card(app_state.db, "1006")
    assert umur is not None
    dues.add_cash_payment(app_state.db, umur, "R-2", EARLIER, 1001, EARLIER, MONTH)
    history = dues.member_dues_history(app_state.db, umur)
    assert [(h.month, h.cash) for h in history] == [(MONTH, 500), (EARLIER, 501)]
