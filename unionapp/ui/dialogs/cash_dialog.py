"""A cash receipt typed in by hand: a pensioner brings the dues, the chairperson writes a receipt.

Every mistake is marked on its field in one round (the core's ``cash_payment_problems`` plus
what only a form can get wrong: no member chosen, an amount or a date that does not read),
and nothing is saved until all are fixed. The receipt is one service call (one transaction,
audited); then every page hears that dues changed, so the Dues page's lists and chart follow.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import dues, members
from unionapp.core.errors import ValidationError
from unionapp.core.i18n import N_, _
from unionapp.ui.state import AppState
from unionapp.ui.widgets.date_edit import DateEdit
from unionapp.ui.widgets.field_form import REQUIRED, FieldForm, money_of
from unionapp.ui.widgets.member_picker import MemberPicker
from unionapp.ui.widgets.save_buttons import SaveCancelButtons

LABELS = {
    "member": N_("Member"),
    "receipt_no": N_("Receipt no"),
    "paid_on": N_("Date paid"),
    "amount": N_("Amount, som"),
    "period": N_("Months paid for"),
    "note": N_("Note"),
}
TOO_MANY_DECIMALS = re.compile(r"[.,]\d{3,}\s*$")  # a typed «1.000» would be saved as 1 som


def _month_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setDisplayFormat("MM.yyyy")
    edit.setCalendarPopup(False)
    return edit


def _month_of(edit: QDateEdit) -> dt.date:
    return dt.date(edit.date().year(), edit.date().month(), 1)


class MonthRange(QWidget):
    """From one month to another: the months a receipt pays for."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = _month_edit()
        self.first.setObjectName("periodFrom")
        self.last = _month_edit()
        self.last.setObjectName("periodTo")
        self.dash = QLabel("–")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.first)
        layout.addWidget(self.dash)
        layout.addWidget(self.last)
        layout.addStretch(1)
        self.setFocusProxy(self.first)
        self.mark_targets = (self.first, self.last)

    def set_months(self, first: dt.date, last: dt.date) -> None:
        self.first.setDate(QDate(first.year, first.month, 1))
        self.last.setDate(QDate(last.year, last.month, 1))

    def months(self) -> tuple[dt.date, dt.date]:
        return _month_of(self.first), _month_of(self.last)


class CashDialog(QDialog):
    def __init__(
        self,
        state: AppState,
        parent: QWidget | None = None,
        *,
        member_id: int | None = None,
        month: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.saved_id: int | None = None
        self.setObjectName("CashDialog")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.form = FieldForm()
        self.picker = MemberPicker(state)
        self.receipt_no = QLineEdit()
        self.receipt_no.setMaxLength(dues.RECEIPT_LIMIT)
        self.paid_on = DateEdit()
        self.paid_on.set_date(dt.date.today())
        self.amount = QLineEdit()
        self.amount.setObjectName("amount")
        self.period = MonthRange()
        shown = month or dt.date.today()
        self.period.set_months(shown, shown)
        self.note = QLineEdit()
        for name, widget in (
            ("member", self.picker), ("receipt_no", self.receipt_no), ("paid_on", self.paid_on),
            ("amount", self.amount), ("period", self.period), ("note", self.note),
        ):
            self.form.add(name, widget)
        self.buttons = SaveCancelButtons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.form)
        layout.addWidget(self.form.general)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        # the label of the member's field beside the search line, not midway down its list
        self.form.labels["member"].setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        )
        self.form.labels["member"].setContentsMargins(0, 4, 0, 0)
        self.setMinimumWidth(600)
        if member_id is not None:
            view = members.get_member(state.db, member_id)
            self.picker.set_fixed(member_id, f"{view.data.card_no} · {view.full_name}")
            self.receipt_no.setFocus()
        else:
            self.picker.load()
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Cash payment"))
        self.intro.setText(_(
            "A receipt for dues paid in cash. The months it pays for no longer count as "
            "unpaid in the checks and the arrears."
        ))
        self.form.retranslate({name: _(label) for name, label in LABELS.items()})
        self.picker.retranslate()
        self.paid_on.retranslate()
        self.amount.setPlaceholderText(_("e.g. 250,00"))
        self.buttons.retranslate()

    # -- reading the fields -------------------------------------------------------------------
    def _amount(self) -> int | None:
        text = self.amount.text().strip()
        if not text:
            raise ValidationError(REQUIRED, field="amount")
        if TOO_MANY_DECIMALS.search(text):  # «1.000» meant a thousand, not one som
            raise ValidationError(
                N_("Write the amount with at most two digits after the comma, without "
                   "separating thousands by a dot or a comma: {value}."),
                field="amount", value=text,
            )
        return money_of(text, "amount")

    def problems(self) -> list[ValidationError]:
        """Every mistake of the form, all at once (empty: it can be saved)."""
        errors: list[ValidationError] = []
        if self.picker.member_id() is None:
            errors.append(ValidationError(N_("Choose the member from the list."), field="member"))
        paid_on: dt.date | None = None
        try:
            paid_on = self.paid_on.date("paid_on")
        except ValidationError as exc:
            errors.append(exc)
        amount: int | None = None
        try:
            amount = self._amount()
        except ValidationError as exc:
            errors.append(exc)
        first, last = self.period.months()
        unreadable = {e.field for e in errors}
        checked = dues.cash_payment_problems(
            self.receipt_no.text().strip() or None, paid_on, 1 if amount is None else amount,
            first, last, self.note.text().strip() or None, dt.date.today(),
        )
        return errors + [e for e in checked if e.field not in unreadable]

    def save(self) -> bool:
        """Check, then save in one service call; on a mistake mark it and save nothing."""
        self.form.clear_errors()
        errors = self.problems()
        if errors:
            self.form.show_errors(errors)
            return False
        member_id, paid_on, amount = self.picker.member_id(), self.paid_on.date(), self._amount()
        assert member_id is not None and paid_on is not None and amount is not None
        first, last = self.period.months()
        def store() -> None:
            self.saved_id = dues.add_cash_payment(
                self.state.db, member_id, self.receipt_no.text(), paid_on, amount, first, last,
                self.note.text(),
            )

        if not self.form.run_save(store):
            return False
        self.state.notify_changed("dues")
        self.accept()
        return True

    def error_text(self, name: str) -> str:
        return self.form.error_text(name)
