"""``unionapp dues statement``: .pdf or .xlsx by extension; a bad year or quarter exits 2."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "core"))
from test_dues_statement import known_register  # noqa: E402

from unionapp.cli import main  # noqa: E402


@pytest.fixture
def filled(db, db_path: Path) -> Path:  # type: ignore[no-untyped-def]
    known_register(db)
    db.close()
    return db_path


def test_statement_pdf_and_xlsx(filled: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    pdf, xlsx = tmp_path / "s.pdf", tmp_path / "s.XLSX"
    base = ["--db", str(filled), "--lang", "ru", "dues", "statement", "--year", "2026"]
    assert main([*base, "--out", str(pdf)]) == 0
    assert "Стр. 1 из 1" in PdfReader(pdf).pages[0].extract_text()
    text = capsys.readouterr().out
    assert "2\u00a0233,39" in text or "2 233,39" in text
    assert main([*base, "--quarter", "2", "--out", str(xlsx)]) == 0
    sheet = load_workbook(xlsx).active
    assert sheet is not None and sheet.max_row == 4 + 3 + 1


@pytest.mark.parametrize("extra", [
    ["--year", "20", "--out", "x.pdf"],
    ["--year", "2026", "--quarter", "5", "--out", "x.pdf"],
    ["--year", "2026", "--quarter", "0", "--out", "x.xlsx"],
    ["--year", "abc", "--out", "x.pdf"],
    ["--year", "2026", "--out", "x.txt"],
])
def test_bad_arguments_exit_2(filled: Path, tmp_path: Path, extra: list[str]) -> None:
    extra = [str(tmp_path / e) if e.startswith("x.") else e for e in extra]
    try:
        code = main(["--db", str(filled), "dues", "statement", *extra])
    except SystemExit as exc:  # argparse refuses a year that is not a number
        code = int(exc.code or 0)
    assert code == 2
    assert not any(tmp_path.glob("x.*"))
