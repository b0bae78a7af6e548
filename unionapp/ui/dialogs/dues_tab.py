"""The member dialog's Dues tab: month by month, what the payroll list withheld and what was
paid in cash, so the chairperson answers "did I pay for March?" without opening a file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedLayout,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from unionapp.core.dues import DuesMonth, member_dues_history
from unionapp.core.formatting import format_money
from unionapp.core.i18n import N_, _
from unionapp.ui.state import AppState

DUES_COLUMNS = (N_("Month"), N_("Wage"), N_("Withheld"), N_("Paid in cash"))
HINT_COLOR = "#5c6670"


def _money(tyiyn: int | None) -> str:
    return "" if tyiyn is None else format_money(tyiyn)


class DuesTab(QWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.member_id: int | None = None
        self.items: list[DuesMonth] = []
        self.table = QTableWidget(0, len(DUES_COLUMNS))
        self.table.setObjectName("duesTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.empty = QLabel()
        self.empty.setObjectName("duesEmpty")
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(f"color:{HINT_COLOR}; padding:16px;")
        self.pages = QStackedLayout()
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.addLayout(self.pages)
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([_(c) for c in DUES_COLUMNS])
        self.empty.setText(_("No dues recorded for this member yet."))
        self._fill()

    def set_member(self, member_id: int | None) -> None:
        self.member_id = member_id
        self.reload()

    def reload(self) -> None:
        self.items = (
            [] if self.member_id is None else member_dues_history(self.state.db, self.member_id)
        )
        self._fill()

    def rows(self) -> list[list[str]]:
        """What the table shows, newest month first (also handy for tests)."""
        return [
            [item.month.strftime("%m.%Y"), _money(item.wage), _money(item.withheld),
             _money(item.cash) if item.cash else ""]
            for item in self.items
        ]

    def _fill(self) -> None:
        rows = self.rows()
        self.pages.setCurrentWidget(self.table if rows else self.empty)
        self.table.setRowCount(len(rows))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for r, values in enumerate(rows):
            for c, text in enumerate(values):
                cell = QTableWidgetItem(text)
                if c:
                    cell.setTextAlignment(right)
                self.table.setItem(r, c, cell)
