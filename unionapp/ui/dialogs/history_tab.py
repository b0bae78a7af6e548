"""A member's history from the audit log: when, what, old value -> new value, and from where."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import members
from unionapp.core.formatting import format_datetime
from unionapp.core.i18n import N_, _
from unionapp.core.member_fields import action_label, field_label, history_value
from unionapp.core.members import HistoryItem
from unionapp.ui.state import AppState

HISTORY_COLUMNS = (
    N_("When"),
    N_("Change"),
    N_("Field"),
    N_("Old value"),
    N_("New value"),
    N_("Source"),
)


class HistoryTab(QWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.member_id: int | None = None
        self.items: list[HistoryItem] = []
        self.table = QTableWidget(0, len(HISTORY_COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([_(c) for c in HISTORY_COLUMNS])
        self._fill()

    def set_member(self, member_id: int | None) -> None:
        self.member_id = member_id
        self.reload()

    def reload(self) -> None:
        self.items = (
            [] if self.member_id is None else members.history(self.state.db, self.member_id)
        )
        self._fill()

    def rows(self) -> list[list[str]]:
        """What the table shows, newest first (also handy for tests)."""
        return [
            [
                format_datetime(item.at),
                action_label(item.action),
                field_label(item.field),
                history_value(item.field, item.old),
                history_value(item.field, item.new),
                item.source or "",
            ]
            for item in self.items
        ]

    def _fill(self) -> None:
        rows = self.rows()
        self.table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, text in enumerate(values):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.table.setItem(r, c, cell)
        self.table.resizeColumnsToContents()
        for column in (3, 4):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 260))
