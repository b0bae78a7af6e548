"""``unionapp backup``, ``restore`` and ``check`` as a user or a script runs them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from unionapp.cli import main
from unionapp.core import backup
from unionapp.core.i18n import _, translate_in
from unionapp.core.lock import ALREADY_OPEN, DatabaseLock


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _chair(db_path: Path) -> str:
    conn = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT value FROM settings WHERE key='org.chairperson'").fetchone()
    finally:
        conn.close()
    return str(row[0]) if row else ""


def test_backup_prints_the_new_files_path(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(db_path)
    assert _run(capsys, "--db", db, "config", "set", "org.chairperson", "Жаңыл")[0] == 0

    code, out, _err = _run(capsys, "--db", db, "backup")

    assert code == 0
    made = Path(out.strip())
    assert made.parent == db_path.parent / "backups" and made.exists()
    backup.verify_backup(made)
    assert _chair(made) == "Жаңыл"
    assert [b.reason for b in backup.list_backups(db_path)] == ["manual"]


def test_backup_out_and_refusal_to_overwrite(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(capsys, "--db", str(db_path), "config", "set", "org.chairperson", "Жаңыл")
    out_file = tmp_path / "flash" / "union-copy.sqlite"
    code, out, _err = _run(capsys, "--db", str(db_path), "backup", "--out", str(out_file))
    assert code == 0 and Path(out.strip()) == out_file.resolve()
    before = out_file.read_bytes()

    code, out, err = _run(capsys, "--db", str(db_path), "backup", "--out", str(out_file))

    assert code == 2 and out == "" and str(out_file.resolve()) in err
    assert out_file.read_bytes() == before


def test_restore_puts_the_backup_back(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(db_path)
    _run(capsys, "--db", db, "config", "set", "org.chairperson", "Жаңыл")
    saved = _run(capsys, "--db", db, "backup")[1].strip()
    _run(capsys, "--db", db, "config", "set", "org.chairperson", "Бакыт")

    code, out, _err = _run(capsys, "--db", db, "restore", saved)

    assert code == 0 and saved in out
    assert _chair(db_path) == "Жаңыл"
    (pre,) = [b for b in backup.list_backups(db_path) if b.reason == "pre-restore"]
    assert str(pre.path) in out
    assert _chair(pre.path) == "Бакыт"
    assert _run(capsys, "--db", db, "check")[0] == 0


def test_restore_refuses_a_bad_file(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(capsys, "--db", str(db_path), "config", "set", "org.chairperson", "Жаңыл")
    before = db_path.read_bytes()
    bad = tmp_path / "members.xlsx"
    bad.write_bytes(b"PK\x03\x04 not a database")

    code, _out, err = _run(capsys, "--db", str(db_path), "restore", str(bad))

    assert code == 2 and str(bad) in err
    assert db_path.read_bytes() == before


def test_restore_is_refused_while_the_app_has_the_database_open(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(db_path)
    _run(capsys, "--db", db, "config", "set", "org.chairperson", "Жаңыл")
    saved = _run(capsys, "--db", db, "backup")[1].strip()
    before = db_path.read_bytes()
    with DatabaseLock(db_path):  # as the desktop window holds it
        code, _out, err = _run(capsys, "--db", db, "restore", saved)
    assert code == 2 and _(ALREADY_OPEN).format(path=db_path.resolve()) in err
    assert db_path.read_bytes() == before


def test_check_lists_every_problem_and_exits_2(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(capsys, "--db", str(db_path), "config", "set", "org.chairperson", "Жаңыл")
    code, out, _err = _run(capsys, "--db", str(db_path), "check")
    assert code == 0 and str(db_path) in out
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO children (member_id, full_name) VALUES (41, 'Айпери')")
    conn.execute("INSERT INTO children (member_id, full_name) VALUES (42, 'Нурсултан')")
    conn.commit()
    conn.close()

    code, out, err = _run(capsys, "--db", str(db_path), "check")

    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert err.count("children") == 2
    refused = translate_in("ky", "Error: {message}").format(message="")
    assert all(line.startswith(refused) for line in lines)  # like every other refusal


def test_backup_into_an_existing_folder(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--out`` naming a folder (a flash drive) gets a backup under the usual dated name."""
    _run(capsys, "--db", str(db_path), "config", "set", "org.chairperson", "Жаңыл")
    flash = tmp_path / "flash"
    flash.mkdir()

    code, out, err = _run(capsys, "--db", str(db_path), "backup", "--out", str(flash))

    assert (code, err) == (0, "")
    (made,) = flash.iterdir()
    assert Path(out.strip()) == made.resolve()
    assert made.name.startswith("union.sqlite_") and made.name.endswith("_manual.sqlite")
    backup.verify_backup(made)
    assert _chair(made) == "Жаңыл"
    code, out, _err = _run(capsys, "--db", str(db_path), "backup", "--out", str(flash))
    assert code == 0 and len(list(flash.iterdir())) == 2  # a second one beside it


def test_backup_help_names_the_file_in_the_users_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "ru", "backup", "--help"])
    help_text = capsys.readouterr().out
    assert "--out " + translate_in("ru", "FILE") in help_text
    assert "OUT" not in help_text
