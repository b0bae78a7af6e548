"""Bulk writing for imports: audit rows collected and written in one statement.

``audit.record`` writes one statement per call, which would be one per row; an import
collects the same rows here (same shape, same text conversion, the file name as the source)
and writes them all at once.

Inserts go to the Core table, not the ORM class: the ORM's bulk insert leaves out keys whose
value is None and so splits rows with different empty cells into many small statements
(10,000 members became thousands of statements); the table takes them in one executemany.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, cast

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import DeclarativeBase, Session

from unionapp.core.audit import as_text
from unionapp.core.models import AuditEntry


def table_of(model: type[DeclarativeBase]) -> Table:
    return cast(Table, model.__table__)


def bulk_insert(session: Session, model: type[DeclarativeBase], rows: list[dict[str, Any]]) -> None:
    """One executemany; every row must have the same keys."""
    if rows:
        session.execute(insert(table_of(model)), rows)


def insert_audited(
    session: Session,
    model: type[DeclarativeBase],
    entity: str,
    rows: list[dict[str, Any]],
    audit: AuditRows,
    shown: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> None:
    """New rows in one bulk insert, then a «create» audit of each under the id it got.

    The new rows are found as the ids above the highest before the insert, in insert order.
    ``shown``: what the audit records of a row (default: every column but the note).
    """
    if not rows:
        return
    table = table_of(model)
    last_id = session.scalar(select(func.max(table.c.id))) or 0
    bulk_insert(session, model, rows)
    new_ids = session.scalars(select(table.c.id).where(table.c.id > last_id).order_by(table.c.id))
    for new_id, row in zip(new_ids, rows, strict=True):
        values = shown(row) if shown is not None else {k: v for k, v in row.items() if k != "note"}
        audit.add("create", entity, new_id, {name: (None, value) for name, value in values.items()})


class AuditRows:
    def __init__(self, source: str) -> None:
        self.source = source
        self.at = dt.datetime.now().replace(microsecond=0)
        self.rows: list[dict[str, Any]] = []

    def add(
        self,
        action: str,
        entity: str,
        entity_id: int,
        changes: Mapping[str, tuple[Any, Any]] | None,
    ) -> None:
        """One row per changed field, or one row for the whole record when no fields given."""
        base = {"at": self.at, "action": action, "entity": entity, "entity_id": entity_id,
                "source": self.source}
        added = False
        for name, (old, new) in (changes or {}).items():
            old_text, new_text = as_text(old), as_text(new)
            if old_text != new_text:
                self.rows.append({**base, "field": name, "old": old_text, "new": new_text})
                added = True
        if not added and not changes:
            self.rows.append({**base, "field": None, "old": None, "new": None})

    def write(self, session: Session) -> None:
        bulk_insert(session, AuditEntry, self.rows)
