"""One copy of the desktop app per database: a lock on ``<database>.lock`` beside it.

Creating the file exclusively (``O_CREAT|O_EXCL``) is not enough: after a crash or a power
cut the file stays and the program would refuse to start forever. Instead the file is held
open with an operating-system lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows),
which the system releases the moment the process ends, however it ends. Both kinds conflict
between two opens of the file even inside one process, so two windows of one program
are refused too. The file itself stays (it only names the process that held it last);
deleting it on release would let a third process lock a different file of the same name.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType

from unionapp.core.errors import AlreadyRunningError
from unionapp.core.i18n import N_

ALREADY_OPEN = N_(
    "unionapp is already open on {path}. Switch to that window, or close it and try again."
)


def lock_path(db_path: Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".lock")


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


class DatabaseLock:
    """``lock.acquire()`` (raises AlreadyRunningError), ``lock.release()``, or ``with lock:``.

    Held until ``release()`` or the end of the process, even if the object is dropped: a
    lock that vanished with a forgotten reference would protect nothing.
    """

    def __init__(self, db_path: Path) -> None:
        self._fd: int | None = None
        self.db_path = Path(db_path).resolve()
        self.path = lock_path(self.db_path)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        if self._fd is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        if not _try_lock(fd):
            os.close(fd)
            raise AlreadyRunningError(ALREADY_OPEN, path=str(self.db_path))
        # Who holds it, for a person looking at the folder.
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> DatabaseLock:
        self.acquire()
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        self.release()
