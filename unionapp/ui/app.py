"""Starting the desktop program: choose the database, refuse a second copy, paint the window at
once, then open the register in the background.

The order (DESIGN.md "Performance targets": first paint within 2x a bare Qt window):

1. the QApplication; the language (``--lang``, else the one stored in the database, read with
   plain sqlite3 by ``core.quick_settings``) and Qt's catalog for it;
2. the lock: a second copy on the same database is refused before anything is shown;
3. the main window's shell (sidebar, language switch, "Opening the register…") is shown;
4. after its first paint, a job on the thread pool imports the core and the pages (SQLAlchemy,
   alembic, Babel: ~0.4 s), creates a missing database, opens it (upgrade and backup) and reads
   the member list, while the window stays responsive;
5. back on the GUI thread the pages are created over that list; a database that cannot be
   opened is explained in a message box and the program exits with code 2.

So this module and the window's shell import only Qt, the standard library and the light
modules (paths, core.i18n, core.errors, core.lock, core.demo_cleanup, core.quick_settings);
tests/test_startup.py guards it. With no database yet in the data folder, the window opens on
a demo organization (marked by a banner) so a new user sees a working register at once;
``--demo`` uses a throw-away folder instead and never touches the real data folder (and
removes the ones demo windows that were killed left behind). A database named explicitly
(``--db`` or ``UNIONAPP_DB``) that does not exist yet starts empty: whoever names a file wants
their own.

``start`` does everything up to showing the window and ``finish`` everything after it closes,
so tests drive both without running the event loop (``Running.is_ready`` tells when the
register is open). Only ``run`` - the real program - installs the hook that turns an exception
escaping a slot into the bug box and the log (pytest-qt keeps its own hook in tests), and ends
the process even when a background job is stuck (e.g. on a server that stopped answering).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from unionapp import logfile, paths
from unionapp.core import i18n
from unionapp.core.demo_cleanup import remove_stale_demo_folders
from unionapp.core.errors import UserError
from unionapp.core.i18n import _
from unionapp.core.lock import DatabaseLock
from unionapp.core.quick_settings import chosen_language, stored_settings
from unionapp.core.target import Target, as_target, is_server_url
from unionapp.ui.gui_gc import GuiThreadCollector
from unionapp.ui.i18n import install_qt_translator
from unionapp.ui.main_window import MainWindow
from unionapp.ui.operations import error_text, show_error, start_job
from unionapp.ui.pages import PAGES

if TYPE_CHECKING:
    from unionapp.ui.state import AppState

log = logging.getLogger(__name__)

EXIT_OK, EXIT_BUG, EXIT_REFUSED = 0, 1, 2
FINISH_WAIT_MS = 20_000  # for background work after the window closed; then it is left behind
DEMO_PREFIX = "unionapp-demo-"
DEMO_DB_NAME = "unionapp.sqlite"  # the data folder's database (paths.default_db_path)
UNPAINTED_START_MS = 500  # open the register anyway if the window is not painted by then
# Imported by the start-up job on its worker thread, so that the GUI thread finds them loaded:
# module code only (classes, constants), no widget is created there.
PRELOAD = (
    "unionapp.core.store",
    "unionapp.core.demo",
    "unionapp.core.settings",
    "unionapp.core.member_list",
    "unionapp.core.backup",
    "unionapp.ui.state",
    *(entry.module for entry in PAGES),
)


@dataclass
class Opened:
    """What the start-up job prepared on its worker thread for the GUI thread."""

    db: Any  # a core Database (the UI never imports the database layer)
    members: Any  # a core MemberList
    language: str  # the stored ``ui.language``
    protected: bool = False  # a password must be given before the register is shown


@dataclass
class Running:
    """What is open while the window is: closed again by ``finish``."""

    app: QApplication
    lock: DatabaseLock | None  # None for a server: several PCs work on it at once
    window: MainWindow
    target: Target  # the database file, or the server's URL
    temporary: bool = False  # a ``--demo`` folder, deleted when the program closes
    exit_code: int | None = None  # set when the register could not be opened after all
    opened: Opened | None = None  # set by the start-up job, even if the window never took it
    password_dialog: Any = None  # asked before the pages are made, when a password is set

    @property
    def state(self) -> AppState:
        """The open register's state (only once ``is_ready()``)."""
        if self.window.state is None:
            raise RuntimeError("the register is not open yet")
        return self.window.state

    def is_ready(self) -> bool:
        return self.window.is_ready()

    def is_settled(self) -> bool:
        """The start-up job has reported back: the register is open or was refused."""
        return self.is_ready() or self.exit_code is not None


def choose_database(args: argparse.Namespace) -> Target:
    """The database the window opens: ``--db`` or ``UNIONAPP_DB`` (a file or a server URL),
    else the data folder's file; with ``--demo``, a file in a fresh temporary folder (the demo
    itself is made by the start-up job, after the window is painted)."""
    if getattr(args, "demo", False):
        # the folders of demo windows that were killed instead of closed (not the open ones)
        remove_stale_demo_folders(Path(tempfile.gettempdir()), DEMO_PREFIX, DEMO_DB_NAME)
        folder = Path(tempfile.mkdtemp(prefix=DEMO_PREFIX))
        # Backups, logs and the window's settings stay in the temporary folder too.
        os.environ["UNIONAPP_HOME"] = str(folder)
        return folder / DEMO_DB_NAME
    given = getattr(args, "db", None) or os.environ.get("UNIONAPP_DB")
    return as_target(given) if given else paths.default_db_path()


def is_explicit(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "db", None) or os.environ.get("UNIONAPP_DB"))


def prepare_database(target: Target, *, with_demo: bool) -> bool:
    """Create a missing database file (with the demo organization if asked); True if created.

    A server's database is created by its administrator; ``open_register`` makes its tables.
    """
    if isinstance(target, str) or (target.exists() and target.stat().st_size > 0):
        return False
    from unionapp.core import demo
    from unionapp.core.store import open_database

    db = open_database(target)
    try:
        if with_demo:
            demo.generate_demo(db)
    finally:
        db.close()
    return True


def open_register(target: Target, *, with_demo: bool) -> Opened:
    """The slow part of the start, for a worker thread: load the code, create a missing
    database, open it (upgrade and backup) and read the register."""
    for module in PRELOAD:
        importlib.import_module(module)
    from unionapp.core import settings
    from unionapp.core.member_list import MemberList
    from unionapp.core.store import open_database

    prepare_database(target, with_demo=with_demo)
    db = open_database(target)
    try:
        from unionapp.core import password

        return Opened(db, MemberList.load(db), settings.get(db, "ui.language"),
                      password.is_protected(db))
    except BaseException:
        db.close()
        raise


def create_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("unionapp")
    app.setOrganizationName("unionapp")
    return app


def setup_logging() -> None:
    """Log to a file in the data folder (a GUI user has no console to read)."""
    logfile.start_file_log()


def close_logging() -> None:
    logfile.stop_file_log()


ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], Any]


def install_excepthook() -> ExceptHook:
    """An exception escaping a slot (outside ``perform`` and the background jobs, which show
    their own) is logged and shown in the bug box, not lost on a console nobody reads.
    Returns the hook it replaced, for ``run`` to put back."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt) or QApplication.instance() is None:
            previous(kind, exc, tb)
            return
        try:
            show_error(QApplication.activeWindow(), exc.with_traceback(tb))
        except Exception:  # noqa: BLE001 - the box itself failed: the console at least
            previous(kind, exc, tb)

    sys.excepthook = hook
    return previous


def refuse(message: str, parent: QWidget | None = None) -> int:
    """Tell the user why the program cannot open, in a dialog (over the window, if any)."""
    QMessageBox.critical(parent, _("unionapp"), message)
    return EXIT_REFUSED


def start(args: argparse.Namespace, app: QApplication | None = None) -> Running | int:
    """Show the window and start opening the register; an exit code when a second copy is
    refused. A database refused later sets ``Running.exit_code`` and closes the window."""
    app = app or create_application()
    icon = paths.resource_path("icons", "unionapp.png")
    if icon.is_file():  # every window's title bar and the task bar
        app.setWindowIcon(QIcon(str(icon)))
    temporary = bool(getattr(args, "demo", False))
    try:
        target = choose_database(args)
    except UserError as exc:  # e.g. a URL of a kind of database the program cannot use
        return refuse(exc.message())
    # A server's settings are read once it is open (on the worker: it needs SQLAlchemy).
    stored = {} if isinstance(target, str) else stored_settings(target)
    lang = getattr(args, "lang", None) or chosen_language(stored) or i18n.get_language()
    i18n.set_language(lang)
    install_qt_translator(app, lang)
    lock = None if isinstance(target, str) else DatabaseLock(target)
    try:
        if lock is not None:
            lock.acquire()
    except UserError as exc:
        if temporary and isinstance(target, Path):
            shutil.rmtree(target.parent, ignore_errors=True)
        return refuse(exc.message())
    window = MainWindow()
    window.show_opening(target if isinstance(target, str) else target.resolve(), stored)
    running = Running(app, lock, window, target, temporary)
    begun = False

    def begin() -> None:  # after the first paint, or the timer if the window never paints
        nonlocal begun
        if not begun and window.isVisible():
            begun = True
            _open_in_background(running, args)

    window.first_painted.connect(begin)
    QTimer.singleShot(UNPAINTED_START_MS, window, begin)
    window.show()
    return running


def _open_in_background(running: Running, args: argparse.Namespace) -> None:
    setup_logging()
    target, with_demo = running.target, running.temporary or not is_explicit(args)

    def work(_progress: Any, _cancelled: Any) -> Opened:
        opened = open_register(target, with_demo=with_demo)
        running.opened = opened  # for ``finish``, should the window close before it gets it
        return opened

    start_job(
        work,
        lambda opened: _show_register(running, args, opened),
        on_error=lambda exc: _refused(running, exc),
    )


def _show_register(running: Running, args: argparse.Namespace, opened: Opened) -> None:
    """Back on the GUI thread: the pages over the register the job read."""
    window = running.window
    if not window.isVisible():  # closed while it was opening: ``finish`` closes the database
        return
    if opened.protected:
        _ask_password(running, args, opened)
        return
    _show_pages(running, args, opened)


def _ask_password(running: Running, args: argparse.Namespace, opened: Opened) -> None:
    from unionapp.core import password
    from unionapp.ui.dialogs.password_dialog import PasswordDialog

    dialog = PasswordDialog(lambda given: password.check(opened.db, given), running.window)
    running.password_dialog = dialog
    dialog.accepted.connect(lambda: _show_pages(running, args, opened))
    dialog.rejected.connect(running.window.close)  # ``finish`` closes the database
    dialog.open()


def _show_pages(running: Running, args: argparse.Namespace, opened: Opened) -> None:
    window = running.window
    from unionapp.ui.state import AppState  # loaded by the job

    state = AppState(running.target, db=opened.db)
    fixed = getattr(args, "lang", None) or window.picked_language
    if not fixed and opened.language in i18n.LANGUAGES:
        state.set_language(opened.language)  # e.g. a file the quick look could not read
    window.open_register(state, opened.members)
    if not running.temporary and not is_server_url(running.target):
        window.start_daily_backup()


def _refused(running: Running, exc: BaseException) -> None:
    if isinstance(exc, UserError):
        running.exit_code = refuse(exc.message(), running.window)
    else:
        show_error(running.window, exc)
        running.exit_code = EXIT_BUG
    running.window.close()


def finish(running: Running, *, wait_ms: int = FINISH_WAIT_MS) -> bool:
    """After the window closed: wait for background work (``wait_ms`` at most), back up,
    close, unlock. False when some work did not end in time (``run`` then ends the process
    without waiting for it).

    A ``--demo`` folder is thrown away instead of backed up: it held nothing of the user's.
    """
    settled = QThreadPool.globalInstance().waitForDone(wait_ms)
    if not settled:
        log.warning("background work still running %d ms after the window closed; "
                    "the program ends without it", wait_ms)
    state = running.window.state
    # The state's database (a restore may have reopened it), else the one the start-up job
    # opened for a window that closed before it was shown.
    db: Any = state.db if state is not None else getattr(running.opened, "db", None)
    failed: str | None = None
    try:
        if db is not None and not running.temporary:
            from unionapp.core import backup

            try:
                backup.backup_on_close(db)
            except Exception as exc:  # noqa: BLE001 - closing must go on: logged, and told
                log.warning("backup on close failed: %s", exc)
                failed = error_text(exc)  # a bug's traceback goes to the log
    finally:  # whatever happened above, the database is closed and the lock let go
        if db is not None:
            db.close()
        if running.lock is not None:
            running.lock.release()
    if failed is not None:  # the window is gone: the chairperson must still learn of it
        QMessageBox.warning(
            None,
            _("unionapp"),
            _(
                "The backup on closing was not made: {error}\n\nEverything entered is saved in "
                "the register. Make a backup in Settings once the backups folder has room."
            ).format(error=failed),
        )
    if running.temporary and isinstance(running.target, Path):
        close_logging()  # its file is in the folder
        folder = running.target.parent
        if folder.name.startswith(DEMO_PREFIX):
            shutil.rmtree(folder, ignore_errors=True)
    return settled


def run(args: argparse.Namespace) -> int:
    started = start(args)
    if isinstance(started, int):
        return started
    previous = install_excepthook()
    collector = GuiThreadCollector(started.app)  # before any worker starts (after first paint)
    try:
        code = started.app.exec()
        settled = finish(started)
    finally:
        collector.stop()
        sys.excepthook = previous
    code = started.exit_code if started.exit_code is not None else code
    if not settled:  # Qt would wait for the stuck job at exit, for ever: end here
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code
