"""The member dialog's Dues tab: month by month, what the payroll list withheld and what was
paid in cash, so the chairperson answers "did I pay for March?" without opening a file.

Under the months, the member's cash receipts: a new one is typed in here (the member is
already chosen), and one entered by mistake is deleted after a question that says what
deleting means. The audit log keeps the deleted receipt.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from unionapp.core.dues import (
    CashPaymentView,
    DuesMonth,
    compact_period,
    delete_cash_payment,
    member_cash_payments,
    member_dues_history,
)
from unionapp.core.formatting import format_date, format_money
from unionapp.core.i18n import N_, _
from unionapp.ui.dialogs.cash_dialog import CashDialog
from unionapp.ui.operations import show_error
from unionapp.ui.state import AppState
from unionapp.ui.widgets.member_table_tab import MemberTableTab

DUES_COLUMNS = (N_("Month"), N_("Wage"), N_("Withheld"), N_("Paid in cash"))
RECEIPT_COLUMNS = (N_("Receipt no"), N_("Date paid"), N_("Amount"), N_("Months paid for"),
                   N_("Note"))
RELOAD_ON = frozenset({"dues", "all"})
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _money(tyiyn: int | None) -> str:
    return "" if tyiyn is None else format_money(tyiyn)


class DuesTab(MemberTableTab):
    COLUMNS = DUES_COLUMNS
    EMPTY = N_("No dues recorded for this member yet.")

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, "dues", parent)
        self.receipts: list[CashPaymentView] = []
        self.cash_dialog: CashDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.receipts_title = QLabel()
        font = self.receipts_title.font()
        font.setBold(True)
        self.receipts_title.setFont(font)
        self.receipt_table = QTableWidget(0, len(RECEIPT_COLUMNS))
        self.receipt_table.setObjectName("receiptTable")
        self.receipt_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.receipt_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.receipt_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.receipt_table.verticalHeader().hide()
        header = self.receipt_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.receipt_table.itemSelectionChanged.connect(self._update_buttons)
        self.add_button = QPushButton()
        self.add_button.setObjectName("addCash")
        self.add_button.clicked.connect(lambda: self.add_payment())
        self.delete_button = QPushButton()
        self.delete_button.setObjectName("deleteCash")
        self.delete_button.clicked.connect(lambda: self.ask_delete())
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        receipts = QVBoxLayout()
        receipts.addWidget(self.receipts_title)
        receipts.addWidget(self.receipt_table, 1)
        receipts.addLayout(buttons)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.setStretch(0, 3)
        layout.addLayout(receipts, 2)
        state.data_changed.connect(self._data_changed)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.receipts_title.setText(_("Cash receipts"))
        self.receipt_table.setHorizontalHeaderLabels([_(c) for c in RECEIPT_COLUMNS])
        self.add_button.setText(_("Add cash payment…"))
        self.delete_button.setText(_("Delete receipt…"))
        self._fill_receipts()

    # -- data ---------------------------------------------------------------------------------
    def load(self, member_id: int) -> list[DuesMonth]:
        return member_dues_history(self.state.db, member_id)

    def reload(self) -> None:
        super().reload()
        self.receipts = (
            [] if self.member_id is None else member_cash_payments(self.state.db, self.member_id)
        )
        self._fill_receipts()

    def _data_changed(self, what: str) -> None:
        if what in RELOAD_ON and self.member_id is not None:
            self.reload()

    def rows(self) -> list[list[str]]:
        """What the table shows, newest month first (also handy for tests)."""
        return [
            [item.month.strftime("%m.%Y"), _money(item.wage), _money(item.withheld),
             _money(item.cash) if item.cash else ""]
            for item in self.items
        ]

    def receipt_rows(self) -> list[list[str]]:
        """The receipts as listed, the latest paid first."""
        return [
            [p.receipt_no or "", format_date(p.paid_on), format_money(p.amount),
             compact_period(p.period_from, p.period_to), p.note or ""]
            for p in self.receipts
        ]

    def fill_table(self, rows: list[list[str]]) -> None:
        for r, values in enumerate(rows):
            for c, text in enumerate(values):
                cell = QTableWidgetItem(text)
                if c:
                    cell.setTextAlignment(RIGHT)
                self.table.setItem(r, c, cell)

    def _fill_receipts(self) -> None:
        rows = self.receipt_rows()
        self.receipt_table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, text in enumerate(values):
                cell = QTableWidgetItem(text)
                if c == 2:
                    cell.setTextAlignment(RIGHT)
                self.receipt_table.setItem(r, c, cell)
        self.receipt_table.setVisible(bool(rows))
        self.receipts_title.setVisible(bool(rows))
        self._update_buttons()

    def _update_buttons(self) -> None:
        saved = self.member_id is not None
        self.add_button.setEnabled(saved)
        self.add_button.setToolTip("" if saved else _("Save the member first."))
        self.delete_button.setVisible(bool(self.receipts))
        self.delete_button.setEnabled(self.selected_receipt() is not None)
        self.delete_button.setToolTip(_("Delete a receipt entered by mistake"))

    def selected_receipt(self) -> CashPaymentView | None:
        rows = {index.row() for index in self.receipt_table.selectionModel().selectedRows()}
        if len(rows) != 1:
            return None
        row = rows.pop()
        return self.receipts[row] if 0 <= row < len(self.receipts) else None

    def select_receipt(self, row: int) -> None:
        self.receipt_table.selectRow(row)

    # -- actions ------------------------------------------------------------------------------
    def add_payment(self) -> CashDialog | None:
        """The cash dialog for this member (opened, not waited for); the tab reloads on save."""
        if self.member_id is None:
            return None
        dialog = CashDialog(self.state, self, member_id=self.member_id)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.cash_dialog = dialog
        return dialog

    def ask_delete(self) -> QMessageBox | None:
        """Asks (without blocking) whether the receipt was entered by mistake; deletes on Yes."""
        payment = self.selected_receipt()
        if payment is None:
            return None
        values = dict(receipt=payment.receipt_no or "", date=format_date(payment.paid_on),
                      amount=format_money(payment.amount))
        question = (
            _("Delete receipt no. {receipt} of {date} for {amount}?") if payment.receipt_no
            else _("Delete the receipt of {date} for {amount}?")
        ).format(**values)
        buttons = QMessageBox.StandardButton
        box = QMessageBox(QMessageBox.Icon.Warning, _("Delete the receipt"), question,
                          buttons.Yes | buttons.No, self)
        box.setInformativeText(_(
            "Delete only a receipt entered by mistake. The months it paid for count as unpaid "
            "again; the change log keeps the deleted receipt."
        ))
        box.button(buttons.Yes).setText(_("Delete"))
        box.button(buttons.No).setText(_("Do not delete"))
        box.setDefaultButton(buttons.No)
        box.finished.connect(lambda _result: self._delete_if_confirmed(box, payment.id))
        box.open()
        self.confirm_box = box
        return box

    def _delete_if_confirmed(self, box: QMessageBox, payment_id: int) -> None:
        if box.clickedButton() != box.button(QMessageBox.StandardButton.Yes):
            return
        try:
            delete_cash_payment(self.state.db, payment_id)
        except Exception as exc:  # noqa: BLE001 - shown to the user, nothing changed
            show_error(self, exc)
            return
        self.state.notify_changed("dues")

