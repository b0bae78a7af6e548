"""Twelve bars, one per month of a year: the dues received, the chosen month highlighted.

PySide6-Essentials has no QtCharts, so the widget paints itself. It is fed plain figures
(``MonthFigures``) by its page and never touches the database, so it stays a pure view that a
test can fill with any numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel.dates import get_month_names
from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QHelpEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QToolTip, QWidget

from unionapp.core import i18n
from unionapp.core.formatting import format_money
from unionapp.core.i18n import _


@dataclass(frozen=True)
class MonthFigures:
    """One month of the year in integer tyiyn."""

    received: int
    to_higher: int
    retained: int


class MonthBars(QWidget):
    """Received dues per month of a year as bars; hover a bar for its three figures."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duesMonthBars")
        self.months: list[MonthFigures] = []
        self.highlighted: int | None = None  # 1..12
        self.setMinimumHeight(110)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(480, 140)

    def set_figures(self, months: list[MonthFigures], highlighted: int | None) -> None:
        """Twelve months (January first); ``highlighted`` is the chosen month's number."""
        self.months = list(months)
        self.highlighted = highlighted
        self.update()

    def set_highlighted(self, month: int | None) -> None:
        self.highlighted = month
        self.update()

    @staticmethod
    def month_names() -> list[str]:
        names = get_month_names("abbreviated", context="stand-alone", locale=i18n.get_language())
        return [str(names[m]) for m in range(1, 13)]

    def tooltip_for(self, index: int) -> str:
        """The text shown over bar ``index`` (0 = January)."""
        figures = self.months[index]
        names = get_month_names("wide", context="stand-alone", locale=i18n.get_language())
        month = str(names[index + 1])  # a tooltip starts with a capital, ru's names do not
        return _(
            "{month}\nReceived: {received}\nPassed up: {to_higher}\nRetained: {retained}"
        ).format(
            month=month[:1].upper() + month[1:],
            received=format_money(figures.received),
            to_higher=format_money(figures.to_higher),
            retained=format_money(figures.retained),
        )

    # -- geometry -----------------------------------------------------------------------------
    def _plot(self) -> QRect:
        line = self.fontMetrics().height()
        return self.rect().adjusted(4, line + 6, -4, -(line + 6))

    def bar_rect(self, index: int) -> QRect:
        """Bar ``index``'s full-height slot (the painted bar is its lower part)."""
        plot = self._plot()
        slot = plot.width() / 12
        gap = max(2, int(slot * 0.2))
        left = plot.left() + int(index * slot)
        return QRect(left + gap // 2, plot.top(), max(1, int(slot) - gap), plot.height())

    def index_at(self, pos: QPoint) -> int | None:
        for index in range(len(self.months)):
            if self.bar_rect(index).adjusted(0, 0, 0, self.fontMetrics().height() + 6).contains(
                pos
            ):
                return index
        return None

    # -- painting -----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        plain = palette.color(QPalette.ColorRole.Mid)
        chosen = palette.color(QPalette.ColorRole.Highlight)
        plot = self._plot()
        line = self.fontMetrics().height()
        painter.setPen(plain)
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        if not self.months:
            return
        highest = max(m.received for m in self.months)
        names = self.month_names()
        labelled = False
        for index, figures in enumerate(self.months):
            slot = self.bar_rect(index)
            height = round(slot.height() * figures.received / highest) if highest > 0 else 0
            bar = QRect(slot.left(), slot.bottom() - height + 1, slot.width(), height)
            if height > 0:
                painter.fillRect(bar, chosen if index + 1 == self.highlighted else plain)
            painter.setPen(text)
            font = painter.font()
            font.setBold(index + 1 == self.highlighted)
            painter.setFont(font)
            label = QRect(slot.left() - 6, plot.bottom() + 3, slot.width() + 12, line)
            painter.drawText(label, Qt.AlignmentFlag.AlignCenter, names[index])
            if highest > 0 and figures.received == highest and not labelled:
                top = QRect(slot.left() - 40, bar.top() - line - 3, slot.width() + 80, line)
                painter.drawText(top, Qt.AlignmentFlag.AlignCenter, format_money(highest))
                labelled = True  # label only the first highest bar

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.index_at(event.pos())
            if index is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_for(index), self)
            return True
        return super().event(event)
