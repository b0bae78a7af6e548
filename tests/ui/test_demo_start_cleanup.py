"""``unionapp --demo`` clears the folders earlier demo windows left behind when killed."""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest

from unionapp.core.lock import DatabaseLock
from unionapp.ui import app as ui_app


def leftover(parent: Path, name: str, days: float) -> Path:
    folder = parent / f"{ui_app.DEMO_PREFIX}{name}"
    folder.mkdir()
    (folder / ui_app.DEMO_DB_NAME).write_bytes(b"SQLite format 3\x00")
    then = time.time() - days * 24 * 3600
    for path in (folder / ui_app.DEMO_DB_NAME, folder):
        os.utime(path, (then, then))
    return folder


def test_demo_start_removes_old_leftovers_but_not_an_open_demo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _isolated_home: Path
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setenv("UNIONAPP_HOME", str(_isolated_home))  # restored after the test
    killed = leftover(tmp_path, "killed", 3)
    fresh = leftover(tmp_path, "fresh", 0.1)
    still_open = leftover(tmp_path, "open", 3)
    lock = DatabaseLock(still_open / ui_app.DEMO_DB_NAME)
    lock.acquire()
    then = time.time() - 3 * 24 * 3600  # opened three days ago, and open still
    for path in (lock.path, still_open):
        os.utime(path, (then, then))
    try:
        db_path = ui_app.choose_database(argparse.Namespace(db=None, lang=None, demo=True))
    finally:
        lock.release()
    try:
        assert not killed.exists()
        assert fresh.exists() and still_open.exists()
        assert db_path.parent.parent == tmp_path and db_path.parent.is_dir()  # the new one
    finally:
        shutil.rmtree(db_path.parent, ignore_errors=True)
