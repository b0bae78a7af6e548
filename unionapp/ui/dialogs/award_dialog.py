"""A nomination, or an award already given: the member, the award, what for, a gift's cost,
and - once awarded - the protocol, the day and the certificate number.

A new nomination asks only for what a nomination has; the decision comes later, with
«Award…». An award opened for editing shows its protocol, date and number too, so a wrong
date or a paper certificate's number can be corrected. Every mistake is marked on its field in
one round: the core's ``awards.check_award`` plus what only a form can get wrong (no member
chosen, a date or an amount that does not read).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import award_types, awards, members, money
from unionapp.core.awards import AwardInput
from unionapp.core.codes import AWARD_FORMS, AWARD_LEVELS
from unionapp.core.errors import ValidationError
from unionapp.core.formatting import format_decimal_input
from unionapp.core.i18n import N_, _
from unionapp.ui.dialogs.protocol_field import ProtocolField
from unionapp.ui.state import AppState
from unionapp.ui.widgets.date_edit import DateEdit
from unionapp.ui.widgets.field_form import FieldForm, money_of
from unionapp.ui.widgets.member_picker import MemberPicker
from unionapp.ui.widgets.save_buttons import SaveCancelButtons

LABELS = {
    "member": N_("Member"),
    "award_type": N_("Award"),
    "nominated_on": N_("Nominated on"),
    "reason": N_("What for"),
    "cost": N_("Gift or prize, som"),
    "note": N_("Note"),
    "decision": N_("Protocol"),
    "awarded_on": N_("Date awarded"),
    "certificate_no": N_("Certificate no"),
}
AWARDED_FIELDS = ("decision", "awarded_on", "certificate_no")


class AwardTypeCombo(QComboBox):
    """The catalogue's active types (and the record's own, if it was deactivated since)."""

    def __init__(self, state: AppState, keep: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("award_type")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(28)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.types = [t for t in award_types.list_types(state.db) if t.active or t.id == keep]
        self.addItem("", None)
        for row in self.types:
            self.addItem(row.name, row.id)
        self.retranslate()

    def retranslate(self) -> None:
        self.setItemText(0, _("— choose the award —"))
        for index, row in enumerate(self.types, start=1):
            tip = f"{AWARD_LEVELS.label(row.level)}; {AWARD_FORMS.label(row.form)}"
            self.setItemData(index, tip, Qt.ItemDataRole.ToolTipRole)

    def type_id(self) -> int | None:
        value = self.currentData()
        return int(value) if value is not None else None

    def set_type(self, type_id: int | None) -> None:
        self.setCurrentIndex(max(self.findData(type_id), 0) if type_id else 0)


class AwardDialog(QDialog):
    saved = Signal(int)  # the award's id

    def __init__(
        self,
        state: AppState,
        parent: QWidget | None = None,
        *,
        award_id: int | None = None,
        member_id: int | None = None,
        reason: str | None = None,
    ) -> None:
        """``award_id``: edit it; else a new nomination (of ``member_id``, for ``reason``)."""
        super().__init__(parent)
        self.state = state
        self.award_id = award_id
        self.saved_id: int | None = None
        self.setObjectName("AwardDialog")
        data = awards.get_award(state.db, award_id) if award_id is not None else None
        self.awarded = data is not None and data.awarded_on is not None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.form = FieldForm()
        self.picker = MemberPicker(state)
        self.award_type = AwardTypeCombo(state, keep=data.award_type_id if data else None)
        self.nominated_on = DateEdit()
        self.nominated_on.setObjectName("nominated_on")
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.cost = QLineEdit()
        self.cost.setObjectName("cost")
        self.cost.setMaximumWidth(160)
        self.note = QLineEdit()
        self.decision = ProtocolField(state)
        self.awarded_on = DateEdit()
        self.awarded_on.setObjectName("awarded_on")
        self.certificate_no = QLineEdit()
        self.certificate_no.setObjectName("certificate_no")
        self.certificate_no.setMaxLength(12)
        widgets: list[tuple[str, QWidget]] = [
            ("member", self.picker), ("award_type", self.award_type),
            ("nominated_on", self.nominated_on), ("reason", self.reason), ("cost", self.cost),
            ("note", self.note),
        ]
        if self.awarded:
            widgets += [("decision", self.decision), ("awarded_on", self.awarded_on),
                        ("certificate_no", self.certificate_no)]
        for name, widget in widgets:
            self.form.add(name, widget)
        self.form.labels["member"].setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        )
        self.form.labels["member"].setContentsMargins(0, 4, 0, 0)
        self.buttons = SaveCancelButtons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.form)
        layout.addWidget(self.form.general)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(640)
        if data is not None:
            self._fill(data)
        else:
            self.nominated_on.set_date(dt.date.today())
            self.reason.setText(reason or "")
            if member_id is not None:
                self._fix_member(member_id)
                self.award_type.setFocus()
            else:
                self.picker.load()
        self.retranslate()

    def _fix_member(self, member_id: int) -> None:
        view = members.get_member(self.state.db, member_id)
        self.picker.set_fixed(member_id, f"{view.data.card_no} · {view.full_name}")

    def _fill(self, data: AwardInput) -> None:
        assert data.member_id is not None
        self._fix_member(data.member_id)
        self.award_type.set_type(data.award_type_id)
        self.nominated_on.set_date(data.nominated_on)
        self.reason.setText(data.reason or "")
        self.cost.setText(format_decimal_input(money.as_som_text(data.cost))
                          if data.cost else "")
        self.note.setText(data.note or "")
        self.decision.set_decision(data.decision_id)
        self.awarded_on.set_date(data.awarded_on)
        self.certificate_no.setText(data.certificate_no or "")

    def retranslate(self) -> None:
        if self.award_id is None:
            self.setWindowTitle(_("New nomination"))
            self.intro.setText(_("Who is proposed for which award, and what for. The protocol "
                                 "and the certificate number come with «Award…», once the "
                                 "committee has decided."))
        else:
            self.setWindowTitle(_("Award") if self.awarded else _("Nomination"))
            self.intro.setText(_("The certificate number is kept; a changed award year gives "
                                 "a new one.") if self.awarded else "")
        self.intro.setVisible(bool(self.intro.text()))
        self.form.retranslate({name: _(label) for name, label in LABELS.items()})
        self.picker.retranslate()
        self.award_type.retranslate()
        self.decision.retranslate()
        for edit in (self.nominated_on, self.awarded_on):
            edit.retranslate()
        self.reason.setPlaceholderText(_("e.g. for many years of conscientious work"))
        self.cost.setPlaceholderText(_("e.g. 1500,00"))
        self.buttons.retranslate()

    # -- reading the fields -------------------------------------------------------------------
    def _cost(self) -> int:
        return money_of(self.cost.text(), "cost", required=False) or 0

    @staticmethod
    def _date(edit: DateEdit, name: str, errors: list[ValidationError]) -> dt.date | None:
        try:
            return edit.date(name)
        except ValidationError as exc:
            errors.append(exc)
            return None

    def _input(self, errors: list[ValidationError]) -> AwardInput:
        """The fields as the core takes them; what does not read goes to ``errors``."""
        try:
            cost = self._cost()
        except ValidationError as exc:
            errors.append(exc)
            cost = 0
        return AwardInput(
            member_id=self.picker.member_id(), award_type_id=self.award_type.type_id(),
            nominated_on=self._date(self.nominated_on, "nominated_on", errors),
            reason=self.reason.text(), cost=cost, note=self.note.text(),
            decision_id=self.decision.decision_id() if self.awarded else None,
            awarded_on=self._date(self.awarded_on, "awarded_on", errors) if self.awarded else None,
            certificate_no=self.certificate_no.text() if self.awarded else None,
        )

    def problems(self) -> list[ValidationError]:
        """Every mistake of the form, all at once (empty: it can be saved)."""
        errors: list[ValidationError] = []
        data = self._input(errors)
        if data.member_id is None:
            errors.append(ValidationError(N_("Choose the member from the list."), field="member"))
        unreadable = {e.field for e in errors}
        if self.awarded and data.awarded_on is None and "awarded_on" in unreadable:
            unreadable.add("decision")  # a decision without a date would be a nomination's
        checked = awards.check_award(self.state.db, data, self.award_id)
        return errors + [e for e in checked if e.field not in unreadable]

    def save(self) -> bool:
        """Check, then save in one service call; on a mistake mark it and save nothing."""
        self.form.clear_errors()
        errors = self.problems()
        if errors:
            self.form.show_errors(errors)
            return False
        data = self._input([])
        def store() -> None:
            if self.award_id is None:
                self.saved_id = awards.nominate(self.state.db, data)
            else:
                awards.update_award(self.state.db, self.award_id, data)
                self.saved_id = self.award_id

        if not self.form.run_save(store):
            return False
        self.state.notify_changed("awards")
        self.saved.emit(self.saved_id)
        self.accept()
        return True
