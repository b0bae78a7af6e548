"""Throwing away the temporary folders of ``--demo`` windows that were killed.

``unionapp --demo`` works in a fresh temporary folder and deletes it when the window closes;
a window that was killed (or a PC switched off) leaves its folder behind - a database, its
backups and logs, a few MB each time. The next ``--demo`` removes such leftovers: a folder is
only taken when it is old (a day by default) and its database is not open - the same
operating-system lock that refuses a second window on one database tells whether a demo
window still uses it, however long it has been running.
"""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path

from unionapp.core.errors import AlreadyRunningError
from unionapp.core.lock import DatabaseLock

log = logging.getLogger(__name__)

STALE_AFTER_S = 24 * 3600


def is_in_use(db_path: Path) -> bool:
    """True while a program holds the database's lock (a window is open on it)."""
    lock = DatabaseLock(db_path)
    try:
        lock.acquire()
    except AlreadyRunningError:
        return True
    except OSError:  # cannot even open the lock file: leave the folder alone
        return True
    lock.release()
    return False


def remove_stale_demo_folders(
    parent: Path,
    prefix: str,
    db_name: str,
    *,
    older_than_s: float = STALE_AFTER_S,
    now: float | None = None,
) -> list[Path]:
    """Deletes the folders ``parent/prefix*`` not changed for ``older_than_s`` seconds whose
    database ``db_name`` is not in use; returns the folders it deleted. Never raises: a
    folder it cannot delete now is tried again next time."""
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        candidates = [p for p in parent.iterdir() if p.name.startswith(prefix)]
    except OSError:
        return removed
    for folder in candidates:
        try:
            if not folder.is_dir() or folder.is_symlink():
                continue
            if now - _last_change(folder) < older_than_s:
                continue
            if is_in_use(folder / db_name):
                continue
            shutil.rmtree(folder)
        except OSError as exc:
            log.info("left the demo folder %s: %s", folder, exc)
            continue
        removed.append(folder)
    return removed


def _last_change(folder: Path) -> float:
    """The newest modification time of the folder and the files right in it (the database and
    its journal change while a demo is used)."""
    times = [folder.stat().st_mtime]
    times += [entry.stat().st_mtime for entry in folder.iterdir() if entry.is_file()]
    return max(times)
