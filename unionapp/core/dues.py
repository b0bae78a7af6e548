"""Dues: cash payments from a form, and the month's check of the payroll list against the register.

Membership in a month: a member "in the month" is a member on at least one day of it, i.e.
``join_date <= last day`` and (``exit_date`` empty or ``exit_date > first day``), the
year-end definition of a member on a day applied to each day of the month. Someone who
joined on the 20th or left on the 10th owes that month's dues, so a deduction from them
is right and no deduction is "missing".

The reconciliation reads each table once and joins in Python dictionaries: a month of 10k
members is a few flat queries, not one query per person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from unionapp.core import audit, settings
from unionapp.core.db import Database
from unionapp.core.errors import NotFoundError, ValidationError, raise_all
from unionapp.core.i18n import N_
from unionapp.core.models import CashPayment, Department, Member, PayrollEntry
from unionapp.core.money import AMOUNT_LIMIT
from unionapp.core.stored_text import text_problem

RATE_KEY = "dues.rate_percent"
RECEIPT_LIMIT = 50


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(month: dt.date) -> dt.date:
    """The last day of ``month``'s month."""
    following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def member_in_month(join: dt.date, exit_: dt.date | None, month: dt.date) -> bool:
    """A member on at least one day of the month (see the module docstring)."""
    first = month_start(month)
    return join <= month_end(first) and (exit_ is None or exit_ > first)


# --- cash payments ------------------------------------------------------------------------




def cash_payment_problems(
    receipt_no: str | None,
    paid_on: dt.date | None,
    amount_tyiyn: int,
    period_from: dt.date | None,
    period_to: dt.date | None,
    note: str | None = None,
    today: dt.date | None = None,
) -> list[ValidationError]:
    """Every mistake of a receipt at once (a form marks them all in one round), in the order
    ``validate_cash_payment`` has always reported the first of them.

    ``today``: when given, a payment dated after it is refused, as the cash import refuses it
    (a mistyped year would put the money into another year's statement)."""
    problems: list[ValidationError] = []
    if paid_on is None:
        problems.append(ValidationError(N_("This field is required."), field="paid_on"))
    elif today is not None and paid_on > today:
        problems.append(ValidationError(
            N_("The payment date {date} is in the future."), field="paid_on", date=paid_on
        ))
    if amount_tyiyn <= 0:
        problems.append(
            ValidationError(N_("The amount must be more than zero."), field="amount")
        )
    elif amount_tyiyn > AMOUNT_LIMIT:
        problems.append(ValidationError(N_("The amount is too large."), field="amount"))
    if period_from is None or period_to is None:
        problems.append(ValidationError(N_("This field is required."), field="period"))
    elif month_start(period_to) < month_start(period_from):
        problems.append(ValidationError(
            N_("The period ends before it starts: {first} - {last}."),
            field="period",
            first=period_from.strftime("%m.%Y"),
            last=period_to.strftime("%m.%Y"),
        ))
    for problem in (
        text_problem("receipt_no", receipt_no, RECEIPT_LIMIT),
        text_problem("note", note, None),
    ):
        if problem is not None:
            problems.append(problem)
    return problems


def validate_cash_payment(
    receipt_no: str | None,
    paid_on: dt.date | None,
    amount_tyiyn: int,
    period_from: dt.date | None,
    period_to: dt.date | None,
) -> None:
    """The form's checks, also what the cash import checks row by row: the first mistake."""
    problems = cash_payment_problems(receipt_no, paid_on, amount_tyiyn, period_from, period_to)
    if problems:
        raise problems[0]


def add_cash_payment(
    db: Database,
    member_id: int,
    receipt_no: str | None,
    paid_on: dt.date,
    amount_tyiyn: int,
    period_from: dt.date,
    period_to: dt.date,
    note: str | None = None,
) -> int:
    """Save one receipt (one transaction, audited); returns the payment's id."""
    receipt_no = (receipt_no or "").strip() or None
    note = (note or "").strip() or None
    raise_all(cash_payment_problems(
        receipt_no, paid_on, amount_tyiyn, period_from, period_to, note, dt.date.today()
    ))
    with db.transaction() as session:
        if session.get(Member, member_id) is None:
            raise NotFoundError(N_("There is no member with id {id}."), id=member_id)
        payment = CashPayment(
            member_id=member_id,
            receipt_no=receipt_no,
            paid_on=paid_on,
            amount=amount_tyiyn,
            period_from=month_start(period_from),
            period_to=month_start(period_to),
            note=note,
        )
        session.add(payment)
        session.flush()
        audit.record(
            session,
            "create",
            "cash_payment",
            payment.id,
            {
                "member_id": (None, member_id),
                "receipt_no": (None, receipt_no),
                "paid_on": (None, paid_on),
                "amount": (None, amount_tyiyn),
                "period_from": (None, payment.period_from),
                "period_to": (None, payment.period_to),
            },
        )
        return payment.id


@dataclass(frozen=True)
class CashPaymentView:
    """One stored receipt as the member's Dues tab lists it (amount in tyiyn)."""

    id: int
    member_id: int
    receipt_no: str | None
    paid_on: dt.date
    amount: int
    period_from: dt.date  # the first day of the first month paid
    period_to: dt.date  # the first day of the last month paid
    note: str | None


def member_cash_payments(db: Database, member_id: int) -> list[CashPaymentView]:
    """A member's receipts, the latest paid first (a mistake is usually the newest one)."""
    with db.reading() as session:
        rows = session.execute(
            select(
                CashPayment.id, CashPayment.member_id, CashPayment.receipt_no,
                CashPayment.paid_on, CashPayment.amount, CashPayment.period_from,
                CashPayment.period_to, CashPayment.note,
            )
            .where(CashPayment.member_id == member_id)
            .order_by(CashPayment.paid_on.desc(), CashPayment.id.desc())
        ).all()
    return [CashPaymentView(*row) for row in rows]


def delete_cash_payment(db: Database, payment_id: int) -> None:
    """Remove a receipt entered by mistake (one transaction); the audit log keeps what it was."""
    with db.transaction() as session:
        payment = session.get(CashPayment, payment_id)
        if payment is None:
            raise NotFoundError(N_("There is no cash payment with id {id}."), id=payment_id)
        old = {
            "member_id": payment.member_id,
            "receipt_no": payment.receipt_no,
            "paid_on": payment.paid_on,
            "amount": payment.amount,
            "period_from": payment.period_from,
            "period_to": payment.period_to,
            "note": payment.note,
        }
        session.delete(payment)
        audit.record(
            session, "delete", "cash_payment", payment_id,
            {name: (value, None) for name, value in old.items()},
        )


def compact_months(months: Sequence[dt.date]) -> str:
    """Months as people write them: runs of following months joined, «01–03.2026, 05.2026»;
    a run over New Year keeps both years, «11.2025–02.2026»."""
    ordered = sorted({month_start(m) for m in months})
    runs: list[tuple[dt.date, dt.date]] = []
    for month in ordered:
        if runs and month_start(runs[-1][1] + dt.timedelta(days=32)) == month:
            runs[-1] = (runs[-1][0], month)
        else:
            runs.append((month, month))
    parts = []
    for first, last in runs:
        if first == last:
            parts.append(first.strftime("%m.%Y"))
        elif first.year == last.year:
            parts.append(f"{first:%m}–{last:%m.%Y}")
        else:
            parts.append(f"{first:%m.%Y}–{last:%m.%Y}")
    return ", ".join(parts)


def compact_period(first: dt.date, last: dt.date) -> str:
    """A receipt's months from ``first`` to ``last``: «10.2026», «10–12.2026»."""
    return compact_months(_months(month_start(first), month_start(last)))


# --- reconciliation -----------------------------------------------------------------------


def latest_payroll_month(db: Database) -> dt.date | None:
    """The newest month with a payroll list imported (None: none yet): the month the Dues
    page opens on, since the current month's list arrives only after the month ends."""
    with db.reading() as session:
        month: dt.date | None = session.execute(select(func.max(PayrollEntry.month))).scalar()
    return month


@dataclass(frozen=True)
class ReconRow:
    """One line of a reconciliation list; money in tyiyn."""

    member_id: int | None
    card_no: str | None
    personnel_no: str | None
    full_name: str
    department: str | None
    wage: int = 0
    withheld: int = 0
    expected: int = 0  # rate × wage, for the wrong-amount list
    row_no: int | None = None  # the payroll row, when the line comes from one


@dataclass
class Reconciliation:
    month: dt.date
    rate: Decimal
    not_members: list[ReconRow] = field(default_factory=list)  # (a)
    missing: list[ReconRow] = field(default_factory=list)  # (b) employees
    missing_pensioners: list[ReconRow] = field(default_factory=list)  # (b) apart
    missing_cash_payers: list[ReconRow] = field(default_factory=list)  # (b) apart
    wrong_amount: list[ReconRow] = field(default_factory=list)  # (c)
    rows: int = 0
    wage_total: int = 0
    withheld_total: int = 0


@dataclass
class _Person:
    card_no: str
    personnel_no: str | None
    full_name: str
    department: str | None
    join: dt.date
    exit: dt.date | None
    pensioner: bool


def _people(session: Session) -> dict[int, _Person]:
    departments: dict[int, str] = {
        i: n for i, n in session.execute(select(Department.id, Department.name))
    }
    stmt = select(
        Member.id, Member.card_no, Member.personnel_no, Member.surname, Member.name,
        Member.patronymic, Member.department_id, Member.join_date, Member.exit_date,
        Member.pensioner,
    )
    people: dict[int, _Person] = {}
    for mid, card, pers, surname, name, patr, dep, join, exit_, pens in session.execute(stmt):
        full = " ".join(p for p in (surname, name, patr) if p)
        people[mid] = _Person(
            card, pers, full, departments.get(dep) if dep else None, join, exit_, bool(pens)
        )
    return people


def reconcile(db: Database, month: dt.date) -> Reconciliation:
    """The month's payroll list against the register: lists (a), (b) and (c) of issue 4."""
    first = month_start(month)
    rate = settings.get_decimal(db, RATE_KEY)
    result = Reconciliation(first, rate)
    hundred = Decimal(100)
    with db.reading() as session:
        people = _people(session)
        entries = session.execute(
            select(
                PayrollEntry.row_no, PayrollEntry.member_id, PayrollEntry.personnel_no,
                PayrollEntry.card_no, PayrollEntry.full_name, PayrollEntry.wage,
                PayrollEntry.withheld,
            )
            .where(PayrollEntry.month == first)
            .order_by(PayrollEntry.row_no)
        ).all()
        cash_rows = session.execute(
            select(CashPayment.member_id, CashPayment.period_from, CashPayment.period_to)
        ).all()
    covered: set[int] = set()
    cash_payers: set[int] = set()
    for payer, start, end in cash_rows:
        cash_payers.add(payer)
        if start <= first <= end:
            covered.add(payer)
    last = month_end(first)
    withheld_by: dict[int, int] = {}
    for row_no, member_id, pers, card, name, wage, withheld in entries:
        result.rows += 1
        result.wage_total += wage
        result.withheld_total += withheld
        person = people.get(member_id) if member_id is not None else None
        line = ReconRow(
            member_id,
            person.card_no if person else card,
            person.personnel_no if person and person.personnel_no else pers,
            person.full_name if person else (name or ""),
            person.department if person else None,
            wage,
            withheld,
            row_no=row_no,
        )
        if member_id is not None:
            withheld_by[member_id] = withheld_by.get(member_id, 0) + withheld
        # member_in_month inlined (as below): a call per row costs a tenth of the budget
        if person is None or person.join > last or (
            person.exit is not None and person.exit <= first
        ):
            result.not_members.append(line)
        # percent_of inlined: one Decimal quantize per row keeps 10k rows fast
        expected = int((Decimal(wage) * rate / hundred).to_integral_value(ROUND_HALF_UP))
        if withheld != expected:
            result.wrong_amount.append(
                ReconRow(
                    line.member_id, line.card_no, line.personnel_no, line.full_name,
                    line.department, wage, withheld, expected, row_no,
                )
            )
    for member_id, person in people.items():
        if person.join > last or (person.exit is not None and person.exit <= first):
            continue
        if withheld_by.get(member_id, 0) > 0 or member_id in covered:
            continue
        line = ReconRow(
            member_id, person.card_no, person.personnel_no, person.full_name, person.department
        )
        if person.pensioner:
            result.missing_pensioners.append(line)
        elif member_id in cash_payers:
            result.missing_cash_payers.append(line)
        else:
            result.missing.append(line)
    for items in (result.missing, result.missing_pensioners, result.missing_cash_payers):
        items.sort(key=lambda r: (r.full_name.casefold(), r.card_no or ""))
    return result


# --- arrears ------------------------------------------------------------------------------


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


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    months: list[dt.date] = []
    month = first
    while month <= last:
        months.append(month)
        month = month_end(month) + dt.timedelta(days=1)
    return months


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
        people = _people(session)
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
            count = len(_months(period_from, period_to)) or 1
            share = int((Decimal(amount) / count).to_integral_value(ROUND_HALF_UP))
            latest[payer] = (paid_on, payment_id, share)
    months = _months(start, last)
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


# --- a member's dues history --------------------------------------------------------------


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
    months: list[dt.date] = []
    month = month_start(first)
    while month <= last:
        months.append(month)
        month = month_end(month) + dt.timedelta(days=1)
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
