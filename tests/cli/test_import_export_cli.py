"""``unionapp import`` and ``unionapp export`` through the command line, as a user runs them."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from unionapp.cli import main

SAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "samples"
KEPT_BY_HAND = SAMPLES / "members-kept-by-hand.xlsx"


def db_bytes(db_path: Path) -> str:
    from unionapp.core.store import open_database

    db = open_database(db_path)
    db.checkpoint()
    db.close()
    return hashlib.sha256(db_path.read_bytes()).hexdigest()


def run(db_path: Path, *args: str) -> int:
    return main(["--db", str(db_path), *args])


def test_import_prints_a_summary(db_path: Path, capsys) -> None:
    assert run(db_path, "import", "members", str(KEPT_BY_HAND)) == 0
    out = capsys.readouterr().out
    assert "Rows read: 6" in out and "Added: 5" in out and "Updated: 0" in out
    assert "Unchanged: 0" in out and "Skipped (empty rows): 1" in out
    assert "dry run" not in out
    assert run(db_path, "import", "members", str(KEPT_BY_HAND)) == 0
    out = capsys.readouterr().out
    assert "Added: 0" in out and "Unchanged: 5" in out


def test_dry_run_saves_nothing(db_path: Path, capsys) -> None:
    assert run(db_path, "config", "get") == 0  # creates the database
    before = db_bytes(db_path)
    assert run(db_path, "import", "members", str(KEPT_BY_HAND), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "Added: 5" in out and "(dry run: nothing saved)" in out
    assert db_bytes(db_path) == before


def test_month_is_accepted_for_members(db_path: Path, capsys) -> None:
    assert run(db_path, "import", "members", str(KEPT_BY_HAND), "--month", "2026-11") == 0


def test_refused_import_prints_every_problem_and_exits_2(
    db_path: Path, tmp_path: Path, capsys
) -> None:
    assert run(db_path, "import", "members", str(KEPT_BY_HAND)) == 0
    before = db_bytes(db_path)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Номер билета", "Фамилия", "Имя", "Дата вступления", "Причина выхода"])
    sheet.append(["2001", "Иванова", "Елена", "31.02.2010", None])
    sheet.append(["2002", "Маматов", "Нурлан", "01.09.2010", "надоело"])
    sheet.append(["2002", "Ким", "Анна", "01.09.2010", None])
    workbook.save(tmp_path / "bad.xlsx")
    capsys.readouterr()
    assert run(db_path, "import", "members", str(tmp_path / "bad.xlsx")) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert lines[:4] == [
        "bad.xlsx:2:Дата вступления: There is no such date: 31.02.2010.",
        "bad.xlsx:3:Номер билета: Card number 2002 appears more than once in the file: rows 3, 4.",
        "bad.xlsx:3:Причина выхода: Unknown exit reason: надоело.",
        "bad.xlsx:4:Номер билета: Card number 2002 appears more than once in the file: rows 3, 4.",
    ]
    assert lines[4] == "4 problems found in bad.xlsx; nothing was imported."
    assert captured.out == ""
    assert db_bytes(db_path) == before


def test_the_windows_1251_sample_is_refused(db_path: Path, tmp_path: Path, capsys) -> None:
    shutil.copy(SAMPLES / "members-excel-ru.csv", tmp_path / "members-excel-ru.csv")
    assert run(db_path, "import", "members", str(tmp_path / "members-excel-ru.csv")) == 2
    err = capsys.readouterr().err
    assert err.startswith("members-excel-ru.csv:4:Фамилия:")
    assert "CSV UTF-8" in err


def test_unreadable_file_exits_2_naming_it(db_path: Path, tmp_path: Path, capsys) -> None:
    (tmp_path / "list.xlsx").write_text("hello", encoding="utf-8")
    assert run(db_path, "import", "members", str(tmp_path / "list.xlsx")) == 2
    assert "list.xlsx" in capsys.readouterr().err


def test_unknown_kind_is_an_argument_error(db_path: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        run(db_path, "import", "salaries", str(KEPT_BY_HAND))
    assert caught.value.code == 2


@pytest.mark.parametrize(
    ("args", "first_header"),
    [(["--lang", "ru"], "Номер билета"), (["--lang", "ky"], "Билеттин номери"), ([], None)],
)
def test_export_headers_in_the_chosen_language(
    db_path: Path, tmp_path: Path, capsys, args: list[str], first_header: str | None
) -> None:
    assert run(db_path, "import", "members", str(KEPT_BY_HAND)) == 0
    out_file = tmp_path / "out.xlsx"
    assert run(db_path, "export", "members", str(out_file), *args) == 0
    assert "5 rows written" in capsys.readouterr().out
    header = [c.value for c in next(load_workbook(out_file).worksheets[0].iter_rows())]
    assert header[0] == (first_header or "Билеттин номери")  # ky is the default language
    assert run(db_path, "import", "members", str(out_file)) == 0
    assert "Unchanged: 5" in capsys.readouterr().out


def test_global_lang_chooses_the_export_language(db_path: Path, tmp_path: Path) -> None:
    assert run(db_path, "import", "members", str(KEPT_BY_HAND)) == 0
    assert main(["--db", str(db_path), "--lang", "ru", "export", "children",
                 str(tmp_path / "c.csv")]) == 0
    assert (tmp_path / "c.csv").read_text(encoding="utf-8-sig").startswith("Номер билета;")


def test_through_a_real_process(tmp_path: Path) -> None:
    db_path = tmp_path / "p.sqlite"
    done = subprocess.run(
        [sys.executable, "-m", "unionapp", "--db", str(db_path), "import", "members",
         str(SAMPLES / "members-excel-ru.csv")],
        capture_output=True, text=True, encoding="utf-8",
    )
    assert done.returncode == 2
    assert "members-excel-ru.csv:4:" in done.stderr
