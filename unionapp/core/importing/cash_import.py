"""Dues paid in cash, from a file: the member by card number, the amount, date and months paid.

A payment is the same payment when the member, the receipt number, the date and the amount
agree, so importing a file again adds nothing. Payments are never updated or deleted by an
import: a corrected receipt is a new line. The same payment twice in one file is refused (a
copied row is far likelier than two equal receipts on one day).

«За период» is one month («10.2026», «2026-10», an Excel date) or a range of months
(«10.2026-12.2026», «10.2026 - 12.2026»); it is stored as the first days of the first and
the last month paid.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from unionapp.core.dues_cash import RECEIPT_LIMIT
from unionapp.core.formatting import format_month
from unionapp.core.i18n import N_
from unionapp.core.importing.headers import Header
from unionapp.core.importing.sheet import (
    ADD,
    ERROR,
    SAME,
    Parser,
    ProblemLog,
    Sheet,
    require_columns,
)
from unionapp.core.importing.values import (
    CellProblem,
    cell_text,
    parse_code,
    parse_date,
    within_amount_limit,
)
from unionapp.core.importing.writing import AuditRows, insert_audited
from unionapp.core.models import CashPayment, Member
from unionapp.core.money import MoneyError, to_tyiyn
from unionapp.core.stored_text import text_problem

KIND = "cash"
REQUIRED_FIELDS = ("card_no", "amount", "paid_on", "period")
REQUIRED = N_("This field is required.")
_MONTH = r"(?:\d{1,2}\.\d{4}|\d{4}-\d{1,2})"
_PERIOD = re.compile(rf"^({_MONTH})(?:\s*[-–—]\s*({_MONTH}))?$")
Period = tuple[dt.date, dt.date]
Key = tuple[int, str | None, dt.date, int]  # member, receipt no, date, amount


def parse_amount(value: Any) -> int | None:
    """Som as written, to tyiyn; must be more than zero."""
    if value is None or cell_text(value) == "":
        return None
    try:
        tyiyn = to_tyiyn(value)
    except (MoneyError, ArithmeticError) as exc:  # too many digits: decimal.InvalidOperation
        raise CellProblem(N_("Not an amount of money: {value}."), value=cell_text(value)) from exc
    if tyiyn <= 0:
        raise CellProblem(N_("The amount must be more than zero."))
    return within_amount_limit(tyiyn)


def _month(text: str) -> dt.date:
    if "." in text:
        month, year = (int(p) for p in text.split("."))
    else:
        year, month = (int(p) for p in text.split("-"))
    if not 1 <= month <= 12 or not 1900 <= year <= 2100:
        raise ValueError(text)
    return dt.date(year, month, 1)


def parse_period(value: Any) -> Period | None:
    """One month or a range of months, as the first days of the first and last month."""
    if isinstance(value, dt.datetime | dt.date):  # Excel turned «10.2026» into a date
        day = value.date() if isinstance(value, dt.datetime) else value
        return day.replace(day=1), day.replace(day=1)
    text = cell_text(value)
    if not text:
        return None
    bad = CellProblem(
        N_("Not a month or range of months: {value}. Write 10.2026 or 10.2026-12.2026."),
        value=text,
    )
    match = _PERIOD.match(text)
    if not match:
        raise bad
    try:
        first = _month(match.group(1))
        last = _month(match.group(2)) if match.group(2) else first
    except ValueError as exc:
        raise bad from exc
    if last < first:
        raise CellProblem(
            N_("The period ends before it starts: {first} - {last}."),
            first=format_month(first),
            last=format_month(last),
        )
    return first, last


PARSERS: dict[str, Parser] = {
    "card_no": parse_code,
    "amount": parse_amount,
    "paid_on": parse_date,
    "period": parse_period,
    "receipt_no": parse_code,
}


def prepare_header(header: Header, log: ProblemLog) -> None:
    require_columns(KIND, header, log, tuple(REQUIRED_FIELDS))


@dataclass
class CashPlan:
    adds: list[dict[str, Any]] = field(default_factory=list)  # CashPayment columns


def analyse(session: Session, sheet: Sheet, today: dt.date) -> CashPlan:
    """Check every row and plan the new payments; writes nothing."""
    members = {c: i for c, i in session.execute(select(Member.card_no, Member.id))}
    stored: set[Key] = {
        (m, r, d, a)
        for m, r, d, a in session.execute(
            select(
                CashPayment.member_id, CashPayment.receipt_no, CashPayment.paid_on,
                CashPayment.amount,
            )
        )
    }
    log = sheet.problems
    plan = CashPlan()
    planned: dict[int, str] = {}
    key_rows: dict[Key, list[int]] = {}
    for done, (row_no, cells) in enumerate(sheet.rows, start=1):
        if done % 500 == 0:
            sheet.tick(done)
        values, bad = sheet.read_row(row_no, cells, PARSERS)
        for required in REQUIRED_FIELDS:
            if values.get(required) is None and required not in bad:
                log.add(row_no, required, REQUIRED)
        card: str | None = values.get("card_no")
        member = members.get(card) if card else None
        if card and member is None:
            log.add(
                row_no, "card_no", N_("There is no member with card number {card_no}."),
                card_no=card,
            )
        receipt: str | None = values.get("receipt_no")
        too_long = text_problem("receipt_no", receipt, RECEIPT_LIMIT)
        if too_long is not None:
            log.add(row_no, "receipt_no", too_long.msgid, **too_long.params)
        paid_on: dt.date | None = values.get("paid_on")
        if paid_on and paid_on > today:
            log.add(row_no, "paid_on", N_("The payment date {date} is in the future."),
                    date=paid_on)
        amount: int | None = values.get("amount")
        period: Period | None = values.get("period")
        if member is None or paid_on is None or amount is None or period is None:
            planned[row_no] = ERROR
            continue
        key = (member, receipt, paid_on, amount)
        key_rows.setdefault(key, []).append(row_no)
        if key in stored:
            planned[row_no] = SAME
            continue
        plan.adds.append({
            "member_id": member, "receipt_no": receipt, "paid_on": paid_on, "amount": amount,
            "period_from": period[0], "period_to": period[1], "note": None,
        })
        planned[row_no] = ADD
    log.refuse_repeats(
        key_rows, "card_no", N_("The same payment is listed more than once: rows {rows}.")
    )
    sheet.actions = {
        row_no: ERROR if row_no in log.rows else action for row_no, action in planned.items()
    }
    return plan


def write(session: Session, plan: CashPlan, audit: AuditRows) -> None:
    """New payments in one bulk insert, then one audit row set per payment."""
    insert_audited(session, CashPayment, "cash_payment", plan.adds, audit)
