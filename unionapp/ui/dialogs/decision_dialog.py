"""One protocol: the kind of meeting, its number and date, and the agenda items one per line.

Every mistake is marked on its field in one round (the core's ``decisions.validate`` and the
duplicate number of that date) and nothing is saved until all are fixed. Saving is one
service call (one transaction, audited); then every page hears that decisions changed.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import decisions
from unionapp.core.codes import DECISION_KINDS
from unionapp.core.decisions import DecisionInput
from unionapp.core.errors import ValidationError
from unionapp.core.i18n import N_, _
from unionapp.ui.state import AppState
from unionapp.ui.widgets.code_combo import CodeCombo
from unionapp.ui.widgets.date_edit import DateEdit
from unionapp.ui.widgets.field_form import FieldForm
from unionapp.ui.widgets.save_buttons import SaveCancelButtons

LABELS = {
    "kind": N_("Meeting"),
    "number": N_("Protocol No"),
    "held_on": N_("Date"),
    "agenda": N_("Agenda"),
    "note": N_("Note"),
}


class DecisionDialog(QDialog):
    def __init__(
        self, state: AppState, decision_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.decision_id = decision_id
        self.setObjectName("DecisionDialog")
        self.setSizeGripEnabled(True)
        self.form = FieldForm()
        self.kind = CodeCombo(DECISION_KINDS.labels)
        self.number = QLineEdit()
        self.number.setObjectName("number")
        self.number.setMaxLength(decisions.NUMBER_LIMIT)
        self.held_on = DateEdit()
        self.agenda = QPlainTextEdit()
        self.agenda.setObjectName("agenda")
        self.agenda.setTabChangesFocus(True)
        self.agenda.setMinimumHeight(110)
        self.note = QLineEdit()
        for name, widget in (
            ("kind", self.kind), ("number", self.number), ("held_on", self.held_on),
            ("agenda", self.agenda), ("note", self.note),
        ):
            self.form.add(name, widget)
        self.buttons = SaveCancelButtons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.form.general)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(500)
        if decision_id is not None:
            self.set_input(decisions.get_decision(state.db, decision_id))
        else:
            self.held_on.set_date(dt.date.today())
        self.number.setFocus()
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("New protocol") if self.decision_id is None else _("Protocol"))
        self.form.retranslate({name: _(label) for name, label in LABELS.items()})
        self.kind.retranslate()
        self.held_on.retranslate()
        self.number.setPlaceholderText(_("e.g. 7"))
        self.agenda.setPlaceholderText(_("Write each item of the agenda on a line of its own."))
        self.buttons.retranslate()

    def set_input(self, data: DecisionInput) -> None:
        self.kind.set_code(data.kind)
        self.number.setText(data.number)
        self.held_on.set_date(data.held_on)
        self.agenda.setPlainText(data.agenda or "")
        self.note.setText(data.note or "")

    def read_input(self) -> tuple[DecisionInput, list[ValidationError]]:
        """The fields as a DecisionInput, and every mistake saving it would meet."""
        errors: list[ValidationError] = []
        held_on: dt.date | None = None
        try:
            held_on = self.held_on.date("held_on")
        except ValidationError as exc:
            errors.append(exc)
        data = DecisionInput(
            number=self.number.text(), held_on=held_on, kind=self.kind.code() or "committee",
            agenda=self.agenda.toPlainText(), note=self.note.text(),
        )
        unreadable = {e.field for e in errors}
        errors += [e for e in decisions.validate(data) if e.field not in unreadable]
        return data, errors

    def save(self) -> bool:
        """Check, then save in one service call; on a mistake mark it and save nothing."""
        self.form.clear_errors()
        data, errors = self.read_input()
        if errors:
            self.form.show_errors(errors)
            return False
        def store() -> None:
            if self.decision_id is None:
                self.decision_id = decisions.create_decision(self.state.db, data)
            else:
                decisions.update_decision(self.state.db, self.decision_id, data)

        if not self.form.run_save(store):
            return False
        self.state.notify_changed("decisions")
        self.accept()
        return True

    def error_text(self, name: str) -> str:
        return self.form.error_text(name)
