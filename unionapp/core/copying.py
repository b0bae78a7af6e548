"""Copying a whole register to another database: a SQLite file to a PostgreSQL server and back.

When a district committee outgrows one PC, its file moves to a server (and a server's data can
come back to a file for a laptop). The target is created at the program's schema and must be
empty; every table is copied in foreign-key order with its ids kept, in one transaction, so a
failed copy leaves the target as it was. The copy is then verified: the same number of rows in
every table and the same sums of every money column, or the copy is refused as failed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.orm import Session

from unionapp.core.db import Database
from unionapp.core.errors import UserError
from unionapp.core.i18n import N_
from unionapp.core.models import Base
from unionapp.core.target import is_server_url, server_url

CHUNK = 5000
# The money of the register (tyiyn): equal sums on both sides prove the amounts came across.
MONEY_COLUMNS = {
    "payroll_entries": ("wage", "withheld"),
    "cash_payments": ("amount",),
    "vouchers": ("cost", "copay"),
    "aid_payments": ("amount",),
    "awards": ("cost",),
    "budget_lines": ("planned",),
    "budget_entries": ("amount",),
}
NOT_EMPTY = N_(
    "The target {target} already holds a register ({count} members): a copy goes only into an "
    "empty database, so nothing there is overwritten."
)
HOLDS_DATA = N_(
    "The target {target} already holds data (decisions, a budget, institutions or other "
    "records): a copy goes only into an empty database, so nothing there is overwritten."
)
CANNOT_WRITE = N_(
    "The copy cannot be written to {path}: the folder does not exist or cannot be written "
    "to. Choose another folder."
)
SAME_PLACE = N_("The target is the database being copied: choose another file or server.")
MISMATCH = N_(
    "The copy does not match the original ({what}); it was not kept. Try again, and keep "
    "working in the original."
)

KEPT_AWAY = frozenset({"settings", "audit_log"})  # replaced by the copy without loss

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class CopySummary:
    target: str
    rows: dict[str, int]  # table -> rows copied
    sums: dict[str, int]  # "table.column" -> sum in tyiyn, equal on both sides

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def _tables() -> list[Table]:
    """Parents before children, so every foreign key finds its row."""
    return list(Base.metadata.sorted_tables)


def _figures(session: Session) -> tuple[dict[str, int], dict[str, int]]:
    """Rows per table and every money column's sum, as ``session``'s snapshot sees them."""
    counts: dict[str, int] = {}
    sums: dict[str, int] = {}
    for table in _tables():
        counts[table.name] = int(session.scalar(select(func.count()).select_from(table)) or 0)
        for column in MONEY_COLUMNS.get(table.name, ()):
            total = session.scalar(select(func.coalesce(func.sum(table.c[column]), 0)))
            sums[f"{table.name}.{column}"] = int(total or 0)
    return counts, sums


def copy_database(
    source: Database, target: str | Path, *, progress: Progress | None = None
) -> CopySummary:
    """Copy everything in ``source`` into the new or empty database ``target`` (file or URL)."""
    from unionapp.core.store import open_database  # store imports the migrations (slow)

    is_file = not is_server_url(target)
    if is_file and source.path is not None and Path(target).resolve() == source.path.resolve():
        raise UserError(SAME_PLACE)
    if is_file:
        _check_writable(Path(target))
    else:
        target = server_url(str(target))
    dest = open_database(target)
    try:
        shown = dest.url if dest.path is None else str(dest.path)
        _check_empty(dest, shown)
        with source.reading() as src, dest.transaction() as dst:
            # counted in the snapshot the rows are copied from: another PC writing meanwhile
            # changes neither side of the comparison below (it used to be a read of its own)
            counts, sums = _figures(src)
            total, done = sum(counts.values()), 0
            conn = dst.connection()
            for table in _tables():
                # a new database holds its own rows (settings' defaults): the source's win
                conn.execute(table.delete())
                result = src.execute(select(table))
                while rows := result.fetchmany(CHUNK):
                    conn.execute(insert(table), [dict(row._mapping) for row in rows])
                    done += len(rows)
                    if progress is not None:
                        progress(done, total)
            if conn.dialect.name == "postgresql":
                _reset_sequences(conn)
        with dest.reading() as check:
            copied, copied_sums = _figures(check)
        if copied != counts or copied_sums != sums:
            different = sorted(
                name for name in set(counts) | set(sums)
                if counts.get(name, sums.get(name)) != copied.get(name, copied_sums.get(name))
            )
            with dest.transaction() as dst:  # leave the target empty again
                for table in reversed(_tables()):
                    dst.execute(table.delete())
            raise UserError(MISMATCH, what=", ".join(different))
        return CopySummary(shown, counts, sums)
    finally:
        dest.close()


def _check_writable(path: Path) -> None:
    """A new file's folder must take it: else the user is told so, not that a file is damaged
    (SQLite's words for a file it cannot create) or that the program failed."""
    if path.exists():
        return  # an existing file is judged by opening it (a register, or not one)
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.touch(exist_ok=False)
    except OSError:
        raise UserError(CANNOT_WRITE, path=str(path)) from None
    path.unlink()


def _check_empty(dest: Database, shown: str) -> None:
    """Refuse a target holding anything but its settings: the copy replaces every table."""
    with dest.reading() as s:
        members = int(s.scalar(text("SELECT count(*) FROM members")) or 0)
        if members:
            raise UserError(NOT_EMPTY, target=shown, count=members)
        # its settings and their history are replaced by the register's own
        held = any(
            s.scalar(select(func.count()).select_from(table))
            for table in _tables() if table.name not in KEPT_AWAY
        )
    if held:
        raise UserError(HOLDS_DATA, target=shown)


def _reset_sequences(conn: Any) -> None:
    """Ids were copied as they were: each table's id sequence continues after the largest."""
    for table in _tables():
        if "id" not in table.c or not table.c.id.autoincrement:
            continue
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT max(id) FROM {table.name}), 0) + 1, false)"
            )
        )
