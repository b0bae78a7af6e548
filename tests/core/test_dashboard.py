"""The Home page's figures (core/dashboard.py) on a small register built by hand: members on
the day (joined that day in, left that day out), women, pensioners, youth at the age limit
(leap-day births too), coverage with and without the headcount, dues of the last month with
a payroll list against the month before, and the query count at 10k members."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import event, insert

from unionapp.core import budget_edit, dashboard, settings
from unionapp.core.db import Database
from unionapp.core.member_list import age_on
from unionapp.core.models import AidPayment, CashPayment, Member, PayrollEntry, Voucher

TODAY = dt.date(2026, 11, 15)


def add(db: Database, card: str, *, join: dt.date = dt.date(2010, 1, 1),
        exit_: dt.date | None = None, sex: str | None = "M", birth: dt.date | None = None,
        pensioner: bool = False) -> int:
    with db.transaction() as s:
        member = Member(card_no=card, surname=f"Мүчө{card}", name="Аты", sex=sex,
                        birth_date=birth, join_date=join, exit_date=exit_, pensioner=pensioner)
        s.add(member)
        s.flush()
        return member.id


def payroll(db: Database, month: dt.date, *withheld: int) -> None:
    with db.transaction() as s:
        for row_no, amount in enumerate(withheld, start=2):
            s.add(PayrollEntry(month=month, row_no=row_no, wage=amount * 100, withheld=amount))


def cash(db: Database, member_id: int, paid_on: dt.date, amount: int) -> None:
    with db.transaction() as s:
        month = paid_on.replace(day=1)
        s.add(CashPayment(member_id=member_id, paid_on=paid_on, amount=amount,
                          period_from=month, period_to=month))


def test_members_women_pensioners_youth_on_the_day(db: Database) -> None:
    add(db, "1", sex="F", birth=dt.date(1990, 11, 16))  # 35 today: youth
    add(db, "2", sex="F", birth=dt.date(1990, 11, 15))  # 36 today: no longer
    add(db, "3", join=TODAY, birth=dt.date(2000, 1, 1))  # joined today: a member, youth
    add(db, "4", exit_=TODAY, sex="F", birth=dt.date(2000, 1, 1))  # left today: not
    add(db, "5", exit_=TODAY + dt.timedelta(days=1), pensioner=True,
        birth=dt.date(1950, 3, 3))  # leaves tomorrow: still a member
    add(db, "6", join=TODAY + dt.timedelta(days=1), sex="F")  # joins tomorrow: not yet
    add(db, "7", sex=None, birth=None, pensioner=True)  # no birth date: not counted as youth
    figures = dashboard.dashboard(db, TODAY)
    assert (figures.members_now, figures.women, figures.pensioners, figures.youth) == (5, 2, 2, 2)
    assert figures.youth_max_age == 35
    assert figures.youth_percent == Decimal("40.0")

    settings.set_value(db, "youth.max_age", "36")  # the limit is the setting
    assert dashboard.dashboard(db, TODAY).youth == 3


def test_youth_boundary_matches_the_age_count_also_for_leap_days() -> None:
    births = [dt.date(1990, 2, 28), dt.date(1990, 3, 1), dt.date(1988, 2, 29),
              dt.date(1989, 2, 28), dt.date(1989, 3, 1), dt.date(1992, 2, 29)]
    days = [dt.date(2024, 2, 28), dt.date(2024, 2, 29), dt.date(2025, 2, 28),
            dt.date(2025, 3, 1), dt.date(2026, 12, 31)]
    for day in days:
        for max_age in (35, 36):
            cutoff = dashboard.youth_born_after(day, max_age)
            for birth in births:
                assert (birth > cutoff) == (age_on(birth, day) <= max_age), (day, birth)
    # born 29 Feb 1988: on 28 Feb 2025 still 36, on 1 March 37
    assert dashboard.youth_born_after(dt.date(2024, 2, 29), 35) == dt.date(1988, 2, 29)
    assert dashboard.youth_born_after(dt.date(2025, 2, 28), 35) == dt.date(1989, 2, 28)


def test_coverage_left_out_without_the_headcount(db: Database) -> None:
    for card in ("1", "2", "3"):
        add(db, card)
    figures = dashboard.dashboard(db, TODAY)
    assert figures.employees == 0 and figures.coverage_percent is None
    settings.set_value(db, "org.employees", "7")
    figures = dashboard.dashboard(db, TODAY)
    assert figures.employees == 7
    assert figures.coverage_percent == Decimal("42.9")  # 300 / 7 = 42.857… half-up


def test_percent_rounds_half_up_and_refuses_no_whole() -> None:
    assert dashboard.percent(1, 8) == Decimal("12.5")
    assert dashboard.percent(1, 16) == Decimal("6.3")  # 6.25
    assert dashboard.percent(2, 3) == Decimal("66.7")
    assert dashboard.percent(5, 0) is None
    assert dashboard.percent(0, 4) == Decimal("0.0")


def test_dues_of_the_last_payroll_month_against_the_month_before(db: Database) -> None:
    member = add(db, "1", pensioner=True)
    payroll(db, dt.date(2026, 9, 1), 10_000, 5_050)
    payroll(db, dt.date(2026, 10, 1), 12_000, 6_000)
    payroll(db, dt.date(2026, 12, 1), 99_999)  # a future month's list is not "the last"
    cash(db, member, dt.date(2026, 10, 31), 700)  # paid in October: October's
    cash(db, member, dt.date(2026, 11, 1), 900)  # paid in November: neither month
    cash(db, member, dt.date(2026, 9, 1), 300)  # September
    cash(db, member, dt.date(2026, 8, 31), 111)  # August: neither
    figures = dashboard.dashboard(db, TODAY)
    assert figures.dues == dashboard.DuesMonth(dt.date(2026, 10, 1), 18_000, 700)
    assert figures.dues_before == dashboard.DuesMonth(dt.date(2026, 9, 1), 15_050, 300)
    assert figures.dues.received == 18_700 and figures.dues_before.received == 15_350
    assert figures.dues_change == 3_350


def test_dues_across_the_new_year_and_a_month_before_without_a_list(db: Database) -> None:
    payroll(db, dt.date(2027, 1, 1), 4_000)
    figures = dashboard.dashboard(db, dt.date(2027, 1, 20))
    assert figures.dues == dashboard.DuesMonth(dt.date(2027, 1, 1), 4_000, 0)
    assert figures.dues_before == dashboard.DuesMonth(dt.date(2026, 12, 1), 0, 0)
    assert figures.dues_change == 4_000


def test_an_empty_register(db: Database) -> None:
    figures = dashboard.dashboard(db, TODAY)
    assert (figures.members_now, figures.youth, figures.women) == (0, 0, 0)
    assert figures.youth_percent is None and figures.coverage_percent is None
    assert figures.dues is None and figures.dues_before is None and figures.dues_change is None
    assert figures.budget_year == 2026
    assert not figures.has_budget and figures.budget_planned == 0


def test_ten_thousand_members_a_few_queries(db: Database) -> None:
    rows = [
        {"card_no": str(i), "surname": f"Мүчө{i}", "name": "Аты", "sex": "MF"[i % 2],
         "birth_date": dt.date(1960, 1, 1) + dt.timedelta(days=i * 2),
         "join_date": dt.date(2000, 1, 1) + dt.timedelta(days=i % 9000),
         "exit_date": dt.date(2020, 1, 1) if i % 10 == 0 else None,
         "pensioner": i % 7 == 0}
        for i in range(10_000)
    ]
    with db.transaction() as s:
        s.execute(insert(Member), rows)
    payroll(db, dt.date(2026, 10, 1), *([5_000] * 200))
    statements: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    figures = dashboard.dashboard(db, TODAY)
    ours = len(selects(statements))
    statements.clear()
    dashboard.budget_bars(db, TODAY.year)
    ours -= len(selects(statements))
    # settings, the members' aggregate, the last month, its payroll, its cash: whatever the size
    assert ours == 5
    expected = [r for r in rows if r["join_date"] <= TODAY and r["exit_date"] is None]
    assert figures.members_now == len(expected)
    assert figures.women == sum(r["sex"] == "F" for r in expected)
    assert figures.pensioners == sum(r["pensioner"] for r in expected)
    assert figures.youth == sum(age_on(r["birth_date"], TODAY) <= 35 for r in expected)
    assert figures.dues is not None and figures.dues.received == 1_000_000


def selects(statements: list[str]) -> list[str]:
    return [s for s in statements if s.lstrip().upper().startswith("SELECT")]


def test_budget_bars_of_this_year(db: Database) -> None:
    member = add(db, "1")
    year = TODAY.year
    budget_edit.set_planned(db, year, "aid", 50_000)
    budget_edit.set_planned(db, year, "recreation", 100_000)
    budget_edit.set_planned(db, year, "dues_retained", 900_000)  # income: not a spending bar
    budget_edit.set_planned(db, year - 1, "awards", 70_000)  # another year's plan
    with db.transaction() as s:
        s.add(AidPayment(member_id=member, reason="illness", amount=60_000,
                         paid_on=dt.date(year, 3, 3)))
        s.add(AidPayment(member_id=member, reason="illness", amount=1_000,
                         paid_on=dt.date(year - 1, 12, 31)))  # last year's
        s.add(Voucher(member_id=member, kind="sanatorium", start_date=dt.date(year, 7, 1),
                      end_date=dt.date(year, 7, 14), cost=40_000, copay=10_000, source="own"))
    budget_edit.add_entry(db, year, budget_edit.EntryInput(
        "events", None, dt.date(year, 5, 1), 7_500, "A-12"))  # spent with no plan
    figures = dashboard.dashboard(db, TODAY)
    assert figures.budget_year == year and figures.has_budget
    bars = {bar.category: bar for bar in figures.budget}
    assert list(bars) == ["recreation", "aid", "events"]  # the budget's order; empty lines out
    assert (bars["recreation"].planned, bars["recreation"].actual) == (100_000, 30_000)
    assert not bars["recreation"].overspent and bars["recreation"].used_percent == Decimal("30.0")
    assert (bars["aid"].actual, bars["aid"].overspent, bars["aid"].remaining) == (
        60_000, True, -10_000)
    assert bars["events"].overspent and bars["events"].used_percent is None  # nothing planned
    assert (figures.budget_planned, figures.budget_actual) == (150_000, 97_500)


def test_spending_without_a_plan_is_no_budget_yet(db: Database) -> None:
    member = add(db, "1")
    with db.transaction() as s:
        s.add(AidPayment(member_id=member, reason="illness", amount=60_000, paid_on=TODAY))
    figures = dashboard.dashboard(db, TODAY)
    assert [bar.category for bar in figures.budget] == ["aid"]
    assert not figures.has_budget  # the page says: set it on the Budget page
