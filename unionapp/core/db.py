"""Engine and transactions.

SQLite gets WAL (readers never block the writer), foreign keys, a busy timeout and
``synchronous=FULL`` (a committed change survives a power cut). pysqlite's own implicit
transactions are switched off and replaced by an explicit BEGIN, the SQLAlchemy-documented
recipe, so DDL in migrations is transactional too. PostgreSQL URLs pass through unchanged.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Connection, Engine, create_engine, event, make_url
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from unionapp.core.errors import DatabaseFileError, UserError
from unionapp.core.i18n import N_
from unionapp.core.quick_settings import (  # lives where SQLAlchemy is not needed
    read_only_connection as read_only_connection,
)
from unionapp.core.target import is_server_url

SQLITE_HEADER = b"SQLite format 3\x00"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (see module docstring)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


WRITING = "unionapp_writing"  # execution option of the connections ``transaction`` uses
# Another writer got there first (the same card number, a lock held too long, a snapshot that
# moved on): nothing was saved, and doing it again will most likely work.
CLASHED = N_(
    "The register was changed at the same moment on another computer or in another program, "
    "so nothing was saved. Try again."
)
BUSY = N_(
    "The register is busy in another program (another window or a command) and nothing was "
    "saved. Try again in a moment."
)
# PostgreSQL's SQLSTATEs of a clash: unique violation, serialization failure, deadlock, lock
# not available; SQLite says "database is locked" / "UNIQUE constraint failed".
CLASH_STATES = frozenset({"23505", "40001", "40P01", "55P03"})


def _sqlite_begin(conn: Any) -> None:
    # A writing transaction takes the write lock at once (waiting up to busy_timeout for
    # another writer), so what it read stays true until it commits; a deferred one that read
    # first would fail with SQLITE_BUSY_SNAPSHOT if another process committed in between.
    writing = conn.get_execution_options().get(WRITING)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def clash_as_user_error(exc: BaseException) -> UserError | None:
    """The user's words for a write that met another writer's; None for anything else."""
    orig = getattr(exc, "orig", None)
    state = getattr(getattr(orig, "diag", None), "sqlstate", None) or getattr(
        orig, "sqlstate", None
    )
    if state in CLASH_STATES:
        return UserError(CLASHED)
    if isinstance(orig, sqlite3.IntegrityError) and "UNIQUE" in str(orig):
        return UserError(CLASHED)
    if isinstance(orig, sqlite3.OperationalError) and "locked" in str(orig):
        return UserError(BUSY)
    return None


def check_sqlite_file(path: Path) -> None:
    """Refuse a file that exists but is not an SQLite database, before SQLite touches it."""
    if path.is_dir():
        raise DatabaseFileError(N_("{path} is a folder, not a database file."), path=str(path))
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as f:
        header = f.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise DatabaseFileError(
            N_("{path} is not a unionapp database (not an SQLite file)."), path=str(path)
        )


DAMAGED = N_("The database file {path} is damaged and cannot be read.")


def damaged_error(path: Path | str, detail: str) -> DatabaseFileError:
    # ``detail`` is SQLite's English wording: kept for logs, not put into the user's sentence.
    return DatabaseFileError(DAMAGED, path=str(path), detail=detail)


# SQLite's result codes for a file whose pages cannot be read as a database ("database disk
# image is malformed", "file is not a database"). Locks and constraint failures have other
# codes (and other exception classes) and are not damage.
DAMAGE_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})


def is_damage(exc: BaseException) -> bool:
    """Whether ``exc`` (SQLAlchemy's wrapper or the driver's own) says the file is damaged."""
    orig = exc.orig if isinstance(exc, SADatabaseError) else exc
    if not isinstance(orig, sqlite3.DatabaseError):
        return False
    code = getattr(orig, "sqlite_errorcode", None)
    if code is None:  # raised by Python's sqlite3 module itself, not by SQLite
        return type(orig) is sqlite3.DatabaseError
    return (code & 0xFF) in DAMAGE_CODES  # an extended code keeps the primary in its low byte


def damage_as_file_error(exc: BaseException, path: Path | str) -> DatabaseFileError | None:
    """The user's message for a damaged file, or None when ``exc`` is something else."""
    if not is_damage(exc):
        return None
    orig = exc.orig if isinstance(exc, SADatabaseError) else exc
    return damaged_error(path, str(orig))


@dataclass(frozen=True)
class FileProbe:
    """What an existing SQLite file holds: its tables and the schema revision stamped in it."""

    tables: frozenset[str]
    revision: str | None


def probe_sqlite_file(path: Path) -> FileProbe | None:
    """Look into a database file without changing it; None when it is missing or 0 bytes (new).

    Raises DatabaseFileError naming the file when it is not SQLite or is damaged.
    """
    check_sqlite_file(path)
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        conn = read_only_connection(path)
        try:
            tables = frozenset(
                row[0]
                for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            )
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise damaged_error(path, str(exc)) from exc
    return FileProbe(tables=tables, revision=revision)


class Database:
    """One database: the engine, and sessions that are each exactly one transaction."""

    def __init__(self, target: str | Path) -> None:
        if not is_server_url(target):
            self.path: Path | None = Path(target).resolve()
            check_sqlite_file(self.path)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Built, not parsed from text: a folder named "№1 #2?" is a valid path.
            url = URL.create("sqlite", database=str(self.path))
        else:
            self.path = None
            url = make_url(str(target))
        # For messages and logs: a server URL's password is shown as ***.
        self.url = url.render_as_string(hide_password=True)
        self.engine: Engine = create_engine(url)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "begin", _sqlite_begin)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = self.engine.execution_options(**{WRITING: True})
        self._reader = (
            self.engine
            if self.engine.dialect.name == "sqlite"  # WAL: a read transaction is a snapshot
            else self.engine.execution_options(isolation_level="REPEATABLE READ")
        )

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def damage_named(self) -> Iterator[None]:
        """Turn SQLite's "database disk image is malformed" into the user's DatabaseFileError.

        Opening reads only the schema, so damage elsewhere in the file shows up later, in
        whichever query first touches a bad page. Every session and connection handed out
        here passes through this, so each face gets one clear message naming the file instead
        of a driver traceback; the transaction was rolled back, nothing changed.
        """
        try:
            yield
        except (SADatabaseError, sqlite3.DatabaseError) as exc:
            error = damage_as_file_error(exc, self.path) if self.path is not None else None
            if error is None:
                raise
            raise error from exc

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: everything inside commits together or not at all. A clash with
        another PC's write is refused in words (nothing saved) instead of a driver error."""
        try:
            with (self.damage_named(), self._sessions(bind=self._writer) as session,
                  session.begin()):
                yield session
        except (IntegrityError, OperationalError) as exc:
            error = clash_as_user_error(exc)
            if error is None:
                raise
            raise error from exc

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only look; anything written by mistake is rolled back. On a server it sees
        one moment (REPEATABLE READ), so a report's several queries agree while others write."""
        with self.damage_named(), self._sessions(bind=self._reader) as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A Core connection (for bulk reads through the driver), damage named as above."""
        with self.damage_named(), self.engine.connect() as conn:
            yield conn

    def close(self) -> None:
        self.engine.dispose()

    def checkpoint(self) -> None:
        """Fold the WAL into the main file (before copying the file or on close)."""
        if self.is_sqlite:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
