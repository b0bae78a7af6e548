"""Where unionapp keeps its files.

Everything lives under one *home* folder so a test, the demo or a portable install can move
it all at once with ``UNIONAPP_HOME``. Resources are found beside the source tree, or inside
the PyInstaller bundle when frozen.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "unionapp"


def home() -> Path:
    """The folder holding the database, backups, logs and the UI's settings."""
    override = os.environ.get("UNIONAPP_HOME")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    """The database used when ``--db`` is not given: ``UNIONAPP_DB``, else the data folder."""
    override = os.environ.get("UNIONAPP_DB")
    if override:
        return Path(override)
    return home() / "unionapp.sqlite"


def backup_dir(db_path: Path) -> Path:
    """Backups sit beside the database they belong to, so each database keeps its own."""
    return db_path.parent / "backups"


def log_dir() -> Path:
    return home() / "logs"


def ui_settings_file() -> Path:
    """Window geometry and last page: per user, not per organization."""
    return home() / "ui.ini"


def resource_root() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """A file under ``resources/`` that works from source and from a frozen build."""
    return resource_root().joinpath("resources", *parts)


def translations_dir() -> Path:
    return resource_root() / "translations"
