"""The Settings page's backups group for a register on a database server.

Several PCs work on a server's register at once, so it cannot be replaced by a restore from one
of them, and the server's administrator backs the server up with its own tools. What the
chairperson can still do from here is keep a copy of the whole register in a file on this
computer: the same verified copy as ``unionapp copy --to FILE`` (every table's rows and the
money's sums compared), a file that unionapp opens like any register, and that ``unionapp copy``
moves back to an empty server database if ever needed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from unionapp.core.formatting import format_number
from unionapp.core.i18n import _
from unionapp.ui.operations import run_in_background, show_error
from unionapp.ui.state import AppState

ENDING = ".sqlite"


class ServerCopyBox(QGroupBox):
    """Shown instead of the backups list when the register is on a server."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("backupsBox")
        self.intro = QLabel()
        self.intro.setObjectName("serverIntro")
        self.intro.setWordWrap(True)
        self.copy_button = QPushButton()
        self.copy_button.setObjectName("saveCopy")
        self.copy_button.clicked.connect(self.ask_and_save_copy)
        self.status = QLabel()
        self.status.setObjectName("backupStatus")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def retranslate(self) -> None:
        self.setTitle(_("Backups"))
        self.intro.setText(
            _(
                "This register is kept on the database server {server} and several computers "
                "work on it at once, so the server's administrator backs it up with the "
                "server's own tools. You can also save a copy of the whole register to a file "
                "on this computer: unionapp opens it like any register."
            ).format(server=self.state.shown_name)
        )
        self.copy_button.setText(_("Save a copy to a file…"))
        self.status.clear()

    def refresh(self) -> None:
        """Nothing is listed for a server (the page calls this on every change)."""

    def ask_and_save_copy(self) -> None:
        name = _("unionapp-copy-{date}").format(date=dt.date.today().isoformat()) + ENDING
        chosen, _kind = QFileDialog.getSaveFileName(
            self, _("Save a copy to a file"), str(Path.home() / name),
            _("unionapp register (*.sqlite)"),
        )
        if chosen:
            path = Path(chosen)
            self.save_copy(path if path.suffix.lower() == ENDING else path.with_suffix(ENDING))

    def save_copy(self, path: Path) -> None:
        """Copy the register into the new file ``path``, off the GUI thread, with progress."""
        from unionapp.core.copying import copy_database

        db = self.state.db

        def work(progress: Any, _cancelled: Any) -> Any:
            # An existing file is never emptied: a register with members, or a file that is
            # no register, is refused by the copy with a message naming it.
            return copy_database(db, path, progress=progress)

        def done(summary: Any) -> None:
            self.copy_button.setEnabled(True)
            self.status.setText(
                _("Copy saved: {file} ({rows} rows, checked against the server).").format(
                    file=path, rows=format_number(summary.total_rows)
                )
            )

        def failed(exc: BaseException) -> None:
            self.copy_button.setEnabled(True)
            self.status.clear()
            show_error(self, exc)

        self.copy_button.setEnabled(False)
        self.status.setText(_("Saving a copy…"))
        run_in_background(self, _("Saving a copy…"), work, done, cancellable=False,
                          on_error=failed)
