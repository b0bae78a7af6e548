"""The budget on both stores: the same registers give the same actual sums, the same plan and
entries the same lines; a document number too long for its column is refused with a message on
either (PostgreSQL would raise on it), and the demo's budget reads the same."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from budget_helpers import COUNTED, YEAR, fill_registers, plan_and_post

from unionapp.core import budget_edit
from unionapp.core.budget import EXPENSE, budget, budget_years
from unionapp.core.budget_edit import EntryInput
from unionapp.core.errors import ValidationError


def test_the_budget_reads_the_same_on_either_store(any_db) -> None:  # type: ignore[no-untyped-def]
    fill_registers(any_db)
    plan_and_post(any_db)
    result = budget(any_db, YEAR)
    assert {x.category: x.counted for x in result.lines} == {
        **COUNTED, "other_income": 0, "events": 0, "other_expense": 0}
    assert [(x.category, x.planned, x.actual, x.overspent) for x in result.lines] == [
        ("dues_retained", 300_000, 266_000, False),
        ("other_income", 500_000, 700_000, False),
        ("recreation", 4_000_000, 4_700_000, True),
        ("aid", 2_000_000, 1_250_000, False),
        ("awards", 300_000, 300_000, False),
        ("events", 1_500_000, 1_234_550, False),
        ("other_expense", 0, 0, False),
    ]
    assert result.expense.percent_used == Decimal("96.0")
    assert [(e.entry_date, e.document_no) for e in result.entries] == [
        (dt.date(2025, 3, 21), "Акт № 12"), (dt.date(2025, 4, 10), "ПКО № 1")]
    assert budget_years(any_db, dt.date(2026, 11, 25)) == [2027, 2026, 2025, 2024]
    assert budget_edit.copy_plan(any_db, YEAR, 2026) == 6
    assert budget(any_db, 2026).expense.planned == result.expense.planned


def test_text_too_long_for_its_column_is_refused_on_either_store(any_db) -> None:  # type: ignore[no-untyped-def]
    budget_edit.add_line(any_db, YEAR, "events", "Спорттук мелдеш", 100_000)
    with pytest.raises(ValidationError) as caught:
        budget_edit.add_entry(any_db, YEAR, EntryInput(
            "events", "Спорттук мелдеш", dt.date(2025, 5, 16), 100, "№" * 51))
    assert caught.value.field == "document_no"
    with pytest.raises(ValidationError) as caught:
        budget_edit.add_line(any_db, YEAR, "events", "ы" * 301, 0)
    assert caught.value.field == "name"
    with pytest.raises(ValidationError):
        budget_edit.set_planned(any_db, YEAR, "aid", 2_147_483_648)  # over PostgreSQL's INTEGER
    budget_edit.set_planned(any_db, YEAR, "aid", 2_147_483_647)
    line = budget(any_db, YEAR).line((EXPENSE, "events", "Спорттук мелдеш"))
    assert line is not None and line.entries == 0


def test_the_demos_budget_is_the_same_on_both_stores(db, pg_db) -> None:  # type: ignore[no-untyped-def]
    from unionapp.core.demo import generate_demo

    found = []
    for store in (db, pg_db):
        generate_demo(store, members=120, years=2, seed=4, today=dt.date(2026, 11, 25))
        found.append([
            ([(x.category, x.planned, x.actual) for x in budget(store, year).lines],
             [(e.entry_date, e.amount, e.document_no, e.note) for e in budget(store, year).entries])
            for year in (2024, 2025, 2026)
        ])
    assert found[0] == found[1]
    assert found[0][1][1]  # the finished year has its entries
