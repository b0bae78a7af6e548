"""Issue 8's «bad files, proven», small enough for every run: the same generator and checks as
``bad_files.py --count 1000``, over a few dozen files of every import kind, plus the files that
once ended an import in a traceback."""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

import openpyxl
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

# scripts beside this test, not a package
import bad_file_checks as checks  # noqa: E402
import bad_file_kinds as kinds  # noqa: E402
import bad_files as bf  # noqa: E402

MONEY_COLUMNS = {"payroll": "Начислено", "cash": "Сумма", "vouchers": "Стоимость",
                 "aid": "Сумма", "awards": "Стоимость"}


@pytest.fixture
def demo(tmp_path: Path) -> tuple[Path, kinds.Demo]:
    """A copy of a demo database (the files are imported into it) and what it holds."""
    made = checks.make_demo(tmp_path)
    db = tmp_path / "db" / "union.sqlite"
    db.parent.mkdir()
    shutil.copyfile(made, db)
    return db, kinds.Demo.read(made)


def test_a_batch_of_bad_files_of_every_kind_is_refused_with_located_messages(
    tmp_path: Path,
) -> None:
    report = bf.run_batch(42, seed=8, work=tmp_path)
    figures = "\n".join(report.figures())
    assert not report.bad, f"{figures}\n" + "\n".join(
        f"{o.name}: {o.violations}\n{o.stderr[-1500:]}" for o in report.bad
    )
    assert {o.kind for o in report.outcomes} == set(kinds.KINDS)
    assert all(o.code == 2 for o in report.outcomes)
    # both ways of refusing were exercised: cell by cell, and the whole file
    assert sum(o.located for o in report.outcomes) > 20
    assert sum(o.whole_file for o in report.outcomes) > 5


@pytest.mark.parametrize("kind", kinds.KINDS)
def test_the_generators_good_file_imports_so_only_the_faults_are_refused(
    kind: str, demo: tuple[Path, kinds.Demo], tmp_path: Path
) -> None:
    db, holds = demo
    for suffix in (".xlsx", ".csv"):
        good = kinds.good_file(kind, 1, random.Random(5), holds, rows=4)
        good.suffix, good.faults = suffix, ["good"]
        path = kinds.write_file(good, tmp_path)
        month = ["--month", kinds.PAYROLL_MONTH] if kind == "payroll" else []
        code, _out, err = checks.run_cli(
            ["--db", str(db), "import", kind, str(path), "--dry-run", *month])
        assert code == 0, err


def test_the_checks_catch_a_traceback_an_unlocated_line_and_an_acceptance() -> None:
    name = "cash-1.csv"
    _n, _w, crash = checks.check_output(name, "ru", 1, "", 'Traceback (most recent call last):\n')
    assert "traceback" in crash and "exit 1" in crash
    _n, _w, loose = checks.check_output(
        name, "ru", 2, "", f"{name}:2:Сумма: Не сумма.\nа это где?\nВ файле {name} 1 ошибка.\n")
    assert any(v.startswith("unlocated line") for v in loose)
    _n, _w, accepted = checks.check_output(name, "ru", 0, "Добавлено: 1", "")
    assert accepted == ["exit 0"]
    located, whole, clean = checks.check_output(
        name, "ru", 2, "", f"{name}:2:Сумма: Не сумма.\nВ файле {name} найдена 1 ошибка.\n")
    assert (located, whole, clean) == (1, False, [])
    _n, whole, clean = checks.check_output(name, "ru", 2, "", f"Ошибка: {name} пуст.\n")
    assert whole and not clean


@pytest.mark.parametrize("kind", sorted(MONEY_COLUMNS))
@pytest.mark.parametrize("amount", [10**17, "100000000000000000000", 1e300, "1e+300", 10**8])
def test_an_amount_no_column_holds_is_refused_in_its_cell_not_a_traceback(
    kind: str, amount: object, demo: tuple[Path, kinds.Demo], tmp_path: Path
) -> None:
    # 10**17 som: OverflowError from SQLite; 1e300: decimal.InvalidOperation; 10**8 som was
    # stored on SQLite and is more than a PostgreSQL INTEGER holds
    db, holds = demo
    good = kinds.good_file(kind, 1, random.Random(2), holds, rows=2)
    good.suffix, good.faults = ".xlsx", ["amount"]
    good.rows[1][good.headers.index(MONEY_COLUMNS[kind])] = amount
    path = kinds.write_file(good, tmp_path)
    outcome = checks.check_import(kind, path, db, checks.sha256(db))
    assert not outcome.violations, outcome.stderr
    assert f"{path.name}:3:{MONEY_COLUMNS[kind]}: " in outcome.stderr


def test_a_csv_cell_longer_than_the_csv_modules_limit_is_read(
    demo: tuple[Path, kinds.Demo], tmp_path: Path
) -> None:
    db, _holds = demo  # once «_csv.Error: field larger than field limit (131072)»
    path = tmp_path / "members-long.csv"
    path.write_text("Номер билета;Дата вступления;Примечание\n"
                    f"90001;31.02.2026;\"{'Ж' * 200_000}\"\n", encoding="utf-8")
    outcome = checks.check_import("members", path, db, checks.sha256(db))
    assert not outcome.violations, outcome.stderr[:2000]
    assert outcome.located == 1  # the date; the long note itself is fine


def test_a_formula_cell_is_read_as_empty_not_as_its_text(
    demo: tuple[Path, kinds.Demo], tmp_path: Path
) -> None:
    db, _holds = demo
    path = tmp_path / "cash-formula.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Номер билета", "Сумма", "Дата оплаты", "За период"])
    book.active.append(["1001", "=1+1", "01.10.2026", "10.2026"])
    book.save(path)
    outcome = checks.check_import("cash", path, db, checks.sha256(db))
    assert not outcome.violations, outcome.stderr
    assert f"{path.name}:2:Сумма: " in outcome.stderr
