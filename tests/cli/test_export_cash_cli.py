"""``unionapp export cash FILE``: every cash receipt in the cash import's columns; the file
imports back adding nothing, and onto an empty copy of the register adds the same receipts."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import delete, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "core"))
from dues_helpers import add_member  # noqa: E402

from unionapp.cli import main  # noqa: E402
from unionapp.core import dues  # noqa: E402
from unionapp.core.models import CashPayment  # noqa: E402
from unionapp.core.store import open_database  # noqa: E402


def _receipts(db_path: Path) -> list[tuple[object, ...]]:
    db = open_database(db_path)
    try:
        with db.reading() as s:
            return sorted(
                (p.member_id, p.receipt_no, p.paid_on, p.amount, p.period_from, p.period_to)
                for p in s.scalars(select(CashPayment))
            )
    finally:
        db.close()


def _paid(db) -> None:  # type: ignore[no-untyped-def]
    first = add_member(db, "0012", "Өмүрбекова", pensioner=True)
    second = add_member(db, "0013", "Ким")
    dues.add_cash_payment(db, first, "К-17", dt.date(2026, 10, 5), 90_050,
                          dt.date(2026, 10, 1), dt.date(2026, 12, 1))
    dues.add_cash_payment(db, second, None, dt.date(2026, 9, 30), 12_000,
                          dt.date(2026, 9, 1), dt.date(2026, 9, 1))


@pytest.mark.parametrize(("name", "lang"), [("cash.xlsx", "ru"), ("cash.csv", "ky")])
def test_exported_receipts_import_back(  # type: ignore[no-untyped-def]
    db, db_path: Path, tmp_path: Path, name: str, lang: str
) -> None:
    _paid(db)
    db.close()
    before = _receipts(db_path)
    target = tmp_path / name
    assert main(["--db", str(db_path), "export", "cash", str(target), "--lang", lang]) == 0
    assert main(["--db", str(db_path), "import", "cash", str(target)]) == 0
    assert _receipts(db_path) == before  # nothing doubled

    emptied = tmp_path / "emptied.sqlite"
    shutil.copyfile(db_path, emptied)
    db2 = open_database(emptied)
    with db2.transaction() as s:
        s.execute(delete(CashPayment))
    db2.close()
    assert main(["--db", str(emptied), "import", "cash", str(target)]) == 0
    assert _receipts(emptied) == before


def test_xlsx_columns_amounts_and_periods(db, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _paid(db)
    db.close()
    target = tmp_path / "cash.xlsx"
    assert main(["--db", str(db_path), "export", "cash", str(target), "--lang", "ru"]) == 0
    sheet = load_workbook(target).worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Номер билета", "Сумма", "Дата", "За период", "Номер квитанции"]
    assert rows[1][0] == "0013" and rows[1][3] == "09.2026"  # earliest payment first
    assert rows[2][0] == "0012" and rows[2][3] == "10.2026-12.2026"
    assert str(rows[2][1]) == "900.5"


def test_an_export_into_a_folder_that_is_a_file_is_refused(  # type: ignore[no-untyped-def]
    db, db_path: Path, tmp_path: Path
) -> None:
    _paid(db)
    db.close()
    blocker = tmp_path / "taken"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    code = main(["--db", str(db_path), "export", "cash", str(blocker / "cash.xlsx")])
    assert code == 2  # refused with a reason, not a crash (exit 1)
    assert blocker.read_text(encoding="utf-8") == "a file, not a folder"
