"""The members table's Qt model: a list of row numbers over a MemberList, nothing more.

Qt's QSortFilterProxyModel asks ``data()`` for every cell of 50,000 rows on each keystroke
(~1 s); this model asks MemberList for the matching row numbers (a few ms), resets once, and
formats only the cells the view paints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from unionapp.core.codes import EXIT_REASONS, SEXES, exit_reason_label, sex_short
from unionapp.core.formatting import format_date
from unionapp.core.member_fields import field_label
from unionapp.core.member_list import COLUMNS, MemberList

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ID = int(Qt.ItemDataRole.UserRole)
_COLUMN_COUNT = len(COLUMNS)
_HORIZONTAL = Qt.Orientation.Horizontal

Index = QModelIndex | QPersistentModelIndex
DATE_COLUMNS = frozenset({"birth_date", "join_date", "exit_date"})
WIDE_DATE = dt.date(2000, 8, 28)  # as wide as a date gets in most fonts


@dataclass(frozen=True)
class MemberFilter:
    """What the quick filters and the search box ask for."""

    query: str = ""
    status: str = "active"  # active | left | all
    department: str | None = None
    pensioners: bool = False
    youth: bool = False


class MembersModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.members = MemberList.from_rows([])
        self.rows: list[int] = []
        self.filter = MemberFilter()
        self._cells: list[Callable[[int], str]] = []
        self._bind()

    # -- data ---------------------------------------------------------------------------------
    def _bind(self) -> None:
        """One formatter per column, bound to the current lists (no lookups per cell)."""
        m = self.members

        def text(values: list[str]) -> Callable[[int], str]:
            return values.__getitem__

        def date(values: Sequence[dt.date | None]) -> Callable[[int], str]:
            return lambda i: format_date(values[i])

        sexes, reasons, pens = m.sex, m.exit_reason, m.pensioner
        by_column: dict[str, Callable[[int], str]] = {
            "card_no": text(m.card_no),
            "full_name": text(m.full_name),
            "sex": lambda i: sex_short(sexes[i]),
            "birth_date": date(m.birth_date),
            "department": text(m.department),
            "position": text(m.position),
            "join_date": date(m.join_date),
            "exit_date": date(m.exit_date),
            "exit_reason": lambda i: exit_reason_label(reasons[i]),
            "pensioner": lambda i: "✓" if pens[i] else "",
        }
        self._cells = [by_column[c] for c in COLUMNS]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if role == _DISPLAY:
            return self._cells[index.column()](self.rows[index.row()])
        if role == _ID:
            return self.members.ids[self.rows[index.row()]]
        if role == _TOOLTIP and COLUMNS[index.column()] in ("full_name", "department", "position"):
            return self._cells[index.column()](self.rows[index.row()])
        return None

    def multiData(self, index: Index, roleDataSpan: Any) -> None:  # noqa: N802, N803
        """All roles of a cell in one call instead of seven (the item delegate asks for font,
        alignment, colours, check state, decoration, text and background). Only the text is
        ever set - every column keeps the default alignment - so the roles the delegate's
        reused span holds from the previous cell are all still empty, and one ``setData``
        per cell is enough. A repaint gets ~25% cheaper, which a keystroke at 50k needs.
        """
        span = roleDataSpan  # a QModelRoleDataSpan (its stubs lack __getitem__ and __iter__)
        if span.length() == 7:
            text = span[5]
            if text.role() == _DISPLAY:
                text.setData(self._cells[index.column()](self.rows[index.row()]))
                return
        for role_data in span:
            role_data.setData(self.data(index, role_data.role()))

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        """Without Qt's bounds check, which asks rowCount() and columnCount() through the
        Python bridge for every painted cell."""
        if 0 <= row < len(self.rows) and 0 <= column < _COLUMN_COUNT and not parent.isValid():
            return self.createIndex(row, column)
        return QModelIndex()

    def headerData(  # noqa: N802 - Qt's name
        self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY
    ) -> Any:
        if role in (_DISPLAY, _TOOLTIP) and orientation == _HORIZONTAL:
            return field_label(COLUMNS[section])
        return None

    def retranslate(self) -> None:
        """Headers and labels (sex, exit reason) in the new language."""
        self.headerDataChanged.emit(_HORIZONTAL, 0, len(COLUMNS) - 1)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1)
            )

    # -- what is shown ------------------------------------------------------------------------
    def set_members(self, members: MemberList) -> None:
        """A freshly loaded register; keeps the current sort and filter."""
        members.sort(self.members.sort_column, self.members.descending)
        self.beginResetModel()
        self.members = members
        self._bind()
        self.rows = self._filtered(self.filter)
        self.endResetModel()

    def _filtered(self, f: MemberFilter) -> list[int]:
        return self.members.filter(f.query, f.status, f.department, f.pensioners, f.youth)

    def set_filter(self, **changes: Any) -> None:
        """E.g. ``set_filter(query="асан физ")`` or ``set_filter(status="left")``."""
        self.filter = replace(self.filter, **changes)
        rows = self._filtered(self.filter)
        if rows is self.rows:
            return
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        descending = order == Qt.SortOrder.DescendingOrder
        if (COLUMNS[column], descending) == (self.members.sort_column, self.members.descending):
            return
        self.beginResetModel()  # the page puts the selection back by member id
        self.members.sort(COLUMNS[column], descending)
        self.rows = self._filtered(self.filter)
        self.endResetModel()

    # -- lookups ------------------------------------------------------------------------------
    def member_id(self, row: int) -> int:
        return self.members.ids[self.rows[row]]

    def row_of_member(self, member_id: int) -> int | None:
        at = self.members.row_of(member_id)
        if at is None:
            return None
        try:
            return self.rows.index(at)
        except ValueError:
            return None

    def shown(self) -> int:
        return len(self.rows)

    def total(self) -> int:
        return len(self.members)

    def width_texts(self, column: int, sample: int = 300) -> set[str]:
        """The texts that decide a column's width: the first ``sample`` members of the whole
        register, shown or not (the exit date is empty among the active members the page
        opens on, yet must fit when "All" is chosen) plus every label a coded column can
        show; for a date column, one wide date."""
        name = COLUMNS[column]
        if name in DATE_COLUMNS:  # every date has the same letters
            return {format_date(WIDE_DATE)}
        cell = self._cells[column]
        texts = {cell(i) for i in range(min(sample, len(self.members)))}
        if name == "exit_reason":
            texts.update(exit_reason_label(code) for code in EXIT_REASONS)
        elif name == "sex":
            texts.update(sex_short(code) for code in SEXES)
        return texts
