"""Backups of the SQLite database (minimal: extended by the backups work)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from unionapp.core.db import Database
from unionapp.paths import backup_dir


def make_backup(db: Database, reason: str, out: Path | None = None) -> Path:
    """Copy the live database with SQLite's online backup API (consistent even mid-use)."""
    assert db.path is not None, "backups are for SQLite databases"
    if out is None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        out = backup_dir(db.path) / f"unionapp-{stamp}-{reason}.sqlite"
    out.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(str(db.path))
    try:
        dst = sqlite3.connect(str(out))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return out
