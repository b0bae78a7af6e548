"""The dues statement of issue 4 part 6: received, passed up to the higher body, retained.

Dues received in a period are all dues dated in it (DESIGN.md): payroll withheld for the
months of the period plus cash payments whose payment date falls in the period.

Rounding rule: the higher body's share is ``dues.higher_share_percent`` of each month's
total, rounded half-up to the tyiyn *per month*; the period's totals are the sums of the
months. So the totals row always equals the sum of the rows printed above it, which is what
an auditor adds up (the share of the period's total might differ by a tyiyn or two).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select

from unionapp.core import settings
from unionapp.core.db import Database
from unionapp.core.errors import ValidationError
from unionapp.core.i18n import N_
from unionapp.core.models import CashPayment, PayrollEntry
from unionapp.core.money import percent_of


@dataclass(frozen=True)
class StatementRow:
    """One month; all money in integer tyiyn."""

    month: dt.date  # the first day of the month
    payroll: int
    cash: int
    total: int
    to_higher: int
    retained: int


@dataclass(frozen=True)
class Statement:
    year: int
    quarter: int | None
    month: int | None
    share_percent: Decimal
    rows: list[StatementRow] = field(default_factory=list)

    @property
    def first(self) -> dt.date:
        return self.rows[0].month

    @property
    def last(self) -> dt.date:
        return self.rows[-1].month

    @property
    def payroll(self) -> int:
        return sum(r.payroll for r in self.rows)

    @property
    def cash(self) -> int:
        return sum(r.cash for r in self.rows)

    @property
    def total(self) -> int:
        return sum(r.total for r in self.rows)

    @property
    def to_higher(self) -> int:
        return sum(r.to_higher for r in self.rows)

    @property
    def retained(self) -> int:
        return sum(r.retained for r in self.rows)


def period_months(year: int, quarter: int | None = None, month: int | None = None) -> list[int]:
    """The month numbers of a year, a quarter (1-4) or one month (1-12)."""
    if not 1900 <= year <= 2100:
        raise ValidationError(N_("Not a year: {value}."), field="year", value=year)
    if quarter is not None and month is not None:
        raise ValidationError(N_("Give a quarter or a month, not both."), field="quarter")
    if quarter is not None:
        if not 1 <= quarter <= 4:
            raise ValidationError(
                N_("Not a quarter: {value}. Write 1, 2, 3 or 4."), field="quarter", value=quarter
            )
        return [3 * (quarter - 1) + i for i in (1, 2, 3)]
    if month is not None:
        if not 1 <= month <= 12:
            raise ValidationError(N_("Not a month: {value}."), field="month", value=month)
        return [month]
    return list(range(1, 13))


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def dues_statement(
    db: Database, year: int, quarter: int | None = None, month: int | None = None
) -> Statement:
    """The statement for a year, a quarter or a month, one row per month of the period."""
    months = [dt.date(year, m, 1) for m in period_months(year, quarter, month)]
    share = settings.get_decimal(db, "dues.higher_share_percent")
    start, end = months[0], _next_month(months[-1])
    with db.reading() as s:
        payroll: dict[dt.date, int] = {
            first: int(amount or 0) for first, amount in s.execute(
                select(PayrollEntry.month, func.sum(PayrollEntry.withheld))
                .where(PayrollEntry.month >= start, PayrollEntry.month < end)
                .group_by(PayrollEntry.month)
            )
        }
        cash_by_month: dict[dt.date, int] = {}
        for paid_on, amount in s.execute(
            select(CashPayment.paid_on, CashPayment.amount)
            .where(CashPayment.paid_on >= start, CashPayment.paid_on < end)
        ):
            key = dt.date(paid_on.year, paid_on.month, 1)
            cash_by_month[key] = cash_by_month.get(key, 0) + amount
    rows = []
    for first in months:
        from_payroll = payroll.get(first, 0)
        in_cash = cash_by_month.get(first, 0)
        total = from_payroll + in_cash
        to_higher = percent_of(total, share)
        rows.append(StatementRow(first, from_payroll, in_cash, total, to_higher,
                                 total - to_higher))
    return Statement(year, quarter, month, share, rows)
