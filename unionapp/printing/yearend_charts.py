"""The year-end report's three charts, drawn with ReportLab graphics (vector, in the PDF's own
font, so the Kyrgyz letters of a label print as sharply as the tables' text).

The charts only draw; the figures come counted from ``core.yearend``. Money is drawn in whole
som (a bar's height needs no tyiyn) and labelled through Babel; the exact amounts are in the
tables beside the charts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors

from unionapp.core.formatting import format_number
from unionapp.printing.fonts import register_fonts

CURRENT = colors.HexColor("#2f5d8a")  # the report's year
PREVIOUS = colors.HexColor("#b7c7d8")  # the year before
AXIS_GREY = colors.HexColor("#8c8c8c")
FONT_SIZE = 7.5


def _number(value: Any) -> str:
    """An axis or bar label: a whole number grouped the language's way."""
    return format_number(int(round(value)))


def _scale_top(largest: int) -> int:
    """A round top for the value axis a little above the largest bar (1, 2 or 5 x 10^n)."""
    if largest <= 0:
        return 5
    step = 1
    while step * 10 <= largest:
        step *= 10
    for factor in (1, 2, 5, 10):
        if largest * 1.15 <= factor * step:
            return factor * step
    return 10 * step


def _style_axes(chart: Any, top: int, regular: str) -> None:
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = top
    chart.valueAxis.valueStep = top / 5
    chart.valueAxis.labelTextFormat = _number
    chart.valueAxis.labels.fontName = regular
    chart.valueAxis.labels.fontSize = FONT_SIZE
    chart.valueAxis.strokeColor = AXIS_GREY
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#e3e3e3")
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.categoryAxis.labels.fontName = regular
    chart.categoryAxis.labels.fontSize = FONT_SIZE
    chart.categoryAxis.strokeColor = AXIS_GREY


def _legend(drawing: Drawing, x: float, y: float, entries: Sequence[tuple[Any, str]],
            regular: str) -> None:
    legend = Legend()
    legend.x, legend.y = x, y
    legend.alignment = "right"
    legend.fontName = regular
    legend.fontSize = FONT_SIZE + 0.5
    legend.boxAnchor = "nw"
    legend.columnMaximum = 1
    legend.deltax = 60
    legend.dxTextSpace = 4
    legend.dx = legend.dy = 7
    legend.colorNamePairs = list(entries)
    drawing.add(legend)


def members_chart(width: float, height: float, years: Sequence[tuple[str, int]]) -> Drawing:
    """Members on 31 December of each year, oldest first, the count on each bar."""
    regular, _bold = register_fonts()
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 45, 22
    chart.width, chart.height = width - 60, height - 32
    chart.data = [[value for _label, value in years]]
    chart.categoryAxis.categoryNames = [label for label, _value in years]
    _style_axes(chart, _scale_top(max((v for _l, v in years), default=0)), regular)
    chart.bars[0].fillColor = CURRENT
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = _number
    chart.barLabels.fontName = regular
    chart.barLabels.fontSize = FONT_SIZE
    chart.barLabels.nudge = 6
    chart.groupSpacing = 14
    drawing.add(chart)
    return drawing


def months_chart(width: float, height: float, months: Sequence[str],
                 series: Sequence[tuple[str, Sequence[int]]]) -> Drawing:
    """Dues received by month, the previous year's bar beside each month's (whole som)."""
    regular, _bold = register_fonts()
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 55, 22
    chart.width, chart.height = width - 65, height - 48
    chart.data = [list(values) for _name, values in series]
    chart.categoryAxis.categoryNames = list(months)
    largest = max((v for _name, values in series for v in values), default=0)
    _style_axes(chart, _scale_top(largest), regular)
    for index, fill in enumerate((PREVIOUS, CURRENT)[-len(series):]):
        chart.bars[index].fillColor = fill
        chart.bars[index].strokeColor = None
    chart.groupSpacing = 6
    chart.barSpacing = 1
    drawing.add(chart)
    _legend(drawing, chart.x, height - 4,
            [(fill, name) for fill, (name, _v) in zip((PREVIOUS, CURRENT)[-len(series):],
                                                      series, strict=True)], regular)
    return drawing


def kinds_chart(width: float, height: float, kinds: Sequence[str],
                series: Sequence[tuple[str, Sequence[int]]]) -> Drawing:
    """Spending by kind as horizontal bars, the previous year's under this year's (whole som),
    each bar with its amount."""
    regular, _bold = register_fonts()
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    label_room = 150
    chart.x, chart.y = label_room, 18
    chart.width, chart.height = width - label_room - 50, height - 42
    # a horizontal chart draws its first category at the bottom: reverse, so the list reads
    # from the top in the order given, and the year before sits under this year
    chart.data = [list(reversed(values)) for _name, values in series]
    chart.categoryAxis.categoryNames = list(reversed(kinds))
    largest = max((v for _name, values in series for v in values), default=0)
    _style_axes(chart, _scale_top(largest), regular)
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.labels.fontSize = FONT_SIZE + 0.5
    chart.categoryAxis.labels.fontName = regular
    chart.categoryAxis.reverseDirection = False
    fills = (PREVIOUS, CURRENT)[-len(series):]
    for index, fill in enumerate(fills):
        chart.bars[index].fillColor = fill
        chart.bars[index].strokeColor = None
    chart.barLabelFormat = _number
    chart.barLabels.fontName = regular
    chart.barLabels.fontSize = FONT_SIZE
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    chart.groupSpacing = 8
    chart.barSpacing = 1
    drawing.add(chart)
    _legend(drawing, chart.x, height - 4,
            [(fill, name) for fill, (name, _v) in zip(fills, series, strict=True)], regular)
    return drawing
