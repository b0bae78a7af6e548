"""Bad database files get a clear message naming the file and stay exactly as they were.

Each kind is tried through ``open_database`` and through ``unionapp --db FILE check``. Also:
a program killed mid-write leaves a sound database holding whole transactions only.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from unionapp.cli import main
from unionapp.core import backup, members, migrations
from unionapp.core.db import BUSY, CLASHED, DAMAGED, clash_as_user_error
from unionapp.core.errors import DatabaseFileError, UserError
from unionapp.core.i18n import _, translate_in
from unionapp.core.models import Member
from unionapp.core.store import open_database

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "db" / "schema-0001.sqlite"
NOT_SQLITE = "{path} is not a unionapp database (not an SQLite file)."


def _copy_fixture(path: Path) -> bytes:
    shutil.copyfile(FIXTURE, path)
    return path.read_bytes()


def text_file(path: Path) -> str:
    path.write_text("Фамилия;Имя\nАсан уулу;Бакыт\n", encoding="utf-8")
    return NOT_SQLITE


def garbage_after_header(path: Path) -> str:
    data = _copy_fixture(path)
    rng = random.Random(3)
    path.write_bytes(data[:100] + bytes(rng.randrange(256) for _ in range(len(data) - 100)))
    return DAMAGED


def truncated(path: Path) -> str:
    data = _copy_fixture(path)
    path.write_bytes(data[: len(data) // 2])
    return DAMAGED


def _many_members(path: Path) -> None:
    db = open_database(path)
    with db.transaction() as s:
        s.add_all(
            Member(card_no=str(i), surname="Үсөнов", name="Мөңкү", join_date=dt.date(2020, 1, 1))
            for i in range(3000)
        )
    db.close()


def cut_off_copy(path: Path) -> str:
    """A copy that stopped early: the schema at the start is readable, the members are not."""
    _many_members(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 3 // 4])
    return DAMAGED


def header_only(path: Path) -> str:
    path.write_bytes(_copy_fixture(path)[:60])
    return DAMAGED


def other_programs_database(path: Path) -> str:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (id INTEGER PRIMARY KEY, title TEXT)")
    conn.execute("INSERT INTO songs (title) VALUES ('Ала-Тоо')")
    conn.commit()
    conn.close()
    return migrations.NOT_UNIONAPP


def newer_version(path: Path) -> str:
    _copy_fixture(path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    return migrations.NEWER


BAD_FILES: dict[str, Callable[[Path], str]] = {
    f.__name__: f
    for f in (
        text_file,
        garbage_after_header,
        truncated,
        cut_off_copy,
        header_only,
        other_programs_database,
        newer_version,
    )
}


def _folder_state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_open_database_refuses_and_changes_nothing(kind: str, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    bad = folder / "union.sqlite"
    msgid = BAD_FILES[kind](bad)
    before = _folder_state(folder)

    with pytest.raises(DatabaseFileError) as caught:
        open_database(bad)

    assert caught.value.msgid == msgid
    assert str(bad) in caught.value.message()
    assert _folder_state(folder) == before  # byte-identical, no -wal/-shm/backups beside it


@pytest.mark.parametrize("kind", BAD_FILES)
def test_cli_check_refuses_in_the_users_language(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    bad = folder / "union.sqlite"
    msgid = BAD_FILES[kind](bad)
    before = _folder_state(folder)

    assert main(["--lang", "ru", "--db", str(bad), "check"]) == 2

    stderr = capsys.readouterr().err
    assert str(bad) in stderr
    expected = translate_in("ru", msgid).format(path=bad, rev="9999")
    assert expected in stderr
    assert _folder_state(folder) == before


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(DatabaseFileError) as caught:
        open_database(tmp_path)
    assert caught.value.msgid == "{path} is a folder, not a database file."


def test_empty_file_is_a_new_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "union.sqlite"
    path.touch()
    db = open_database(path)
    try:
        assert migrations.current_revision(db) == migrations.head_revision()
        assert members.count_members(db) == 0
    finally:
        db.close()
    assert not (tmp_path / "backups").exists()  # nothing there to back up
    assert main(["--db", str(path), "check"]) == 0
    assert str(path) in capsys.readouterr().out


WRITER = textwrap.dedent(
    """
    import datetime as dt, sys
    from unionapp.core.models import Member
    from unionapp.core.store import open_database

    db = open_database(sys.argv[1])
    for t in range(100_000):
        with db.transaction() as s:  # one transaction: five members
            for k in range(5):
                s.add(Member(card_no=f"{t}-{k}", surname="Сынак", name="Жаңыл",
                             join_date=dt.date(2020, 1, 1), pensioner=False))
        print(t, flush=True)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_mid_write_leaves_whole_transactions(tmp_path: Path) -> None:
    path = tmp_path / "union.sqlite"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True, env=env
    )
    assert proc.stdout is not None
    committed = -1
    for line in proc.stdout:
        committed = int(line)
        if committed >= 40:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    assert committed >= 40, "the writer stopped before it was killed"
    assert path.with_name(path.name + "-wal").exists()  # it really died mid-use

    db = open_database(path)
    try:
        assert backup.check(db) == []
        with db.reading() as s:
            cards = list(s.scalars(select(Member.card_no)))
    finally:
        db.close()
    groups: dict[str, int] = {}
    for card in cards:
        groups[card.split("-")[0]] = groups.get(card.split("-")[0], 0) + 1
    assert set(groups.values()) == {5}  # no transaction half there
    assert len(cards) % 5 == 0
    assert len(groups) >= committed + 1  # every reported commit survived


def test_damage_inside_the_file_is_found_by_check_and_by_backups(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Opening reads only the schema; ``check`` and every backup's verification read it all."""
    path = tmp_path / "union.sqlite"
    _many_members(path)
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'members'").fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with path.open("r+b") as f:  # scribble over the members table's root page
        f.seek((root - 1) * page_size + 8)
        f.write(b"\xee" * 200)

    db = open_database(path)
    try:
        problems = backup.check(db)
        with pytest.raises(DatabaseFileError):
            backup.make_backup(db, "daily")
    finally:
        db.close()
    assert problems
    assert list((tmp_path / "backups").iterdir()) == []  # the bad copy was deleted
    assert main(["--db", str(path), "check"]) == 2
    assert capsys.readouterr().err.strip()


def _scribble_over(path: Path, table: str) -> None:
    """Overwrite ``table``'s root page: opening still works, reading that table does not."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with path.open("r+b") as f:
        f.seek((root[0] - 1) * page_size)
        f.write(bytes(random.Random(5).randrange(256) for _ in range(page_size)))


def test_sessions_name_damage_found_after_opening(tmp_path: Path) -> None:
    """The first query that meets a bad page raises the user's DatabaseFileError, not SQLite's."""
    path = tmp_path / "union.sqlite"
    _many_members(path)
    _scribble_over(path, "members")
    before = path.read_bytes()

    db = open_database(path)  # reads the schema only: the damage is not seen yet
    try:
        for session in (db.reading, db.transaction):
            with pytest.raises(DatabaseFileError) as caught, session() as s:
                s.scalars(select(Member.surname)).all()
            assert caught.value.msgid == DAMAGED
            assert caught.value.params["path"] == str(path.resolve())
        with pytest.raises(DatabaseFileError), db.connect() as conn:
            conn.execute(select(Member.surname)).all()
    finally:
        db.close()
    assert path.read_bytes() == before


def test_lock_and_constraint_errors_are_not_called_damage(tmp_path: Path) -> None:
    """A clash is told as one (nothing saved, try again), never as a damaged file; a write
    that finds another program writing waits for it instead of failing."""
    path = tmp_path / "union.sqlite"
    db = open_database(path)
    try:
        with pytest.raises(UserError) as info, db.transaction() as s:
            s.add_all(Member(card_no="7", surname="Ким", name="Анна", join_date=dt.date(2020, 1, 1))
                      for _ in range(2))
        assert not isinstance(info.value, DatabaseFileError)
        assert info.value.message() == _(CLASHED)
        other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")  # another program is writing, for 0.3 s
        threading.Timer(0.3, lambda: other.execute("ROLLBACK")).start()
        try:
            with db.transaction() as s:
                s.add(Member(card_no="8", surname="Ким", name="Анна",
                             join_date=dt.date(2020, 1, 1)))
        finally:
            time.sleep(0.35)
            other.close()
        assert members.count_members(db) == 1
        locked = OperationalError("INSERT …", {}, sqlite3.OperationalError("database is locked"))
        error = clash_as_user_error(locked)  # a lock held past busy_timeout (5 s)
        assert error is not None and error.message() == _(BUSY)
        broken = OperationalError("x", {}, sqlite3.OperationalError("disk I/O error"))
        assert clash_as_user_error(broken) is None
    finally:
        db.close()
