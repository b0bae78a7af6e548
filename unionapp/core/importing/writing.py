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
from collections.abc import Mapping
from typing import Any, cast

from sqlalchemy import Table, insert
from sqlalchemy.orm import DeclarativeBase, Session

from unionapp.core.audit import as_text
from unionapp.core.models import AuditEntry


def table_of(model: type[DeclarativeBase]) -> Table:
    return cast(Table, model.__table__)


def bulk_insert(session: Session, model: type[DeclarativeBase], rows: list[dict[str, Any]]) -> None:
    """One executemany; every row must have the same keys."""
    if rows:
        session.execute(insert(table_of(model)), rows)


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
