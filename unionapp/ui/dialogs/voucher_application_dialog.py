"""An application for a voucher: who, which kind, when they would like to go, for which child.

The flags (many children, disability) add points in the queue, so the dialog says so beside
them. A new application starts with today's date; the member is chosen by typing a card
number or a part of the name (the register is read off the GUI thread).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import members, voucher_applications
from unionapp.core.codes import SEASONS, VOUCHER_KINDS
from unionapp.core.errors import ValidationError, ValidationGroup
from unionapp.core.i18n import N_, _
from unionapp.core.voucher_applications import ApplicationInput
from unionapp.ui.dialogs.voucher_widgets import ChildCombo
from unionapp.ui.operations import show_error
from unionapp.ui.state import AppState
from unionapp.ui.widgets.code_combo import CodeCombo
from unionapp.ui.widgets.date_edit import DateEdit
from unionapp.ui.widgets.field_form import FieldForm
from unionapp.ui.widgets.member_picker import MemberPicker
from unionapp.ui.widgets.save_buttons import SaveCancelButtons

LABELS = {
    "member": N_("Member"),
    "kind": N_("Kind"),
    "season": N_("Wished season"),
    "child": N_("Child"),
    "applied_on": N_("Date applied"),
    "flags": N_("Counts in the queue"),
    "note": N_("Note"),
}


class ApplicationDialog(QDialog):
    def __init__(
        self, state: AppState, parent: QWidget | None = None, *,
        application_id: int | None = None, kind: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.application_id = application_id
        self.saved_id: int | None = None
        self.setObjectName("ApplicationDialog")
        self.form = FieldForm()
        self.picker = MemberPicker(state)
        self.kind = CodeCombo(VOUCHER_KINDS.labels)
        self.kind.setObjectName("kind")
        self.season = CodeCombo(SEASONS.labels, empty=N_("— any —"))
        self.season.setObjectName("season")
        self.child = ChildCombo(state)
        self.applied_on = DateEdit()
        self.applied_on.set_date(dt.date.today())
        self.many_children = QCheckBox()
        self.many_children.setObjectName("manyChildren")
        self.disability = QCheckBox()
        self.disability.setObjectName("disability")
        flags = QWidget()
        column = QVBoxLayout(flags)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.many_children)
        column.addWidget(self.disability)
        self.note = QLineEdit()
        for name, widget in (
            ("member", self.picker), ("kind", self.kind), ("season", self.season),
            ("child", self.child), ("applied_on", self.applied_on), ("flags", flags),
            ("note", self.note),
        ):
            self.form.add(name, widget)
        self.picker.chosen.connect(lambda member_id: self.child.load(member_id))
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.buttons = SaveCancelButtons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.form)
        layout.addWidget(self.form.general)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        if application_id is not None:
            self._load(application_id)
        else:
            if kind is not None:
                self.kind.set_code(kind)
            self.status.hide()
            self.picker.load()
        self._kind_changed()
        self.retranslate()

    def _load(self, application_id: int) -> None:
        data = voucher_applications.get_application(self.state.db, application_id)
        view = members.get_member(self.state.db, data.member_id or 0)
        self.picker.set_fixed(view.id, f"{view.data.card_no} · {view.full_name}")
        self.kind.set_code(data.kind)
        self.season.set_code(data.season)
        self.child.load(view.id, data.child_id)
        self.applied_on.set_date(data.applied_on)
        self.many_children.setChecked(data.many_children)
        self.disability.setChecked(data.disability)
        self.note.setText(data.note or "")
        status = voucher_applications.application_status(self.state.db, application_id)
        self._status = status
        if status == "granted":  # history: shown, not changed
            for widget in (self.kind, self.season, self.child, self.applied_on,
                           self.many_children, self.disability, self.note):
                widget.setEnabled(False)
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Application for a voucher") if self.application_id is None
                            else _("Edit application"))
        self.form.retranslate({name: _(label) for name, label in LABELS.items()})
        for combo in (self.kind, self.season, self.child):
            combo.retranslate()
        self.picker.retranslate()
        self.applied_on.retranslate()
        self.many_children.setText(_("Many children"))
        self.disability.setText(_("Disability (the member or a child)"))
        if self.application_id is not None:
            label = voucher_applications.STATUS_LABELS.get(getattr(self, "_status", ""), "")
            self.status.setText(_("Status: {status}").format(status=_(label)) if label else "")
        self.buttons.retranslate()

    def _kind_changed(self) -> None:
        if self.kind.code() == "children_camp" and self.season.code() is None:
            self.season.set_code("summer")

    def data(self, errors: list[ValidationError]) -> ApplicationInput:
        """The fields' values; a date that does not read goes to ``errors`` (and is None)."""
        try:
            applied_on = self.applied_on.date("applied_on")
        except ValidationError as exc:
            errors.append(exc)
            applied_on = None
        return ApplicationInput(
            member_id=self.picker.member_id(), kind=self.kind.code() or "",
            applied_on=applied_on, season=self.season.code(),
            child_id=self.child.current_id(), many_children=self.many_children.isChecked(),
            disability=self.disability.isChecked(), note=self.note.text(),
        )

    def save(self) -> bool:
        """Every mistake marked at once (the form's and the core's); saved in one call."""
        self.form.clear_errors()
        db = self.state.db
        errors: list[ValidationError] = []
        data = self.data(errors)
        try:
            if self.application_id is None:
                self.saved_id = voucher_applications.create_application(db, data)
            else:
                voucher_applications.update_application(db, self.application_id, data)
                self.saved_id = self.application_id
        except ValidationError as exc:
            unread = {e.field for e in errors}
            found = exc.errors if isinstance(exc, ValidationGroup) else [exc]
            errors += [e for e in found if e.field not in unread]
        except Exception as exc:  # noqa: BLE001 - shown to the user, nothing saved
            show_error(self, exc)
            return False
        if errors:
            self.form.show_errors(errors)
            return False
        self.state.notify_changed("vouchers")
        self.accept()
        return True

    def error_text(self, name: str) -> str:
        return self.form.error_text(name)
