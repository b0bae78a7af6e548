"""The Home page's figures: number cards (members, coverage, youth, dues) and this year's
budget as one bar per spending line, filled from ``core.dashboard.Dashboard``.

Pure views: they are handed the figures read by the page's background job and never touch
the database. Overspending is shown twice, in red on the bar and in words beside it, so it
reads on a grey-scale printout of the screen or to someone who does not tell red from green.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from html import escape

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.numbers import format_percent
from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import i18n
from unionapp.core.dashboard import BudgetBar, Dashboard
from unionapp.core.formatting import format_money, format_number
from unionapp.core.i18n import _

CARD_STYLE = ("QFrame#homeCard { background:#f3f6f9; border:1px solid #d5dde6; "
              "border-radius:6px; }")
GREY = "color:#4a5560;"
OVER_COLOUR = QColor("#c62828")  # spent beyond the plan
USED_COLOUR = QColor("#3b78c4")
TRACK_COLOUR = QColor("#dde4ec")
MARK_COLOUR = QColor("#1f2d3a")


def percent_text(value: Decimal | None) -> str:
    """``81,3 %`` (ru) / ``81,3%`` (ky) with one decimal as the language writes a percentage;
    "—" for a figure left out."""
    if value is None:
        return "—"
    lang = i18n.get_language()
    pattern = Locale.parse(lang).percent_formats[None].pattern.replace("#,##0", "#,##0.0")
    return str(format_percent(value / 100, format=pattern, locale=lang))


def month_text(month: dt.date) -> str:
    """«октябрь 2026»: the month's own name (nominative), as a heading or after a colon."""
    return str(babel_format_date(month, "LLLL y", locale=i18n.get_language()))


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def link(text: str, target: str) -> str:
    """A whole translated sentence as a link (no markup inside the message itself)."""
    return f'<a href="{target}">{escape(text, quote=False)}</a>'


class Figure(QFrame):
    """A number with its caption and a smaller line below, as on a dashboard card."""

    link_activated = Signal(str)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("homeCard")
        self.setStyleSheet(CARD_STYLE)
        self.number = QLabel("—")
        self.number.setObjectName(name)
        font = self.number.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.number.setFont(font)
        self.caption = QLabel()
        self.caption.setStyleSheet(GREY)
        # a long caption («кызматкерлердин профсоюзга камтылышы») wraps: unwrapped, it made a
        # card wider than its column and pushed the page past the window's right edge
        self.caption.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setObjectName(f"{name}Detail")
        self.detail.setStyleSheet("color:#5c6670;")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.linkActivated.connect(self.link_activated.emit)
        self.detail.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.setSpacing(2)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)
        layout.addWidget(self.detail)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def set_detail(self, text: str, target: str | None = None) -> None:
        """The small line: plain text, or the whole sentence a link to page ``target``."""
        self.detail.setText(link(text, target) if target and text else escape(text, quote=False))
        self.detail.setVisible(bool(text))
        self.detail.setToolTip(text if target else "")


def fill_cards(data: Dashboard | None, members: Figure, coverage: Figure, youth: Figure,
               dues: Figure) -> None:
    """The figures of the day that come from ``core.dashboard`` (the members card's number
    and caption are the page's own)."""
    coverage.caption.setText(_("coverage of the staff"))
    youth.caption.setText(_("youth share"))
    if data is None:
        for card in (members, coverage, youth, dues):
            card.number.setText("…")
            card.set_detail("")
        dues.caption.setText(_("dues received"))
        return
    members.set_detail(_("women {women}, pensioners {pensioners}").format(
        women=format_number(data.women), pensioners=format_number(data.pensioners)))
    coverage.number.setText(percent_text(data.coverage_percent))
    if data.coverage_percent is None:
        coverage.set_detail(_("The employer's headcount is not set: enter it on the Settings "
                              "page."), "settings")
    else:
        coverage.set_detail(_("{members} of {employees} employees").format(
            members=format_number(data.members_now), employees=format_number(data.employees)))
    youth.number.setText(percent_text(data.youth_percent))
    youth.set_detail(_("{count} of {members}, age up to {age}").format(
        count=format_number(data.youth), members=format_number(data.members_now),
        age=data.youth_max_age))
    _fill_dues(data, dues)


def _fill_dues(data: Dashboard, card: Figure) -> None:
    last, before, change = data.dues, data.dues_before, data.dues_change
    if last is None or before is None or change is None:
        card.number.setText("—")
        card.caption.setText(_("dues received"))
        card.set_detail(_("No payroll list has been imported yet: import one on the Dues page."),
                        "dues")
        return
    card.number.setText(_("{amount} som").format(amount=format_money(last.received)))
    card.caption.setText(_("dues received for {month}").format(month=month_text(last.month)))
    if change > 0:
        trend = _("▲ {amount} more than the month before").format(amount=format_money(change))
    elif change < 0:
        trend = _("▼ {amount} less than the month before").format(amount=format_money(-change))
    else:
        trend = _("the same as the month before")
    month = capitalized(month_text(before.month))
    card.set_detail(f"{month}: {format_money(before.received)}; {trend}")  # punctuation only
    card.number.setToolTip(_("Payroll list {payroll}, paid in cash {cash}").format(
        payroll=format_money(last.payroll), cash=format_money(last.cash)))


class CardGrid(QWidget):
    """The cards in rows of equal columns, as many columns as the width holds: tidy rows at
    1000 px, two columns at 800 px, one on a very narrow window."""

    CARD_WIDTH = 210  # the narrowest a card may get before a column is dropped

    def __init__(self, cards: list[Figure], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards = cards
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(10)
        self.columns = 0
        self._arrange(3)

    def _arrange(self, columns: int) -> None:
        if columns == self.columns:
            return
        self.columns = columns
        for card in self.cards:
            self.grid.removeWidget(card)
        for column in range(len(self.cards)):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        for index, card in enumerate(self.cards):
            self.grid.addWidget(card, index // columns, index % columns)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        fits = max(1, (event.size().width() + 10) // (self.CARD_WIDTH + 10))
        self._arrange(min(len(self.cards), 3 if fits in (3, 4, 5) else fits))


class SpendingBar(QWidget):
    """One line's bar: the plan is the whole track, what was spent fills it; spending over
    the plan runs on in red past a dark mark at the plan's end."""

    def __init__(self, bar: BudgetBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = bar
        self.setMinimumWidth(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(300, 14)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        area = self.rect().adjusted(0, 2, -1, -2)
        bar = self.bar
        whole = max(bar.planned, bar.actual)
        painter.fillRect(area, TRACK_COLOUR)
        if whole <= 0:
            return

        def width(amount: int) -> int:
            return round(area.width() * amount / whole)

        within = min(bar.actual, bar.planned)
        painter.fillRect(QRect(area.left(), area.top(), width(within), area.height()),
                         USED_COLOUR)
        if bar.overspent:
            start = area.left() + width(bar.planned)
            painter.fillRect(QRect(start, area.top(), area.right() - start + 1, area.height()),
                             OVER_COLOUR)
            painter.fillRect(QRect(start - 1, area.top() - 2, 2, area.height() + 4), MARK_COLOUR)


class BudgetSection(QGroupBox):
    """This year's spending lines as bars with their figures; or, with no plan, where to
    make one."""

    link_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("homeBudget")
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(2)
        self.grid.setColumnStretch(0, 1)
        self.empty = QLabel()
        self.empty.setObjectName("budgetEmpty")
        self.empty.setWordWrap(True)
        self.empty.setTextFormat(Qt.TextFormat.RichText)
        self.empty.linkActivated.connect(self.link_activated.emit)
        self.total = QLabel()
        self.total.setObjectName("budgetTotal")
        self.total.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addLayout(self.grid)
        layout.addWidget(self.total)
        self.rows: list[tuple[QLabel, QLabel, SpendingBar]] = []  # name, figures, bar

    def show_budget(self, data: Dashboard | None, budget_page: bool) -> None:
        """``budget_page``: the window has a Budget page the empty state can link to."""
        year = data.budget_year if data is not None else dt.date.today().year
        self.setTitle(_("Budget {year}: spending by line, som").format(year=year))
        self._clear()
        if data is None:
            self._say(_("Reading…"))
            return
        if not data.has_budget:
            text = _("No budget for {year} yet — set it on the Budget page.").format(year=year)
            self._say(link(text, "budget") if budget_page else escape(text, quote=False))
            return
        self.empty.hide()
        for row, bar in enumerate(data.budget):
            self._add_row(row, bar)
        over = sum(1 for bar in data.budget if bar.overspent)
        total = _("Spent {actual} of {planned} planned ({percent}).").format(
            actual=format_money(data.budget_actual), planned=format_money(data.budget_planned),
            percent=percent_text(data.budget_used_percent))
        if over:
            total = " ".join((total, _("Lines overspent: {count}.").format(count=over)))
        self.total.setText(total)
        self.total.show()

    def _say(self, text: str) -> None:
        self.empty.setText(text)
        self.empty.show()
        self.total.hide()

    def _clear(self) -> None:
        for name, figures, bar in self.rows:
            for widget in (name, figures, bar):
                self.grid.removeWidget(widget)
                widget.hide()  # at once: the deletion waits for the event loop
                widget.deleteLater()
        self.rows = []

    def _add_row(self, row: int, bar: BudgetBar) -> None:
        name = QLabel(bar.label)
        name.setWordWrap(True)
        if bar.overspent:
            over = bar.actual - bar.planned
            text = _("{actual} of {planned} — overspent by {over}").format(
                actual=format_money(bar.actual), planned=format_money(bar.planned),
                over=format_money(over))
            figures = QLabel(f"⚠ {text}")
            figures.setStyleSheet(f"color:{OVER_COLOUR.name()}; font-weight:bold;")
        else:
            figures = QLabel(_("{actual} of {planned} ({percent})").format(
                actual=format_money(bar.actual), planned=format_money(bar.planned),
                percent=percent_text(bar.used_percent)))
        figures.setObjectName("budgetFigures")
        figures.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        spending = SpendingBar(bar)
        spending.setToolTip(bar.label)
        self.grid.addWidget(name, 2 * row, 0)
        self.grid.addWidget(figures, 2 * row, 1)
        self.grid.addWidget(spending, 2 * row + 1, 0, 1, 2)
        self.rows.append((name, figures, spending))
