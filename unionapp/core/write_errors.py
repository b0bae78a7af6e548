"""Why a file could not be written, in words a chairperson can act on.

Every writer (exports, printouts, reports, backups, copies) ends in the same place when the
operating system refuses: a folder that is a file or does not exist, no rights, a file open in
Excel, a read-only or full disk. The OS and SQLite say so in English ("[Errno 28] No space left
on device", "database or disk is full"); here the common cases become messages of our own,
translated when shown, and only an unknown one passes the OS's words through.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from unionapp.core.errors import UnionAppError, UserError
from unionapp.core.i18n import N_

WRITE_FAILED = N_("{file} could not be written: {reason}")
DISK_FULL = N_("the disk is full")
NO_FOLDER = N_("the folder does not exist")
IN_USE_OR_LOCKED = N_(
    "the file is open in another program (Excel?) or the folder may not be written to: close "
    "the file or choose another folder"
)
REASONS = {
    errno.ENOENT: NO_FOLDER,
    errno.ENOTDIR: NO_FOLDER,
    errno.EEXIST: NO_FOLDER,  # a file stands where the folder should be
    errno.EACCES: IN_USE_OR_LOCKED,
    errno.EPERM: IN_USE_OR_LOCKED,
    errno.EROFS: N_("the disk may not be written to"),
    errno.ENOSPC: DISK_FULL,
    errno.EDQUOT: DISK_FULL,
}


def reason_of(exc: BaseException) -> object:
    """The reason as a message object (translated when the error is shown), else the OS's
    own words for a case not foreseen."""
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)  # its low byte, for an extended code
        if code is not None and (code & 0xFF) == sqlite3.SQLITE_FULL:
            return UnionAppError(DISK_FULL)
        return str(exc)
    known = REASONS.get(getattr(exc, "errno", None) or 0)
    if known is not None:
        return UnionAppError(known)
    return getattr(exc, "strerror", None) or str(exc)


def write_failed(path: Path, exc: BaseException) -> UserError:
    """The refusal for a file that could not be written, naming it and why."""
    return UserError(WRITE_FAILED, file=path.name, reason=reason_of(exc))
