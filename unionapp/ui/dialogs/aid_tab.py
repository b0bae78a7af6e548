"""The member dialog's Material aid tab: every payment the member got, newest first, with the
protocol that granted it - what a member asks about when aid is refused («I got none for
years») and what the committee checks before granting more."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableWidgetItem, QWidget

from unionapp.core.aid import AidRow, member_aid
from unionapp.core.formatting import format_date, format_money
from unionapp.core.i18n import N_
from unionapp.ui.state import AppState
from unionapp.ui.widgets.member_table_tab import MemberTableTab

AID_COLUMNS = (N_("Date paid"), N_("Reason"), N_("Amount"), N_("Protocol"))
AMOUNT_COLUMN = 2


class AidTab(MemberTableTab):
    COLUMNS = AID_COLUMNS
    EMPTY = N_("No material aid recorded for this member.")

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, "aid", parent)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.retranslate()

    def load(self, member_id: int) -> list[AidRow]:
        return member_aid(self.state.db, member_id)

    def rows(self) -> list[list[str]]:
        """What the table shows (the labels in the current language)."""
        return [
            [format_date(item.paid_on), item.reason_label, format_money(item.amount),
             item.decision_label]
            for item in self.items
        ]

    def fill_table(self, rows: list[list[str]]) -> None:
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for r, values in enumerate(rows):
            for c, text in enumerate(values):
                cell = QTableWidgetItem(text)
                if c == AMOUNT_COLUMN:
                    cell.setTextAlignment(right)
                self.table.setItem(r, c, cell)
