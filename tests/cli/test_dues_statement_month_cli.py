"""``unionapp dues statement --month YYYY-MM``: one month's statement; --quarter excludes it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "core"))
from test_dues_statement import known_register  # noqa: E402

from unionapp.cli import main  # noqa: E402
from unionapp.core.db import Database  # noqa: E402
from unionapp.core.dues_statement import dues_statement  # noqa: E402
from unionapp.core.formatting import format_money  # noqa: E402


@pytest.fixture
def filled(db, db_path: Path) -> Path:  # type: ignore[no-untyped-def]
    known_register(db)
    db.close()
    return db_path


def _stated(db_path: Path, year: int, month: int | None) -> tuple[int, int, int]:
    db = Database(db_path)
    try:
        statement = dues_statement(db, year, month=month)
    finally:
        db.close()
    return statement.total, statement.to_higher, statement.retained


@pytest.mark.parametrize("extra", [[], ["--year", "2026"]])
def test_one_month_statement(filled: Path, tmp_path: Path, capsys, extra: list[str]) -> None:  # type: ignore[no-untyped-def]
    xlsx = tmp_path / "m.xlsx"
    args = ["--db", str(filled), "--lang", "ru", "dues", "statement", "--month", "2026-04"]
    assert main([*args, *extra, "--out", str(xlsx)]) == 0
    sheet = load_workbook(xlsx).active
    assert sheet is not None and sheet.max_row == 4 + 1 + 1  # title block, one month, total
    total, to_higher, retained = _stated(filled, 2026, 4)
    assert 0 < total != _stated(filled, 2026, None)[0]  # the month, not the whole year
    text = capsys.readouterr().out
    for amount in (total, to_higher, retained):
        assert format_money(amount) in text or format_money(amount).replace("\u00a0", " ") in text


@pytest.mark.parametrize("extra", [
    ["--month", "2026-04", "--quarter", "2"],
    ["--year", "2026", "--month", "2026-13"],
    ["--year", "2025", "--month", "2026-04"],
    ["--month", "April"],
    [],
])
def test_bad_month_arguments_exit_2(filled: Path, tmp_path: Path, extra: list[str]) -> None:
    out = tmp_path / "x.xlsx"
    try:
        code = main(["--db", str(filled), "dues", "statement", *extra, "--out", str(out)])
    except SystemExit as exc:  # argparse refuses --quarter with --month, and a bad month
        code = int(exc.code or 0)
    assert code == 2
    assert not out.exists()
