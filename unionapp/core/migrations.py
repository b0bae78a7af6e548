"""Schema upgrades with alembic, run when a database is opened.

Following OpenLP: the steps are numbered (``unionapp/migrations/versions``); each step commits
together with its version stamp (one transaction per step), so a power cut mid-upgrade leaves
the database at the last finished step, and the next start carries on from there. The caller
passes a ``before`` callback (the backup), run once before the first step of a non-empty
database. A database stamped with a revision this program does not know was made by a newer
program and is refused rather than guessed at. Unlike OpenLP nothing here shows a dialog: the
refusal is a DatabaseFileError that each face shows in its own way.

``scripts`` lets a test add revisions of its own (an extra version folder), so the upgrade
path from an older schema is exercised before a second real schema exists.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any

from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import SQLAlchemyError

from unionapp.core.db import Database, damaged_error, probe_sqlite_file
from unionapp.core.errors import DatabaseFileError
from unionapp.core.i18n import N_

SCRIPTS = Path(__file__).resolve().parent.parent / "migrations"

NOT_UNIONAPP = N_("{path} is an SQLite database of another program, not a unionapp database.")
NOT_UNIONAPP_SERVER = N_(
    "The database {path} holds tables of another program, not a unionapp database."
)
UNREACHABLE = N_(
    "The database {path} cannot be opened. Check the server's address, the database name, "
    "the user name and the password."
)
# A PostgreSQL advisory lock key ("unionapp" in ASCII): two programs opening one new or old
# server database at once take turns to upgrade it, the second then finds nothing to do. An
# SQLite file needs none: the desktop app holds a DatabaseLock and SQLite serializes writers.
UPGRADE_LOCK_KEY = 0x756E696F6E617070
NEWER = N_(
    "The database {path} was made by a newer version of unionapp (schema {rev}). "
    "Install the newer version to open it."
)


def script_directory(extra_versions: Sequence[Path] = ()) -> ScriptDirectory:
    """The program's upgrade steps, plus any extra version folders (tests only)."""
    locations = [str(SCRIPTS / "versions"), *(str(p) for p in extra_versions)]
    return ScriptDirectory(str(SCRIPTS), version_locations=locations)


def head_revision(scripts: ScriptDirectory | None = None) -> str:
    head = (scripts or script_directory()).get_current_head()
    assert head is not None
    return head


def known_revisions(scripts: ScriptDirectory | None = None) -> set[str]:
    return {s.revision for s in (scripts or script_directory()).walk_revisions()}


def _name(db: Database) -> str:
    return str(db.path or db.url)


def unreadable_error(db: Database, exc: SADatabaseError) -> DatabaseFileError:
    """A file that cannot be read is damaged; a server that cannot be read is not reached.

    (For a server the first query is the connection itself: a wrong address, database name,
    user or password all fail here.) The driver's English wording is kept as ``detail``.
    """
    if db.path is not None:
        return damaged_error(db.path, str(exc.orig))
    return DatabaseFileError(UNREACHABLE, path=db.url, detail=str(exc.orig))


def current_revision(db: Database) -> str | None:
    try:
        with db.engine.connect() as conn:
            rev = MigrationContext.configure(conn).get_current_revision()
            conn.rollback()
            return rev
    except SADatabaseError as exc:
        raise unreadable_error(db, exc) from exc


def is_empty(db: Database) -> bool:
    with db.engine.connect() as conn:
        names = inspect(conn).get_table_names()
        conn.rollback()
    return not names


def needs_upgrade(db: Database, scripts: ScriptDirectory | None = None) -> bool:
    return current_revision(db) != head_revision(scripts)


def classify(
    name: str,
    tables: set[str] | frozenset[str],
    revision: str | None,
    scripts: ScriptDirectory | None = None,
    *,
    server: bool = False,
) -> None:
    """Refuse a database that is someone else's, or newer than this program."""
    if revision is None:
        if tables - {"alembic_version"}:
            raise DatabaseFileError(NOT_UNIONAPP_SERVER if server else NOT_UNIONAPP, path=name)
        return
    if revision not in known_revisions(scripts):
        raise DatabaseFileError(NEWER, path=name, rev=revision)


def check_file(path: Path, scripts: ScriptDirectory | None = None) -> None:
    """Check a file before SQLAlchemy opens it, so a refused file is left byte-identical.

    Opening through the engine would switch the file to WAL mode and create ``-wal``/``-shm``
    files; this looks through a read-only connection instead.
    """
    probe = probe_sqlite_file(path)
    if probe is not None:
        classify(str(path), probe.tables, probe.revision, scripts)


def check_not_newer(db: Database, scripts: ScriptDirectory | None = None) -> None:
    rev = current_revision(db)
    tables: set[str] = set()
    if rev is None and not is_empty(db):
        with db.engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            conn.rollback()
    classify(_name(db), tables, rev, scripts, server=db.path is None)


def _unlock_upgrades(conn: Connection) -> None:
    # A failed step left its transaction aborted: roll it back first. A connection that is
    # gone has lost the lock with it, and the step's own error is the one to show.
    with suppress(SQLAlchemyError):
        conn.rollback()
        conn.exec_driver_sql(f"SELECT pg_advisory_unlock({UPGRADE_LOCK_KEY})")
        conn.commit()


def upgrade(
    db: Database,
    before: Callable[[], Any] | None = None,
    *,
    target: str = "head",
    scripts: ScriptDirectory | None = None,
) -> bool:
    """Bring the schema to ``target``; call ``before`` (the backup) first if a step will run.

    ``before`` is skipped for an empty database: there is nothing to lose. Returns True
    when steps were run.
    """
    scripts = scripts or script_directory()
    check_not_newer(db, scripts)
    current = current_revision(db)
    wanted = scripts.get_revision(target)
    assert wanted is not None
    if current == wanted.revision:
        return False
    if before is not None and not is_empty(db):
        before()

    def steps(rev: Any, _context: Any) -> Any:
        # The same call alembic's own ``command.upgrade`` makes: the steps from rev to target.
        return scripts._upgrade_revs(target, rev)

    with db.engine.connect() as conn:
        server_lock = conn.dialect.name == "postgresql"
        if server_lock:  # held across the steps' commits; released below or with the session
            conn.exec_driver_sql(f"SELECT pg_advisory_lock({UPGRADE_LOCK_KEY})")
            conn.commit()
        context = MigrationContext.configure(
            conn,
            opts={
                "fn": steps,
                # Each step commits with its stamp. Alembic already does so on SQLite (it
                # counts SQLite's DDL as non-transactional); this makes PostgreSQL do the same.
                "transaction_per_migration": True,
                "render_as_batch": True,  # SQLite alters tables by copying them
            },
        )
        try:
            # The steps are chosen from the revision read here, after the lock: a program that
            # upgraded meanwhile leaves none to run.
            with Operations.context(context), context.begin_transaction():
                context.run_migrations()
            conn.commit()
        finally:
            if server_lock:
                _unlock_upgrades(conn)
    return True
