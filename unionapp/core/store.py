"""Opening a database the way every face of the program does: check, back up, upgrade."""

from __future__ import annotations

from pathlib import Path

from unionapp.core import backup, migrations
from unionapp.core.db import Database


def open_database(target: str | Path, *, upgrade: bool = True) -> Database:
    """Open (creating if new) and upgrade the schema, backing the file up before any upgrade."""
    db = Database(target)
    try:
        if upgrade:
            migrations.upgrade(
                db, before=(lambda: backup.make_backup(db, "pre-upgrade")) if db.path else None
            )
        else:
            migrations.check_not_newer(db)
    except BaseException:
        db.close()
        raise
    return db
