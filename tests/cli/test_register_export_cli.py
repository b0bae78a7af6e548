"""``unionapp export register --date YYYY-MM-DD FILE``: the register file for the higher body
read back as .xlsx and .csv; a bad, missing or future date, a --date for another kind and a
wrong file type are refused with exit 2 and no file."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from unionapp.cli import main
from unionapp.core import settings
from unionapp.core.models import Member
from unionapp.core.register_export import HEADER_ROW
from unionapp.core.store import open_database


@pytest.fixture
def filled(db_path: Path) -> Path:
    db = open_database(db_path)
    try:
        settings.set_many(db, {"org.id": "00412199810045", "org.name_ru": "Профком школы",
                               "org.name_ky": "Мектептин профкому"})
        with db.transaction() as s:
            s.add_all([
                Member(card_no="0012", surname="Өмүрова", name="Айгүл", sex="F",
                       birth_date=dt.date(1995, 2, 28), join_date=dt.date(2020, 9, 1)),
                Member(card_no="0013", surname="Петров", name="Иван", sex="M",
                       birth_date=dt.date(1960, 1, 1), join_date=dt.date(1990, 9, 1),
                       pensioner=True),
                Member(card_no="0014", surname="Кеткен", name="Аты", sex="M",
                       join_date=dt.date(2000, 1, 1), exit_date=dt.date(2024, 6, 30),
                       exit_reason="voluntary"),
                Member(card_no="0015", surname="Жаңы", name="Аты", sex="F",
                       join_date=dt.date(2024, 6, 30)),
            ])
    finally:
        db.close()
    return db_path


def run(db_path: Path, *args: str) -> int:
    return main(["--db", str(db_path), "export", "register", *args])


def test_xlsx_reads_back(filled: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "register.xlsx"
    assert run(filled, str(target), "--date", "2024-06-30", "--lang", "ru") == 0
    assert "2" in capsys.readouterr().out
    book = load_workbook(target)
    members = book["Members"]
    assert members["B1"].value == "unionapp-register" and members["B2"].value == 1
    assert members["B3"].value == "00412199810045" and members["B4"].value == "Профком школы"
    assert members["B5"].value.date() == dt.date(2024, 6, 30) and members["B6"].value == 3
    assert members.cell(HEADER_ROW, 1).value == "Номер билета"
    rows = [r for r in members.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]
    assert [r[0] for r in rows] == ["0015", "0012", "0013"]  # Жаңы, Өмүрова, Петров
    assert rows[1][5:7] == ("F", dt.datetime(1995, 2, 28)) and rows[1][10:] == (0, 1)
    assert rows[2][10:] == (1, 0)
    assert rows[0][11] is None  # no birth date: youth unknown
    assert book.sheetnames[1] == "Figures"


def test_csv_reads_back(filled: Path, tmp_path: Path) -> None:
    target = tmp_path / "register.csv"
    assert run(filled, str(target), "--date", "2024-06-29") == 0
    lines = list(csv.reader(target.open(encoding="utf-8-sig"), delimiter=";"))
    assert lines[0] == ["#unionapp-register", "1", "00412199810045", "Мектептин профкому",
                        "2024-06-29", "3"]
    assert lines[1][:3] == ["card_no", "personnel_no", "surname"]
    assert [line[0] for line in lines[2:]] == ["0014", "0012", "0013"]  # left on 30.06: in
    assert lines[2][6:8] == ["", "2000-01-01"]


@pytest.mark.parametrize("args", [
    ["--date", "2024-13-01"],
    ["--date", "31.02.2024"],
    ["--date", "вчера"],
    [],  # no date
    ["--date", (dt.date.today() + dt.timedelta(days=1)).isoformat()],
    ["--date", "2024-06-30", "--month", "2024-06"],
])
def test_refused_with_exit_2_and_no_file(filled: Path, tmp_path: Path, capsys,  # type: ignore[no-untyped-def]
                                         args: list[str]) -> None:
    target = tmp_path / "out" / "register.xlsx"
    assert run(filled, str(target), *args) == 2
    assert capsys.readouterr().err.strip()
    assert not target.exists()


def test_date_only_for_the_register_and_files_xlsx_or_csv(filled: Path, tmp_path: Path) -> None:
    assert main(["--db", str(filled), "export", "members", str(tmp_path / "m.xlsx"),
                 "--date", "2024-06-30"]) == 2
    assert run(filled, str(tmp_path / "r.pdf"), "--date", "2024-06-30") == 2
    assert not (tmp_path / "m.xlsx").exists() and not (tmp_path / "r.pdf").exists()


def test_dotted_date_is_accepted(filled: Path, tmp_path: Path) -> None:
    target = tmp_path / "register.csv"
    assert run(filled, str(target), "--date", "30.06.2024") == 0
    assert target.read_text(encoding="utf-8-sig").splitlines()[0].endswith(";2024-06-30;3")
