"""One small table model for the Vouchers page's lists (queue, issued, institutions).

Each list is a few hundred to a few thousand rows of plain records from the core. The model
keeps the records and, per column, a function that turns a record into its text; a filter
keeps the numbers of the records whose prepared key holds every typed word (casefolded, ё as
е), so a keystroke scans strings in memory and resets the view once, as the members table
does. Nothing here touches the database.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from unionapp.core.i18n import _
from unionapp.core.member_list import search_text

Index = QModelIndex | QPersistentModelIndex
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
DIMMED = QColor("#7a7a7a")


@dataclass(frozen=True)
class Column:
    title: str  # msgid, translated when shown
    text: Callable[[Any], str]
    right: bool = False  # numbers and money
    stretch: bool = False  # takes the spare width
    tooltip: bool = False  # long text: the whole of it as a tooltip
    max_width: int = 0  # px; a longer text is elided (the tooltip shows it), 0: no limit


class RecordsModel(QAbstractTableModel):
    """Records shown through ``columns``; ``set_filter`` keeps those matching every word."""

    def __init__(
        self,
        columns: Sequence[Column],
        key: Callable[[Any], str],
        parent: QObject | None = None,
        *,
        dimmed: Callable[[Any], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._key = key
        self._dimmed = dimmed
        self.records: list[Any] = []
        self._keys: list[str] = []
        self.shown: list[int] = []
        self.query = ""

    # -- contents -----------------------------------------------------------------------------
    def set_records(self, records: Sequence[Any]) -> None:
        self.beginResetModel()
        self.records = list(records)
        self._keys = [search_text(self._key(r)) for r in self.records]
        self.shown = self._matching(self.query)
        self.endResetModel()

    def set_columns(self, columns: Sequence[Column]) -> None:
        self.beginResetModel()
        self.columns = list(columns)
        self.endResetModel()

    def set_filter(self, query: str) -> None:
        self.beginResetModel()
        self.query = query
        self.shown = self._matching(query)
        self.endResetModel()

    def _matching(self, query: str) -> list[int]:
        words = search_text(query).split()
        if not words:
            return list(range(len(self.records)))
        return [i for i, key in enumerate(self._keys) if all(w in key for w in words)]

    def record(self, row: int) -> Any:
        return self.records[self.shown[row]] if 0 <= row < len(self.shown) else None

    def shown_records(self) -> list[Any]:
        return [self.records[i] for i in self.shown]

    def row_of(self, test: Callable[[Any], bool]) -> int:
        return next((row for row, i in enumerate(self.shown) if test(self.records[i])), -1)

    def retranslate(self) -> None:
        """Texts are made when painted: a reset repaints them in the new language."""
        self.beginResetModel()
        self.endResetModel()

    # -- Qt -----------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        if role == _DISPLAY or (role == _TOOLTIP and column.tooltip):
            return column.text(self.records[self.shown[index.row()]])
        if role == _ALIGN and column.right:
            return _RIGHT
        if role == _FOREGROUND and self._dimmed is not None and self._dimmed(
            self.records[self.shown[index.row()]]
        ):
            return DIMMED
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY
    ) -> Any:
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal:
            return _(self.columns[section].title)
        return None


def records_view(model: RecordsModel, name: str, parent: QWidget | None = None) -> QTableView:
    """A read-only, row-selecting table over ``model``; the stretch column takes spare width."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    rows = view.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(QFontMetrics(view.font()).height() + 8)
    view.setProperty("naturalWidths", [])
    fit_columns(view, model)
    model.modelReset.connect(lambda: fit_columns(view, model))
    view.viewport().installEventFilter(_RoomKeeper(view, model))
    return view


STRETCH_ROOM = 240  # px the stretching column (the queue's «Why») keeps on a narrow window
ELIDED_ROOM = 120  # px a capped column (a name) may shrink to so that the stretching one fits


class _RoomKeeper(QObject):
    """Keeps room for the stretching column whenever the table's width changes."""

    def __init__(self, view: QTableView, model: RecordsModel) -> None:
        super().__init__(view)
        self.view, self.model = view, model

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize:
            make_room(self.view, self.model)
        return False


def fit_columns(view: QTableView, model: RecordsModel) -> None:
    """Columns as wide as their texts (a few hundred rows measured), long ones capped at their
    ``max_width``; the stretching column, or else the last, takes what is left."""
    header = view.horizontalHeader()
    header.setStretchLastSection(not any(c.stretch for c in model.columns))
    header.setResizeContentsPrecision(200)
    natural: list[int] = []
    for index, column in enumerate(model.columns):
        header.setSectionResizeMode(index, QHeaderView.ResizeMode.Interactive)
        if column.stretch:
            header.setSectionResizeMode(index, QHeaderView.ResizeMode.Stretch)
            natural.append(0)
            continue
        view.resizeColumnToContents(index)
        if column.max_width and header.sectionSize(index) > column.max_width:
            header.resizeSection(index, column.max_width)
        natural.append(header.sectionSize(index))
    view.setProperty("naturalWidths", natural)
    make_room(view, model)


def make_room(view: QTableView, model: RecordsModel) -> None:
    """On a narrow window the capped columns (names, elided with a tooltip) shrink so that the
    stretching column keeps ``STRETCH_ROOM``; if that is still not enough it keeps it anyway
    and the table scrolls sideways. Without this the queue's «Why» was squeezed to nothing."""
    stretch = next((i for i, c in enumerate(model.columns) if c.stretch), None)
    natural = list(view.property("naturalWidths") or [])
    if stretch is None or len(natural) != len(model.columns):
        return
    header = view.horizontalHeader()
    widths = dict(enumerate(natural))
    over = sum(w for i, w in widths.items() if i != stretch) + STRETCH_ROOM \
        - view.viewport().width()
    for index, column in enumerate(model.columns):
        if over <= 0:
            break
        if column.max_width and index != stretch:
            cut = min(over, max(0, widths[index] - ELIDED_ROOM))
            widths[index] -= cut
            over -= cut
    for index, width in widths.items():
        if index != stretch and header.sectionSize(index) != width:
            header.resizeSection(index, width)
    mode = QHeaderView.ResizeMode.Interactive if over > 0 else QHeaderView.ResizeMode.Stretch
    if header.sectionResizeMode(stretch) != mode:
        header.setSectionResizeMode(stretch, mode)
    if over > 0:
        header.resizeSection(stretch, STRETCH_ROOM)


def selected_record(view: QTableView, model: RecordsModel) -> Any:
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    return model.record(rows[0].row()) if rows else None


def show_keeping_choice(view: QTableView, model: RecordsModel, records: Sequence[Any]) -> None:
    """Show ``records`` (read again) with the same record (by ``id``) still chosen."""
    chosen = selected_record(view, model)
    model.set_records(records)
    if chosen is not None:
        row = model.row_of(lambda r: r.id == chosen.id)
        if row >= 0:
            view.selectRow(row)
