"""The command line: ``unionapp`` with no command opens the desktop app.

Each group of commands lives in its own module with a ``register(subparsers)`` function; the
handler it sets receives a ``Context`` that opens the database on first use. Exit codes
follow DESIGN.md: 0 success, 2 the user's input was refused, 1 a bug.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from unionapp import __version__
from unionapp.core import i18n
from unionapp.core.errors import UserError
from unionapp.core.i18n import N_, _

if TYPE_CHECKING:
    from unionapp.core.db import Database

EXIT_OK, EXIT_BUG, EXIT_REFUSED = 0, 1, 2


class Context:
    """What a command needs: its arguments and the database, opened on first use."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self._db: Database | None = None

    @property
    def is_server(self) -> bool:
        """``--db`` may be a SQLAlchemy URL (PostgreSQL) instead of a file."""
        return bool(self.args.db) and "://" in str(self.args.db)

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
        if self._db is None:
            from unionapp.core.store import open_database

            self._db = open_database(str(self.args.db) if self.is_server else self.db_path)
            if self.is_server and self.args.lang is None:
                from unionapp.core import settings

                i18n.set_language(settings.get(self._db, "ui.language"))
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def out(text: str = "") -> None:
    print(text, flush=True)


def err(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def build_parser() -> argparse.ArgumentParser:
    """The parser, its help in the current language (choose it before building)."""
    from unionapp.cli import (
        app_cmd,
        argparse_i18n,
        backup_cmds,
        config_cmd,
        demo_cmd,
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
    for module in (app_cmd, demo_cmd, transfer_cmds, backup_cmds, config_cmd):
        module.register(sub)
    parser.set_defaults(handler=app_cmd.run_app)
    return parser


def _early_options(argv: Sequence[str]) -> argparse.Namespace:
    """--lang and --db, read before the real parser so its help is in the right language."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang", choices=i18n.LANGUAGES)
    early.add_argument("--db")
    return early.parse_known_args(list(argv))[0]


def _choose_language(args: argparse.Namespace) -> None:
    """--lang, else the organization's setting (read without upgrading anything), else ky."""
    lang = args.lang
    if lang is None:
        from unionapp import paths
        from unionapp.core.quick_settings import stored_language

        if not (args.db and "://" in args.db):  # a server's setting is read once it is open
            lang = stored_language(Path(args.db) if args.db else paths.default_db_path())
    i18n.set_language(lang or i18n.DEFAULT_LANGUAGE)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _choose_language(_early_options(argv))
    args = build_parser().parse_args(argv)
    ctx = Context(args)
    handler: Callable[[Context], int | None] = args.handler
    try:
        return handler(ctx) or EXIT_OK
    except UserError as exc:
        where = getattr(exc, "field", "")
        message = f"{where}: {exc.message()}" if where else exc.message()
        err(_("Error: {message}").format(message=message))
        return EXIT_REFUSED
    except KeyboardInterrupt:
        return EXIT_REFUSED
    finally:
        ctx.close()
