"""The one object every screen shares: the open database and the signals that keep views fresh.

Like Anki's operations: widgets call services, then ``notify_changed`` tells every page that
data changed so each refreshes itself; no page reaches into another.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from unionapp.core import i18n, settings
from unionapp.core.store import open_database
from unionapp.core.target import Target, shown_name
from unionapp.ui.i18n import install_qt_translator


class AppState(QObject):
    data_changed = Signal(str)  # what changed: "members", "settings", "all"
    language_changed = Signal(str)

    def __init__(self, target: Target, parent: QObject | None = None, *, db: Any = None) -> None:
        """``target``: the database file, or a server's URL. ``db``: the database already
        opened (the start-up opens it on a worker thread); without it it is opened here
        (upgraded, and a file backed up, as always)."""
        super().__init__(parent)
        self.target: Target = target if isinstance(target, str) else Path(target).resolve()
        # The file, for what only a file has (backups, restore); None on a server.
        self.db_path: Path | None = None if isinstance(self.target, str) else self.target
        # A core Database; typed Any because the UI never imports the database layer.
        self.db: Any = db if db is not None else open_database(self.target)

    @property
    def on_server(self) -> bool:
        """The register is on a database server, shared by several PCs."""
        return self.db_path is None

    @property
    def shown_name(self) -> str:
        """The register as the window names it (a server's password hidden)."""
        return shown_name(self.target)

    def notify_changed(self, what: str = "all") -> None:
        self.data_changed.emit(what)

    def set_language(self, lang: str) -> None:
        """Switch the whole program's language: our catalog, Qt's own strings, then every page
        re-translates on the signal."""
        if lang == i18n.get_language():
            return
        i18n.set_language(lang)
        app = QCoreApplication.instance()
        if app is not None:
            install_qt_translator(app, lang)
        self.language_changed.emit(lang)

    def is_demo(self) -> bool:
        return settings.get(self.db, "org.demo") == "1"

    def close_database(self) -> None:
        self.db.close()

    def replace_database(self, db: Any) -> None:
        """Take the database a restore opened again (on the thread pool) and refresh every
        view."""
        self.db = db
        self.notify_changed("all")

    def reopen_database(self) -> None:
        """After a restore replaced the file: open it again and refresh every view."""
        self.db.close()
        self.db = open_database(self.target)
        self.notify_changed("all")
