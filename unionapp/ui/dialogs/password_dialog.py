"""The password asked before the register is shown, when one is set (Settings → Password…).

Not modal to the application: the window stays painted behind it; the register's pages are
made only after the right password (``core.password``), and Cancel closes the program.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from unionapp.core.i18n import _

ERROR_STYLE = "color:#b3261e;"


class PasswordDialog(QDialog):
    def __init__(self, check: Callable[[str], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PasswordDialog")
        self.check = check
        self.attempts = 0
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.field = QLineEdit()
        self.field.setObjectName("password")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.try_password)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.field)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setWindowTitle(_("Password"))
        self.text.setText(_("This register is protected by a password. Enter it to open it."))
        self.resize(380, self.sizeHint().height())

    def try_password(self) -> bool:
        """Accept on the right password; else say so, clear the field and let her try again."""
        if self.check(self.field.text()):
            self.accept()
            return True
        self.attempts += 1
        self.error.setText(_("The password is not right."))
        self.error.show()
        self.field.clear()
        self.field.setFocus()
        return False
