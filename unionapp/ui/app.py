"""Starting the desktop program: choose the database, refuse a second copy, open the window.

With no database yet, the window opens on a demo organization (marked by a banner) so a new
user sees a working register at once; ``--demo`` uses a throw-away folder instead.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QMessageBox

from unionapp import paths
from unionapp.core import backup, demo, i18n, settings
from unionapp.core.errors import UserError
from unionapp.core.i18n import _
from unionapp.core.lock import DatabaseLock
from unionapp.ui.i18n import install_qt_translator
from unionapp.ui.main_window import MainWindow
from unionapp.ui.state import AppState

log = logging.getLogger(__name__)


def choose_database(args: argparse.Namespace) -> Path:
    """The database the window opens; a demo one when asked or when none exists yet."""
    if getattr(args, "demo", False):
        db_path = demo.make_temp_demo()
        os.environ["UNIONAPP_HOME"] = str(db_path.parent)
        return db_path
    db_path = Path(args.db) if args.db else paths.default_db_path()
    if not db_path.exists() or db_path.stat().st_size == 0:
        from unionapp.core.store import open_database

        db = open_database(db_path)
        try:
            demo.generate_demo(db)
        finally:
            db.close()
    return db_path


def create_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("unionapp")
    app.setOrganizationName("unionapp")
    return app


def start_language(state: AppState, requested: str | None, app: QApplication) -> None:
    lang = requested or settings.get(state.db, "ui.language")
    i18n.set_language(lang)
    install_qt_translator(app, lang)
    state.language_changed.connect(lambda code: install_qt_translator(app, code))


def run(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.INFO)
    app = create_application()
    i18n.set_language(args.lang or i18n.DEFAULT_LANGUAGE)
    install_qt_translator(app, i18n.get_language())
    try:
        db_path = choose_database(args)
        lock = DatabaseLock(db_path)
        lock.acquire()
    except UserError as exc:
        QMessageBox.critical(None, _("unionapp"), exc.message())
        return 2
    try:
        state = AppState(db_path)
    except UserError as exc:
        lock.release()
        QMessageBox.critical(None, _("unionapp"), exc.message())
        return 2
    start_language(state, args.lang, app)
    window = MainWindow(state)
    window.show()
    try:
        backup.auto_backup_if_due(state.db)
    except UserError as exc:
        log.warning("daily backup failed: %s", exc)
    code = app.exec()
    QThreadPool.globalInstance().waitForDone()
    try:
        backup.backup_on_close(state.db)
    except UserError as exc:
        log.warning("backup on close failed: %s", exc)
    state.close_database()
    lock.release()
    return code
