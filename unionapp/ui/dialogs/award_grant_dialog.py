"""Awarding a nomination: the committee decision that granted it and the day; the certificate
number is assigned by the register (the dialog shows which one it will be) unless the
chairperson types the number of a paper certificate already handed out.

The protocol is chosen with the field every dialog that cites a decision shares
(``protocol_field.ProtocolField``).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import awards
from unionapp.core.awards import AwardRow, Grant
from unionapp.core.errors import ValidationError
from unionapp.core.formatting import format_date
from unionapp.core.i18n import N_, _
from unionapp.ui.dialogs.protocol_field import ProtocolField
from unionapp.ui.state import AppState
from unionapp.ui.widgets.date_edit import DateEdit
from unionapp.ui.widgets.field_form import FieldForm

GRANT_LABELS = {
    "decision": N_("Protocol"),
    "awarded_on": N_("Date awarded"),
    "certificate_no": N_("Certificate no"),
}


class AwardGrantDialog(QDialog):
    def __init__(self, state: AppState, row: AwardRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.row = row
        self.certificate: str | None = None  # the number given, once saved
        self._suggested = ""  # the date the dialog put in: it follows the protocol chosen
        self.setObjectName("AwardGrantDialog")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.form = FieldForm()
        self.decision = ProtocolField(state)
        self.decision.choose_latest_from(row.nominated_on)
        self.decision.chosen.connect(self._decision_chosen)
        self.awarded_on = DateEdit()
        self.awarded_on.setObjectName("awarded_on")
        self.awarded_on.changed.connect(self._show_next_number)
        self.certificate_no = QLineEdit()
        self.certificate_no.setObjectName("certificate_no")
        self.certificate_no.setMaxLength(12)
        for name, widget in (("decision", self.decision), ("awarded_on", self.awarded_on),
                             ("certificate_no", self.certificate_no)):
            self.form.add(name, widget)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color:#5c6670;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.form)
        layout.addWidget(self.form.general)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self._decision_chosen()
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Award"))
        self.intro.setText(_("{award} to {name} (nominated on {date}).").format(
            award=f"«{self.row.award_name}»", name=self.row.member_name,
            date=format_date(self.row.nominated_on) or "—"))
        self.form.retranslate({name: _(label) for name, label in GRANT_LABELS.items()})
        self.decision.retranslate()
        self.awarded_on.retranslate()
        self.hint.setText(_("Leave the number empty: the next number of the year is given. "
                            "Type it only for a paper certificate already handed out."))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Give the award"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self._show_next_number()

    def _decision_chosen(self) -> None:
        """The award date follows the protocol's until the user types another (choosing a
        second protocol used to keep the first one's date, awarding on the wrong day)."""
        held_on = self.decision.held_on()
        typed = self.awarded_on.text().strip()
        if held_on is not None and typed in ("", self._suggested):
            self.awarded_on.set_date(max(held_on, self.row.nominated_on or held_on))
            self._suggested = self.awarded_on.text().strip()

    def _show_next_number(self) -> None:
        try:
            day = self.awarded_on.date()
        except ValidationError:
            day = None
        year = (day or dt.date.today()).year
        self.certificate_no.setPlaceholderText(
            _("given on saving: {number}").format(number=awards.next_certificate(self.state.db,
                                                                                  year)))

    def save(self) -> bool:
        self.form.clear_errors()
        try:
            day = self.awarded_on.date("awarded_on")
        except ValidationError as exc:
            self.form.show_errors([exc])
            return False
        grant = Grant(day, self.decision.decision_id(),
                      certificate_no=self.certificate_no.text().strip() or None)
        def store() -> None:
            self.certificate = awards.grant(self.state.db, self.row.id, grant)

        if not self.form.run_save(store):
            return False
        self.state.notify_changed("awards")
        self.accept()
        return True
