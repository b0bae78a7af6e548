"""The screens that read on the thread pool read one thing at a time and show the last thing
asked for: a period, year or day chosen while a read runs is read when it ends, and the older
result is never shown in its place (home page, dues statement, year chart, arrears, year-end
report - all through ``register_base.LatestRead``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from unionapp.core import dues, members, settings
from unionapp.ui.dialogs.statement_dialog import StatementDialog
from unionapp.ui.pages.dues_arrears import ArrearsTab
from unionapp.ui.pages.dues_chart import YearChart
from unionapp.ui.pages.home import HomePage
from unionapp.ui.pages.reports import ReportsPage
from unionapp.ui.state import AppState

TIMEOUT = 15000
MARCH = dt.date(2025, 3, 1)


def _paid_in_march(state: AppState) -> None:
    member = members.find_by_card(state.db, "1001")
    assert member is not None
    dues.add_cash_payment(state.db, member, "R-1", MARCH, 1234, MARCH, MARCH)


def test_the_year_chart_shows_the_year_last_asked_for(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    _paid_in_march(app_state)
    chart = YearChart()
    qtbot.addWidget(chart)
    chart.show_month(app_state.db, dt.date(2024, 5, 1))
    assert chart.is_loading()
    chart.show_month(app_state.db, dt.date(2023, 1, 1))  # asked while 2024 is read
    chart.show_month(app_state.db, MARCH)  # and then this: the one to show
    qtbot.waitUntil(lambda: not chart.is_loading(), timeout=TIMEOUT)
    assert chart.highlighted == 3
    assert [m.received for m in chart.months][:4] == [0, 0, 1234, 0]
    chart.show_month(app_state.db, dt.date(2025, 7, 1))  # same year: no read, only highlight
    assert not chart.is_loading() and chart.highlighted == 7


def test_the_statement_is_of_the_period_last_chosen(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    _paid_in_march(app_state)
    dialog = StatementDialog(app_state, month=dt.date(2024, 3, 1))
    qtbot.addWidget(dialog)
    dialog.set_period(2023)
    dialog.set_period(2025, month=3)
    assert dialog.is_busy() and dialog.statement is None  # nothing old shown meanwhile
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=TIMEOUT)
    assert dialog.statement is not None
    assert (dialog.statement.year, dialog.statement.month) == (2025, 3)
    assert dialog.statement.total == 1234


def test_the_report_is_of_the_year_last_chosen(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    page = ReportsPage(app_state)
    qtbot.addWidget(page)
    page.show()
    page.set_year(2023)
    page.set_year(2024)
    assert page.is_busy()
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=TIMEOUT)
    assert page.report is not None and page.report.year == 2024


def test_arrears_are_counted_to_the_day_last_chosen(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    tab = ArrearsTab(app_state)
    qtbot.addWidget(tab)
    tab.show()
    tab.set_as_of(dt.date(2025, 1, 31))
    tab.set_as_of(dt.date(2025, 6, 30))
    qtbot.waitUntil(lambda: not tab.is_loading(), timeout=TIMEOUT)
    assert tab.shown_as_of == dt.date(2025, 6, 30)
    assert tab.rows is not None and tab.tree.topLevelItemCount() == len(tab.rows)


def test_the_home_page_shows_the_name_written_during_a_read(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    page = HomePage(app_state)
    qtbot.addWidget(page)
    page.show()  # the first read starts when shown
    assert page.is_loading()
    settings.set_value(app_state.db, "org.name_ky", "Жаңы уюм")
    page.reload()  # a read is running: this one follows it
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=TIMEOUT)
    assert page.heading.text() == "Жаңы уюм"
    assert page.anniversaries.topLevelItemCount() >= 1  # the list, or its «none» line


def test_the_home_cards_fit_the_width_of_a_1000_px_window(qtbot, demo_db_path: Path) -> None:  # type: ignore[no-untyped-def]
    """ky's long captions («кызматкерлердин профсоюзга камтылышы», «түшкөн мүчөлүк акы:
    Октябрь 2026») wrap inside three columns instead of pushing the page past the right edge
    (there is no horizontal scroll bar to reach it)."""
    state = AppState(demo_db_path)
    try:
        page = HomePage(state)
        qtbot.addWidget(page)
        page.resize(783, 640)  # the page's share of a 1000x700 window beside the side panel
        page.show()
        qtbot.waitUntil(lambda: page.data is not None and not page.is_loading(),
                        timeout=TIMEOUT)
        qtbot.wait(50)
        assert page.cards.columns == 3
        content = page.scroll_area.widget()
        assert content is not None
        assert content.width() <= page.scroll_area.viewport().width()
    finally:
        state.close_database()
