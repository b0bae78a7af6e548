"""A member-dialog tab that lists one member's records in a read-only table, or says in plain
words that there are none yet (the History and Dues tabs share it)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QStackedLayout,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from unionapp.core.i18n import _
from unionapp.ui.state import AppState

HINT_COLOR = "#5c6670"


class MemberTableTab(QWidget):
    """Subclasses give ``COLUMNS`` (msgids), ``EMPTY`` (msgid), ``load()`` and ``rows()``."""

    COLUMNS: tuple[str, ...] = ()
    EMPTY = ""

    def __init__(self, state: AppState, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.member_id: int | None = None
        self.items: list[Any] = []
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName(f"{name}Table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.empty = QLabel()
        self.empty.setObjectName(f"{name}Empty")
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(f"color:{HINT_COLOR}; padding:16px;")
        self.pages = QStackedLayout()
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.addLayout(self.pages)

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([_(c) for c in self.COLUMNS])
        self.empty.setText(_(self.EMPTY))
        self._fill()

    def set_member(self, member_id: int | None) -> None:
        self.member_id = member_id
        self.reload()

    def reload(self) -> None:
        self.items = [] if self.member_id is None else self.load(self.member_id)
        self._fill()

    def load(self, member_id: int) -> list[Any]:
        """The member's records (each subclass reads its own)."""
        return []

    def rows(self) -> list[list[str]]:
        """The table's texts for ``self.items`` (each subclass says what it shows)."""
        return []

    def is_empty_shown(self) -> bool:
        """True when the tab says there is nothing instead of showing the table."""
        return self.pages.currentWidget() is self.empty

    def _fill(self) -> None:
        rows = self.rows()
        self.pages.setCurrentWidget(self.table if rows else self.empty)
        self.table.setRowCount(len(rows))
        self.fill_table(rows)

    def fill_table(self, rows: list[list[str]]) -> None:
        """Put ``rows`` into the table (the row count is already set)."""
