"""The Settings page's backups: the list, "Back up now", restore, and the backups folder.

A restore replaces the whole database file. It is refused while other background work (a
page's read, the daily backup) still uses the database; otherwise one job on the thread pool
closes the database, lets the core restore (which backs up the current state before anything
else) and opens it again (an upgrade check, maybe a backup): none of it on the GUI thread,
which only takes the reopened database and tells every page that everything changed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from unionapp import paths
from unionapp.core import backup
from unionapp.core.formatting import format_datetime, format_number
from unionapp.core.i18n import N_, _
from unionapp.ui.operations import confirm, run_in_background, running_jobs, show_error
from unionapp.ui.state import AppState
from unionapp.ui.widgets.flow_layout import FlowLayout

REASON_LABELS = {
    "manual": N_("Made by hand"),
    "daily": N_("Daily, automatic"),
    "on-close": N_("On closing the program"),
    "pre-upgrade": N_("Before a program upgrade"),
    "pre-restore": N_("Before a restore"),
    "pre-empty": N_("Before emptying the register"),
    "pre-purge": N_("Before forgetting former members"),
    "unverified": N_("Copy of a damaged database"),
}
PATH_ROLE = Qt.ItemDataRole.UserRole
log = logging.getLogger(__name__)


@dataclass
class Restored:
    """What the restore job hands back: the database opened again (even after a refused
    restore, so the register goes on), the backup of the state before, and the refusal."""

    db: Any
    saved: Path | None = None
    error: BaseException | None = None


def restore_and_reopen(db: Any, db_path: Path, backup_file: Path) -> Restored:
    """Close, restore and open again - the slow part of a restore, for the thread pool."""
    from unionapp.core.store import open_database  # loaded with backup; never at start-up

    db.close()
    try:
        result = Restored(None, saved=backup.restore(db_path, backup_file))
    except Exception as exc:  # noqa: BLE001 - reported on the GUI thread once reopened
        result = Restored(None, error=exc)
    result.db = open_database(db_path)
    log.info("restore of %s: %s; the register is open again", backup_file.name,
             "refused" if result.error else "done")
    return result


def reason_label(reason: str) -> str:
    return _(REASON_LABELS[reason]) if reason in REASON_LABELS else reason


def size_text(size: int) -> str:
    """``820 KB`` or ``12,5 MB`` with the language's decimal sign."""
    kb = Decimal(size) / 1024
    if kb < 1024:
        return _("{size} KB").format(size=format_number(kb.quantize(Decimal(1), ROUND_HALF_UP)))
    mb = (kb / 1024).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return _("{size} MB").format(size=format_number(mb))


class BackupsBox(QGroupBox):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if state.db_path is None:
            raise ValueError("a server's register has ServerCopyBox instead")
        self.state = state
        self.db_path: Path = state.db_path
        self.setObjectName("backupsBox")
        self.backups: list[backup.BackupInfo] = []

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("backupsTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(160)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.backup_button = QPushButton()
        self.backup_button.setObjectName("backupNow")
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton()
        self.restore_button.setObjectName("restore")
        self.restore_button.clicked.connect(self.restore_selected)
        self.folder_button = QPushButton()
        self.folder_button.setObjectName("openFolder")
        self.folder_button.clicked.connect(self.open_folder)
        self.status = QLabel()
        self.status.setObjectName("backupStatus")
        self.status.setWordWrap(True)

        buttons = FlowLayout()  # on a narrow screen the (long, Russian) buttons wrap
        for button in (self.backup_button, self.restore_button, self.folder_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        self.refresh()

    def retranslate(self) -> None:
        self.setTitle(_("Backups"))
        self.intro.setText(
            _(
                "The program backs the register up every day and when it closes. Each backup "
                "is checked after it is made. Restoring one first backs up the current state, "
                "so a restore can be undone too."
            )
        )
        self.table.setHorizontalHeaderLabels([_("Date and time"), _("Kind"), _("Size")])
        self.backup_button.setText(_("Back up now"))
        self.restore_button.setText(_("Restore selected…"))
        self.folder_button.setText(_("Open backups folder"))
        self.status.clear()
        self.refresh()

    # -- the list ---------------------------------------------------------------------------
    def refresh(self, select: Path | None = None) -> None:
        self.backups = backup.list_backups(self.db_path)
        self.table.setRowCount(len(self.backups))
        for row, info in enumerate(self.backups):
            cells = (format_datetime(info.created), reason_label(info.reason), size_text(info.size))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(PATH_ROLE, str(info.path))
                item.setToolTip(str(info.path))
                if column == 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
            if select is not None and info.path.name == select.name:
                self.table.selectRow(row)
        self._update_buttons()

    def selected(self) -> backup.BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    # -- actions ------------------------------------------------------------------------------
    def back_up_now(self) -> None:
        db = self.state.db

        def work(_progress: Any, _cancelled: Any) -> Path:
            return backup.make_backup(db, backup.MANUAL)

        def done(path: Path) -> None:
            self.backup_button.setEnabled(True)
            self.refresh(select=path)
            self.status.setText(_("Backup made: {file}").format(file=path.name))

        self.backup_button.setEnabled(False)
        self.status.setText(_("Backing up…"))
        run_in_background(
            self, _("Backing up…"), work, done, cancellable=False, on_error=self._failed
        )

    def restore_selected(self) -> None:
        info = self.selected()
        if info is None or self._busy():
            return
        question = _(
            "Restore the backup of {when}?\n\nEverything entered after it will be replaced. "
            "The current state is backed up first, so you can return to it from this list."
        ).format(when=format_datetime(info.created))
        if not confirm(self, question, title=_("Restore a backup")):
            return
        if self._busy():  # asked again: the question may have waited for a while
            return
        state, db_path = self.state, self.db_path

        def work(_progress: Any, _cancelled: Any) -> Restored:
            return restore_and_reopen(state.db, db_path, info.path)

        def done(restored: Restored) -> None:
            state.replace_database(restored.db)  # tells every page: everything changed
            if restored.error is not None:
                self._failed(restored.error)
                return
            self.refresh(select=restored.saved)
            self.status.setText(
                _("The backup of {when} was restored.").format(when=format_datetime(info.created))
            )

        run_in_background(
            self,
            _("Restoring the backup…"),
            work,
            done,
            cancellable=False,
            on_error=self._failed,  # the database could not be opened again
            show_after_ms=0,  # the window is blocked at once, not after 200 ms
        )

    def _busy(self) -> bool:
        """Other work still uses the database (a page's read, a backup): a restore must not
        replace the file under it. Say so and let her try again in a moment."""
        if not running_jobs():
            return False
        QMessageBox.information(
            self,
            _("Restore a backup"),
            _("The program is still busy with other work. Wait a moment and restore again."),
        )
        return True

    def _failed(self, exc: BaseException) -> None:
        self.status.clear()
        self.backup_button.setEnabled(True)
        show_error(self, exc)

    def open_folder(self) -> None:
        folder = paths.backup_dir(self.db_path)
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        """Automatic backups appear while the program runs: list them afresh when shown."""
        self.backup_button.setEnabled(True)
        self.refresh()
        super().showEvent(event)
