"""Backups: consistent while in use, verified, rotated as documented, restorable."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from unionapp.core import backup, members, settings
from unionapp.core.db import Database
from unionapp.core.errors import DatabaseFileError, UserError
from unionapp.core.members import MemberInput
from unionapp.core.models import Member
from unionapp.core.store import open_database

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "db" / "schema-0001.sqlite"
DAY = dt.datetime(2026, 3, 1, 9, 0)


def _add(db: Database, card: str, surname: str = "Асан уулу") -> int:
    return members.create_member(
        db, MemberInput(card_no=card, surname=surname, name="Бакыт", join_date=dt.date(2020, 1, 1))
    )


def _cards(path: Path) -> set[str]:
    conn = sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True)
    try:
        return {row[0] for row in conn.execute("SELECT card_no FROM members")}
    finally:
        conn.close()


def _break_foreign_key(path: Path) -> None:
    """A child whose parent does not exist: what a bug or a hand edit could leave behind."""
    conn = sqlite3.connect(path)  # foreign keys are off in a bare sqlite3 connection
    conn.execute("INSERT INTO children (member_id, full_name) VALUES (999, 'Жетим')")
    conn.commit()
    conn.close()


def test_backup_is_a_verified_copy_named_by_time_and_reason(db: Database) -> None:
    _add(db, "1")
    made = backup.make_backup(db, "manual", now=DAY)

    assert made.parent == db.path.parent / "backups"  # type: ignore[union-attr]
    assert made.name == "union.sqlite_20260301-090000-000000_manual.sqlite"
    assert _cards(made) == {"1"}
    backup.verify_backup(made)
    (info,) = backup.list_backups(db.path)  # type: ignore[arg-type]
    assert (info.path, info.created, info.reason) == (made, DAY, "manual")
    assert info.size == made.stat().st_size
    assert not list(made.parent.glob("*.partial"))
    assert sqlite3.connect(made).execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_backup_holds_only_committed_state_while_another_connection_writes(
    db: Database, db_path: Path
) -> None:
    _add(db, "committed")
    other = Database(db_path)
    try:
        with other.transaction() as s:
            s.add(Member(card_no="uncommitted", surname="Ж", name="Ж", join_date=dt.date.today()))
            s.flush()  # the other connection now holds the write lock mid-transaction
            made = backup.make_backup(db, "manual")
    finally:
        other.close()
    assert _cards(made) == {"committed"}
    assert members.find_by_card(db, "uncommitted") is not None


def test_out_writes_where_asked_and_never_overwrites(db: Database, tmp_path: Path) -> None:
    _add(db, "1")
    out = tmp_path / "usb" / "copy.sqlite"
    assert backup.make_backup(db, "manual", out) == out
    assert _cards(out) == {"1"}
    assert backup.list_backups(db.path) == []  # type: ignore[arg-type]
    before = out.read_bytes()
    with pytest.raises(UserError) as caught:
        backup.make_backup(db, "manual", out)
    assert caught.value.params == {"path": str(out)}
    assert out.read_bytes() == before


def test_a_backup_that_fails_verification_is_deleted(db: Database, db_path: Path) -> None:
    _add(db, "1")
    _break_foreign_key(db_path)
    with pytest.raises(DatabaseFileError) as caught:
        backup.make_backup(db, "daily")
    assert "children" in caught.value.message()
    assert list((db_path.parent / "backups").iterdir()) == []


def _sqlite_file(path: Path, sql: str) -> Path:
    conn = sqlite3.connect(path)
    conn.executescript(sql)
    conn.close()
    return path


def test_verify_refuses_what_is_not_a_sound_backup(tmp_path: Path) -> None:
    text = tmp_path / "notes.sqlite"
    text.write_text("not a database")
    foreign = _sqlite_file(tmp_path / "foreign.sqlite", "CREATE TABLE songs (id INTEGER);")
    empty_db = _sqlite_file(tmp_path / "empty.sqlite", "PRAGMA user_version = 1;")
    newer = tmp_path / "newer.sqlite"
    shutil.copyfile(FIXTURE, newer)
    _sqlite_file(newer, "UPDATE alembic_version SET version_num = '9999';")
    orphan = tmp_path / "orphan.sqlite"
    shutil.copyfile(FIXTURE, orphan)
    _break_foreign_key(orphan)
    damaged = tmp_path / "damaged.sqlite"
    data = FIXTURE.read_bytes()
    damaged.write_bytes(data[: len(data) // 3])
    for bad in (text, foreign, empty_db, newer, orphan, damaged, tmp_path / "missing.sqlite"):
        with pytest.raises(DatabaseFileError) as caught:
            backup.verify_backup(bad)
        assert str(bad) in caught.value.message(), bad
    backup.verify_backup(FIXTURE)


def test_rotation_keeps_the_newest_of_each_kind_and_every_manual_one(
    db: Database, db_path: Path
) -> None:
    _add(db, "1")
    folder = db_path.parent / "backups"
    manual = [
        backup.make_backup(db, "manual", now=DAY - dt.timedelta(days=400 + i)) for i in (1, 2)
    ]
    folder.joinpath("my own copy.sqlite").write_bytes(b"keep me")
    other_db = folder / "other_20200101-000000-000000_daily.sqlite"
    other_db.write_bytes(b"another database's backup")

    days = [DAY + dt.timedelta(days=i) for i in range(16)]
    for when in days:
        backup.make_backup(db, "daily", now=when)
    for i in range(12):
        backup.make_backup(db, "on-close", now=DAY + dt.timedelta(minutes=i))
        backup.make_backup(db, "pre-upgrade", now=DAY + dt.timedelta(minutes=i))

    kept = backup.list_backups(db_path)
    by_reason: dict[str, list[dt.datetime]] = {}
    for info in kept:
        by_reason.setdefault(info.reason, []).append(info.created)
    assert by_reason["daily"] == sorted(days, reverse=True)[:14]
    assert len(by_reason["on-close"]) == len(by_reason["pre-upgrade"]) == 10
    assert min(by_reason["on-close"]) == DAY + dt.timedelta(minutes=2)
    assert all(p.exists() for p in manual) and len(by_reason["manual"]) == 2
    assert (folder / "my own copy.sqlite").exists() and other_db.exists()
    assert [b.created for b in kept] == sorted((b.created for b in kept), reverse=True)


def test_daily_backup_once_a_day(db: Database, db_path: Path) -> None:
    _add(db, "1")
    first = backup.auto_backup_if_due(db, now=DAY)
    assert first is not None and first.exists()
    backup.backup_on_close(db, now=DAY + dt.timedelta(hours=1))
    assert backup.auto_backup_if_due(db, now=DAY + dt.timedelta(hours=8)) is None
    second = backup.auto_backup_if_due(db, now=DAY + dt.timedelta(days=1))
    assert second is not None and second != first
    reasons = [b.reason for b in backup.list_backups(db_path)]
    assert reasons == ["daily", "on-close", "daily"]


def test_restore_brings_the_backup_back_and_keeps_what_was_there(db_path: Path) -> None:
    db = open_database(db_path)
    _add(db, "old")
    settings.set_value(db, "org.chairperson", "Өмүрбекова")
    saved_file = backup.make_backup(db, "manual")
    _add(db, "new")
    db.close()

    pre = backup.restore(db_path, saved_file)

    assert pre is not None and "pre-restore" in pre.name
    assert _cards(pre) == {"old", "new"}
    db = open_database(db_path)
    try:
        assert members.find_by_card(db, "new") is None
        assert members.find_by_card(db, "old") is not None
        assert settings.get(db, "org.chairperson") == "Өмүрбекова"
        assert backup.check(db) == []
    finally:
        db.close()
    leftovers = [p.name for p in db_path.parent.iterdir() if p.name.startswith(db_path.name)]
    assert sorted(leftovers) == [db_path.name]


def test_restore_refuses_a_bad_file_and_changes_nothing(db: Database, db_path: Path) -> None:
    _add(db, "1")
    db.close()
    before = db_path.read_bytes()
    bad = db_path.parent / "bad.sqlite"
    bad.write_text("Фамилия;Имя")
    with pytest.raises(DatabaseFileError):
        backup.restore(db_path, bad)
    with pytest.raises(UserError):
        backup.restore(db_path, db_path)
    assert db_path.read_bytes() == before
    assert backup.list_backups(db_path) == []


def test_restore_keeps_changes_still_in_the_write_ahead_log(tmp_path: Path) -> None:
    """After a crash the last changes may be only in ``-wal``: the pre-restore copy has them."""
    live = tmp_path / "live" / "union.sqlite"
    db = open_database(live)
    try:
        _add(db, "1")
        _add(db, "in-wal")
        crashed = tmp_path / "crashed" / "union.sqlite"
        crashed.parent.mkdir()
        for suffix in ("", "-wal"):  # the files as a power cut would leave them
            shutil.copyfile(f"{live}{suffix}", f"{crashed}{suffix}")
    finally:
        db.close()
    assert b"in-wal" not in crashed.read_bytes()  # only the log has it

    pre = backup.restore(crashed, FIXTURE)

    assert pre is not None and _cards(pre) == {"1", "in-wal"}
    assert _cards(crashed) == _cards(FIXTURE)


def test_restore_over_a_damaged_database_keeps_its_bytes(tmp_path: Path) -> None:
    path = tmp_path / "union.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + b"\x07" * 5000)
    damaged = path.read_bytes()

    kept = backup.restore(path, FIXTURE)

    assert kept is not None and "unverified" in kept.name
    assert kept.read_bytes() == damaged
    assert _cards(path) == _cards(FIXTURE)


def test_check_reports_every_problem(db: Database, db_path: Path) -> None:
    _add(db, "1")
    assert backup.check(db) == []
    _break_foreign_key(db_path)
    (problem,) = backup.check(db)
    assert "children" in problem and "members" in problem


@pytest.mark.skipif(sys.platform == "win32", reason="Windows forbids ? in names")
def test_paths_with_url_characters_work(tmp_path: Path) -> None:
    path = tmp_path / "data" / "профком №1 #2?" / "union 100%.sqlite"
    db = open_database(path)
    try:
        _add(db, "1")
        made = backup.make_backup(db, "manual")
    finally:
        db.close()
    assert made.parent == path.parent / "backups"
    assert _cards(made) == {"1"} and _cards(path) == {"1"}
    assert [p.name for p in path.parent.parent.iterdir()] == [path.parent.name]


def test_two_databases_in_one_folder_keep_their_own_backups(tmp_path: Path) -> None:
    first, second = open_database(tmp_path / "org.sqlite"), open_database(tmp_path / "org.db")
    try:
        _add(first, "1")
        mine = backup.make_backup(first, backup.ON_CLOSE, now=DAY)
        for minute in range(backup.KEEP[backup.ON_CLOSE] + 2):
            backup.make_backup(second, backup.ON_CLOSE, now=DAY + dt.timedelta(minutes=minute + 1))
        backup.rotate(tmp_path / "org.db")
        assert mine.exists()  # the other database's rotation never touches it
        assert [b.path for b in backup.list_backups(tmp_path / "org.sqlite")] == [mine]
    finally:
        first.close()
        second.close()
