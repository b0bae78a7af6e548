"""The Dues page's Arrears tab: who owes for which months as of a chosen day, and how much.

The rule is the core's (``unionapp.core.dues.arrears``, the same as ``dues arrears``). It
runs on the thread pool, and only while the tab is shown: a change elsewhere just marks the
list out of date, so editing members never waits for a count nobody looks at. An amount is
"unknown" when payroll never showed the member's wage; the sum counts the known ones and says
how many are unknown, never guessing.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from unionapp.core.dues import Arrear, arrears, compact_months
from unionapp.core.formatting import format_money, format_number
from unionapp.core.i18n import N_, _
from unionapp.ui.operations import Work
from unionapp.ui.pages.register_base import LatestRead

if TYPE_CHECKING:
    from unionapp.ui.state import AppState

MEMBER_ROLE = Qt.ItemDataRole.UserRole
# no department column: the name needs the width at 800 px; the department is its tooltip
COLUMNS = (N_("Card no"), N_("Personnel no"), N_("Full name"), N_("Months owed"),
           N_("Expected"))
EXPECTED = 4
HINT_COLOR = "#5c6670"


class ArrearsTab(QWidget):
    member_requested = Signal(int)
    counted = Signal()  # the title (with its count) changed

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.rows: list[Arrear] | None = None  # None: not computed yet
        self.shown_as_of: dt.date | None = None  # the day ``rows`` were counted to
        self.reader = LatestRead(self, self._read, self._done)
        self._stale = True

        self.as_of_label = QLabel()
        self.as_of = QDateEdit()
        self.as_of.setObjectName("arrearsAsOf")
        self.as_of.setDisplayFormat("dd.MM.yyyy")
        self.as_of.setCalendarPopup(True)
        today = dt.date.today()
        self.as_of.setDate(QDate(today.year, today.month, today.day))
        self.as_of_label.setBuddy(self.as_of)
        self.as_of.dateChanged.connect(lambda _d: self.mark_stale())
        self.rule = QLabel()
        self.rule.setWordWrap(True)
        self.rule.setStyleSheet(f"color:{HINT_COLOR};")
        self.tree = QTreeWidget()
        self.tree.setObjectName("arrears")
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.tree.itemActivated.connect(self._activated)
        self.totals = QLabel()
        self.totals.setObjectName("arrearsTotals")
        self.totals.setWordWrap(True)
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        top = QHBoxLayout()
        top.addWidget(self.as_of_label)
        top.addWidget(self.as_of)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.rule)  # its own full-width line: beside the date it was clipped
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.totals)
        self.retranslate()

    def retranslate(self) -> None:
        self.as_of_label.setText(_("&As of:"))
        self.rule.setText(self.rule_text())
        self.tree.setHeaderLabels([_(c) for c in COLUMNS])
        self._fill()

    @staticmethod
    def rule_text() -> str:
        return _(
            "Months from the first payroll list to the month before this day with nothing "
            "withheld and no cash receipt; expected: the rate of the last wage, or as on the "
            "last cash receipt."
        )

    def title(self) -> str:
        if self.rows is None:
            return _("Arrears")
        return _("Arrears ({count})").format(count=format_number(len(self.rows)))

    # -- computing ----------------------------------------------------------------------------
    def chosen_day(self) -> dt.date:
        day = self.as_of.date()
        return dt.date(day.year(), day.month(), day.day())

    def set_as_of(self, day: dt.date) -> None:
        self.as_of.setDate(QDate(day.year, day.month, day.day))

    def is_loading(self) -> bool:
        return self.reader.busy()

    def mark_stale(self) -> None:
        """The data or the day changed: count again now if shown, else when next shown."""
        self._stale = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        self._stale = False
        counting = self.reader.busy()
        self.reader.start()  # busy: counted again (the day last chosen) when this count ends
        if not counting:
            self._fill()

    def _read(self) -> Work:
        db, day = self.state.db, self.chosen_day()
        return lambda _progress, _cancelled: (day, arrears(db, day))

    def _done(self, result: tuple[dt.date, list[Arrear]]) -> None:
        self.shown_as_of, self.rows = result
        self._fill()
        self.counted.emit()

    # -- showing ------------------------------------------------------------------------------
    def _fill(self) -> None:
        self.tree.clear()
        rows = self.rows or []
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        items = []
        for row in rows:
            total = _("unknown") if row.total is None else format_money(row.total)
            item = QTreeWidgetItem([
                row.card_no or "", row.personnel_no or "", row.full_name,
                compact_months(row.months), total,
            ])
            if row.department:
                item.setToolTip(2, row.department)
            item.setData(0, MEMBER_ROLE, row.member_id)
            item.setTextAlignment(EXPECTED, right)
            if row.monthly is None:
                item.setForeground(EXPECTED, self.palette().placeholderText())
                item.setToolTip(EXPECTED, _("No wage of this member on any payroll list"))
            elif row.from_receipt or row.wage is None:
                item.setToolTip(EXPECTED, _(
                    "{monthly} a month, as on the member's last cash receipt (no wage on "
                    "payroll)"
                ).format(monthly=format_money(row.monthly)))
            else:
                item.setToolTip(EXPECTED, _("{monthly} a month; last wage {wage}").format(
                    monthly=format_money(row.monthly), wage=format_money(row.wage)))
            items.append(item)
        self.tree.addTopLevelItems(items)
        self.totals.setText(self.summary())

    def summary(self) -> str:
        rows = self.rows
        if rows is None or self.shown_as_of is None:
            return _("Counting…")
        known = sum(r.total or 0 for r in rows)
        unknown = sum(1 for r in rows if r.total is None)
        values = dict(
            date=self.shown_as_of.strftime("%d.%m.%Y"), count=format_number(len(rows)),
            amount=format_money(known), unknown=format_number(unknown),
        )
        if unknown:
            return _(
                "As of {date} owing: {count}; expected {amount}; amount unknown (no wage on "
                "payroll): {unknown}"
            ).format(**values)
        return _("As of {date} owing: {count}; expected {amount}").format(**values)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        member = item.data(0, MEMBER_ROLE)
        if member is not None:
            self.member_requested.emit(int(member))
