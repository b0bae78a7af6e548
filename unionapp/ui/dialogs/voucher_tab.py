"""The member dialog's Vouchers tab: every voucher the member or their children got, newest
first, with the place, the union's subsidy and the protocol - the answer to «when did I last
get one?», which is also what the queue counts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableWidgetItem, QWidget

from unionapp.core.codes import VOUCHER_KINDS
from unionapp.core.formatting import format_date, format_money
from unionapp.core.i18n import N_, _
from unionapp.core.vouchers import VoucherRow, member_history
from unionapp.ui.state import AppState
from unionapp.ui.widgets.member_table_tab import MemberTableTab

VOUCHER_COLUMNS = (N_("Dates"), N_("Kind"), N_("For whom"), N_("Institution"), N_("Subsidy"),
                   N_("Protocol"))
SUBSIDY_COLUMN = 4
RELOAD_ON = frozenset({"vouchers", "all"})


class VouchersTab(MemberTableTab):
    COLUMNS = VOUCHER_COLUMNS
    EMPTY = N_("No vouchers recorded for this member or their children.")

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, "vouchers", parent)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        state.data_changed.connect(self._data_changed)
        self.retranslate()

    def _data_changed(self, what: str) -> None:
        if what in RELOAD_ON and self.member_id is not None:
            self.reload()

    def load(self, member_id: int) -> list[VoucherRow]:
        return member_history(self.state.db, member_id)

    def rows(self) -> list[list[str]]:
        """What the table shows (labels in the current language)."""
        return [
            [f"{format_date(v.start_date)}–{format_date(v.end_date)}",
             VOUCHER_KINDS.label(v.kind), v.child_name or _("the member"), v.institution,
             format_money(v.subsidy), v.protocol]
            for v in self.items
        ]

    def fill_table(self, rows: list[list[str]]) -> None:
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for r, values in enumerate(rows):
            for c, text in enumerate(values):
                cell = QTableWidgetItem(text)
                if c == SUBSIDY_COLUMN:
                    cell.setTextAlignment(right)
                self.table.setItem(r, c, cell)
