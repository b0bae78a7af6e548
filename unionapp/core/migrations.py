"""Schema upgrades with alembic, run when a database is opened.

Each numbered step commits together with its version stamp (one transaction per step), so a
power cut mid-upgrade leaves the database at the last finished step. A backup is taken
before any step runs. A database stamped with a revision this program does not know was made
by a newer program and is refused rather than guessed at.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.exc import DatabaseError as SADatabaseError

from unionapp.core.db import Database
from unionapp.core.errors import DatabaseFileError
from unionapp.core.i18n import N_

SCRIPTS = Path(__file__).resolve().parent.parent / "migrations"


def script_directory() -> ScriptDirectory:
    return ScriptDirectory(str(SCRIPTS))


def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    try:
        with db.engine.connect() as conn:
            rev = MigrationContext.configure(conn).get_current_revision()
            conn.rollback()
            return rev
    except SADatabaseError as exc:
        raise DatabaseFileError(
            N_("The database {path} cannot be read: {error}"),
            path=str(db.path or db.url),
            error=str(exc.orig),
        ) from exc


def is_empty(db: Database) -> bool:
    with db.engine.connect() as conn:
        names = inspect(conn).get_table_names()
        conn.rollback()
    return not names


def needs_upgrade(db: Database) -> bool:
    return current_revision(db) != head_revision()


def check_not_newer(db: Database) -> None:
    rev = current_revision(db)
    if rev is None:
        if not is_empty(db):
            raise DatabaseFileError(
                N_("{path} is an SQLite file but not a unionapp database."),
                path=str(db.path or db.url),
            )
        return
    known = {s.revision for s in script_directory().walk_revisions()}
    if rev not in known:
        raise DatabaseFileError(
            N_(
                "The database {path} was made by a newer version of unionapp (schema {rev}). "
                "Install the newer version to open it."
            ),
            path=str(db.path or db.url),
            rev=rev,
        )


def upgrade(db: Database, before: Callable[[], Any] | None = None) -> bool:
    """Bring the schema to head; call ``before`` (the backup) first if anything will change.

    Returns True when steps were run.
    """
    check_not_newer(db)
    if not needs_upgrade(db):
        return False
    if before is not None and not is_empty(db):
        before()
    scripts = script_directory()

    def steps(rev: Any, _context: Any) -> Any:
        return scripts._upgrade_revs("head", rev)

    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn,
            opts={"fn": steps, "transaction_per_migration": True, "render_as_batch": True},
        )
        with Operations.context(context), context.begin_transaction():
            context.run_migrations()
        conn.commit()
    return True
