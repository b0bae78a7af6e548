"""Housekeeping actions on a whole database, reachable from the Settings page.

``start_empty_register`` is how a new user leaves the demo organization the program opened
with: the demo's invented people go, the settings that describe the demo organization go back
to their defaults, and a backup is made first so even this is undoable.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete

from unionapp.core import audit, backup
from unionapp.core.db import Database
from unionapp.core.models import Base, Setting

EMPTY_REASON = "pre-empty"

# Settings that describe the (invented) demo organization; the user's own choices (language,
# youth age, dues share) are kept.
DEMO_SETTINGS = ("org.name_ky", "org.name_ru", "org.chairperson", "org.employees", "org.demo")

# Tables that are not the organization's data.
_KEPT_TABLES = frozenset({"settings", "alembic_version"})


def start_empty_register(db: Database) -> Path | None:
    """Back up, then empty every register and the audit log in one transaction.

    Every data table is emptied (children before parents, from the models' own dependency
    order, so registers added later are covered too) except the settings; the demo's own
    settings return to their defaults and ``org.demo`` becomes 0. Returns the backup made
    first (None for a server database, which the server's own tools back up).
    """
    saved = backup.make_backup(db, EMPTY_REASON) if db.path is not None else None
    with db.transaction() as s:
        for table in reversed(Base.metadata.sorted_tables):
            if table.name not in _KEPT_TABLES:
                s.execute(table.delete())
        s.execute(delete(Setting).where(Setting.key.in_(DEMO_SETTINGS)))
        s.add(Setting(key="org.demo", value="0"))
        audit.record(s, "empty", "register", None)
    return saved
