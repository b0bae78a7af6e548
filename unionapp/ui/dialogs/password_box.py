"""The Settings page's «Password» group and its dialog: set, change or remove the password
asked whenever the register is opened (``core.password``).

Checking the current password and hashing the new one take a PBKDF2 each (a fraction of a
second, more on an old PC): the dialog does that on the thread pool, its buttons off meanwhile.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import password
from unionapp.core.errors import ValidationError
from unionapp.core.i18n import _
from unionapp.ui.operations import BackgroundJob, show_error, start_job

if TYPE_CHECKING:
    from unionapp.ui.state import AppState

ERROR_STYLE = "color:#b3261e;"


class SetPasswordDialog(QDialog):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SetPasswordDialog")
        self.state = state
        self.protected = password.is_protected(state.db)
        self.current, self.new, self.again = QLineEdit(), QLineEdit(), QLineEdit()
        for field in (self.current, self.new, self.again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.hint = QLabel(_("Leave the new password empty to open without one."))
        self.hint.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        if self.protected:
            form.addRow(_("Current password:"), self.current)
        form.addRow(_("New password:"), self.new)
        form.addRow(_("The new password again:"), self.again)
        self.saving: BackgroundJob | None = None  # the change being stored now
        self.buttons = buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setWindowTitle(_("Password"))

    def save(self) -> None:
        """Refuse two different new passwords at once; else store the change off the GUI
        thread (a wrong current password is refused there) and close when it is stored."""
        if self.saving is not None:
            return
        if self.new.text() != self.again.text():
            self._refuse(_("The two passwords are different; nothing was changed."))
            return
        db, new = self.state.db, self.new.text() or None
        current = self.current.text() if self.protected else None
        self._wait(True)
        self.saving = start_job(
            lambda _progress, _cancelled: password.set_password(db, new, current=current),
            self._stored, on_error=self._not_stored)

    def _wait(self, waiting: bool) -> None:
        self.buttons.setEnabled(not waiting)
        for field in (self.current, self.new, self.again):
            field.setEnabled(not waiting)

    def _stored(self, _result: object) -> None:
        if shiboken6.isValid(self):
            self.saving = None
            self._wait(False)
            self.accept()

    def _not_stored(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.saving = None
        self._wait(False)
        if isinstance(exc, ValidationError):
            self._refuse(exc.message())
        else:
            show_error(self, exc)

    def _refuse(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


class PasswordBox(QGroupBox):
    """What the password does, whether one is set, and the button to change it."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passwordBox")
        self.state = state
        self.dialog: SetPasswordDialog | None = None
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.button = QPushButton()
        self.button.setObjectName("passwordButton")
        self.button.clicked.connect(self.open_dialog)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_("Password"))
        protected = password.is_protected(self.state.db)
        self.text.setText(
            _("The register is opened with a password.") if protected else
            _("The register opens without a password. Set one if others use this computer.")
        )
        self.button.setText(_("Change the password…") if protected else _("Set a password…"))

    def open_dialog(self) -> SetPasswordDialog:
        self.dialog = SetPasswordDialog(self.state, self)
        self.dialog.accepted.connect(self.retranslate)
        self.dialog.open()
        return self.dialog
