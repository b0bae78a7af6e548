"""Backups, proven (issue 8 part 3): every kind of automatic backup restores to a sound
register; a backup made by an older schema is upgraded when restored; a backup folder that
cannot be written gives a clear message and the database stays as it was."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pytest

from unionapp.cli import main
from unionapp.core import backup, members, migrations
from unionapp.core.errors import UserError
from unionapp.core.store import open_database

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "db"
NOON = dt.datetime(2026, 11, 25, 12, 0)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_automatic_backup_restores_to_a_sound_register(tmp_path: Path) -> None:
    path = tmp_path / "union.sqlite"
    shutil.copyfile(FIXTURES / "schema-0001.sqlite", path)
    db = open_database(path)  # an upgrade: the pre-upgrade backup
    count = members.count_members(db)
    backup.auto_backup_if_due(db, now=NOON)  # the daily one
    backup.make_backup(db, backup.MANUAL, now=NOON + dt.timedelta(minutes=1))
    backup.backup_on_close(db, now=NOON + dt.timedelta(minutes=2))
    db.close()
    made = backup.list_backups(path)
    assert {b.reason for b in made} >= {backup.PRE_UPGRADE, backup.DAILY, backup.MANUAL,
                                        backup.ON_CLOSE}
    for i, item in enumerate(made):
        target = tmp_path / f"restored-{i}" / "union.sqlite"
        target.parent.mkdir()
        shutil.copyfile(path, target)
        backup.restore(target, item.path, now=NOON + dt.timedelta(hours=i + 1))
        restored = open_database(target)  # an old-schema backup is upgraded here
        try:
            assert backup.check(restored) == [], item.reason
            assert migrations.current_revision(restored) == migrations.head_revision()
            assert members.count_members(restored) == count
        finally:
            restored.close()


def test_restoring_a_backup_of_the_first_schema_upgrades_it(tmp_path: Path) -> None:
    path = tmp_path / "union.sqlite"
    assert main(["--db", str(path), "demo", "--members", "40", "--years", "0"]) == 0
    old = tmp_path / "from-2024.sqlite"
    shutil.copyfile(FIXTURES / "schema-0001.sqlite", old)
    assert main(["--db", str(path), "restore", str(old)]) == 0
    db = open_database(path)
    try:
        assert migrations.current_revision(db) == migrations.head_revision()
        assert members.find_by_card(db, "0002") is not None  # the old register, upgraded
        assert members.count_members(db) == 6
    finally:
        db.close()
    assert main(["--db", str(path), "check"]) == 0


def test_a_backup_folder_that_cannot_be_written_is_refused_and_the_database_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "union.sqlite"
    assert main(["--db", str(path), "demo", "--members", "30", "--years", "0"]) == 0
    blocker = backup.backup_dir(path)
    shutil.rmtree(blocker, ignore_errors=True)
    blocker.write_text("a file where the backups folder should be", encoding="utf-8")
    before = _sha(path)
    assert main(["--db", str(path), "backup"]) == 2  # a clear refusal, not a traceback
    err = capsys.readouterr().err
    assert "Traceback" not in err and str(blocker.name) in err
    db = open_database(path)
    try:
        with pytest.raises(UserError):
            backup.auto_backup_if_due(db, now=NOON)
        assert members.count_members(db) == 30
    finally:
        db.close()
    assert _sha(path) == before
    assert main(["--db", str(path), "check"]) == 0


def test_half_made_copies_of_a_killed_backup_are_cleared_by_the_next(tmp_path: Path) -> None:
    path = tmp_path / "union.sqlite"
    assert main(["--db", str(path), "demo", "--members", "20", "--years", "0"]) == 0
    folder = backup.backup_dir(path)
    folder.mkdir(exist_ok=True)
    stale = [folder / "union.sqlite_20261124-101010-000001_manual.sqlite.partial",
             folder / "union.sqlite_20261124-101010-000001_manual.sqlite.partial-journal"]
    other = folder / "other.sqlite_20261124-101010-000001_manual.sqlite.partial"
    for file in (*stale, other):
        file.write_bytes(b"half a copy")
    db = open_database(path)
    try:
        backup.make_backup(db, backup.MANUAL, now=NOON)
    finally:
        db.close()
    assert not any(f.exists() for f in stale)
    assert other.exists()  # another database's files are not ours to remove
    assert [b.reason for b in backup.list_backups(path)] == [backup.MANUAL]
