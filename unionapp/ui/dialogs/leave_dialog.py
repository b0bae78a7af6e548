"""Recording that a member left: the date and the reason, both required.

Leaving is never a deletion: the member stays in the register (the year-end report counts
those who left, by reason), shown under "Left" instead of "Active".
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from unionapp.core import members
from unionapp.core.codes import EXIT_REASONS
from unionapp.core.errors import ValidationError
from unionapp.core.i18n import N_, _
from unionapp.ui.operations import show_error
from unionapp.ui.state import AppState
from unionapp.ui.widgets.code_combo import CodeCombo
from unionapp.ui.widgets.date_edit import DateEdit
from unionapp.ui.widgets.field_form import FieldForm


class LeaveDialog(QDialog):
    def __init__(
        self, state: AppState, member_id: int, name: str, parent: QWidget | None = None,
        *, expected_version: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.state, self.member_id = state, member_id
        self.expected_version = expected_version
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.form = FieldForm()
        self.exit_date = DateEdit()
        self.exit_date.set_date(dt.date.today())
        self.exit_reason = CodeCombo(EXIT_REASONS, empty=N_("— choose —"))
        self.form.add("exit_date", self.exit_date)
        self.form.add("exit_reason", self.exit_reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.form)
        layout.addWidget(self.form.general)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.setWindowTitle(_("Record leaving"))
        self.intro.setText(
            _(
                "{name} leaves the union. The member stays in the register with the date and "
                "the reason of leaving."
            ).format(name=name)
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Record leaving"))
        self.form.retranslate()

    def save(self) -> bool:
        self.form.clear_errors()
        errors: list[ValidationError] = []
        day: dt.date | None = None
        try:
            day = self.exit_date.date("exit_date")
        except ValidationError as exc:
            errors.append(exc)
        else:
            if day is None:
                errors.append(ValidationError(N_("This field is required."), field="exit_date"))
        reason = self.exit_reason.code()
        if reason is None:
            errors.append(ValidationError(N_("This field is required."), field="exit_reason"))
        if errors or day is None or reason is None:
            self.form.show_errors(errors)
            return False
        try:
            members.leave(self.state.db, self.member_id, day, reason,
                          expected_version=self.expected_version)
        except ValidationError as exc:
            self.form.show_errors(getattr(exc, "errors", [exc]))
            return False
        except Exception as exc:  # noqa: BLE001 - shown to the user, nothing saved
            show_error(self, exc)
            return False
        self.state.notify_changed("members")
        self.accept()
        return True
