"""The demo's dues: months of payroll lists and cash receipts that make every Dues view speak."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from unionapp.core import demo, dues
from unionapp.core.dues_statement import dues_statement
from unionapp.core.models import CashPayment, PayrollEntry

TODAY = dt.date(2026, 11, 25)


def test_years_of_months_up_to_last_month_with_the_usual_slips_in_the_last(db) -> None:
    demo.generate_demo(db, members=600, years=2, seed=3, today=TODAY)
    with db.reading() as s:
        months = list(s.scalars(select(PayrollEntry.month).distinct().order_by(PayrollEntry.month)))
        cash = s.scalar(select(func.count()).select_from(CashPayment))
    assert months[0] == dt.date(2024, 11, 1) and months[-1] == dt.date(2026, 10, 1)
    assert len(months) == 24
    assert cash and cash > 0

    last = dues.reconcile(db, dt.date(2026, 10, 1))
    assert last.not_members and last.missing and last.wrong_amount  # lists (a), (b), (c)
    assert not last.missing_cash_payers or len(last.missing_cash_payers) < 30
    earlier = dues.reconcile(db, dt.date(2026, 9, 1))
    assert not earlier.not_members and not earlier.missing and not earlier.wrong_amount

    year = dues_statement(db, 2026)
    assert year.total > 0 and year.cash > 0 and year.to_higher > 0


def test_no_years_no_dues_and_the_same_seed_the_same_money(db, tmp_path) -> None:
    from unionapp.core.store import open_database

    demo.generate_demo(db, members=80, years=0, seed=5, today=TODAY)
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(PayrollEntry)) == 0

    sums = []
    for name in ("a.sqlite", "b.sqlite"):
        other = open_database(tmp_path / name)
        demo.generate_demo(other, members=80, years=1, seed=5, today=TODAY)
        with other.reading() as s:
            sums.append(s.execute(select(func.count(), func.sum(PayrollEntry.withheld))).one())
        other.close()
    assert sums[0] == sums[1] and sums[0][0] > 0
