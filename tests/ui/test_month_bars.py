"""The Dues page's year chart: twelve bars fed from the dues statement, tooltips with the
month's three figures, the chosen month highlighted, and a repaint after a year change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from test_dues_page import MONTH, known_month, open_page

from unionapp.core import dues, members
from unionapp.core.dues_statement import dues_statement
from unionapp.core.formatting import format_money
from unionapp.core.i18n import set_language
from unionapp.ui.state import AppState
from unionapp.ui.widgets.month_bars import MonthBars, MonthFigures


def test_widget_tooltips_and_paint(qtbot) -> None:  # type: ignore[no-untyped-def]
    set_language("ru")
    bars = MonthBars()
    qtbot.addWidget(bars)
    bars.resize(600, 160)
    figures = [MonthFigures(m * 100_00, m * 30_00, m * 70_00) for m in range(1, 13)]
    bars.set_figures(figures, 3)
    assert bars.highlighted == 3
    assert bars.month_names()[0].lower().startswith("янв")
    tip = bars.tooltip_for(2)
    assert tip.lower().startswith("март")
    for money in (300_00, 90_00, 210_00):
        assert format_money(money) in tip
    # every bar has its own slot left to right, and hovering finds it back
    slots = [bars.bar_rect(i) for i in range(12)]
    assert all(a.right() < b.left() for a, b in zip(slots, slots[1:], strict=False))
    assert bars.index_at(slots[5].center()) == 5
    image = bars.grab().toImage()
    assert not image.isNull()
    # the highlighted bar is painted in another colour than a plain one
    march, april = slots[2], slots[3]
    y = march.bottom() - 2
    assert image.pixelColor(march.center().x(), y) != image.pixelColor(april.center().x(), y)
    russian = bars.month_names()
    set_language("ky")
    assert bars.month_names() != russian  # the labels follow the language
    bars.grab()


def test_page_chart_follows_statement_and_year(
    qtbot, app_state: AppState, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    known_month(app_state, tmp_path)
    page = open_page(qtbot, app_state)
    chart = page.chart
    qtbot.waitUntil(lambda: len(chart.months) == 12 and not page.is_loading(), timeout=10000)
    statement = dues_statement(app_state.db, MONTH.year)
    assert [m.received for m in chart.months] == [r.total for r in statement.rows]
    assert [m.to_higher for m in chart.months] == [r.to_higher for r in statement.rows]
    assert [m.retained for m in chart.months] == [r.retained for r in statement.rows]
    assert chart.months[MONTH.month - 1].received > 0
    assert chart.highlighted == MONTH.month
    tip = chart.tooltip_for(MONTH.month - 1)
    assert format_money(statement.rows[MONTH.month - 1].total) in tip
    assert not chart.grab().toImage().isNull()

    # a cash payment dated in the chosen month: the data change reaches the chart
    umur = members.find_by_card(app_state.db, "1006")
    assert umur is not None
    before = chart.months[MONTH.month - 1].received
    dues.add_cash_payment(app_state.db, umur, "R-2", MONTH, 12_345, MONTH, MONTH)
    page.on_data_changed("dues")
    qtbot.waitUntil(
        lambda: chart.months[MONTH.month - 1].received == before + 12_345
        and not page.is_loading(), timeout=10000,
    )

    # another year: its (empty) months, with its month highlighted
    page.set_month(dt.date(MONTH.year - 3, 6, 1))
    qtbot.waitUntil(lambda: not page.is_loading() and page.chart.highlighted == 6, timeout=10000)
    qtbot.waitUntil(lambda: sum(m.received for m in chart.months) == 0, timeout=10000)
    chart.grab()
