"""Settings read straight from the file before the database layer is loaded.

The desktop window paints before SQLAlchemy and alembic are imported (~0.3 s), and the command
line chooses the language of its ``--help`` before any command runs; both need the stored
language (and the window its organization's name) at once. This reads them with the standard
``sqlite3`` module in about a millisecond, never writes, and never migrates: anything it
cannot read counts as "nothing stored", and opening the database properly afterwards gives
the real message.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from pathlib import Path

from unionapp.core.i18n import LANGUAGES


def read_only_connection(path: Path) -> sqlite3.Connection:
    """Open a file for looking only, so that refusing it leaves it exactly as it was.

    Without a ``-wal`` beside it the file alone is the whole database, and ``immutable=1``
    reads it without creating ``-wal``/``-shm`` files or taking locks; with one, the log
    holds committed changes and must be read (``mode=ro``).
    """
    wal = path.with_name(path.name + "-wal")
    mode = "mode=ro" if wal.exists() else "immutable=1"
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True)
    conn.execute("PRAGMA busy_timeout=5000")
    return conn


def stored_settings(db_path: Path) -> dict[str, str]:
    """The settings rows as stored (no defaults); empty when the file has none or is unreadable."""
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return {}
    try:
        conn = read_only_connection(db_path)
        try:
            rows = conn.execute("SELECT key, value FROM settings").fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return {}  # not our database (yet): opening it later gives the real message
    return {str(key): str(value) for key, value in rows if value is not None}


def chosen_language(stored: Mapping[str, str]) -> str | None:
    """The language among ``stored_settings`` (``ui.language``), if it is one we speak."""
    lang = stored.get("ui.language")
    return lang if lang in LANGUAGES else None


def stored_language(db_path: Path) -> str | None:
    return chosen_language(stored_settings(db_path))
