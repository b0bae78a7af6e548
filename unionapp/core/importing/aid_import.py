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
from functools import partial
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from unionapp.core.aid import IN_FUTURE, OVER_CAP, full_name, yearly_cap
from unionapp.core.codes import AID_REASONS
from unionapp.core.decisions import member_on
from unionapp.core.errors import Problem
from unionapp.core.i18n import N_
from unionapp.core.importing.cash_import import parse_amount
from unionapp.core.importing.headers import Header
from unionapp.core.importing.protocols import Protocols, parse_protocol_no
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
from unionapp.core.importing.values import parse_code, parse_code_of, parse_date
from unionapp.core.importing.writing import AuditRows, insert_audited
from unionapp.core.models import AidPayment, Member
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
    return parse_code_of(
        value, AID_REASONS, N_("Unknown reason of aid: {value}. Write one of: {choices}.")
    )


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
    run = _Analysis(session, sheet, today)
    for done, (row_no, cells) in enumerate(sheet.rows, start=1):
        if done % 500 == 0:
            sheet.tick(done)
        values, bad = sheet.read_row(row_no, cells, PARSERS)
        run.planned[row_no] = run.plan_row(row_no, values, bad)
    run.refuse_repeats()
    _warn_over_cap(session, run.members, run.new_rows, run.warnings)
    run.plan.warnings = run.warnings.problems
    log = sheet.problems
    sheet.actions = {
        row_no: ERROR if row_no in log.rows else action for row_no, action in run.planned.items()
    }
    return run.plan


class _Analysis:
    """One pass over the rows: what each is checked against, and what it plans."""

    def __init__(self, session: Session, sheet: Sheet, today: dt.date) -> None:
        self.members = _members(session)
        self.protocols = Protocols(session)
        self.stored = _stored(session)
        self.today = today
        self.log = log = sheet.problems
        self.warnings = ProblemLog(log.kind, log.file_name, log.header)
        self.warnings.columns = log.columns
        self.has_protocols = "decision_no" in log.columns
        if not self.has_protocols:
            label, _index = log.column_name("decision_no")
            self.warnings.add_at(sheet.header.row_no, label, None, NO_PROTOCOL_COLUMN,
                                 column=label)
        self.plan = AidPlan()
        self.planned: dict[int, str] = {}
        self.key_rows: dict[Key, list[int]] = {}
        self.new_rows: list[tuple[int, dict[str, Any]]] = []

    def plan_row(self, row_no: int, values: dict[str, Any], bad: set[str]) -> str:
        """The row's checks, then what it does: a new payment, a changed protocol, nothing."""
        log = self.log
        for required in REQUIRED_FIELDS:
            if values.get(required) is None and required not in bad:
                log.add(row_no, required, REQUIRED)
        member = self._member(row_no, values.get("card_no"))
        paid_on: dt.date | None = values.get("paid_on")
        self._check_day(row_no, member, paid_on)
        decision = self.protocols.of_row(
            values, bad, paid_on, partial(log.add, row_no, "decision_no")
        )
        reason: str | None = values.get("reason")
        amount: int | None = values.get("amount")
        if values.get("decision_no") is None and "decision_no" not in bad:
            if self.has_protocols:
                self.warnings.add(row_no, "decision_no", NO_PROTOCOL)
        elif not decision:
            return ERROR
        if member is None or paid_on is None or reason is None or amount is None:
            return ERROR
        return self._plan_payment(row_no, (member, paid_on, reason, amount), decision)

    def _member(self, row_no: int, card: str | None) -> int | None:
        member = self.members.ids.get(card) if card else None
        if card and member is None:
            self.log.add(row_no, "card_no", N_("There is no member with card number {card_no}."),
                         card_no=card)
        return member

    def _check_day(self, row_no: int, member: int | None, paid_on: dt.date | None) -> None:
        if paid_on is not None and paid_on > self.today:
            self.log.add(row_no, "paid_on", IN_FUTURE, date=paid_on)
        if member is not None and paid_on is not None:
            join, exit_, name = self.members.spans[member]
            if not member_on(join, exit_, paid_on):
                self.log.add(row_no, "paid_on", N_("{name} was not a member on {date}."),
                             name=name, date=paid_on)

    def _plan_payment(self, row_no: int, key: Key, decision: int | None) -> str:
        self.key_rows.setdefault(key, []).append(row_no)
        if key in self.stored:
            aid_id, old_decision = self.stored[key]
            if decision is None or old_decision == decision:  # a file never erases one
                return SAME
            self.plan.updates.append((aid_id, old_decision, decision))
            return UPDATE
        member, paid_on, reason, amount = key
        row = {
            "member_id": member,
            "reason": reason,
            "amount": amount,
            "paid_on": paid_on,
            "decision_id": decision,
            "note": None,
        }
        self.plan.adds.append(row)
        self.new_rows.append((row_no, row))
        return ADD

    def refuse_repeats(self) -> None:
        """The same payment twice in the file: a copied row, far likelier than two payments."""
        self.log.refuse_repeats(
            self.key_rows, "card_no", N_("The same payment is listed more than once: rows {rows}.")
        )


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
    insert_audited(session, AidPayment, "aid_payment", plan.adds, audit)
