"""``unionapp dues reconcile``: the three lists printed with counts and sums, and as .xlsx."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "core"))
from dues_helpers import known_month  # noqa: E402

from unionapp.cli import main  # noqa: E402
from unionapp.core.i18n import _, set_language  # noqa: E402


@pytest.fixture
def filled(db, db_path: Path) -> Path:  # type: ignore[no-untyped-def]
    known_month(db)
    db.close()
    return db_path


def test_reconcile_prints_each_list_with_counts(filled: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code = main(["--db", str(filled), "--lang", "ru", "dues", "reconcile", "--month", "2026-10"])
    assert code == 0
    text = capsys.readouterr().out
    set_language("ru")
    for title, count in (
        ("Withheld from people who are not members", 2),
        ("Members with nothing withheld", 2),
        ("Pensioners with nothing paid", 1),
        ("Cash payers with nothing paid", 1),
        ("Amounts that differ from the rate", 2),
    ):
        assert f"{_(title)}: {count}\n" in text or f"{_(title)}: {count};" in text
    assert "123,45" in text and "123,46" in text  # two decimals, the ru separator
    assert "Незнакомов Чужой" in text and "T99" in text
    assert "Усенов" in text and "Токтогулов" in text


def test_reconcile_writes_one_sheet_per_list(filled: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "october.xlsx"
    code = main([
        "--db", str(filled), "--lang", "ky", "dues", "reconcile", "--month", "2026-10",
        "--out", str(out),
    ])
    assert code == 0
    set_language("ky")
    book = load_workbook(out)
    assert book.sheetnames == [
        _(n)[:31] for n in ("Not members", "Nothing withheld", "Pensioners", "Cash payers",
                            "Wrong amount")
    ]
    wrong = book.worksheets[4]
    assert wrong.cell(1, 3).value == _("Full name")
    values = [[c.value for c in row] for row in wrong.iter_rows(min_row=2)]
    assert [v[2] for v in values] == ["Маматов Аты", "Эркинова Аты"]
    assert (float(values[0][5]), float(values[0][6])) == (123.45, 123.46)
    assert book.worksheets[0].max_row == 3  # header + two rows


def test_a_bad_month_is_refused(filled: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as stopped:
        main(["--db", str(filled), "dues", "reconcile", "--month", "10.2026"])
    assert stopped.value.code == 2


def test_arrears_printed_and_written(filled: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "arrears.xlsx"
    code = main([
        "--db", str(filled), "--lang", "ru", "dues", "arrears", "--as-of", "01.11.2026",
        "--out", str(target),
    ])
    assert code == 0
    lines = capsys.readouterr().out.splitlines()
    # October only (the first payroll month, the month before 1 November): two members with
    # no payroll row, a pensioner and a cash payer unpaid, and 0 withheld from a 5 000 wage
    assert "01.11.2026" in lines[0] and re.search(r"\b4\b", lines[0]) and "50,00" in lines[0]
    names = ("Орозов Аты", "Токтогулов Аты", "Усенов Аты", "Эркинова Аты", "Асанов Аты")
    owing = {name: line for line in lines[1:] for name in names if name in line}
    assert set(owing) == {"Орозов Аты", "Токтогулов Аты", "Усенов Аты", "Эркинова Аты"}
    assert "10.2026" in owing["Эркинова Аты"] and "50,00" in owing["Эркинова Аты"]
    sheet = load_workbook(target).worksheets[0]
    found = {row[2]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(found) == set(owing)
    assert found["Эркинова Аты"][4:] == ("10.2026", 5000, 50, 50)
    assert found["Орозов Аты"][5:] == (None, None, None)


def test_arrears_wants_a_real_date(filled: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exit_:
        main(["--db", str(filled), "dues", "arrears", "--as-of", "31.11.2026"])
    assert exit_.value.code == 2
