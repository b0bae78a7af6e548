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
from pathlib import Path
from typing import Any

from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.exc import DatabaseError as SADatabaseError

from unionapp.core.db import Database, damaged_error, probe_sqlite_file
from unionapp.core.errors import DatabaseFileError
from unionapp.core.i18n import N_

SCRIPTS = Path(__file__).resolve().parent.parent / "migrations"

NOT_UNIONAPP = N_("{path} is an SQLite database of another program, not a unionapp database.")
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


def current_revision(db: Database) -> str | None:
    try:
        with db.engine.connect() as conn:
            rev = MigrationContext.configure(conn).get_current_revision()
            conn.rollback()
            return rev
    except SADatabaseError as exc:
        raise damaged_error(_name(db), str(exc.orig)) from exc


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
) -> None:
    """Refuse a database that is someone else's, or newer than this program."""
    if revision is None:
        if tables - {"alembic_version"}:
            raise DatabaseFileError(NOT_UNIONAPP, path=name)
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
    classify(_name(db), tables, rev, scripts)


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
        with Operations.context(context), context.begin_transaction():
            context.run_migrations()
        conn.commit()
    return True
