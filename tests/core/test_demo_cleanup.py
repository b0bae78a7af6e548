"""Leftover ``--demo`` folders (from windows that were killed) are removed at the next
``--demo``: only old ones, only those no running program holds, nothing else in the folder."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from unionapp.core.demo_cleanup import remove_stale_demo_folders
from unionapp.core.lock import DatabaseLock

PREFIX, DB_NAME = "unionapp-demo-", "unionapp.sqlite"
DAY = 24 * 3600


def demo_folder(parent: Path, name: str, age_s: float) -> Path:
    """A demo's folder as a killed window leaves it: database, lock file, a backup."""
    folder = parent / f"{PREFIX}{name}"
    (folder / "backups").mkdir(parents=True)
    for file in (folder / DB_NAME, folder / f"{DB_NAME}.lock", folder / "backups" / "b.sqlite"):
        file.write_bytes(b"x" * 100)
    then = time.time() - age_s
    for path in (folder / "backups" / "b.sqlite", folder / "backups", folder / DB_NAME,
                 folder / f"{DB_NAME}.lock", folder):
        os.utime(path, (then, then))
    return folder


def test_old_unlocked_folders_go_recent_and_foreign_ones_stay(tmp_path: Path) -> None:
    killed = demo_folder(tmp_path, "killed", 2 * DAY)
    recent = demo_folder(tmp_path, "recent", 3600)
    other = tmp_path / "someone-else"
    other.mkdir()
    os.utime(other, (time.time() - 9 * DAY,) * 2)
    stray = tmp_path / f"{PREFIX}file.txt"  # a file with the prefix, not a folder
    stray.write_text("keep")
    os.utime(stray, (time.time() - 9 * DAY,) * 2)

    removed = remove_stale_demo_folders(tmp_path, PREFIX, DB_NAME)

    assert removed == [killed] and not killed.exists()
    assert recent.exists() and other.exists() and stray.exists()


def test_a_folder_whose_database_is_open_stays_however_old(tmp_path: Path) -> None:
    running = demo_folder(tmp_path, "running", 5 * DAY)
    lock = DatabaseLock(running / DB_NAME)  # the window's lock, held
    lock.acquire()
    try:
        assert remove_stale_demo_folders(tmp_path, PREFIX, DB_NAME) == []
        assert (running / DB_NAME).exists()
    finally:
        lock.release()
    # closed (its lock file was written when it opened, a day before "now")
    assert remove_stale_demo_folders(tmp_path, PREFIX, DB_NAME, now=time.time() + DAY) == [
        running]


def test_the_lock_of_another_process_counts_until_it_is_killed(tmp_path: Path) -> None:
    folder = demo_folder(tmp_path, "other", 2 * DAY)
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from unionapp.core.lock import DatabaseLock
            DatabaseLock({str(folder / DB_NAME)!r}).acquire()
            print("locked", flush=True)
            time.sleep(60)
        """)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        assert remove_stale_demo_folders(tmp_path, PREFIX, DB_NAME) == []
    finally:
        holder.kill()
        holder.wait()
    # killed, not closed: the system released its lock, the folder is a leftover now
    assert remove_stale_demo_folders(tmp_path, PREFIX, DB_NAME, now=time.time() + DAY) == [
        folder]
    assert not folder.exists()


def test_a_missing_parent_or_a_recent_file_inside_keeps_everything(tmp_path: Path) -> None:
    assert remove_stale_demo_folders(tmp_path / "missing", PREFIX, DB_NAME) == []
    folder = demo_folder(tmp_path, "used-today", 3 * DAY)
    (folder / DB_NAME).write_bytes(b"written just now")  # the folder itself looks old
    assert remove_stale_demo_folders(tmp_path, PREFIX, DB_NAME) == []
    assert folder.exists()
