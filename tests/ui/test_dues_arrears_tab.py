"""The Dues page's Arrears tab: who owes for which months as of a day, what it should have
brought (or "unknown"), the sum; counted off the GUI thread and only while shown."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from test_dues_page import EARLIER, MONTH, open_page, payroll_file

from unionapp.core import dues, importing, members
from unionapp.core.formatting import format_money
from unionapp.core.i18n import _
from unionapp.ui.state import AppState

# EARLIER: 1001, 1003 and 10 had dues withheld; MONTH: only 1001 did.
EARLIER_ROWS: list[list[object]] = [
    ["T-101", "Асан уулу Бакыт", 25000, 250],
    ["T-103", "Асанова Гүлнара Бакытовна", 40000, 400],
    ["T-110", "Бакиев Нурлан", 20000, 200],
]
MONTH_ROWS: list[list[object]] = [["T-101", "Асан уулу Бакыт", 25000, 250]]


def two_months(state: AppState, tmp_path: Path) -> None:
    importing.run_import(state.db, "payroll", payroll_file(tmp_path / "a.xlsx", EARLIER_ROWS),
                         month=EARLIER)
    importing.run_import(state.db, "payroll", payroll_file(tmp_path / "b.xlsx", MONTH_ROWS),
                         month=MONTH)
    umur = members.find_by_card(state.db, "1006")
    assert umur is not None
    dues.add_cash_payment(state.db, umur, "R-1", EARLIER, 50000, EARLIER, EARLIER)


def both_months() -> str:
    """EARLIER and MONTH follow each other: one run, one year written once if they share it."""
    if EARLIER.year == MONTH.year:
        return f"{EARLIER:%m}–{MONTH:%m.%Y}"
    return f"{EARLIER:%m.%Y}–{MONTH:%m.%Y}"


def table(page) -> list[list[str]]:  # type: ignore[no-untyped-def]
    tree = page.arrears.tree
    return [
        [tree.topLevelItem(r).text(c) for c in (0, 2, 3, 4)]
        for r in range(tree.topLevelItemCount())
    ]


def show_arrears(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    page.tabs.setCurrentWidget(page.arrears)
    qtbot.waitUntil(lambda: page.arrears.rows is not None and not page.is_loading(),
                    timeout=10000)


def test_who_owes_for_which_months_and_the_sum(qtbot, app_state: AppState, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    two_months(app_state, tmp_path)
    page = open_page(qtbot, app_state)
    assert page.arrears.rows is None  # not counted while nobody looks at it
    assert page.tabs.tabText(3) == _("Arrears")
    show_arrears(qtbot, page)

    unknown = _("unknown")
    month, both = MONTH.strftime("%m.%Y"), both_months()
    assert table(page) == [
        ["1003", "Асанова Гүлнара Бакытовна", month, format_money(40_000)],
        ["10", "Бакиев Нурлан", month, format_money(20_000)],
        ["2", "Иванова Елена Петровна", both, unknown],
        ["1008", "Ногойбаева Айгүл Асановна", both, unknown],
        ["1004", "Петров Алексей Сергеевич", both, unknown],
        ["1002", "Сейит кызы Жаңыл", both, unknown],
        # his receipt paid EARLIER: a month expected as on it
        ["1006", "Үсөнов Өмүр Токтогулович", month, format_money(50_000)],
    ]
    assert page.arrears.totals.text() == _(
        "As of {date} owing: {count}; expected {amount}; amount unknown (no wage on "
        "payroll): {unknown}"
    ).format(date=dt.date.today().strftime("%d.%m.%Y"), count=7,
             amount=format_money(110_000), unknown=4)
    assert page.tabs.tabText(3) == _("Arrears ({count})").format(count=7)
    # the same people as the command line's rule
    assert [r.full_name for r in dues.arrears(app_state.db, dt.date.today())] == [
        row[1] for row in table(page)
    ]


def test_another_day_is_counted_again(qtbot, app_state: AppState, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    two_months(app_state, tmp_path)
    page = open_page(qtbot, app_state)
    show_arrears(qtbot, page)
    page.arrears.set_as_of(MONTH.replace(day=15))  # counts EARLIER only
    assert page.arrears.is_loading()  # on the thread pool, not in this call
    qtbot.waitUntil(lambda: page.arrears.shown_as_of == MONTH.replace(day=15)
                    and not page.is_loading(), timeout=10000)
    earlier = EARLIER.strftime("%m.%Y")
    assert [row[1:3] for row in table(page)] == [
        ["Иванова Елена Петровна", earlier],
        ["Ногойбаева Айгүл Асановна", earlier],
        ["Петров Алексей Сергеевич", earlier],
        ["Сейит кызы Жаңыл", earlier],
    ]
    assert page.arrears.totals.text() == _(
        "As of {date} owing: {count}; expected {amount}; amount unknown (no wage on "
        "payroll): {unknown}"
    ).format(date=MONTH.replace(day=15).strftime("%d.%m.%Y"), count=4,
             amount=format_money(0), unknown=4)


def test_a_change_elsewhere_is_counted_when_the_tab_is_shown(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState, tmp_path: Path
) -> None:
    two_months(app_state, tmp_path)
    page = open_page(qtbot, app_state)
    show_arrears(qtbot, page)
    page.tabs.setCurrentIndex(0)
    jangyl = members.find_by_card(app_state.db, "1002")
    assert jangyl is not None
    dues.add_cash_payment(app_state.db, jangyl, "R-5", MONTH, 70_000, EARLIER, MONTH)
    app_state.notify_changed("dues")
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10000)
    assert "Сейит кызы Жаңыл" in [row[1] for row in table(page)]  # hidden: not counted yet
    show_arrears(qtbot, page)
    qtbot.waitUntil(lambda: len(table(page)) == 6, timeout=10000)
    assert "Сейит кызы Жаңыл" not in [row[1] for row in table(page)]


def test_no_payroll_means_no_arrears(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, app_state)
    show_arrears(qtbot, page)
    assert table(page) == []
    assert page.arrears.totals.text() == _("As of {date} owing: {count}; expected {amount}").format(
        date=dt.date.today().strftime("%d.%m.%Y"), count=0, amount=format_money(0))


def test_double_click_opens_the_member(qtbot, app_state: AppState, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    two_months(app_state, tmp_path)
    page = open_page(qtbot, app_state)
    show_arrears(qtbot, page)
    tree = page.arrears.tree
    rect = tree.visualItemRect(tree.topLevelItem(1))
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.dialog is not None and page.dialog.isVisible()
    assert page.dialog.member_id == members.find_by_card(app_state.db, "10")
    page.dialog.reject()
