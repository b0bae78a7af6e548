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
from sqlalchemy.orm import Session, sessionmaker

from unionapp.core.errors import DatabaseFileError
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


def _sqlite_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")


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
        """One user action: everything inside commits together or not at all."""
        with self.damage_named(), self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only look; anything written by mistake is rolled back."""
        with self.damage_named(), self._sessions() as session:
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
