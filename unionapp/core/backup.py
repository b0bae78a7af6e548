"""Backups of the SQLite database: made online, verified, rotated, and restored.

Where and how they are named. Backups go to ``paths.backup_dir(db)``, a ``backups`` folder
beside the database, as ``{db stem}_{YYYYmmdd-HHMMSS-ffffff}_{reason}.sqlite``: the name
alone says which database, when and why, and ``list_backups`` reads all three from it (a
copied file keeps its name, not its modification time).

Reasons and rotation. After each backup, the newest of each automatic kind are kept:
``daily`` 14, ``on-close`` 10, ``pre-upgrade`` 10, ``pre-restore`` 10. ``manual`` backups
(``unionapp backup``, the Settings page's button, any ``--out FILE``) and ``unverified``
copies (restore's raw copy of a database that could not be read or verified) are never
deleted, and neither is any file in the folder that does not match this database's
pattern. Reasons of other modules (``pre-empty``) are never deleted either.

Consistency. SQLite's online backup API copies one committed snapshot even while another
connection is writing (in WAL mode a reader never waits for the writer, nor sees its
uncommitted changes). The copy is written as ``NAME.partial``, switched to rollback-journal
mode so it is one self-contained file, flushed to disk, verified (``verify_backup``:
integrity check, foreign keys, a unionapp schema this program knows), and only then renamed
to its final name: a crash mid-backup never leaves a half file that looks like a backup,
and a copy that fails verification is deleted and the error raised. On a full disk the half
copy (and any journal or log beside it) is deleted too and the refusal says «the disk is
full» in the user's words; the database is only ever read, so it stays as it was.

Restore. ``restore(db_path, file)`` verifies the file, backs up the current state
(``pre-restore``), and swaps the content in atomically (a verified copy beside the database,
flushed, then ``os.replace``). The caller must close its Database first, reopen it after
(``store.open_database`` then upgrades an older backup), and hold the ``DatabaseLock`` so no
other copy of the program has the file open.
"""

from __future__ import annotations

import datetime as dt
import glob
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from unionapp.core.db import Database, damaged_error, probe_sqlite_file, read_only_connection
from unionapp.core.errors import DatabaseFileError, UserError
from unionapp.core.i18n import N_
from unionapp.core.integrity import check, file_problems
from unionapp.core.migrations import classify
from unionapp.core.write_errors import reason_of
from unionapp.paths import backup_dir

__all__ = [
    "DAILY",
    "KEEP",
    "MANUAL",
    "ON_CLOSE",
    "PRE_RESTORE",
    "PRE_UPGRADE",
    "UNVERIFIED",
    "BackupInfo",
    "auto_backup_if_due",
    "backup_on_close",
    "check",
    "list_backups",
    "make_backup",
    "restore",
    "rotate",
    "verify_backup",
]

MANUAL, DAILY, ON_CLOSE = "manual", "daily", "on-close"
PRE_UPGRADE, PRE_RESTORE, UNVERIFIED = "pre-upgrade", "pre-restore", "unverified"
KEEP: dict[str, int] = {DAILY: 14, ON_CLOSE: 10, PRE_UPGRADE: 10, PRE_RESTORE: 10}

_STAMP = "%Y%m%d-%H%M%S-%f"
_NAME = re.compile(r"(?P<stem>.+)_(?P<stamp>\d{8}-\d{6}-\d{6})_(?P<reason>[a-z][a-z-]*)\.sqlite")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: dt.datetime
    reason: str
    size: int


def backup_name(db_path: Path, reason: str, when: dt.datetime) -> str:
    if not re.fullmatch(r"[a-z][a-z-]*", reason):
        raise ValueError(f"bad backup reason: {reason!r}")
    # The whole file name, not the stem: org.sqlite and org.db beside each other share the
    # backups folder but never each other's backups (or their rotation).
    return f"{db_path.name}_{when.strftime(_STAMP)}_{reason}.sqlite"


def list_backups(db_path: Path) -> list[BackupInfo]:
    """This database's backups in its backups folder, newest first."""
    folder = backup_dir(Path(db_path))
    if not folder.is_dir():
        return []
    found: list[BackupInfo] = []
    for path in folder.iterdir():
        match = _NAME.fullmatch(path.name)
        if match is None or match["stem"] != Path(db_path).name or not path.is_file():
            continue
        created = dt.datetime.strptime(match["stamp"], _STAMP)
        found.append(BackupInfo(path, created, match["reason"], path.stat().st_size))
    found.sort(key=lambda b: (b.created, b.path.name), reverse=True)
    return found


def rotate(db_path: Path) -> list[Path]:
    """Delete the automatic backups beyond ``KEEP`` of each kind; returns what was deleted."""
    seen: dict[str, int] = {}
    deleted: list[Path] = []
    for info in list_backups(db_path):
        if info.reason not in KEEP:
            continue
        seen[info.reason] = seen.get(info.reason, 0) + 1
        if seen[info.reason] > KEEP[info.reason]:
            info.path.unlink(missing_ok=True)
            deleted.append(info.path)
    return deleted


def _fsync_file(path: Path) -> None:
    with path.open("rb+") as f:
        os.fsync(f.fileno())


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows cannot open a folder and needs no such step."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_failed(path: Path, exc: BaseException) -> UserError:
    # SQLite and the OS say why in English: the common reasons are told in the user's words
    # (core.write_errors), as error objects translated when shown, like any message.
    return UserError(
        N_("The backup {path} could not be written: {error}"), path=str(path),
        error=reason_of(exc),
    )


def _drop_partial(partial: Path) -> None:
    """A half-made copy and the journal or log files SQLite may have left beside it."""
    partial.unlink(missing_ok=True)
    for side in ("-journal", "-wal", "-shm"):
        partial.with_name(partial.name + side).unlink(missing_ok=True)


def _drop_stale_partials(db_path: Path) -> None:
    """Copies a killed backup or restore left half-made: never a backup, so never kept."""
    folder = backup_dir(db_path)
    if folder.is_dir():
        for stale in folder.glob(f"{glob.escape(db_path.name)}_*.sqlite.partial*"):
            stale.unlink(missing_ok=True)


def _copy_verified(source: sqlite3.Connection, source_name: Path, out: Path) -> None:
    """Copy ``source`` into ``out`` via a ``.partial`` file, verified before it takes the name."""
    partial = out.with_name(out.name + ".partial")
    _drop_partial(partial)
    try:
        dst = sqlite3.connect(str(partial))
        try:
            # The copy arrives marked WAL (the source's mode); switching it back opens the
            # log. In exclusive mode that needs no -shm file: on a nearly full disk the copy
            # then needs only its own size, and a failure leaves no side files.
            dst.execute("PRAGMA locking_mode=EXCLUSIVE")
            source.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
        _fsync_file(partial)
    except (OSError, sqlite3.OperationalError) as exc:
        _drop_partial(partial)
        raise _write_failed(out, exc) from exc
    except sqlite3.DatabaseError as exc:  # the source itself cannot be read
        _drop_partial(partial)
        raise damaged_error(source_name, str(exc)) from exc
    try:
        verify_backup(partial, shown_as=out)
    except DatabaseFileError as exc:
        _drop_partial(partial)
        raise DatabaseFileError(
            N_(
                "The backup of {source} failed its check and was deleted; "
                "the database itself may be damaged. {problem}"
            ),
            source=str(source_name),
            problem=exc,  # shown in the language current when the message is
        ) from exc
    except BaseException:
        _drop_partial(partial)
        raise
    os.replace(partial, out)
    _fsync_dir(out.parent)


def _online_copy(src: Path, out: Path) -> None:
    source = sqlite3.connect(str(src), timeout=30)
    try:
        _copy_verified(source, src, out)
    finally:
        source.close()


def verify_backup(path: Path, *, shown_as: Path | None = None) -> None:
    """Refuse a file that is not a sound unionapp database this program can open.

    Raises DatabaseFileError naming the file when it is not SQLite, is damaged, fails the
    integrity or foreign-key check, is another program's database or is newer than the
    program. ``shown_as`` is the name to use in messages (the final name of a ``.partial``).
    """
    path = Path(path)
    name = str(shown_as or path)
    if not path.is_file():
        raise DatabaseFileError(N_("There is no file {path}."), path=name)
    try:
        probe = probe_sqlite_file(path)
    except DatabaseFileError as exc:
        exc.params["path"] = name
        raise
    if probe is None or probe.revision is None:
        classify(name, probe.tables if probe else frozenset(), None)
        raise DatabaseFileError(N_("{path} is an empty database, not a backup."), path=name)
    classify(name, probe.tables, probe.revision)
    conn = read_only_connection(path)
    try:
        problems = file_problems(conn)
    finally:
        conn.close()
    if problems:
        raise DatabaseFileError(
            N_("The file {path} failed the integrity check: {problems}"),
            path=name,
            problems=" ".join(problems),
        )


def make_backup(
    db: Database, reason: str, out: Path | None = None, *, now: dt.datetime | None = None
) -> Path:
    """Back the live database up (consistent even mid-use), verify it, rotate; return the file.

    Without ``out`` it goes to the backups folder under a name carrying the time and reason;
    ``out`` (a manual backup anywhere) must not exist yet: nothing is ever overwritten.
    """
    if db.path is None:  # SQLite-only on purpose: a server's administrator uses pg_dump & co.
        raise UserError(N_("A server database is backed up with the server's own tools."))
    if out is None:
        folder = backup_dir(db.path)
        target = folder / backup_name(db.path, reason, now or dt.datetime.now())
    else:
        target = Path(out).resolve()
        if target.exists():
            raise UserError(
                N_("{path} already exists; choose another file name."), path=str(target)
            )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _write_failed(target, exc) from exc
    if out is None:
        _drop_stale_partials(db.path)
    _online_copy(db.path, target)
    if out is None:
        rotate(db.path)
    return target


def auto_backup_if_due(db: Database, *, now: dt.datetime | None = None) -> Path | None:
    """The daily backup: made when this database has no ``daily`` backup from today."""
    if db.path is None:
        return None
    now = now or dt.datetime.now()
    if any(b.reason == DAILY and b.created.date() == now.date() for b in list_backups(db.path)):
        return None
    return make_backup(db, DAILY, now=now)


def backup_on_close(db: Database, *, now: dt.datetime | None = None) -> Path | None:
    """The backup the desktop app makes when it closes (None for a server database)."""
    if db.path is None:
        return None
    return make_backup(db, ON_CLOSE, now=now)


def _sidecars(db_path: Path) -> list[Path]:
    return [db_path.with_name(db_path.name + s) for s in ("-wal", "-shm", "-journal")]


def _save_current(db_path: Path, now: dt.datetime) -> Path | None:
    """Back up what is there before a restore replaces it; never lose it, even if damaged."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    folder = backup_dir(db_path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _write_failed(folder / backup_name(db_path, PRE_RESTORE, now), exc) from exc
    try:
        out = folder / backup_name(db_path, PRE_RESTORE, now)
        _online_copy(db_path, out)
        rotate(db_path)
        return out
    except (sqlite3.DatabaseError, DatabaseFileError):
        pass
    # Unreadable or not sound: keep the bytes as they are (with the log, if any).
    out = folder / backup_name(db_path, UNVERIFIED, now)
    wal = _sidecars(db_path)[0]
    try:
        shutil.copyfile(db_path, out)
        if wal.exists():
            shutil.copyfile(wal, out.with_name(out.name + "-wal"))
        _fsync_file(out)
    except OSError as exc:  # a full disk: no half copy that looks like a backup
        out.unlink(missing_ok=True)
        out.with_name(out.name + "-wal").unlink(missing_ok=True)
        raise _write_failed(out, exc) from exc
    _fsync_dir(folder)
    return out


def restore(db_path: Path, backup_file: Path, *, now: dt.datetime | None = None) -> Path | None:
    """Replace the database's content with a backup; return the backup of what was there.

    The caller closes its Database before (and holds the DatabaseLock) and reopens it with
    ``store.open_database`` after. Returns None when there was no database to back up.
    """
    db_path, backup_file = Path(db_path).resolve(), Path(backup_file).resolve()
    if db_path == backup_file:
        raise UserError(N_("{path} is the database itself, not a backup."), path=str(db_path))
    verify_backup(backup_file)
    saved = _save_current(db_path, now or dt.datetime.now())
    db_path.parent.mkdir(parents=True, exist_ok=True)
    incoming = db_path.with_name(db_path.name + ".restoring")
    incoming.unlink(missing_ok=True)
    source = read_only_connection(backup_file)
    try:
        _copy_verified(source, backup_file, incoming)
    finally:
        source.close()
    # The saved copy holds everything, the log's changes too (and closing the copy's source,
    # the last connection, folded the log into the file). A log left beside the new file
    # would be replayed into it.
    for side in _sidecars(db_path):
        side.unlink(missing_ok=True)
    os.replace(incoming, db_path)
    _fsync_dir(db_path.parent)
    return saved
