"""Dues paid in cash: a receipt from the form checked, saved, listed and deleted.

The checks are the cash import's too (row by row), so a form and a file refuse the same
receipts with the same words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from unionapp.core import audit
from unionapp.core.db import Database
from unionapp.core.dues_months import month_start
from unionapp.core.errors import NotFoundError, ValidationError, raise_all
from unionapp.core.formatting import format_month
from unionapp.core.i18n import N_
from unionapp.core.models import CashPayment, Member
from unionapp.core.money import AMOUNT_LIMIT
from unionapp.core.stored_text import text_problem

RECEIPT_LIMIT = 50


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
            first=format_month(period_from),
            last=format_month(period_to),
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
