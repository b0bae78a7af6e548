"""The command line: ``unionapp`` with no command opens the desktop app.

Each group of commands lives in its own module with a ``register(subparsers)`` function; the
handler it sets receives a ``Context`` that opens the database on first use. Exit codes
follow DESIGN.md: 0 success, 2 the user's input was refused, 1 a bug.

A mistyped ``--db`` must not pass silently: commands that only read refuse a missing file,
and the commands that may start a new database (``import``, ``config set``, ``demo``) leave
no new file behind when they are refused. When the reader of the output goes away
(``unionapp config get | head -1``) the command ends quietly with 0, not with a traceback
and not with the 141 of a process killed by SIGPIPE: the command did its work and the
reader chose to stop reading, so a script with ``pipefail`` should not count it a failure.
A bug (exit 1) prints one line in the user's language naming the log file; its traceback goes
to that file (``unionapp.logfile``), not to a screen full of English.
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from unionapp import __version__
from unionapp.core import i18n
from unionapp.core.errors import DatabaseFileError, UserError
from unionapp.core.i18n import N_, _
from unionapp.core.target import is_server_url, server_url

if TYPE_CHECKING:
    from unionapp.core.db import Database

log = logging.getLogger(__name__)

EXIT_OK, EXIT_BUG, EXIT_REFUSED = 0, 1, 2
NO_DATABASE = N_("There is no database file {path}.")
SIDECARS = ("-wal", "-shm", "-journal")


class Context:
    """What a command needs: its arguments and the database, opened on first use."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self._db: Database | None = None
        # A database file (and the folders above it) this run created: removed again when
        # the command does not succeed, so a refused first import leaves nothing behind.
        self._new_paths: list[Path] = []
        self.unlocked_with: str | None = None  # the password that opened the register

    @property
    def is_server(self) -> bool:
        """``--db`` may be a SQLAlchemy URL (PostgreSQL) instead of a file."""
        return is_server_url(self.args.db)

    @property
    def db_path(self) -> Path:
        """The database file; commands that copy or lock the file refuse a server database."""
        from unionapp import paths

        if self.is_server:
            raise UserError(
                N_("This command works with a database file only, not with a database server.")
            )
        return Path(self.args.db) if self.args.db else paths.default_db_path()

    @property
    def db_name(self) -> str:
        """The database as messages name it (a server URL without its password)."""
        return self.db.url if self.is_server else str(self.db_path)

    @property
    def db(self) -> Database:
        """The existing database; a missing file is refused (a mistyped ``--db``)."""
        return self.database(create=False)

    def database(self, *, create: bool) -> Database:
        """The database, opened once; ``create`` lets a command start a new file."""
        if self._db is None:
            from unionapp.core.store import open_database

            if not self.is_server:
                self._prepare_file(self.db_path, create)
            opened = open_database(server_url(self.args.db) if self.is_server else self.db_path)
            self._unlock(opened)
            self._db = opened
            if self.is_server and self.args.lang is None:
                from unionapp.core import settings

                i18n.set_language(settings.get(self._db, "ui.language"))
        return self._db

    def _unlock(self, db: Database) -> None:
        """A register with a password opens with UNIONAPP_PASSWORD, or asks in a terminal."""
        from unionapp.core import password

        try:
            if not password.is_protected(db):
                return
            given = os.environ.get("UNIONAPP_PASSWORD")
            if given is None and sys.stdin is not None and sys.stdin.isatty():
                import getpass

                given = getpass.getpass(_("Password: "))
            password.require(db, given)
        except BaseException:  # refused, or a file that cannot even be read: closed again
            db.close()
            raise
        self.unlocked_with = given  # ``password set`` changes it without asking twice

    def _prepare_file(self, path: Path, create: bool) -> None:
        if path.exists():  # an empty (0-byte) file counts: someone made it to be a database
            return
        if not create:
            raise DatabaseFileError(NO_DATABASE, path=str(path))
        missing = [path.resolve()]
        folder = missing[0].parent
        while not folder.exists():
            missing.append(folder)
            folder = folder.parent
        self._new_paths = missing

    @property
    def opened_file(self) -> Path | None:
        """The database file this command has open (None before it opened one or on a server)."""
        return self._db.path if self._db is not None else None

    def close(self, *, keep_new: bool = True) -> None:
        """Close the database; ``keep_new=False`` removes a database file this run created."""
        if self._db is not None:
            self._db.close()
            self._db = None
        if not keep_new:
            self._remove_new_file()
        self._new_paths = []

    def _remove_new_file(self) -> None:
        if not self._new_paths:
            return
        db_file, *folders = self._new_paths
        for path in (db_file, *(db_file.with_name(db_file.name + s) for s in SIDECARS)):
            path.unlink(missing_ok=True)
        for folder in folders:  # innermost first; a folder something else now uses stays
            try:
                folder.rmdir()
            except OSError:
                break


def out(text: str = "") -> None:
    print(text, flush=True)


def err(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def refusal(message: str) -> str:
    """A refusal as every command prints it: «Error: …» in the user's language."""
    return _("Error: {message}").format(message=message)


def whole_number(text: str) -> int:
    """argparse ``type=`` for counts: the user's wording, not «invalid int value»."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("Enter a whole number.")) from None


def build_parser() -> argparse.ArgumentParser:
    """The parser, its help in the current language (choose it before building)."""
    from unionapp.cli import (
        app_cmd,
        argparse_i18n,
        backup_cmds,
        config_cmd,
        copy_cmd,
        demo_cmd,
        dues_cmds,
        password_cmd,
        print_cmds,
        privacy_cmd,
        report_cmds,
        transfer_cmds,
    )

    argparse_i18n.install()
    parser = argparse.ArgumentParser(
        prog="unionapp",
        description=_("unionapp: the register of a primary trade-union organization."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"unionapp {__version__}",
        help=_("show the program's version and exit"),
    )
    parser.add_argument(
        "--db",
        metavar=_("FILE"),
        help=_("database file or server URL (default: UNIONAPP_DB or the data folder)"),
    )
    parser.add_argument("--lang", choices=i18n.LANGUAGES, help=_("language: ky or ru"))
    parser.add_argument(
        "--demo", action="store_true", help=_("open the window on a fresh demo in a temp folder")
    )
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"), title=_("commands"))
    for module in (app_cmd, demo_cmd, transfer_cmds, dues_cmds, print_cmds, report_cmds,
                   backup_cmds, copy_cmd, privacy_cmd, password_cmd, config_cmd):
        module.register(sub)
    parser.set_defaults(handler=app_cmd.run_app)
    return parser


class _EarlyParser(argparse.ArgumentParser):
    """Reads what it can and never answers: any mistake is the real parser's to report."""

    def error(self, message: str) -> NoReturn:
        raise argparse.ArgumentError(None, message)


def _early_options(argv: Sequence[str]) -> argparse.Namespace:
    """--lang and --db, read before the real parser so its help is in the right language.

    A bad ``--lang`` is ignored here; the real parser then refuses it, in the language the
    user would otherwise get (the stored one, else ky), with its full usage line.
    """
    early = _EarlyParser(prog="unionapp", add_help=False)
    early.add_argument("--lang")
    early.add_argument("--db")
    try:
        args = early.parse_known_args(list(argv))[0]
    except argparse.ArgumentError:
        return argparse.Namespace(lang=None, db=None)
    if args.lang not in i18n.LANGUAGES:
        args.lang = None
    return args


def _with_db_from_environment(args: argparse.Namespace) -> argparse.Namespace:
    """``UNIONAPP_DB`` stands for a missing ``--db`` (a file or a server URL alike)."""
    if not getattr(args, "db", None) and os.environ.get("UNIONAPP_DB"):
        args.db = os.environ["UNIONAPP_DB"]
    return args


def _choose_language(args: argparse.Namespace) -> None:
    """--lang, else the organization's setting (read without upgrading anything), else ky."""
    lang = args.lang
    if lang is None:
        from unionapp import paths
        from unionapp.core.quick_settings import stored_language

        if not is_server_url(args.db):  # a server's setting is read once it is open
            lang = stored_language(Path(args.db) if args.db else paths.default_db_path())
    i18n.set_language(lang or i18n.DEFAULT_LANGUAGE)


def _refused(exc: UserError) -> None:
    message = exc.message()
    where = getattr(exc, "field", "")
    if where and where not in message:  # «Unknown setting nokey.» names its field already
        message = f"{where}: {message}"
    err(refusal(message))


def log_details(exc: BaseException, what: str) -> Path | None:
    """Write ``exc``'s traceback to the log file; the file, or None when it cannot be written
    (the traceback then goes to stderr: the details must be somewhere)."""
    from unionapp import logfile

    path = logfile.start_file_log()
    if path is None:
        traceback.print_exception(exc, file=sys.stderr)
        return None
    try:
        log.error("%s", what, exc_info=exc)
    finally:
        logfile.stop_file_log()
    return path


def _bug(exc: BaseException, argv: list[str]) -> None:
    """One line for the user, the traceback to the log (exit 1 follows)."""
    path = log_details(exc, "unionapp " + " ".join(argv))
    if path is None:
        err(refusal(_("Something went wrong inside the program.")))
    else:
        err(refusal(_("Something went wrong inside the program. The details are in {file}.")
                    .format(file=str(path))))


def _damage(ctx: Context, exc: Exception) -> DatabaseFileError | None:
    """The last net: SQLite's "malformed" from any query becomes the damaged-file message.

    (The core's sessions convert it already; this catches a query that went around them.)
    """
    path = ctx.opened_file
    if path is None:
        return None
    from unionapp.core.db import damage_as_file_error  # loaded already: a database is open

    return damage_as_file_error(exc, path)


def _reader_gone() -> int:
    """stdout's reader went away: end quietly (see the module docstring)."""
    # Python flushes stdout once more at exit and would report the broken pipe then;
    # pointing the descriptor at devnull is the recipe of Python's own signal documentation.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass  # stdout is not a real file (captured by a test): nothing to flush at exit
    return EXIT_OK


def _run(argv: list[str]) -> int:
    from unionapp.cli import argparse_i18n

    argparse_i18n.install()  # before the early look at --lang: even its errors are translated
    _choose_language(_with_db_from_environment(_early_options(argv)))
    args = _with_db_from_environment(build_parser().parse_args(argv))
    ctx = Context(args)
    handler: Callable[[Context], int | None] = args.handler
    code = EXIT_BUG
    try:
        code = handler(ctx) or EXIT_OK
    except BrokenPipeError:
        code = EXIT_OK  # the work was done; only its output was cut off
        raise
    except UserError as exc:
        code = EXIT_REFUSED
        _refused(exc)
    except KeyboardInterrupt:
        code = EXIT_REFUSED
    except Exception as exc:
        damaged = _damage(ctx, exc)
        if damaged is None:
            _bug(exc, argv)  # the code stays EXIT_BUG
        else:
            code = EXIT_REFUSED
            _refused(damaged)
    finally:
        ctx.close(keep_new=code == EXIT_OK)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _run(list(sys.argv[1:] if argv is None else argv))
    except BrokenPipeError:
        return _reader_gone()
