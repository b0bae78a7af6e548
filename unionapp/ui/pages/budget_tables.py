"""The Budget page's two lists: the lines under their side (income, expenses) with the side's
total on its heading row, and the year's manual entries.

An overspent line is drawn in red and its last column says «Overspent» in words, so the mark
survives a grey screen, a photocopy and colour-blindness alike.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem

from unionapp.core.budget import (
    EXPENSE,
    INCOME,
    SIDES,
    Budget,
    EntryRow,
    LineRow,
    SideTotals,
    percent_text,
    status_text,
)
from unionapp.core.formatting import format_date, format_money
from unionapp.core.i18n import N_, _
from unionapp.ui.pages.page_parts import ID_ROLE, RIGHT

LINE_COLUMNS = (N_("Line"), N_("Planned"), N_("Actual"), N_("Remaining"), N_("Used, %"),
                N_("Note"))
ENTRY_COLUMNS = (N_("Date"), N_("Line"), N_("Document No"), N_("Amount"), N_("Note"))
NOTE_COLUMN = 5
OVERSPENT_BRUSH = QBrush(QColor("#b71c1c"))
LINE_ROLE = Qt.ItemDataRole.UserRole + 1  # the line's key (side, category, name)


def _read_only(tree: QTreeWidget, name: str, columns: int, stretch: int) -> None:
    """As ``page_parts.record_list`` sets up a list: whole rows chosen, nothing edited in
    place, column ``stretch`` taking the spare width so the money lines up at the right."""
    tree.setObjectName(name)
    tree.setColumnCount(columns)
    tree.setRootIsDecorated(False)
    tree.setAlternatingRowColors(True)
    tree.setUniformRowHeights(True)
    tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


class LineTable(QTreeWidget):
    """Income and expenses as two heading rows (with their totals) over their lines."""

    def __init__(self) -> None:
        super().__init__()
        _read_only(self, "budgetLines", len(LINE_COLUMNS), stretch=0)
        self.setItemsExpandable(False)
        self.setIndentation(14)
        self.result: Budget | None = None
        self.items: list[QTreeWidgetItem] = []  # the lines' rows, in order

    def retranslate(self) -> None:
        self.setHeaderLabels([_(c) for c in LINE_COLUMNS])
        if self.result is not None:
            self.show_budget(self.result)

    def show_budget(self, result: Budget) -> None:
        chosen = self.selected_line()
        keep = chosen.key if chosen is not None else None
        self.result = result
        self.blockSignals(True)
        self.clear()
        self.items = []
        current: QTreeWidgetItem | None = None
        for side in (INCOME, EXPENSE):
            heading = self._totals_item(result.totals(side))
            self.addTopLevelItem(heading)
            for line in result.side_lines(side):
                item = self._line_item(line)
                heading.addChild(item)
                self.items.append(item)
                if line.key == keep:
                    current = item
        self.expandAll()
        if current is not None:
            self.setCurrentItem(current)
        self.blockSignals(False)

    @staticmethod
    def _cells(label: str, planned: int, actual: int, remaining: int, percent: str,
               overspent: bool) -> list[str]:
        return [label, format_money(planned), format_money(actual), format_money(remaining),
                percent, status_text(overspent)]

    def _totals_item(self, totals: SideTotals) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self._cells(
            _(SIDES[totals.side]), totals.planned, totals.actual, totals.remaining,
            percent_text(totals.percent_used), totals.overspent))
        font = QFont(self.font())
        font.setBold(True)
        for column in range(len(LINE_COLUMNS)):
            item.setFont(column, font)
        self._align(item, totals.overspent)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading: not chosen as a line
        return item

    def _line_item(self, line: LineRow) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self._cells(
            line.label, line.planned, line.actual, line.remaining,
            percent_text(line.percent_used), line.overspent))
        item.setData(0, LINE_ROLE, line.key)
        item.setToolTip(0, line.label)  # a narrow window cuts the label short
        self._align(item, line.overspent)
        if line.counted or line.posted:
            item.setToolTip(2, _("From the registers {counted}; from the entries {posted}")
                            .format(counted=format_money(line.counted),
                                    posted=format_money(line.posted)))
        if line.overspent:
            font = QFont(self.font())
            font.setBold(True)
            item.setFont(NOTE_COLUMN, font)
        return item

    @staticmethod
    def _align(item: QTreeWidgetItem, overspent: bool) -> None:
        for column in (1, 2, 3, 4):
            item.setTextAlignment(column, RIGHT)
        if overspent:
            for column in range(len(LINE_COLUMNS)):
                item.setForeground(column, OVERSPENT_BRUSH)

    def selected_line(self) -> LineRow | None:
        item = self.currentItem()
        if item is None or self.result is None:
            return None
        key = item.data(0, LINE_ROLE)
        return self.result.line(tuple(key)) if key is not None else None

    def select_line(self, key: tuple[str, str, str | None]) -> bool:
        for item in self.items:
            if tuple(item.data(0, LINE_ROLE)) == key:
                self.setCurrentItem(item)
                return True
        return False


class EntryTable(QTreeWidget):
    """The year's manual entries by date."""

    def __init__(self) -> None:
        super().__init__()
        _read_only(self, "budgetEntries", len(ENTRY_COLUMNS), stretch=4)
        self.entries: Sequence[EntryRow] = ()

    def retranslate(self) -> None:
        self.setHeaderLabels([_(c) for c in ENTRY_COLUMNS])
        self.show_entries(self.entries)

    def show_entries(self, entries: Sequence[EntryRow]) -> None:
        chosen = self.selected_id()
        self.entries = entries
        self.blockSignals(True)
        self.clear()
        keep: QTreeWidgetItem | None = None
        for entry in entries:
            item = QTreeWidgetItem([format_date(entry.entry_date), entry.label,
                                    entry.document_no or "", format_money(entry.amount),
                                    entry.note or ""])
            item.setData(0, ID_ROLE, entry.id)
            item.setTextAlignment(3, RIGHT)
            self.addTopLevelItem(item)
            if entry.id == chosen:
                keep = item
        if keep is not None:
            self.setCurrentItem(keep)
        self.blockSignals(False)

    def selected_id(self) -> int | None:
        item = self.currentItem()
        return None if item is None else int(item.data(0, ID_ROLE))
