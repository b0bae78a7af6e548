"""Helpers of the PostgreSQL tests that compare databases by content."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select


def table_rows(db: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in primary-key order: "unchanged" on any database.

    (A refused import leaves an SQLite file byte-identical; a server has no file to compare.)
    """
    from unionapp.core.models import Base

    with db.engine.connect() as conn:
        return {
            table.name: [
                tuple(row)
                for row in conn.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in Base.metadata.sorted_tables
        }




def content_rows(db: Any) -> dict[str, list[tuple[Any, ...]]]:
    """``table_rows`` without the audit log's times: what two databases filled alike share."""
    rows = table_rows(db)
    rows["audit_log"] = [r[2:] for r in rows["audit_log"]]  # (id, at, ...) -> the rest
    return rows


# The small register of the export tests, shared rather than copied.
from import_helpers import fill_register  # noqa: E402, F401
