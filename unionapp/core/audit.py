"""The audit log: every service records what it changed, old -> new, and when."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from unionapp.core.models import AuditEntry


def as_text(value: Any) -> str | None:
    """Audit values are stored as text; dates as ISO, booleans as 1/0, empty as NULL."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def record(
    session: Session,
    action: str,
    entity: str,
    entity_id: int | None,
    changes: Mapping[str, tuple[Any, Any]] | None = None,
    source: str | None = None,
) -> None:
    """One row per changed field; a create/delete with no fields gets one row of its own."""
    now = dt.datetime.now().replace(microsecond=0)
    rows = [
        {
            "at": now,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "field": name,
            "old": as_text(old),
            "new": as_text(new),
            "source": source,
        }
        for name, (old, new) in (changes or {}).items()
        if as_text(old) != as_text(new)
    ]
    if changes and not rows:
        return  # nothing really changed: nothing to record
    if not rows:
        rows = [
            {
                "at": now,
                "action": action,
                "entity": entity,
                "entity_id": entity_id,
                "field": None,
                "old": None,
                "new": None,
                "source": source,
            }
        ]
    session.execute(insert(AuditEntry), rows)


def record_created(
    session: Session, entity: str, entity_id: int, values: Mapping[str, Any]
) -> None:
    """A new row: each of its fields from nothing to its value."""
    record(session, "create", entity, entity_id, {k: (None, v) for k, v in values.items()})


def update_recorded(
    session: Session, entity: str, entity_id: int, row: object, values: Mapping[str, Any]
) -> dict[str, tuple[Any, Any]]:
    """Set ``values`` on ``row`` and record each field that changed, old -> new; returns
    every field as (old, new), for a caller that describes the change further."""
    changes = {k: (getattr(row, k), v) for k, v in values.items()}
    for key, value in values.items():
        setattr(row, key, value)
    record(session, "update", entity, entity_id, changes)
    return changes


def history(session: Session, entity: str, entity_id: int) -> list[AuditEntry]:
    """Newest first."""
    stmt = (
        select(AuditEntry)
        .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
        .order_by(AuditEntry.id.desc())
    )
    return list(session.scalars(stmt))
