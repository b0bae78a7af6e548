"""Payroll import: a 1C-like monthly dues list, matched to members, replacing its month."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from import_helpers import SAMPLES, add_member, fingerprint, write_csv, write_xlsx
from openpyxl import Workbook
from sqlalchemy import select

from unionapp.core.errors import ImportFileError, UserError
from unionapp.core.i18n import N_
from unionapp.core.importing import payroll_import as payroll
from unionapp.core.importing import preview_import, run_import
from unionapp.core.models import PayrollEntry

SAMPLE = SAMPLES / "payroll-2026-10-accounting-export.xlsx"
OCTOBER = dt.date(2026, 10, 1)
TWO_ROWS: list[list[Any]] = [["1", "А Б", "x", 1000, 10], ["2", "В Г", "x", 2000, 20]]
HEADER = ["№ п/п", "Таб. №", "ФИО", "Подразделение", "Начислено", "Профвзнос 1%"]


def one_c_file(
    path: Path,
    rows: list[list[Any]],
    *,
    title_month: str = "за октябрь 2026 г.",
    totals: tuple[Any, Any] | None = None,
) -> Path:
    """The shape 1C exports: merged title block, header on row 6, totals, a signature."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["ОсОО «Тест»"])
    sheet.append(["Ведомость удержания профсоюзных взносов"])
    sheet.append([title_month])
    sheet.append(["Единица измерения: сом"])
    sheet.append([])
    for cells in ("A1:F1", "A2:F2", "A3:F3"):
        sheet.merge_cells(cells)
    sheet.append(HEADER)
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *row])
    if totals is None:
        totals = (sum(r[3] for r in rows), sum(r[4] for r in rows))
    sheet.append([None, None, "Итого", None, *totals])
    sheet.append([])
    sheet.append(["Главный бухгалтер ____________ Маматова Г.А."])
    book.save(path)
    return path


def entries(db: Any) -> list[PayrollEntry]:
    with db.reading() as s:
        found = list(s.scalars(select(PayrollEntry).order_by(PayrollEntry.row_no)))
        s.expunge_all()
        return found


def refused(db: Any, path: Path, **kwargs: Any) -> list[tuple[int, str, str, dict[str, Any]]]:
    before = fingerprint(db)
    with pytest.raises(ImportFileError) as caught:
        run_import(db, "payroll", path, **kwargs)
    assert fingerprint(db) == before  # byte-identical on refusal
    return [(p.row, p.column, p.msgid, p.params) for p in caught.value.problems]


def test_shared_sample_imports_without_totals_and_signature(db: Any) -> None:
    summary = run_import(db, "payroll", SAMPLE, month="2026-10")
    assert summary.month == OCTOBER
    assert (summary.rows_read, summary.added, summary.unmatched) == (6, 6, 6)
    assert summary.total_wage == 24879050 and summary.total_withheld == 248790
    stored = entries(db)
    assert [e.row_no for e in stored] == [7, 8, 9, 10, 11, 12]
    assert stored[1].personnel_no == "0013" and stored[1].full_name == "Сейит кызы Жаңыл"
    assert (stored[1].wage, stored[1].withheld) == (3875050, 38750)
    assert all(e.month == OCTOBER and e.member_id is None for e in stored)


def test_month_comes_from_the_title_block(db: Any) -> None:
    assert run_import(db, "payroll", SAMPLE).month == OCTOBER


def test_month_differing_from_the_title_is_refused(db: Any) -> None:
    problems = refused(db, SAMPLE, month="2026-11")
    assert problems == [
        (3, "A", N_("The file is for {stated}, but the month given is {given}."),
         {"stated": "2026-10", "given": "2026-11"})
    ]


def test_bad_month_argument_and_no_month_at_all(db: Any, tmp_path: Path) -> None:
    with pytest.raises(UserError):
        run_import(db, "payroll", SAMPLE, month="October")
    plain = write_xlsx(tmp_path / "plain.xlsx", [["Таб. №", "Начислено", "Профвзнос"],
                                                 ["1", 100, 1]])
    with pytest.raises(UserError) as caught:
        run_import(db, "payroll", plain)
    assert caught.value.msgid == payroll.NO_MONTH


def test_members_matched_by_personnel_card_and_name(db: Any, tmp_path: Path) -> None:
    by_personnel = add_member(db, "100", "Асанов", "Бакыт", personnel_no="0012")
    by_card = add_member(db, "200", "Ким", "Сергей")
    by_name = add_member(db, "300", "Иванова", "Елена", patronymic="Сергеевна")
    path = write_csv(tmp_path / "p.csv", [
        ["Табельный номер", "Номер билета", "ФИО", "Заработная плата", "Удержано", "Месяц"],
        ["0012", "", "Асанов Бакыт", "1000", "10", "10.2026"],
        ["0999", "200", "Ким Сергей", "2000,50", "20,01", "10.2026"],
        ["", "", "иванова   Елена Сергеевна", "3000", "30", "10.2026"],
        ["7777", "", "Никто Нигде", "500", "5", "10.2026"],
    ])
    summary = run_import(db, "payroll", path)
    assert (summary.matched, summary.unmatched) == (3, 1)
    assert [e.member_id for e in entries(db)] == [by_personnel, by_card, by_name, None]
    assert [(w.row, w.msgid) for w in summary.warnings] == [
        (4, N_("Matched to the member {name} by the name only: check that it is them."))
    ]
    preview = preview_import(db, "payroll", path, month="2026-10")
    assert len(preview.warnings) == 1 and preview.counts["add"] == 4


def test_reimported_month_replaces_never_doubles(db: Any, tmp_path: Path) -> None:
    first = one_c_file(tmp_path / "a.xlsx", TWO_ROWS)
    run_import(db, "payroll", first, month="2026-10")
    changed = one_c_file(tmp_path / "b.xlsx", [["1", "А Б", "x", 1500, 15]])
    summary = run_import(db, "payroll", changed, month="2026-10")
    assert summary.replaced == 2
    stored = entries(db)
    assert [(e.personnel_no, e.wage, e.withheld) for e in stored] == [("1", 150000, 1500)]
    again = run_import(db, "payroll", changed, month="2026-10")
    assert again.replaced == 1 and len(entries(db)) == 1


def test_other_months_are_left_alone(db: Any, tmp_path: Path) -> None:
    september = one_c_file(tmp_path / "s.xlsx", [["1", "А Б", "x", 1000, 10]],
                           title_month="за сентябрь 2026 г.")
    run_import(db, "payroll", september)
    run_import(db, "payroll", SAMPLE)
    assert sorted({e.month for e in entries(db)}) == [dt.date(2026, 9, 1), OCTOBER]
    assert len(entries(db)) == 7


def test_totals_mismatch_names_row_column_and_both_sums(db: Any, tmp_path: Path) -> None:
    path = one_c_file(tmp_path / "t.xlsx", TWO_ROWS, totals=(3000, 31))
    assert refused(db, path) == [
        (9, "Профвзнос 1%",
         N_("The totals row says {stated}, but the rows add up to {computed}."),
         {"stated": "31.00", "computed": "30.00"})
    ]


def test_each_bad_row_is_refused_all_or_nothing(db: Any, tmp_path: Path) -> None:
    run_import(db, "payroll", SAMPLE)
    path = one_c_file(tmp_path / "bad.xlsx", [
        ["1", "А Б", "x", 1000, 10],
        ["1", "В Г", "x", 2000, 20],
        ["3", "Д Е", "x", -5, 0],
        ["4", "Ж З", "x", "много", 1],
        ["5", "И К", "x", 0, 7],
    ], totals=(None, None))
    found = {(row, column, msgid) for row, column, msgid, _params in refused(db, path)}
    duplicate = N_(
        "Personnel number {personnel_no} appears more than once in the file: rows {rows}."
    )
    assert found == {
        (7, "Таб. №", duplicate),
        (8, "Таб. №", duplicate),
        (9, "Начислено", N_("The amount {value} is below zero.")),
        (10, "Начислено", N_("Not an amount of money: {value}.")),
        (11, "Профвзнос 1%", N_("Dues of {amount} are withheld from a wage of 0.")),
    }
    assert len(entries(db)) == 6  # the month stored before is untouched


def test_month_column_disagreeing_with_month_given(db: Any, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "m.csv", [
        ["Таб. №", "Начислено", "Профвзнос", "Месяц"],
        ["1", "100", "1", "2026-10"],
        ["2", "100", "1", "2026-09"],
    ])
    problems = refused(db, path, month="2026-10")
    assert [(r, c, p) for r, c, _m, p in problems] == [
        (3, "Месяц", {"stated": "2026-09", "given": "2026-10"})
    ]


def test_dry_run_and_preview_write_nothing(db: Any) -> None:
    before = fingerprint(db)
    assert run_import(db, "payroll", SAMPLE, dry_run=True).total_withheld == 248790
    preview = preview_import(db, "payroll", SAMPLE)
    assert len(preview.rows) == 6 and not preview.problems
    assert preview.mapped[0] is None  # the running number column is not imported
    assert fingerprint(db) == before


def test_kyrgyz_headers_and_totals_word(db: Any, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "ky.csv", [
        ["Табель номери", "Аты-жөнү", "Эмгек акы", "Мүчөлүк акы", "Ай"],
        ["1", "Асан уулу Бакыт", "1000", "10", "10.2026"],
        ["2", "Сейит кызы Жаңыл", "2000.5", "20", "10.2026"],
        ["", "Жыйынтыгы", "3000,50", "30", ""],
        ["", "Бухгалтер ________", "", "", ""],
    ])
    summary = run_import(db, "payroll", path, month=dt.date(2026, 10, 15))
    assert (summary.rows_read, summary.total_wage, summary.total_withheld) == (2, 300050, 3000)
    assert [e.full_name for e in entries(db)] == ["Асан уулу Бакыт", "Сейит кызы Жаңыл"]


def test_an_import_leaves_the_garbage_collector_as_it_found_it(db, tmp_path) -> None:
    """Imports collect garbage rarely while they run; the program's setting comes back."""
    import gc

    from unionapp.core.errors import UserError
    from unionapp.core.importing import run_import

    before = gc.get_threshold()
    bad = tmp_path / "empty.csv"
    bad.write_text("", encoding="utf-8")
    with pytest.raises(UserError):
        run_import(db, "payroll", bad, month="2026-10")
    assert gc.get_threshold() == before


def test_a_totals_row_may_sum_past_one_amounts_limit(db: Any, tmp_path: Path) -> None:
    """The limit is per amount (what a column holds); a big plant's «Итого» is larger."""
    rows = [[f"T-{i}", f"Адам {i}", "Цех", 15_000_000, 150_000] for i in range(2)]
    path = one_c_file(tmp_path / "big.xlsx", rows)  # totals 30 000 000 som > 21 474 836,47
    summary = run_import(db, "payroll", path)
    assert summary.total_wage == 3_000_000_000
    too_big = one_c_file(tmp_path / "one.xlsx", [["T-9", "Адам", "Цех", 25_000_000, 250_000]])
    assert refused(db, too_big)  # one wage over the limit is still refused at its cell
