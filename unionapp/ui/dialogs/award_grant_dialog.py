"""Awarding a nomination: the committee decision that granted it and the day; the certificate
number is assigned by the register (the dialog shows which one it will be) unless the
chairperson types the number of a paper certificate already handed out.

Also the pieces the award dialog shares: the protocol chooser and a form that outlines the
search line of a member picker when the member is missing.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import awards, decisions
from unionapp.core.awards import AwardRow, Grant
from unionapp.core.errors import ValidationError, ValidationGroup
from unionapp.core.formatting import format_date
from unionapp.core.i18n import N_, _
from unionapp.ui.operations import show_error
from unionapp.ui.state import AppState
from unionapp.ui.widgets.date_edit import DateEdit
from unionapp.ui.widgets.field_form import FieldForm

GRANT_LABELS = {
    "decision": N_("Protocol"),
    "awarded_on": N_("Date awarded"),
    "certificate_no": N_("Certificate no"),
}


class AwardForm(FieldForm):
    """A FieldForm that outlines the part of a composite field that holds the value."""

    @staticmethod
    def _mark(widget: QWidget, invalid: bool) -> None:
        targets = getattr(widget, "mark_targets", None)
        if targets is None:
            FieldForm._mark(widget, invalid)
            return
        widget.setProperty("invalid", invalid)
        for target in targets:
            FieldForm._mark(target, invalid)


class DecisionField(QWidget):
    """The protocols, newest first, as they are cited («No. 7 of 14.05.2026»), and a button to
    record a meeting not yet in the register (it is chosen once saved)."""

    chosen = Signal()

    def __init__(self, state: AppState, parent: QWidget | None = None, *,
                 none: str = N_("— choose the protocol —"),
                 button: str = N_("New protocol…")) -> None:
        """``none``: the first, empty choice (a voucher may be recorded before its protocol);
        ``button``: the new protocol button's text (a narrow dialog says just «New…»)."""
        super().__init__(parent)
        self.state = state
        self.none, self.button = none, button
        self.rows: list[decisions.DecisionRow] = []
        self.dialog: QDialog | None = None
        self.combo = QComboBox()
        self.combo.setObjectName("decision")
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(22)
        self.combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.combo.currentIndexChanged.connect(lambda _i: self.chosen.emit())
        self.new_button = QPushButton()
        self.new_button.setObjectName("newProtocol")
        self.new_button.clicked.connect(self.new_protocol)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        layout.addWidget(self.new_button)
        self.setFocusProxy(self.combo)
        self.mark_targets = (self.combo,)
        self.reload()

    def reload(self, select: int | None = None) -> None:
        chosen = select if select is not None else self.decision_id()
        self.rows = decisions.list_decisions(self.state.db)
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem("", None)
        for row in self.rows:
            self.combo.addItem("", row.id)
        self.retranslate()
        self.combo.blockSignals(False)
        self.set_decision(chosen)

    def retranslate(self) -> None:
        self.combo.setItemText(0, _(self.none))
        for index, row in enumerate(self.rows, start=1):
            text = decisions.label(row.number, row.held_on)
            first = next((line for line in row.agenda.splitlines() if line.strip()), "")
            self.combo.setItemText(index, f"{text} · {first}" if first else text)
        self.new_button.setText(_(self.button))
        self.new_button.setToolTip(_("Record a protocol that is not in the register yet"))

    def decision_id(self) -> int | None:
        value = self.combo.currentData()
        return int(value) if value is not None else None

    def set_decision(self, decision_id: int | None) -> None:
        self.combo.setCurrentIndex(max(self.combo.findData(decision_id), 0) if decision_id
                                   else 0)

    def held_on(self) -> dt.date | None:
        chosen = self.decision_id()
        return next((r.held_on for r in self.rows if r.id == chosen), None)

    def choose_latest_from(self, day: dt.date | None) -> None:
        """The newest protocol held on or after ``day`` (the nomination's): the likeliest."""
        later = [r for r in self.rows if day is None or r.held_on >= day]
        if later:
            self.set_decision(later[0].id)

    def new_protocol(self) -> QDialog:
        from unionapp.ui.dialogs.decision_dialog import DecisionDialog  # only when asked for

        dialog = DecisionDialog(self.state, None, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.reload(select=dialog.decision_id))
        dialog.open()
        self.dialog = dialog
        return dialog


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
        self.form = AwardForm()
        self.decision = DecisionField(state)
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
        try:
            self.certificate = awards.grant(self.state.db, self.row.id, grant)
        except ValidationGroup as group:
            self.form.show_errors(group.errors)
            return False
        except ValidationError as exc:
            self.form.show_errors([exc])
            return False
        except Exception as exc:  # noqa: BLE001 - shown to the user, nothing saved
            show_error(self, exc)
            return False
        self.state.notify_changed("awards")
        self.accept()
        return True
