"""The member dialog's Dues tab: month by month, what the payroll list withheld and what was
paid in cash, so the chairperson answers "did I pay for March?" without opening a file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QTableWidgetItem,
    QWidget,
)

from unionapp.core.dues import DuesMonth, member_dues_history
from unionapp.core.formatting import format_money
from unionapp.core.i18n import N_
from unionapp.ui.state import AppState
from unionapp.ui.widgets.member_table_tab import MemberTableTab

DUES_COLUMNS = (N_("Month"), N_("Wage"), N_("Withheld"), N_("Paid in cash"))


def _money(tyiyn: int | None) -> str:
    return "" if tyiyn is None else format_money(tyiyn)


class DuesTab(MemberTableTab):
    COLUMNS = DUES_COLUMNS
    EMPTY = N_("No dues recorded for this member yet.")

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, "dues", parent)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.retranslate()

    def load(self, member_id: int) -> list[DuesMonth]:
        return member_dues_history(self.state.db, member_id)

    def rows(self) -> list[list[str]]:
        """What the table shows, newest month first (also handy for tests)."""
        return [
            [item.month.strftime("%m.%Y"), _money(item.wage), _money(item.withheld),
             _money(item.cash) if item.cash else ""]
            for item in self.items
        ]

    def fill_table(self, rows: list[list[str]]) -> None:
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for r, values in enumerate(rows):
            for c, text in enumerate(values):
                cell = QTableWidgetItem(text)
                if c:
                    cell.setTextAlignment(right)
                self.table.setItem(r, c, cell)
