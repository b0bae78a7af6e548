"""Every command answers a damaged or missing database file with one clear refusal (exit 2).

A damaged file here is a demo database with part of it overwritten, as the QA review did it
with ``dd``: opening succeeds (its schema is intact) and the damage shows up in the first
query that touches a bad page. A missing file is a mistyped ``--db``: commands that only
read refuse it, the ones that may start a new database leave nothing behind when refused.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from unionapp.cli import NO_DATABASE, main
from unionapp.core import demo
from unionapp.core.db import DAMAGED
from unionapp.core.i18n import translate_in
from unionapp.core.store import open_database

SAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "samples"
KEPT_BY_HAND = SAMPLES / "members-kept-by-hand.xlsx"


def refusal(lang: str, msgid: str, /, **params: object) -> str:
    """The line a refusal prints, in ``lang``; neither part may be left in English."""
    text, frame = translate_in(lang, msgid), translate_in(lang, "Error: {message}")
    assert text != msgid and frame != "Error: {message}"
    return frame.format(message=text.format(**params)) + "\n"


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    db = open_database(path)
    try:
        demo.generate_demo(db, members=300, years=3, seed=1)
        db.checkpoint()
    finally:
        db.close()
    return path


def damage(path: Path) -> None:
    """Overwrite the file from the settings table's first page on, as ``dd`` did (seeded)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)
    try:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'settings'")
        start = (root.fetchone()[0] - 1) * conn.execute("PRAGMA page_size").fetchone()[0]
    finally:
        conn.close()
    rng = random.Random(20000)
    with path.open("r+b") as f:
        f.seek(start)
        f.write(bytes(rng.randrange(256) for _ in range(50000 - start)))


@pytest.fixture
def damaged(demo_file: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "c.sqlite"
    shutil.copyfile(demo_file, path)
    damage(path)
    return path


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


DAMAGE_COMMANDS = {
    "check": ["check"],
    "config get": ["config", "get"],
    "config get KEY": ["config", "get", "org.name_ky"],
    "config set": ["config", "set", "org.chairperson", "Жаңыл"],
    "export": ["export", "members", "{out}/members.xlsx"],
    "import": ["import", "members", str(KEPT_BY_HAND)],
    "import --dry-run": ["import", "--dry-run", "members", str(KEPT_BY_HAND)],
    "demo": ["demo", "--members", "20"],
}


@pytest.mark.parametrize("command", DAMAGE_COMMANDS)
@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_a_damaged_database_is_refused_by_every_command(
    command: str, lang: str, damaged: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [a.format(out=tmp_path) for a in DAMAGE_COMMANDS[command]]
    before = _files(damaged.parent)

    code = main(["--lang", lang, "--db", str(damaged), *args])

    captured = capsys.readouterr()
    assert (code, captured.out) == (2, "")
    assert captured.err == refusal(lang, DAMAGED, path=damaged)
    assert _files(damaged.parent) == before  # byte-identical, nothing beside it
    assert not (tmp_path / "members.xlsx").exists()


def test_backup_of_a_damaged_database_is_refused_and_leaves_no_copy(
    damaged: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = damaged.read_bytes()
    assert main(["--db", str(damaged), "backup"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and str(damaged) in captured.err
    assert damaged.read_bytes() == before
    folder = damaged.parent / "backups"  # refused on opening: not even the folder is made
    assert not folder.exists() or list(folder.iterdir()) == []


READING_COMMANDS = {
    "check": ["check"],
    "config get": ["config", "get"],
    "config get KEY": ["config", "get", "org.name_ky"],
    "export": ["export", "members", "{out}/members.xlsx"],
    "import --dry-run": ["import", "--dry-run", "members", str(KEPT_BY_HAND)],
    "backup": ["backup"],
}


@pytest.mark.parametrize("command", READING_COMMANDS)
@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_a_missing_database_is_refused_by_commands_that_read(
    command: str, lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "typo" / "none.sqlite"
    args = [a.format(out=tmp_path) for a in READING_COMMANDS[command]]

    code = main(["--lang", lang, "--db", str(missing), *args])

    captured = capsys.readouterr()
    assert (code, captured.out) == (2, "")
    assert captured.err == refusal(lang, NO_DATABASE, path=missing)
    assert not (tmp_path / "typo").exists()  # neither the file nor its folder was made
    assert not (tmp_path / "members.xlsx").exists()


def test_the_default_database_missing_is_refused_too(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from unionapp import paths

    assert main(["check"]) == 2
    assert capsys.readouterr().err == refusal("ky", NO_DATABASE, path=paths.default_db_path())
    assert not paths.default_db_path().exists()


CREATING_COMMANDS = {
    "import": ["import", "members", str(KEPT_BY_HAND)],
    "config set": ["config", "set", "org.chairperson", "Жаңыл"],
    "demo": ["demo", "--members", "20"],
}


@pytest.mark.parametrize("command", CREATING_COMMANDS)
def test_commands_that_start_a_database_may_create_it(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = tmp_path / "new" / "union.sqlite"
    assert main(["--db", str(new), *CREATING_COMMANDS[command]]) == 0
    capsys.readouterr()
    assert main(["--db", str(new), "check"]) == 0
    assert not new.with_name(new.name + "-wal").exists()


def _bad_members_file(folder: Path) -> Path:
    path = folder / "bad.csv"
    path.write_text("Номер билета;Фамилия;Имя;Дата вступления\n1;Асанов;Бакыт;31.02.2020\n",
                    encoding="utf-8")
    return path


REFUSED_CREATIONS = {
    "import with a bad row": lambda t: ["import", "members", str(_bad_members_file(t))],
    "import of a missing file": lambda t: ["import", "members", str(t / "nofile.xlsx")],
    "import of a header only": lambda t: ["import", "members", str(_header_only(t))],
    "config set of a bad value": lambda _t: ["config", "set", "youth.max_age", "abc"],
    "config set of an unknown key": lambda _t: ["config", "set", "nokey", "1"],
}


def _header_only(folder: Path) -> Path:
    path = folder / "header.csv"
    path.write_text("Номер билета;Фамилия;Имя;Дата вступления\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("case", REFUSED_CREATIONS)
def test_a_refused_command_leaves_no_new_database(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = tmp_path / "new" / "deeper" / "union.sqlite"
    args = REFUSED_CREATIONS[case](tmp_path)

    assert main(["--db", str(new), *args]) == 2

    assert capsys.readouterr().out == ""
    assert not (tmp_path / "new").exists()  # not the file, its -wal/-shm, nor the folders


def test_a_refused_import_into_a_new_file_in_an_existing_folder_keeps_the_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me", encoding="utf-8")
    bad = _bad_members_file(tmp_path)

    assert main(["--db", str(folder / "union.sqlite"), "import", "members", str(bad)]) == 2

    capsys.readouterr()
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


def test_an_empty_file_counts_as_an_existing_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Someone made the 0-byte file to be the database: a refused import keeps it."""
    path = tmp_path / "union.sqlite"
    path.touch()
    assert main(["--db", str(path), "import", "members", str(_bad_members_file(tmp_path))]) == 2
    assert path.exists()
    assert main(["--db", str(path), "config", "get", "ui.language"]) == 0
    assert capsys.readouterr().out.endswith("ky\n")
