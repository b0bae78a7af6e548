"""Material aid from a file: the member by card number, the reason, amount, date and protocol.

A row is the same payment as a stored one when the member, the date, the reason and the amount
agree, so importing a file again adds nothing; a matched payment citing another protocol gets
that protocol (an update). The same payment twice in one file is refused (a copied row is far
likelier than two equal payments on one day).

Every payment needs its protocol: «Номер протокола», with «Дата протокола» when the file has
it, else the protocol of that number held in the payment's year (numbers restart each year).
Each refusal of the form is a refusal of the row: an unknown reason, an amount not above zero,
a date in the future, someone who was not a member that day, a protocol never recorded. The
yearly cap is not a refusal here - the protocol already decided - but every row that takes a
member over it is listed in the summary as a row worth a look.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from unionapp.core.aid import IN_FUTURE, OVER_CAP, full_name, yearly_cap
from unionapp.core.codes import AID_REASONS
from unionapp.core.decisions import (
    AMBIGUOUS_DECISION,
    UNKNOWN_DECISION,
    UNKNOWN_DECISION_ON,
    member_on,
)
from unionapp.core.errors import Problem
from unionapp.core.i18n import N_
from unionapp.core.importing.cash_import import parse_amount
from unionapp.core.importing.headers import Header
from unionapp.core.importing.sheet import (
    ADD,
    ERROR,
    SAME,
    UPDATE,
    Parser,
    ProblemLog,
    Sheet,
    require_columns,
)
from unionapp.core.importing.values import CellProblem, cell_text, parse_code, parse_date
from unionapp.core.importing.writing import AuditRows, bulk_insert
from unionapp.core.models import AidPayment, Decision, Member
from unionapp.core.money import as_som_text

KIND = "aid"
REQUIRED_FIELDS = ("card_no", "reason", "amount", "paid_on")
# DESIGN.md makes «Номер протокола» optional: old lists often lack it. Such a payment is kept
# without a protocol and the summary says so row by row, so the chairperson adds it later.
NO_PROTOCOL_COLUMN = N_(
    "The file has no column «{column}»: the payments are saved without protocols; add them on "
    "the Aid page."
)
NO_PROTOCOL = N_("No protocol is cited: the payment is saved without one; add it on the Aid page.")
REQUIRED = N_("This field is required.")
Key = tuple[int, dt.date, str, int]  # member, date, reason, amount


def parse_reason(value: Any) -> str | None:
    text = cell_text(value)
    if not text:
        return None
    code = AID_REASONS.parse(text)
    if code is None:
        raise CellProblem(
            N_("Unknown reason of aid: {value}. Write one of: {choices}."),
            value=text,
            choices=", ".join(f"«{AID_REASONS.label(code)}»" for code in AID_REASONS.codes),
        )
    return code


def parse_protocol_no(value: Any) -> str | None:
    """«7», «№ 7», «7.0» from Excel: the number as protocols are cited."""
    text = cell_text(value).lstrip("№").strip()
    return " ".join(text.split()) or None


PARSERS: dict[str, Parser] = {
    "card_no": parse_code,
    "reason": parse_reason,
    "amount": parse_amount,
    "paid_on": parse_date,
    "decision_no": parse_protocol_no,
    "decision_date": parse_date,
}


def prepare_header(header: Header, log: ProblemLog) -> None:
    require_columns(KIND, header, log, REQUIRED_FIELDS)


@dataclass
class AidPlan:
    adds: list[dict[str, Any]] = field(default_factory=list)  # AidPayment columns
    updates: list[tuple[int, int | None, int]] = field(default_factory=list)  # id, old, new
    warnings: list[Problem] = field(default_factory=list)  # rows over the yearly cap


@dataclass
class _Members:
    ids: dict[str, int] = field(default_factory=dict)  # card number -> id
    spans: dict[int, tuple[dt.date, dt.date | None, str]] = field(default_factory=dict)


class _Protocols:
    """Every decision, so each row resolves its protocol without a query of its own."""

    def __init__(self, session: Session) -> None:
        self.by_date: dict[tuple[str, dt.date], int] = {}
        self.by_year: dict[tuple[str, int], int] = {}  # the latest of that number in the year
        self.in_year: dict[tuple[str, int], int] = {}  # how many protocols share the number
        stmt = select(Decision.id, Decision.number, Decision.held_on).order_by(Decision.held_on)
        for decision_id, number, held_on in session.execute(stmt):
            self.by_date[(number, held_on)] = decision_id
            self.by_year[(number, held_on.year)] = decision_id
            key = (number, held_on.year)
            self.in_year[key] = self.in_year.get(key, 0) + 1

    def find(self, number: str, held_on: dt.date | None, year: int) -> int | None:
        if held_on is not None:
            return self.by_date.get((number, held_on))
        return self.by_year.get((number, year))


def _members(session: Session) -> _Members:
    found = _Members()
    stmt = select(
        Member.id,
        Member.card_no,
        Member.join_date,
        Member.exit_date,
        Member.surname,
        Member.name,
        Member.patronymic,
    )
    for member_id, card, join, exit_, surname, name, patronymic in session.execute(stmt):
        found.ids[card] = member_id
        found.spans[member_id] = (join, exit_, full_name(surname, name, patronymic))
    return found


def _stored(session: Session) -> dict[Key, tuple[int, int | None]]:
    """Stored payments by what makes them the same: -> (id, decision id)."""
    stmt = select(
        AidPayment.member_id,
        AidPayment.paid_on,
        AidPayment.reason,
        AidPayment.amount,
        AidPayment.id,
        AidPayment.decision_id,
    ).order_by(AidPayment.id)
    stored: dict[Key, tuple[int, int | None]] = {}
    for member, paid_on, reason, amount, aid_id, decision_id in session.execute(stmt):
        stored.setdefault((member, paid_on, reason, amount), (aid_id, decision_id))
    return stored


def _year_totals(session: Session, years: set[int]) -> dict[tuple[int, int], int]:
    """(member, year) -> tyiyn paid, for the years the file touches."""
    totals: dict[tuple[int, int], int] = defaultdict(int)
    if not years:
        return totals
    stmt = (
        select(AidPayment.member_id, AidPayment.paid_on, func.sum(AidPayment.amount))
        .where(
            AidPayment.paid_on >= dt.date(min(years), 1, 1),
            AidPayment.paid_on <= dt.date(max(years), 12, 31),
        )
        .group_by(AidPayment.member_id, AidPayment.paid_on)
    )
    for member, paid_on, amount in session.execute(stmt):
        totals[(member, paid_on.year)] += int(amount)
    return totals


def analyse(session: Session, sheet: Sheet, today: dt.date) -> AidPlan:
    """Check every row and plan new payments and changed protocols; writes nothing."""
    members = _members(session)
    protocols = _Protocols(session)
    stored = _stored(session)
    log = sheet.problems
    warnings = ProblemLog(log.kind, log.file_name, log.header)
    warnings.columns = log.columns
    has_protocols = "decision_no" in log.columns
    if not has_protocols:
        label, _index = log.column_name("decision_no")
        warnings.add_at(sheet.header.row_no, label, None, NO_PROTOCOL_COLUMN, column=label)
    plan = AidPlan()
    planned: dict[int, str] = {}
    key_rows: dict[Key, list[int]] = {}
    new_rows: list[tuple[int, dict[str, Any]]] = []
    for done, (row_no, cells) in enumerate(sheet.rows, start=1):
        if done % 500 == 0:
            sheet.tick(done)
        values, bad = sheet.read_row(row_no, cells, PARSERS)
        for required in REQUIRED_FIELDS:
            if values.get(required) is None and required not in bad:
                log.add(row_no, required, REQUIRED)
        card: str | None = values.get("card_no")
        member = members.ids.get(card) if card else None
        if card and member is None:
            log.add(
                row_no,
                "card_no",
                N_("There is no member with card number {card_no}."),
                card_no=card,
            )
        paid_on: dt.date | None = values.get("paid_on")
        if paid_on is not None and paid_on > today:
            log.add(row_no, "paid_on", IN_FUTURE, date=paid_on)
        if member is not None and paid_on is not None:
            join, exit_, name = members.spans[member]
            if not member_on(join, exit_, paid_on):
                log.add(
                    row_no,
                    "paid_on",
                    N_("{name} was not a member on {date}."),
                    name=name,
                    date=paid_on,
                )
        number: str | None = values.get("decision_no")
        held_on: dt.date | None = values.get("decision_date")
        decision: int | None = None
        if number is not None and "decision_date" not in bad:
            if held_on is not None:
                decision = protocols.find(number, held_on, 0)
                if decision is None:
                    log.add(row_no, "decision_no", UNKNOWN_DECISION_ON, number=number, date=held_on)
            elif paid_on is not None:  # numbers restart each year: the payment's year
                decision = protocols.find(number, None, paid_on.year)
                count = protocols.in_year.get((number, paid_on.year), 0)
                if count > 1:
                    decision = None
                    log.add(row_no, "decision_no", AMBIGUOUS_DECISION, count=count,
                            number=number, year=paid_on.year)
                elif decision is None:
                    log.add(
                        row_no, "decision_no", UNKNOWN_DECISION, number=number, year=paid_on.year
                    )
        reason: str | None = values.get("reason")
        amount: int | None = values.get("amount")
        if number is None and "decision_no" not in bad:
            if has_protocols:
                warnings.add(row_no, "decision_no", NO_PROTOCOL)
        elif not decision:
            planned[row_no] = ERROR
            continue
        if member is None or paid_on is None or reason is None or amount is None:
            planned[row_no] = ERROR
            continue
        key = (member, paid_on, reason, amount)
        key_rows.setdefault(key, []).append(row_no)
        if key in stored:
            aid_id, old_decision = stored[key]
            if decision is None or old_decision == decision:  # a file never erases one
                planned[row_no] = SAME
            else:
                plan.updates.append((aid_id, old_decision, decision))
                planned[row_no] = UPDATE
            continue
        row = {
            "member_id": member,
            "reason": reason,
            "amount": amount,
            "paid_on": paid_on,
            "decision_id": decision,
            "note": None,
        }
        plan.adds.append(row)
        new_rows.append((row_no, row))
        planned[row_no] = ADD
    for row_nos in key_rows.values():
        if len(row_nos) > 1:
            for row_no in row_nos:
                log.add(
                    row_no,
                    "card_no",
                    N_("The same payment is listed more than once: rows {rows}."),
                    rows=", ".join(str(r) for r in row_nos),
                )
    _warn_over_cap(session, members, new_rows, warnings)
    plan.warnings = warnings.problems
    sheet.actions = {
        row_no: ERROR if row_no in log.rows else action for row_no, action in planned.items()
    }
    return plan


def _warn_over_cap(
    session: Session,
    members: _Members,
    new_rows: list[tuple[int, dict[str, Any]]],
    warnings: ProblemLog,
) -> None:
    """A warning on each new row that takes its member over the yearly cap (in file order)."""
    cap = yearly_cap(session)
    if not cap or not new_rows:
        return
    totals = _year_totals(session, {row["paid_on"].year for _no, row in new_rows})
    for row_no, row in new_rows:
        key = (row["member_id"], row["paid_on"].year)
        before = totals[key]
        totals[key] = before + row["amount"]
        if totals[key] > cap:
            warnings.add(
                row_no,
                "amount",
                OVER_CAP,
                name=members.spans[row["member_id"]][2],
                total=as_som_text(totals[key]),
                year=key[1],
                cap=as_som_text(cap),
                received=as_som_text(before),
            )


def write(session: Session, plan: AidPlan, audit: AuditRows) -> None:
    """New payments in one bulk insert, changed protocols one by one; all audited."""
    for aid_id, old, new in plan.updates:
        payment = session.get(AidPayment, aid_id)
        assert payment is not None
        payment.decision_id = new
        audit.add("update", "aid_payment", aid_id, {"decision_id": (old, new)})
    if not plan.adds:
        return
    last_id = session.scalar(select(func.max(AidPayment.id))) or 0
    bulk_insert(session, AidPayment, plan.adds)
    stmt = select(AidPayment.id).where(AidPayment.id > last_id).order_by(AidPayment.id)
    for aid_id, row in zip(session.scalars(stmt), plan.adds, strict=True):
        audit.add(
            "create",
            "aid_payment",
            aid_id,
            {name: (None, row[name]) for name in row if name != "note"},
        )
