"""The password asked before the register is shown, when one is set (Settings → Password…).

Not modal to the application: the window stays painted behind it; the register's pages are
made only after the right password (``core.password``), and Cancel closes the program. The
check hashes the password 200,000 times (a fraction of a second, more on an old PC), so it
runs on the thread pool and the dialog waits with its buttons off meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from unionapp.core.i18n import _
from unionapp.ui.operations import BackgroundJob, show_error, start_job

ERROR_STYLE = "color:#b3261e;"
TEXT_WIDTH = 360  # px


class PasswordDialog(QDialog):
    def __init__(self, check: Callable[[str], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PasswordDialog")
        self.check = check
        self.attempts = 0
        self.checking: BackgroundJob | None = None  # the check running now
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.field = QLineEdit()
        self.field.setObjectName("password")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.try_password)
        self.buttons.rejected.connect(self.reject)
        layout = self._layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.field)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setWindowTitle(_("Password"))
        self.text.setText(_("This register is protected by a password. Enter it to open it."))
        # A fixed start height squeezed the wrapped text when the error line appeared (its
        # first line was cut off): the layout sets the height from the width instead.
        self.text.setMinimumWidth(TEXT_WIDTH)
        self._fit()

    def try_password(self) -> None:
        """Check the password off the GUI thread; accept when it is right, else say so, clear
        the field and let her try again."""
        if self.checking is not None:
            return
        given = self.field.text()
        self._wait(True)
        self.checking = start_job(lambda _progress, _cancelled: self.check(given),
                                  self._checked, on_error=self._check_failed)

    def _wait(self, waiting: bool) -> None:
        """While checking: no second OK and no typing; Cancel still closes the program."""
        self.field.setEnabled(not waiting)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not waiting)

    def _checked(self, right: bool) -> None:
        if not shiboken6.isValid(self):  # the window closed meanwhile
            return
        self.checking = None
        self._wait(False)
        if not self.isVisible():  # cancelled (Esc) while checking: the program is closing
            return
        if right:
            self.accept()
            return
        self.attempts += 1
        self.error.setText(_("The password is not right."))
        self.error.show()
        self._fit()
        self.field.clear()
        self.field.setFocus()

    def _check_failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.checking = None
        self._wait(False)
        show_error(self, exc)

    def _fit(self) -> None:
        """As tall as the wrapped text and the error need at the dialog's width."""
        self.setMinimumHeight(self._layout.totalHeightForWidth(max(self.width(), TEXT_WIDTH)))
        self.adjustSize()
