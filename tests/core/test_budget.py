"""The budget (смета) of a year: actual sums counted from registers built here by hand, manual
entries, overspending, the plan's changes and every refusal on its field."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from budget_helpers import YEAR, fill_registers
from sqlalchemy import select

from unionapp.core import budget_edit
from unionapp.core.budget import EXPENSE, INCOME, budget, budget_years, category_label
from unionapp.core.budget_edit import EntryInput
from unionapp.core.db import Database
from unionapp.core.dues_statement import dues_statement
from unionapp.core.errors import NotFoundError, ValidationError, ValidationGroup
from unionapp.core.models import AuditEntry, BudgetEntry, BudgetLine
from unionapp.core.store import open_database

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "db"


def _counted(db: Database, year: int = YEAR) -> dict[str, int]:
    return {line.category: line.counted for line in budget(db, year).lines if not line.name}


def test_actuals_are_counted_from_the_registers(db: Database) -> None:
    fill_registers(db)
    counted = _counted(db)
    # dues: Jan 1500 som → 450 up, 1050 kept; Jun 300 → 90 / 210; Dec 2000 → 600 / 1400
    assert counted["dues_retained"] == 105_000 + 21_000 + 140_000
    assert counted["dues_retained"] == dues_statement(db, YEAR).retained
    assert counted["recreation"] == 3_200_000 + 1_500_000  # the employer's and higher's: not
    assert counted["aid"] == 1_250_000
    assert counted["awards"] == 300_000  # a nomination and last year's award left out
    assert counted["other_income"] == counted["events"] == counted["other_expense"] == 0
    assert _counted(db, 2024) == {"dues_retained": 777 - 233 + 11_100 - 3_330,
                                  "other_income": 0, "recreation": 1_000_000, "aid": 40_000,
                                  "awards": 900_000, "events": 0, "other_expense": 0}


def test_a_year_with_nothing_is_zeros_that_say_so(db: Database) -> None:
    result = budget(db, YEAR)
    assert result.is_empty and not result.has_plan
    assert [(x.side, x.category) for x in result.lines] == [
        (INCOME, "dues_retained"), (INCOME, "other_income"), (EXPENSE, "recreation"),
        (EXPENSE, "aid"), (EXPENSE, "awards"), (EXPENSE, "events"), (EXPENSE, "other_expense"),
    ]
    assert all(x.id is None and x.planned == x.actual == 0 for x in result.lines)
    assert result.income.planned == result.expense.actual == result.balance_actual == 0
    assert not result.overspent and result.entries == ()


def test_plan_against_actual_remaining_percent_and_overspending(db: Database) -> None:
    fill_registers(db)
    budget_edit.set_planned(db, YEAR, "dues_retained", 300_000)
    budget_edit.set_planned(db, YEAR, "recreation", 4_000_000)  # 47 000 som spent: over
    budget_edit.set_planned(db, YEAR, "aid", 2_000_000)
    budget_edit.set_planned(db, YEAR, "aid", 1_250_000)  # changed: exactly spent, not over
    result = budget(db, YEAR)
    dues = result.line((INCOME, "dues_retained", None))
    assert dues is not None
    assert (dues.planned, dues.actual, dues.remaining) == (300_000, 266_000, 34_000)
    assert dues.percent_used == Decimal("88.7") and not dues.overspent
    recreation = result.line((EXPENSE, "recreation", None))
    assert recreation is not None
    assert recreation.remaining == -700_000 and recreation.overspent
    assert recreation.percent_used == Decimal("117.5")
    aid = result.line((EXPENSE, "aid", None))
    assert aid is not None and aid.percent_used == Decimal("100.0") and not aid.overspent
    awards = result.line((EXPENSE, "awards", None))  # spent with no plan: over the plan
    assert awards is not None and awards.planned == 0 and awards.overspent
    assert awards.percent_used is None
    assert [x.category for x in result.overspent] == ["recreation", "awards"]
    assert (result.income.planned, result.income.actual) == (300_000, 266_000)
    assert (result.expense.planned, result.expense.actual) == (5_250_000, 6_250_000)
    assert result.expense.overspent and not result.income.overspent
    assert result.balance_planned == 300_000 - 5_250_000
    assert result.balance_actual == 266_000 - 6_250_000


def test_manual_entries_add_to_their_lines(db: Database) -> None:
    fill_registers(db)
    budget_edit.set_planned(db, YEAR, "events", 5_000_000)
    budget_edit.add_line(db, YEAR, "events", " Нооруз майрамы ", 2_000_000)
    nooruz = budget_edit.add_entry(db, YEAR, EntryInput(
        "events", "Нооруз майрамы", dt.date(2025, 3, 21), 2_150_050, " Акт № 12 ", "концерт"))
    budget_edit.add_entry(db, YEAR, EntryInput(
        "events", None, dt.date(2025, 5, 16), 1_000_000, "Акт № 13", None))
    budget_edit.add_entry(db, YEAR, EntryInput(
        "other_income", None, dt.date(2025, 4, 10), 700_000, "ПКО № 1", ""))
    correction = budget_edit.add_entry(db, YEAR, EntryInput(
        "aid", None, dt.date(2025, 12, 31), 10_000, "Акт № 14", "банктын кызмат акысы"))
    result = budget(db, YEAR)
    named = result.line((EXPENSE, "events", "Нооруз майрамы"))
    own = result.line((EXPENSE, "events", None))
    assert named is not None and own is not None
    assert (named.planned, named.counted, named.posted, named.entries) == (2_000_000, 0,
                                                                           2_150_050, 1)
    assert named.overspent
    assert named.label.startswith(category_label("events"))
    assert named.label.endswith(": Нооруз майрамы")
    assert (own.posted, own.overspent) == (1_000_000, False)
    aid = result.line((EXPENSE, "aid", None))
    assert aid is not None and aid.actual == 1_250_000 + 10_000  # counted plus a correction
    income = result.line((INCOME, "other_income", None))
    assert income is not None and income.actual == 700_000 and income.planned == 0
    assert not income.overspent  # income over the plan is not overspending
    assert [(e.entry_date, e.document_no, e.note) for e in result.entries] == [
        (dt.date(2025, 3, 21), "Акт № 12", "концерт"),
        (dt.date(2025, 4, 10), "ПКО № 1", None),
        (dt.date(2025, 5, 16), "Акт № 13", None),
        (dt.date(2025, 12, 31), "Акт № 14", "банктын кызмат акысы"),
    ]
    # an entry moves to another line of its year; a deleted one is gone, the audit keeps both
    budget_edit.update_entry(db, nooruz, EntryInput(
        "events", None, dt.date(2025, 3, 22), 2_000_000, "Акт № 12", "концерт"))
    budget_edit.delete_entry(db, correction)
    result = budget(db, YEAR)
    named, own = (result.line((EXPENSE, "events", n)) for n in ("Нооруз майрамы", None))
    assert named is not None and own is not None
    assert (named.posted, own.posted, own.entries) == (0, 3_000_000, 2)
    assert budget_edit.get_entry(db, nooruz) == (YEAR, EntryInput(
        "events", None, dt.date(2025, 3, 22), 2_000_000, "Акт № 12", "концерт"))
    with db.reading() as s:
        trail = {(a.action, a.field) for a in s.scalars(
            select(AuditEntry).where(AuditEntry.entity == "budget_entry"))}
    assert {("create", "amount"), ("update", "entry_date"), ("update", "line_id"),
            ("delete", "amount")} <= trail
    with pytest.raises(NotFoundError):
        budget_edit.delete_entry(db, correction)


def _refusal(call, *args) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """{field: message} of every refusal ``call`` raises, all at once."""
    with pytest.raises(ValidationError) as caught:
        call(*args)
    exc = caught.value
    errors = exc.errors if isinstance(exc, ValidationGroup) else [exc]
    return {e.field: e.message() for e in errors}


def test_refusals_name_their_fields_and_change_nothing(db: Database, db_path: Path) -> None:
    budget_edit.set_planned(db, YEAR, "events", 100_000)
    db.checkpoint()
    before = db_path.read_bytes()
    assert set(_refusal(budget_edit.set_planned, db, YEAR, "events", -1)) == {"planned"}
    assert set(_refusal(budget_edit.set_planned, db, YEAR, "sport", 100)) == {"category"}
    assert set(_refusal(budget_edit.set_planned, db, YEAR, "aid", 2_147_483_648)) == {"planned"}
    assert set(_refusal(budget_edit.set_planned, db, YEAR, "events", 1, "Нет такой")) == {"name"}
    bad = EntryInput("sport", None, dt.date(2024, 12, 31), 0, "Акт № " + "1" * 50, "\x00")
    problems = _refusal(budget_edit.add_entry, db, YEAR, bad)
    assert set(problems) == {"category", "entry_date", "amount", "document_no", "note"}
    assert "2025" in problems["entry_date"] and "31.12.2024" in problems["entry_date"]
    assert "56" in problems["document_no"] and "50" in problems["document_no"]
    missing = EntryInput(None, None, None, None, "  ", None)
    assert set(_refusal(budget_edit.add_entry, db, YEAR, missing)) == {
        "category", "entry_date", "amount", "document_no"}
    today = dt.date.today()
    future = EntryInput("events", None, today + dt.timedelta(days=1), 100, "1")
    if future.entry_date is not None and future.entry_date.year == today.year:
        assert set(_refusal(budget_edit.add_entry, db, today.year, future)) == {"entry_date"}
    ghost = EntryInput("events", "Нет такой", dt.date(2025, 1, 1), 100, "1")
    assert set(_refusal(budget_edit.add_entry, db, YEAR, ghost)) == {"category"}
    assert set(_refusal(budget_edit.add_line, db, YEAR, "events", "  ", 0)) == {"name"}
    assert set(_refusal(budget, db, today.year + 2)) == {"year"}
    db.checkpoint()  # anything written would now be in the file
    assert db_path.read_bytes() == before
    assert budget_edit.entry_problems(db, YEAR, EntryInput(
        "events", None, dt.date(2025, 1, 1), 1, "1")) == []


def test_lines_with_their_own_wording(db: Database) -> None:
    line_id = budget_edit.add_line(db, YEAR, "events", "Спорттук мелдеш", 300_000)
    assert set(_refusal(budget_edit.add_line, db, YEAR, "events", "Спорттук мелдеш", 1)) == {
        "name"}
    budget_edit.set_planned(db, YEAR, "events", 400_000, name="Спорттук мелдеш")
    entry = budget_edit.add_entry(db, YEAR, EntryInput(
        "events", "Спорттук мелдеш", dt.date(2025, 5, 16), 100, "Акт № 3"))
    assert set(_refusal(budget_edit.delete_line, db, line_id)) == {"line"}
    budget_edit.delete_entry(db, entry)
    budget_edit.delete_line(db, line_id)
    assert budget(db, YEAR).line((EXPENSE, "events", "Спорттук мелдеш")) is None
    own = budget_edit.set_planned(db, YEAR, "events", 1)
    assert set(_refusal(budget_edit.delete_line, db, own)) == {"line"}
    with pytest.raises(NotFoundError):
        budget_edit.delete_line(db, own + 1000)


def test_copy_last_years_plan(db: Database) -> None:
    budget_edit.set_planned(db, 2024, "dues_retained", 70_000_000)
    budget_edit.set_planned(db, 2024, "aid", 5_000_000)
    budget_edit.set_planned(db, 2024, "events", 0)  # nothing planned: not copied
    budget_edit.add_line(db, 2024, "events", "Нооруз майрамы", 2_000_000)
    budget_edit.add_entry(db, YEAR, EntryInput(  # a posting made the line already: reused
        "aid", None, dt.date(2025, 2, 1), 100, "Акт № 1"))
    assert budget_edit.copy_plan(db, 2024, YEAR) == 3
    result = budget(db, YEAR)
    assert {(x.category, x.name): x.planned for x in result.lines if x.planned} == {
        ("dues_retained", None): 70_000_000, ("aid", None): 5_000_000,
        ("events", "Нооруз майрамы"): 2_000_000,
    }
    with db.reading() as s:
        assert s.query(BudgetLine).filter_by(year=YEAR, category="aid").count() == 1
    assert set(_refusal(budget_edit.copy_plan, db, 2024, YEAR)) == {"year"}  # planned already
    assert set(_refusal(budget_edit.copy_plan, db, 2023, 2022)) == {"year"}  # nothing to copy


def test_years_to_choose_run_from_the_first_money_to_next_year(db: Database) -> None:
    today = dt.date(2026, 11, 25)
    assert budget_years(db, today) == [2027, 2026]
    fill_registers(db)
    assert budget_years(db, today) == [2027, 2026, 2025, 2024]
    budget_edit.set_planned(db, 2020, "aid", 1)
    assert budget_years(db, today)[-1] == 2020


def test_the_demo_plans_every_year_near_its_money(db: Database) -> None:
    from unionapp.core.demo import generate_demo

    today = dt.date(2026, 11, 25)
    generate_demo(db, members=120, years=2, seed=5, today=today)  # a school
    for year in (2025, 2026):
        result = budget(db, year)
        assert all(x.planned > 0 for x in result.lines if x.category != "recreation"
                   or x.counted)
        dues = result.line((INCOME, "dues_retained", None))
        assert dues is not None and dues.percent_used is not None
        assert Decimal(70) <= dues.percent_used <= Decimal(110)
        assert len(result.entries) >= 5
        assert all(e.document_no and e.entry_date <= today for e in result.entries)
    finished = budget(db, 2025)
    assert {"Мугалимдер күнү", "Нооруз майрамы", "Спорттук мелдеш"} <= {
        e.note for e in finished.entries}
    assert any(x.overspent for x in finished.lines)
    with db.reading() as s:
        assert s.query(BudgetEntry).count() == len(budget(db, 2024).entries) + len(
            finished.entries) + len(budget(db, 2026).entries)


def test_the_schema_0005_fixture_reads_with_its_named_line(tmp_path: Path) -> None:
    path = tmp_path / "union.sqlite"
    shutil.copyfile(FIXTURES / "schema-0005.sqlite", path)
    db = open_database(path)
    try:
        result = budget(db, 2026)
    finally:
        db.close()
    nooruz = result.line((EXPENSE, "events", "Нооруз майрамы"))
    assert nooruz is not None
    assert (nooruz.planned, nooruz.actual, nooruz.remaining) == (5_000_000, 4_250_050, 749_950)
    assert nooruz.percent_used == Decimal("85.0")
    plan = result.line((INCOME, "dues_retained", None))
    assert plan is not None and plan.planned == 70_000_000
    assert [e.document_no for e in result.entries] == ["Акт № 12"]
