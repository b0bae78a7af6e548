"""Month by month for each member: who owes for which months (arrears), and one member's
dues history (payroll and the cash receipts' monthly shares).

Membership in a month is ``dues_months.member_in_month``; the register is read once with
``dues_reconciliation.register_people`` and everything is joined in dictionaries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select

from unionapp.core import settings
from unionapp.core.db import Database
from unionapp.core.dues_months import member_in_month, month_start, months_between
from unionapp.core.dues_reconciliation import RATE_KEY, register_people
from unionapp.core.models import CashPayment, PayrollEntry


@dataclass(frozen=True)
class Arrear:
    """A member who owes: the unpaid months, and what each month should have brought (tyiyn;
    None when neither a wage nor a cash receipt of theirs is known, so nobody is shown a
    made-up figure)."""

    member_id: int
    card_no: str | None
    personnel_no: str | None
    full_name: str
    department: str | None
    months: tuple[dt.date, ...]
    monthly: int | None
    wage: int | None  # the last wage known from payroll, what ``monthly`` is the rate of
    # no wage known: ``monthly`` is a month's share of the member's last cash receipt
    from_receipt: bool = False

    @property
    def total(self) -> int | None:
        return None if self.monthly is None else self.monthly * len(self.months)


def arrears(db: Database, as_of: dt.date) -> list[Arrear]:
    """Who owes for which months as of ``as_of``, sorted by name.

    The rule: the months checked run from the first month that has any payroll row in the
    database (before it the union kept no record here, so nobody can be said to owe) to the
    month before ``as_of`` (the current month's list has not come yet). A member owes for a
    month when they were a member in it (the module docstring's rule) and neither had dues
    withheld (more than zero on that month's payroll) nor a cash payment whose period covers
    it. The amount expected per month is the rate × their last wage on payroll before
    ``as_of``, rounded half-up to the tyiyn; when payroll never showed a wage of theirs (a
    pensioner paying cash), a month's share of their latest cash receipt paid before
    ``as_of`` (what they have been paying a month), half-up; unknown (None) when neither is
    known. No payroll at all means no arrears.
    """
    first_due = month_start(as_of)
    last = month_start(first_due - dt.timedelta(days=1))
    rate = settings.get_decimal(db, RATE_KEY)
    with db.reading() as session:
        start = session.execute(select(func.min(PayrollEntry.month))).scalar()
        if start is None or start > last:
            return []
        people = register_people(session)
        entries = session.execute(
            select(
                PayrollEntry.member_id, PayrollEntry.month, PayrollEntry.wage,
                PayrollEntry.withheld,
            )
            .where(PayrollEntry.member_id.is_not(None), PayrollEntry.month <= last)
            .order_by(PayrollEntry.month)
        ).all()
        cash_rows = session.execute(
            select(CashPayment.member_id, CashPayment.period_from, CashPayment.period_to,
                   CashPayment.paid_on, CashPayment.amount, CashPayment.id)
        ).all()
    withheld: dict[tuple[int, dt.date], int] = {}
    wages: dict[int, int] = {}
    for member_id, month, wage, amount in entries:  # by month: the last wage wins
        if member_id is None:
            continue
        withheld[member_id, month] = withheld.get((member_id, month), 0) + amount
        if wage > 0:
            wages[member_id] = wage
    covers: dict[int, list[tuple[dt.date, dt.date]]] = {}
    latest: dict[int, tuple[dt.date, int, int]] = {}  # payer: (paid on, id, a month's share)
    for payer, period_from, period_to, paid_on, amount, payment_id in cash_rows:
        covers.setdefault(payer, []).append((period_from, period_to))
        if paid_on < as_of and (paid_on, payment_id) > latest.get(payer, (dt.date.min, 0))[:2]:
            count = len(months_between(period_from, period_to)) or 1
            share = int((Decimal(amount) / count).to_integral_value(ROUND_HALF_UP))
            latest[payer] = (paid_on, payment_id, share)
    months = months_between(start, last)
    result: list[Arrear] = []
    for member_id, person in people.items():
        paid = covers.get(member_id, [])
        owed = tuple(
            m for m in months
            if member_in_month(person.join, person.exit, m)
            and withheld.get((member_id, m), 0) <= 0
            and not any(a <= m <= b for a, b in paid)
        )
        if not owed:
            continue
        last_wage = wages.get(member_id)
        monthly = None if last_wage is None else int(
            (Decimal(last_wage) * rate / Decimal(100)).to_integral_value(ROUND_HALF_UP)
        )
        receipt = latest.get(member_id) if last_wage is None else None
        result.append(Arrear(
            member_id, person.card_no, person.personnel_no, person.full_name,
            person.department, owed, receipt[2] if receipt else monthly, last_wage,
            receipt is not None,
        ))
    result.sort(key=lambda r: (r.full_name.casefold(), r.card_no or ""))
    return result


@dataclass(frozen=True)
class DuesMonth:
    """One month of a member's dues (tyiyn); ``wage``/``withheld`` None: no payroll row."""

    month: dt.date
    wage: int | None
    withheld: int | None
    cash: int  # the share of cash receipts covering this month


def _cash_shares(amount: int, first: dt.date, last: dt.date) -> dict[dt.date, int]:
    """A receipt spread evenly over the months it covers, the odd tyiyn to the first ones,
    so the shares always add up to the receipt."""
    months = months_between(month_start(first), last)
    if not months:
        return {}
    share, rest = divmod(amount, len(months))
    return {m: share + (1 if i < rest else 0) for i, m in enumerate(months)}


def member_dues_history(db: Database, member_id: int) -> list[DuesMonth]:
    """Every month with a payroll row or a cash receipt for the member, newest first."""
    with db.reading() as session:
        payroll = session.execute(
            select(PayrollEntry.month, PayrollEntry.wage, PayrollEntry.withheld)
            .where(PayrollEntry.member_id == member_id)
        ).all()
        cash_rows = session.execute(
            select(CashPayment.amount, CashPayment.period_from, CashPayment.period_to)
            .where(CashPayment.member_id == member_id)
        ).all()
    wages: dict[dt.date, tuple[int, int]] = {}
    for month, wage, withheld in payroll:
        old_wage, old_withheld = wages.get(month, (0, 0))
        wages[month] = (old_wage + wage, old_withheld + withheld)
    cash: dict[dt.date, int] = {}
    for amount, period_from, period_to in cash_rows:
        for month, share in _cash_shares(amount, period_from, period_to).items():
            cash[month] = cash.get(month, 0) + share
    return [
        DuesMonth(
            month,
            wages[month][0] if month in wages else None,
            wages[month][1] if month in wages else None,
            cash.get(month, 0),
        )
        for month in sorted(set(wages) | set(cash), reverse=True)
    ]
