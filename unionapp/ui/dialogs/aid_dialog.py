"""One material aid payment: the member, the reason, amount, date and the protocol that granted it.

Every mistake is marked on its field in one round (the core's ``aid.aid_problems`` plus what
only a form can get wrong: no member chosen, an amount or a date that does not read). Under
the fields the dialog says how much the member already got this year against the yearly cap;
a payment that would go over the cap is saved only after a question, answered by the user.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import aid, members
from unionapp.core.aid import AidInput, CapCheck, OverCapError
from unionapp.core.codes import AID_REASONS
from unionapp.core.errors import UserError, ValidationError, ValidationGroup
from unionapp.core.formatting import format_money
from unionapp.core.i18n import N_, _
from unionapp.ui.dialogs.protocol_field import ProtocolField
from unionapp.ui.operations import show_error
from unionapp.ui.state import AppState
from unionapp.ui.widgets.code_combo import CodeCombo
from unionapp.ui.widgets.date_edit import DateEdit
from unionapp.ui.widgets.field_form import FieldForm, money_of
from unionapp.ui.widgets.member_picker import MemberPicker
from unionapp.ui.widgets.save_buttons import SaveCancelButtons

LABELS = {
    "member": N_("Member"),
    "reason": N_("Reason"),
    "amount": N_("Amount, som"),
    "paid_on": N_("Date paid"),
    "decision": N_("Protocol"),
    "note": N_("Note"),
}
HINT_STYLE = "color:#5c6670;"
WARNING_STYLE = "color:#8a5a00; font-weight:600;"

log = logging.getLogger(__name__)


class AidDialog(QDialog):
    def __init__(
        self,
        state: AppState,
        parent: QWidget | None = None,
        *,
        aid_id: int | None = None,
        member_id: int | None = None,
    ) -> None:
        """``aid_id``: edit that payment; ``member_id``: a new payment for that member."""
        super().__init__(parent)
        self.state = state
        self.aid_id = aid_id
        self.saved_id: int | None = None
        self.cap_box: QMessageBox | None = None
        self.setObjectName("AidDialog")
        self.setSizeGripEnabled(True)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.form = FieldForm()
        self.picker = MemberPicker(state)
        self.reason = CodeCombo(AID_REASONS.labels, empty=N_("—"))
        self.reason.setObjectName("reason")
        self.amount = QLineEdit()
        self.amount.setObjectName("amount")
        self.paid_on = DateEdit()
        self.paid_on.set_date(dt.date.today())
        self.decision = ProtocolField(state, min_length=24)
        self.note = QLineEdit()
        self.note.setObjectName("note")
        for name, widget in (
            ("member", self.picker), ("reason", self.reason), ("amount", self.amount),
            ("paid_on", self.paid_on), ("decision", self.decision), ("note", self.note),
        ):
            self.form.add(name, widget)
        self.cap_hint = QLabel()
        self.cap_hint.setObjectName("capHint")
        self.cap_hint.setWordWrap(True)
        self.buttons = SaveCancelButtons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.form)
        layout.addWidget(self.cap_hint)
        layout.addWidget(self.form.general)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.picker.chosen.connect(lambda _id: self.update_cap_hint())
        self.paid_on.changed.connect(self.update_cap_hint)
        self.amount.textChanged.connect(lambda _text: self.update_cap_hint())
        if aid_id is not None:
            data = aid.get_aid(state.db, aid_id)
            self._fix_member(data.member_id)
            self.set_input(data)
        elif member_id is not None:
            self._fix_member(member_id)
        else:
            self.picker.load()
        self.retranslate()

    def _fix_member(self, member_id: int | None) -> None:
        if member_id is None:
            return
        view = members.get_member(self.state.db, member_id)
        self.picker.set_fixed(member_id, f"{view.data.card_no} · {view.full_name}")
        self.reason.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Material aid"))
        self.intro.setText(_(
            "Material aid granted by a protocol of the committee. The protocol must be in the "
            "register first: choose it, or record it with “New protocol…”."
        ))
        self.form.retranslate({name: _(label) for name, label in LABELS.items()})
        self.picker.retranslate()
        self.reason.retranslate()
        self.paid_on.retranslate()
        self.decision.retranslate()
        self.amount.setPlaceholderText(_("e.g. 5000"))
        self.buttons.retranslate()
        self.update_cap_hint()

    # -- the fields ---------------------------------------------------------------------------
    def set_input(self, data: AidInput) -> None:
        self.reason.set_code(data.reason)
        self.amount.setText(format_money(data.amount).replace("\u00a0", "")
                            if data.amount is not None else "")
        self.paid_on.set_date(data.paid_on)
        self.decision.set_decision(data.decision_id)
        self.note.setText(data.note or "")

    def _amount(self) -> int | None:
        return money_of(self.amount.text(), "amount", required=False)

    def read_input(self) -> tuple[AidInput, list[ValidationError]]:
        """The fields as an AidInput, and every mistake saving it would meet, all at once."""
        errors: list[ValidationError] = []
        member_id = self.picker.member_id()
        if member_id is None:
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
        data = AidInput(member_id, self.reason.code(), amount, paid_on,
                        self.decision.decision_id(), self.note.text().strip() or None)
        marked = {e.field for e in errors}
        errors += [e for e in aid.aid_problems(self.state.db, data, self.aid_id)
                   if e.field not in marked]
        return data, errors

    def cap_check(self) -> CapCheck | None:
        """Where the chosen member stands this year, or None when there is nothing to say."""
        member_id = self.picker.member_id()
        try:
            paid_on = self.paid_on.date()
            amount = self._amount() or 0
        except ValidationError:
            return None
        if member_id is None or paid_on is None:
            return None
        try:
            check = aid.check_aid(self.state.db, member_id, paid_on, amount, self.aid_id)
        except UserError:  # e.g. the member was deleted meanwhile: saving says so
            return None
        except Exception:  # a bug: only a hint is lost, so it is logged, not shown
            log.exception("the yearly cap hint could not be worked out")
            return None
        return check if check.cap else None

    def update_cap_hint(self) -> None:
        check = self.cap_check()
        if check is None:
            self.cap_hint.hide()
            return
        if check.exceeded:
            self.cap_hint.setStyleSheet(WARNING_STYLE)
            self.cap_hint.setText(check.message())
        else:
            self.cap_hint.setStyleSheet(HINT_STYLE)
            self.cap_hint.setText(_(
                "Paid to this member in {year}: {received}; with this payment {total} of the "
                "yearly cap {cap}."
            ).format(year=check.year, received=format_money(check.received),
                     total=format_money(check.new_total), cap=format_money(check.cap)))
        self.cap_hint.show()

    # -- saving -------------------------------------------------------------------------------
    def save(self) -> bool:
        """Check; over the cap, ask first (the answer saves or not); else save at once."""
        self.form.clear_errors()
        data, errors = self.read_input()
        if errors:
            self.form.show_errors(errors)
            return False
        check = self.cap_check()
        if check is not None and check.exceeded:
            self.ask_over_cap(data, check)
            return False
        return self.store(data, over_cap_confirmed=False)

    def ask_over_cap(self, data: AidInput, check: CapCheck) -> QMessageBox:
        """Opens (without blocking) the question; Yes saves the payment over the cap."""
        buttons = QMessageBox.StandardButton
        box = QMessageBox(QMessageBox.Icon.Warning, _("Over the yearly cap"), check.message(),
                          buttons.Yes | buttons.No, self)
        box.setInformativeText(_("Save the payment all the same? The protocol must allow it."))
        box.button(buttons.Yes).setText(_("Save all the same"))
        box.button(buttons.No).setText(_("Do not save"))
        box.setDefaultButton(buttons.No)
        box.finished.connect(lambda _result: self._answered(box, data))
        box.open()
        self.cap_box = box
        return box

    def _answered(self, box: QMessageBox, data: AidInput) -> None:
        if box.clickedButton() == box.button(QMessageBox.StandardButton.Yes):
            self.store(data, over_cap_confirmed=True)

    def store(self, data: AidInput, *, over_cap_confirmed: bool) -> bool:
        try:
            if self.aid_id is None:
                self.saved_id = aid.add_aid(self.state.db, data,
                                            over_cap_confirmed=over_cap_confirmed)
            else:
                aid.update_aid(self.state.db, self.aid_id, data,
                               over_cap_confirmed=over_cap_confirmed)
                self.saved_id = self.aid_id
        except OverCapError as exc:  # another payment was saved meanwhile: ask about it
            self.ask_over_cap(data, exc.check)
            return False
        except ValidationGroup as group:
            self.form.show_errors(group.errors)
            return False
        except ValidationError as exc:
            self.form.show_errors([exc])
            return False
        except Exception as exc:  # noqa: BLE001 - shown to the user, nothing saved
            show_error(self, exc)
            return False
        self.state.notify_changed("aid")
        self.accept()
        return True

    def new_protocol(self) -> QDialog:
        """Record a protocol (without blocking); once saved it is the chosen one."""
        return self.decision.new_protocol()

    def error_text(self, name: str) -> str:
        return self.form.error_text(name)
