"""The Home page's figures of the day, read in one cheap call (a few grouped queries).

What a chairperson wants to see on opening the program: how many members there are now,
what share of the employer's staff that is (coverage), how many of them are young, the dues
of the last month with a payroll list against the month before, and how much of this year's
budget (смета) each spending line has used.

Definitions follow DESIGN.md ("Year-end figures"), applied to today instead of 31 December:
a member on day D joined on or before D and has no exit date or one after D; youth are
members whose age on D is at most ``youth.max_age`` (someone born on 29 February turns a
year older on 1 March in other years, as the Members page's youth filter counts it);
coverage = 100 × members / ``org.employees`` with one decimal, left out (``None``) when the
headcount is not set rather than divided by zero; dues received in a month are the payroll
list's withheld dues of that month plus cash paid in it (as in the dues statement).

Counted by the database, not in Python: 10,000 members are one aggregate row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import case, func, or_, select

from unionapp.core import settings
from unionapp.core.budget import EXPENSE, budget
from unionapp.core.db import Database
from unionapp.core.models import CashPayment, Member, PayrollEntry

ONE_DECIMAL = Decimal("0.1")


def percent(part: int, whole: int) -> Decimal | None:
    """100 × part / whole rounded half-up to one decimal; None when there is no whole."""
    if whole <= 0:
        return None
    return (Decimal(100 * part) / Decimal(whole)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def youth_born_after(day: dt.date, max_age: int) -> dt.date:
    """Members born after the returned date are at most ``max_age`` years old on ``day``.

    It is the last birth date that makes someone ``max_age + 1`` on ``day``: the same day
    ``max_age + 1`` years earlier, or 28 February when ``day`` is 29 February and that year
    has none (born on 28 February: a year older on the 28th; born on the 29th: not yet).
    """
    year = day.year - (max_age + 1)
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a year without one
        return dt.date(year, 2, 28)


def month_before(month: dt.date) -> dt.date:
    return dt.date(month.year - 1, 12, 1) if month.month == 1 else month.replace(
        month=month.month - 1, day=1)


def next_month(month: dt.date) -> dt.date:
    return dt.date(month.year + 1, 1, 1) if month.month == 12 else month.replace(
        month=month.month + 1, day=1)


@dataclass(frozen=True)
class DuesMonth:
    """Dues received in one month, in tyiyn: the payroll list's plus cash paid that month."""

    month: dt.date  # the first day
    payroll: int
    cash: int

    @property
    def received(self) -> int:
        return self.payroll + self.cash


@dataclass(frozen=True)
class BudgetBar:
    """One spending line of this year's budget: planned against spent, in tyiyn."""

    category: str
    label: str  # in the language of the moment it was read
    planned: int
    actual: int
    overspent: bool

    @property
    def remaining(self) -> int:
        return self.planned - self.actual

    @property
    def used_percent(self) -> Decimal | None:
        return percent(self.actual, self.planned)


@dataclass(frozen=True)
class Dashboard:
    today: dt.date
    members_now: int
    women: int
    pensioners: int
    youth: int
    youth_max_age: int
    employees: int  # the setting org.employees; 0 when it is not set
    dues: DuesMonth | None  # the last month with a payroll list, None before the first list
    dues_before: DuesMonth | None  # the month before it
    budget_year: int
    budget: list[BudgetBar] = field(default_factory=list)  # spending lines planned or used

    @property
    def coverage_percent(self) -> Decimal | None:
        """None when the headcount is not set: the page says where to set it."""
        return percent(self.members_now, self.employees)

    @property
    def youth_percent(self) -> Decimal | None:
        return percent(self.youth, self.members_now)

    @property
    def dues_change(self) -> int | None:
        """Received in the last month minus the month before (tyiyn); None with no list."""
        if self.dues is None or self.dues_before is None:
            return None
        return self.dues.received - self.dues_before.received

    @property
    def budget_planned(self) -> int:
        return sum(bar.planned for bar in self.budget)

    @property
    def budget_actual(self) -> int:
        return sum(bar.actual for bar in self.budget)

    @property
    def budget_used_percent(self) -> Decimal | None:
        return percent(self.budget_actual, self.budget_planned)

    @property
    def has_budget(self) -> bool:
        """A budget is set for the year when some spending line has a planned amount."""
        return any(bar.planned for bar in self.budget)


def _members(db: Database, day: dt.date, max_age: int) -> tuple[int, int, int, int]:
    """(members, women, pensioners, youth) on ``day`` in one aggregate query."""
    born_after = youth_born_after(day, max_age)
    stmt = select(
        func.count(),
        func.sum(case((Member.sex == "F", 1), else_=0)),
        func.sum(case((Member.pensioner.is_(True), 1), else_=0)),
        func.sum(case((Member.birth_date > born_after, 1), else_=0)),
    ).where(Member.join_date <= day, or_(Member.exit_date.is_(None), Member.exit_date > day))
    with db.reading() as s:
        row = s.execute(stmt).one()
    count, women, pensioners, youth = (int(value or 0) for value in row)
    return count, women, pensioners, youth


def _dues(db: Database, today: dt.date) -> tuple[DuesMonth | None, DuesMonth | None]:
    """The last month with a payroll list (up to this month) and the month before it."""
    this_month = today.replace(day=1)
    with db.reading() as s:
        last = s.scalar(select(func.max(PayrollEntry.month)).where(
            PayrollEntry.month <= this_month))
        if last is None:
            return None, None
        before = month_before(last)
        payroll: dict[dt.date, int] = {
            month: int(total or 0) for month, total in s.execute(
                select(PayrollEntry.month, func.sum(PayrollEntry.withheld))
                .where(PayrollEntry.month.in_((before, last)))
                .group_by(PayrollEntry.month)
            )
        }
        cash_before, cash_last = s.execute(
            select(
                func.sum(case((CashPayment.paid_on < last, CashPayment.amount), else_=0)),
                func.sum(case((CashPayment.paid_on >= last, CashPayment.amount), else_=0)),
            ).where(CashPayment.paid_on >= before, CashPayment.paid_on < next_month(last))
        ).one()
    return (DuesMonth(last, payroll.get(last, 0), int(cash_last or 0)),
            DuesMonth(before, payroll.get(before, 0), int(cash_before or 0)))


def budget_bars(db: Database, year: int) -> list[BudgetBar]:
    """This year's spending lines that were planned or spent on (core/budget.py counts the
    actuals from the registers and the manual entries), in the budget's own order."""
    plan = budget(db, year)
    return [
        BudgetBar(line.category, line.label, line.planned, line.actual, line.overspent)
        for line in plan.side_lines(EXPENSE) if line.planned or line.actual
    ]


def dashboard(db: Database, today: dt.date | None = None) -> Dashboard:
    """Every figure of the Home page's top half, as of ``today``."""
    today = today or dt.date.today()
    stored = settings.get_all(db)
    max_age = int(stored["youth.max_age"])
    members, women, pensioners, youth = _members(db, today, max_age)
    last, before = _dues(db, today)
    return Dashboard(
        today=today,
        members_now=members,
        women=women,
        pensioners=pensioners,
        youth=youth,
        youth_max_age=max_age,
        employees=int(stored["org.employees"] or 0),
        dues=last,
        dues_before=before,
        budget_year=today.year,
        budget=budget_bars(db, today.year),
    )
