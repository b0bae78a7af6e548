"""Is a database sound? SQLite's integrity and foreign-key checks, and the schema version.

The same checks run on the live database (``check``: ``unionapp check``, the Settings page)
and on every backup file before it is trusted (``file_problems``). Problems come back as
sentences in the current language, one per problem, so each face can list them as they are.
SQLite's own description of structural damage is English and technical; it is passed on as
a detail inside a translated sentence.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy.exc import DatabaseError as SADatabaseError

from unionapp.core import migrations
from unionapp.core.db import Database, damaged_error
from unionapp.core.errors import DatabaseFileError
from unionapp.core.i18n import N_, _

STRUCTURE = N_("Damaged database structure: {detail}")
FOREIGN_KEY = N_("Row {rowid} of table {table} refers to a missing row of table {parent}.")
OLD_SCHEMA = N_(
    "The database schema is {rev}, this program works with {head}. "
    "Open the database with unionapp once to upgrade it."
)
NO_STAMP = N_("The database has no schema version; it was not made by unionapp.")
UNREADABLE = N_("Part of the file cannot be read.")


def _describe(integrity: Iterable[str], foreign_keys: Iterable[Sequence[Any]]) -> list[str]:
    problems = [_(STRUCTURE).format(detail=row) for row in integrity if row != "ok"]
    problems += [
        _(FOREIGN_KEY).format(table=row[0], rowid=row[1], parent=row[2]) for row in foreign_keys
    ]
    return problems


def file_problems(conn: sqlite3.Connection) -> list[str]:
    """Every structural and foreign-key problem of the database behind ``conn``."""
    try:
        integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        foreign_keys = conn.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError:
        return [_(UNREADABLE)]
    return _describe(integrity, foreign_keys)


def check(db: Database) -> list[str]:
    """Every problem of an open database: structure, foreign keys, schema version."""
    name = str(db.path or db.url)
    problems: list[str] = []
    # SQLite-only, on purpose: PostgreSQL always enforces foreign keys and has no
    # integrity_check of its own (amcheck needs an administrator); a server's own tools watch its
    # storage. On a server database only the schema version is checked.
    if db.is_sqlite:
        try:
            with db.engine.connect() as conn:
                integrity = [row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check")]
                foreign_keys = list(conn.exec_driver_sql("PRAGMA foreign_key_check"))
                conn.rollback()
            problems += _describe(integrity, foreign_keys)
        except SADatabaseError as exc:
            problems.append(damaged_error(name, str(exc.orig)).message())
    try:
        rev = migrations.current_revision(db)
        head = migrations.head_revision()
        if rev is None:
            problems.append(_(NO_STAMP))
        elif rev not in migrations.known_revisions():
            problems.append(_(migrations.NEWER).format(path=name, rev=rev))
        elif rev != head:
            problems.append(_(OLD_SCHEMA).format(rev=rev, head=head))
    except DatabaseFileError as exc:
        problems.append(exc.message())
    return problems
