"""A member's history from the audit log: when, what, old value -> new value, and from where.

Written so a chairperson reads it without knowing how the log is kept: a child added or
removed says "added"/"deleted" (the log stores it as the member's "child" field going from
nothing to a name, or back), the "Source" column appears only when an import made a change
(it names the file), and a member with no recorded change - e.g. one of the demo's, made
without a history - says so instead of showing an empty table.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHeaderView,
    QTableWidgetItem,
    QWidget,
)

from unionapp.core import members
from unionapp.core.formatting import format_datetime
from unionapp.core.i18n import N_
from unionapp.core.member_fields import action_label, field_label, history_value
from unionapp.core.members import HistoryItem
from unionapp.ui.state import AppState
from unionapp.ui.widgets.member_table_tab import MemberTableTab

HISTORY_COLUMNS = (
    N_("When"),
    N_("Change"),
    N_("Field"),
    N_("Old value"),
    N_("New value"),
    N_("Source"),
)
SOURCE_COLUMN = HISTORY_COLUMNS.index(N_("Source"))
CHILD_FIELD = "child"
VALUE_WIDTH = 260  # px: the widest an old or new value column starts


def change_label(item: HistoryItem) -> str:
    """What happened, in words: a child coming or going is an addition or a deletion."""
    if item.field == CHILD_FIELD and item.action == "update":
        if not item.old and item.new:
            return action_label("create")
        if item.old and not item.new:
            return action_label("delete")
    return action_label(item.action)


class HistoryTab(MemberTableTab):
    COLUMNS = HISTORY_COLUMNS
    EMPTY = N_("No changes recorded yet.")

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, "history", parent)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.retranslate()

    def load(self, member_id: int) -> list[HistoryItem]:
        return members.history(self.state.db, member_id)

    def rows(self) -> list[list[str]]:
        """What the table shows, newest first (also handy for tests)."""
        return [
            [
                format_datetime(item.at),
                change_label(item),
                field_label(item.field),
                history_value(item.field, item.old),
                history_value(item.field, item.new),
                item.source or "",
            ]
            for item in self.items
        ]

    def fill_table(self, rows: list[list[str]]) -> None:
        for r, values in enumerate(rows):
            for c, text in enumerate(values):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.table.setItem(r, c, cell)
        # a change made in this window has no source: the column only shows for imports
        self.table.setColumnHidden(SOURCE_COLUMN, not any(row[SOURCE_COLUMN] for row in rows))
        self.table.resizeColumnsToContents()
        for column in (3, 4):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), VALUE_WIDTH))
