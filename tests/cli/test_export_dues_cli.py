"""``unionapp export dues FILE --month``: one month of payroll in the payroll import's columns,
which ``import payroll`` takes back (no --month needed) to the same people and amounts."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "core"))
from dues_helpers import OCT, known_month  # noqa: E402

from unionapp.cli import main  # noqa: E402
from unionapp.core.models import PayrollEntry  # noqa: E402
from unionapp.core.store import open_database  # noqa: E402


def _month(db_path: Path) -> list[tuple[object, ...]]:
    db = open_database(db_path)
    try:
        with db.reading() as s:
            return sorted(
                (r.member_id or 0, r.personnel_no, r.card_no, r.full_name, r.wage, r.withheld)
                for r in s.scalars(select(PayrollEntry).where(PayrollEntry.month == OCT))
            )
    finally:
        db.close()


@pytest.mark.parametrize(("name", "lang"), [("dues.xlsx", "ru"), ("dues.csv", "ky")])
def test_exported_month_imports_back_unchanged(  # type: ignore[no-untyped-def]
    db, db_path: Path, tmp_path: Path, name: str, lang: str
) -> None:
    known_month(db)
    db.close()
    before = _month(db_path)
    target = tmp_path / name
    code = main(["--db", str(db_path), "export", "dues", str(target), "--month", "2026-10",
                 "--lang", lang])
    assert code == 0
    code = main(["--db", str(db_path), "import", "payroll", str(target)])
    assert code == 0
    assert _month(db_path) == before
    assert len(before) == 7


def test_xlsx_has_the_import_columns_and_the_month(db, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    known_month(db)
    db.close()
    target = tmp_path / "dues.xlsx"
    assert main(["--db", str(db_path), "export", "dues", str(target), "--month", "2026-10",
                 "--lang", "ru"]) == 0
    rows = list(load_workbook(target).worksheets[0].iter_rows(values_only=True))
    assert rows[0] == ("Табельный номер", "Номер билета", "ФИО", "Месяц", "Начислено",
                       "Профвзнос")
    assert rows[1][0] == "T1" and rows[1][3] == "10.2026"
    assert float(rows[1][4]) == 25000 and float(rows[1][5]) == 250


def test_dues_export_needs_a_month(db, db_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    known_month(db)
    db.close()
    code = main(["--db", str(db_path), "export", "dues", str(tmp_path / "d.xlsx")])
    assert code == 2
    assert not (tmp_path / "d.xlsx").exists()
