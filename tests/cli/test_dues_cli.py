"""``unionapp dues reconcile``: the three lists printed with counts and sums, and as .xlsx."""

from __future__ import annotations

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
        assert f"{_(title)}: {count};" in text
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
