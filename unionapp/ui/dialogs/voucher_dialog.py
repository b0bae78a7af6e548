"""Issuing (or correcting) a voucher: member or child, kind, place, dates, money, source, protocol.

The subsidy is shown as it is computed (cost − co-payment) while the amounts are typed, never
typed itself. Every mistake is marked on its field in one round: what only the form can get
wrong (a date or an amount that does not read) together with the core's refusals
(``vouchers.voucher_problems_of``: a child not the member's or outside the camp's ages, a
co-payment above the cost, dates out of order, not a member on the start date …). Issued
from an application, the member, kind and child are the application's and cannot change.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import members, voucher_applications, vouchers
from unionapp.core.codes import FUNDING_SOURCES, VOUCHER_KINDS
from unionapp.core.errors import ValidationError
from unionapp.core.formatting import format_money
from unionapp.core.i18n import N_, _
from unionapp.core.vouchers import VoucherInput
from unionapp.ui.dialogs.protocol_field import ProtocolField
from unionapp.ui.dialogs.voucher_widgets import (
    ChildCombo,
    PlaceCombo,
    money_text,
)
from unionapp.ui.state import AppState
from unionapp.ui.widgets.code_combo import CodeCombo
from unionapp.ui.widgets.date_edit import DateEdit
from unionapp.ui.widgets.field_form import FieldForm, money_of
from unionapp.ui.widgets.member_picker import MemberPicker
from unionapp.ui.widgets.save_buttons import SaveCancelButtons

LABELS = {
    "member": N_("Member"),
    "kind": N_("Kind"),
    "child": N_("Child"),
    "institution": N_("Institution"),
    "start_date": N_("Start date"),
    "end_date": N_("End date"),
    "cost": N_("Cost, som"),
    "copay": N_("Co-payment, som"),
    "subsidy": N_("Subsidy"),
    "source": N_("Source of money"),
    "decision": N_("Protocol"),
    "note": N_("Note"),
    "application": N_("Application"),
}


class PlaceField(QWidget):
    """The place combo with a button that adds a place to the catalogue on the spot."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = PlaceCombo(state)
        self.add = QPushButton()
        self.add.setObjectName("newInstitution")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        layout.addWidget(self.add)
        self.setFocusProxy(self.combo)
        self.mark_targets = (self.combo,)


NO_PROTOCOL = N_(
    "Choose the protocol that granted the voucher (or add it with «New…»): every voucher "
    "refers to its decision."
)


class VoucherDialog(QDialog):
    def __init__(
        self, state: AppState, parent: QWidget | None = None, *,
        voucher_id: int | None = None, application_id: int | None = None,
        kind: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.voucher_id = voucher_id
        self.application_id = application_id
        self.saved_id: int | None = None
        self.setObjectName("VoucherDialog")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.form = FieldForm(columns=2)
        self.picker = MemberPicker(state)
        self.kind = CodeCombo(VOUCHER_KINDS.labels)
        self.kind.setObjectName("kind")
        self.child = ChildCombo(state)
        self.place = PlaceField(state)
        self.start_date, self.end_date = DateEdit(), DateEdit()
        self.cost, self.copay = QLineEdit(), QLineEdit()
        self.cost.setObjectName("cost")
        self.copay.setObjectName("copay")
        self.subsidy = QLabel()
        self.subsidy.setObjectName("subsidy")
        self.source = CodeCombo(FUNDING_SOURCES.labels)
        self.source.setObjectName("source")
        # the same protocol field as the aid and award dialogs, «New protocol…» included
        # two columns must fit an 800 px screen: short combos, «New…» as beside the place
        self.decision = ProtocolField(state, none=N_("— choose the protocol —"), button=N_("New…"))
        self.decision.combo.setMinimumContentsLength(10)
        for combo in (self.child, self.place.combo):
            combo.setMinimumContentsLength(11)
        self.note = QLineEdit()
        for name, widget, column in (
            ("member", self.picker, 0), ("kind", self.kind, 0), ("child", self.child, 0),
            ("institution", self.place, 0), ("start_date", self.start_date, 1),
            ("end_date", self.end_date, 1), ("cost", self.cost, 1), ("copay", self.copay, 1),
            ("subsidy", self.subsidy, 1), ("source", self.source, 1),
            ("decision", self.decision, 1), ("note", self.note, -1),
        ):
            self.form.add(name, widget, column)
        self.picker.chosen.connect(lambda member_id: self.child.load(member_id))
        self.kind.currentIndexChanged.connect(lambda _i: self.place.combo.load(self.kind.code()))
        self.place.add.clicked.connect(self.new_place)
        for edit in (self.cost, self.copay):
            edit.textChanged.connect(lambda _t: self._show_subsidy())
        self.buttons = SaveCancelButtons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.form)
        layout.addWidget(self.form.general)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        if voucher_id is not None:
            self._load_voucher(voucher_id)
        elif application_id is not None:
            self._load_application(application_id)
        else:
            if kind is not None:
                self.kind.set_code(kind)
            self.place.combo.load(self.kind.code())
            self.picker.load()
        self._show_subsidy()
        self.retranslate()

    # -- filling ------------------------------------------------------------------------------
    def _fix_member(self, member_id: int) -> None:
        view = members.get_member(self.state.db, member_id)
        self.picker.set_fixed(view.id, f"{view.data.card_no} · {view.full_name}")

    def _load_voucher(self, voucher_id: int) -> None:
        data = vouchers.get_voucher(self.state.db, voucher_id)
        assert data.member_id is not None
        self._fix_member(data.member_id)
        self.kind.set_code(data.kind)
        self.child.load(data.member_id, data.child_id)
        self.place.combo.load(data.kind, data.institution_id)
        self.start_date.set_date(data.start_date)
        self.end_date.set_date(data.end_date)
        self.cost.setText(money_text(data.cost))
        self.copay.setText(money_text(data.copay))
        self.source.set_code(data.source)
        self.decision.set_decision(data.decision_id)
        self.note.setText(data.note or "")

    def _load_application(self, application_id: int) -> None:
        app = voucher_applications.get_application(self.state.db, application_id)
        assert app.member_id is not None
        self._fix_member(app.member_id)
        self.kind.set_code(app.kind)
        self.kind.setEnabled(False)
        self.child.load(app.member_id, app.child_id)
        self.child.setEnabled(app.child_id is None)
        self.place.combo.load(app.kind)

    def new_place(self) -> QDialog:
        """Add a place to the catalogue without leaving the voucher; it is then chosen."""
        from unionapp.ui.dialogs.voucher_institution_dialog import InstitutionDialog

        dialog = InstitutionDialog(self.state, self, kind=self.kind.code())
        dialog.accepted.connect(
            lambda: self.place.combo.load(self.kind.code(), dialog.saved_id))
        dialog.open()
        return dialog

    # -- texts --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        if self.voucher_id is not None:
            title = _("Edit voucher")
        elif self.application_id is not None:
            title = _("Issue a voucher from the application")
        else:
            title = _("Issue a voucher")
        self.setWindowTitle(title)
        self.intro.setText(_(
            "The union pays the subsidy: the cost less what the member pays. A children's "
            "camp voucher is for a child of the member, within the camp's ages."
        ))
        self.form.retranslate({name: _(label) for name, label in LABELS.items()})
        for combo in (self.kind, self.source, self.child, self.place.combo, self.decision):
            combo.retranslate()
        self.picker.retranslate()
        self.start_date.retranslate()
        self.end_date.retranslate()
        self.place.add.setText(_("New…"))
        self.place.add.setToolTip(_("Add a place to the catalogue"))
        for edit in (self.cost, self.copay):
            edit.setPlaceholderText(_("e.g. 15 000,00"))
        self.buttons.retranslate()
        self._show_subsidy()

    def _show_subsidy(self) -> None:
        try:
            cost = money_of(self.cost.text(), "cost")
            copay = money_of(self.copay.text(), "copay", required=False) or 0
        except ValidationError:
            self.subsidy.setText("—")
            return
        self.subsidy.setText(format_money((cost or 0) - copay))

    # -- saving -------------------------------------------------------------------------------
    def data(self, errors: list[ValidationError]) -> VoucherInput:
        """The fields' values; what does not read goes to ``errors`` (and is None)."""
        values: dict[str, object] = {}
        for name, read in (
            ("start_date", lambda: self.start_date.date("start_date")),
            ("end_date", lambda: self.end_date.date("end_date")),
            ("cost", lambda: money_of(self.cost.text(), "cost")),
            ("copay", lambda: money_of(self.copay.text(), "copay", required=False) or 0),
        ):
            try:
                values[name] = read()
            except ValidationError as exc:
                errors.append(exc)
                values[name] = None
        return VoucherInput(
            member_id=self.picker.member_id(), kind=self.kind.code() or "",
            start_date=values["start_date"], end_date=values["end_date"],  # type: ignore[arg-type]
            cost=values["cost"], copay=values["copay"],  # type: ignore[arg-type]
            institution_id=self.place.combo.current_id(), child_id=self.child.current_id(),
            source=self.source.code() or "own", decision_id=self.decision.decision_id(),
            note=self.note.text(),
            application_id=self.application_id if self.voucher_id is None else None,
        )

    def problems(self) -> list[ValidationError]:
        errors: list[ValidationError] = []
        data = self.data(errors)
        if data.decision_id is None:  # a file may lack it (DESIGN.md); the form asks for it
            errors.append(ValidationError(NO_PROTOCOL, field="decision"))
        unread = {e.field for e in errors}
        found = vouchers.voucher_problems_of(self.state.db, data, self.voucher_id)
        return errors + [e for e in found if e.field not in unread]

    def save(self) -> bool:
        """Check everything, then save in one service call; on a mistake save nothing."""
        self.form.clear_errors()
        errors = self.problems()
        if errors:
            self.form.show_errors(errors)
            return False
        data = self.data([])
        def store() -> None:
            if self.voucher_id is None:
                self.saved_id = vouchers.issue_voucher(self.state.db, data)
            else:
                vouchers.update_voucher(self.state.db, self.voucher_id, data)
                self.saved_id = self.voucher_id

        if not self.form.run_save(store):
            return False
        self.state.notify_changed("vouchers")
        self.accept()
        return True

    def error_text(self, name: str) -> str:
        return self.form.error_text(name)
