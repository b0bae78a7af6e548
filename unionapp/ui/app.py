"""Starting the desktop program: choose the database, refuse a second copy, open the window.

With no database yet in the data folder, the window opens on a demo organization (marked by a
banner) so a new user sees a working register at once; ``--demo`` uses a throw-away folder
instead and never touches the real data folder. A database named explicitly (``--db`` or
``UNIONAPP_DB``) that does not exist yet starts empty: whoever names a file wants their own.

``start`` does everything up to showing the window and ``finish`` everything after it closes,
so tests drive both without running the event loop.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
from dataclasses import dataclass
from logging.handlers import RotatingFileHandler
from pathlib import Path

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QMessageBox

from unionapp import paths
from unionapp.core import backup, demo, i18n, settings
from unionapp.core.errors import UserError
from unionapp.core.i18n import _
from unionapp.core.lock import DatabaseLock
from unionapp.core.store import open_database
from unionapp.ui.i18n import install_qt_translator
from unionapp.ui.main_window import MainWindow
from unionapp.ui.state import AppState

log = logging.getLogger(__name__)

EXIT_OK, EXIT_REFUSED = 0, 2
LOG_HANDLER = "unionapp-file"
DEMO_PREFIX = "unionapp-demo-"  # the folder core.demo.make_temp_demo makes


@dataclass
class Running:
    """What is open while the window is: closed again by ``finish``."""

    app: QApplication
    lock: DatabaseLock
    state: AppState
    window: MainWindow
    temporary: bool = False  # a ``--demo`` folder, deleted when the program closes


def choose_database(args: argparse.Namespace) -> Path:
    """The database file the window opens (a fresh temporary demo with ``--demo``)."""
    if getattr(args, "demo", False):
        db_path = demo.make_temp_demo()
        # Backups, logs and the window's settings stay in the temporary folder too.
        os.environ["UNIONAPP_HOME"] = str(db_path.parent)
        return db_path
    return Path(args.db) if getattr(args, "db", None) else paths.default_db_path()


def is_explicit(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "db", None) or os.environ.get("UNIONAPP_DB"))


def prepare_database(db_path: Path, *, with_demo: bool) -> bool:
    """Create a missing database (with the demo organization if asked); True if created."""
    if db_path.exists() and db_path.stat().st_size > 0:
        return False
    db = open_database(db_path)
    try:
        if with_demo:
            demo.generate_demo(db)
    finally:
        db.close()
    return True


def create_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("unionapp")
    app.setOrganizationName("unionapp")
    return app


def setup_logging() -> None:
    """Log to a file in the data folder (a GUI user has no console to read)."""
    close_logging()
    root = logging.getLogger()
    try:
        paths.log_dir().mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            paths.log_dir() / "unionapp.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return
    handler.set_name(LOG_HANDLER)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def close_logging() -> None:
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h.get_name() == LOG_HANDLER]:
        root.removeHandler(handler)
        handler.close()


def refuse(message: str) -> int:
    """Tell the user why the program cannot open, in a dialog (there is no window yet)."""
    QMessageBox.critical(None, _("unionapp"), message)
    return EXIT_REFUSED


def start(args: argparse.Namespace, app: QApplication | None = None) -> Running | int:
    """Open the database and show the window; an exit code when the program cannot start."""
    app = app or create_application()
    i18n.set_language(getattr(args, "lang", None) or i18n.get_language())
    install_qt_translator(app, i18n.get_language())
    lock: DatabaseLock | None = None
    try:
        db_path = choose_database(args)
        lock = DatabaseLock(db_path)
        lock.acquire()
        setup_logging()
        prepare_database(db_path, with_demo=not is_explicit(args))
        state = AppState(db_path)
    except UserError as exc:
        if lock is not None:
            lock.release()
        return refuse(exc.message())
    lang = getattr(args, "lang", None) or settings.get(state.db, "ui.language")
    i18n.set_language(lang)
    install_qt_translator(app, lang)
    window = MainWindow(state)
    window.show()
    temporary = bool(getattr(args, "demo", False))
    if not temporary:
        window.start_daily_backup()
    return Running(app, lock, state, window, temporary)


def finish(running: Running) -> None:
    """After the window closed: wait for background work, back up, close, unlock.

    A ``--demo`` folder is thrown away instead of backed up: it held nothing of the user's.
    """
    QThreadPool.globalInstance().waitForDone()
    if not running.temporary:
        try:
            backup.backup_on_close(running.state.db)
        except UserError as exc:
            log.warning("backup on close failed: %s", exc)
    running.state.close_database()
    running.lock.release()
    if running.temporary:
        close_logging()  # its file is in the folder
        folder = running.state.db_path.parent
        if folder.name.startswith(DEMO_PREFIX):
            shutil.rmtree(folder, ignore_errors=True)


def run(args: argparse.Namespace) -> int:
    started = start(args)
    if isinstance(started, int):
        return started
    code = started.app.exec()
    finish(started)
    return code
