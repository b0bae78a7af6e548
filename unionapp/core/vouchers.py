"""Issued vouchers: who went where, when, what it cost, what the member paid, who decided.

The subsidy is always cost − co-payment, computed and never stored, so the two can never
disagree. Every refusal of the issue's «bad input» is a ValidationError on the field a form
marks (a child who is not the member's, a child outside the camp's ages, a co-payment above
the cost, dates out of order, not a member on the start date, a decision that does not exist,
negative money). ``voucher_problems`` holds those rules over plain facts, so a form and an
import file are refused by the same words.

The rules and their words are ``voucher_rules``; the lists ``voucher_register``. Their
names are re-exported here.

Issuing from an application marks it granted and links it; deleting that voucher puts the
application back in the queue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from unionapp.core import audit
from unionapp.core.db import Database
from unionapp.core.errors import NotFoundError, ValidationError, ValidationGroup, raise_all
from unionapp.core.i18n import N_
from unionapp.core.models import Child, Decision, Institution, Member, Voucher, VoucherApplication
from unionapp.core.stored_text import text_problem
from unionapp.core.voucher_register import (
    Totals,
    VoucherRow,
    child_history,
    list_vouchers,
    member_history,
    queue_text,
    totals,
    voucher_years,
)
from unionapp.core.voucher_rules import (
    CAMP,
    CAMP_NEEDS_CHILD,
    CHILD_NOT_OURS,
    COPAY_ABOVE_COST,
    END_BEFORE_START,
    NEGATIVE,
    NO_BIRTH_DATE,
    NOT_A_MEMBER,
    NOT_FOUND,
    REQUIRED,
    TOO_OLD,
    TOO_YOUNG,
    UNKNOWN_DECISION,
    WRONG_PLACE,
    PersonFacts,
    PlaceFacts,
    member_facts,
    place_facts,
    voucher_problems,
)

__all__ = [
    "CAMP",
    "CAMP_NEEDS_CHILD",
    "CHILD_NOT_OURS",
    "COPAY_ABOVE_COST",
    "END_BEFORE_START",
    "NEGATIVE",
    "NOT_A_MEMBER",
    "NOT_FOUND",
    "NO_BIRTH_DATE",
    "REQUIRED",
    "TOO_OLD",
    "TOO_YOUNG",
    "UNKNOWN_DECISION",
    "VOUCHER_FIELDS",
    "WRONG_PLACE",
    "PersonFacts",
    "PlaceFacts",
    "Totals",
    "VoucherInput",
    "VoucherRow",
    "child_history",
    "delete_voucher",
    "get_voucher",
    "issue_voucher",
    "list_vouchers",
    "member_facts",
    "member_history",
    "place_facts",
    "queue_text",
    "totals",
    "update_voucher",
    "voucher_problems",
    "voucher_problems_of",
    "voucher_years",
]


@dataclass
class VoucherInput:
    member_id: int | None
    kind: str
    start_date: dt.date | None
    end_date: dt.date | None
    cost: int | None  # tyiyn
    copay: int | None = 0  # tyiyn, paid by the member
    institution_id: int | None = None
    child_id: int | None = None
    source: str = "own"
    decision_id: int | None = None
    note: str | None = None
    application_id: int | None = None  # issued from this application (marks it granted)


VOUCHER_FIELDS = tuple(f.name for f in fields(VoucherInput))


def _check(session: Session, data: VoucherInput, voucher_id: int | None) -> dict[str, Any]:
    """Every problem of the input at once, or the column values to store."""
    errors: list[ValidationError] = []
    for name in ("start_date", "end_date", "cost"):
        if getattr(data, name) is None:
            errors.append(ValidationError(REQUIRED, field=name))
    member = session.get(Member, data.member_id) if data.member_id is not None else None
    if member is None:
        errors.append(ValidationError(N_("Choose the member from the list."), field="member"))
    child = session.get(Child, data.child_id) if data.child_id is not None else None
    if data.child_id is not None and child is None:
        errors.append(ValidationError(N_("The child was not found (they may have been deleted)."),
                                      field="child"))
    place = session.get(Institution, data.institution_id) if data.institution_id else None
    if data.institution_id is not None and place is None:
        errors.append(ValidationError(N_("The institution was not found (it may have been "
                                         "deleted)."), field="institution"))
    if data.decision_id is not None and session.get(Decision, data.decision_id) is None:
        errors.append(ValidationError(UNKNOWN_DECISION, field="decision"))
    problem = text_problem("note", data.note, None)
    if problem is not None:
        errors.append(problem)
    child_facts = None
    if child is not None:
        child_facts = PersonFacts(child.full_name, birth_date=child.birth_date,
                                  belongs=member is not None and child.member_id == member.id)
    refused = {e.field for e in errors}  # a field refused already gets no second message
    errors += [
        e
        for e in voucher_problems(
            kind=data.kind, start=data.start_date, end=data.end_date, cost=data.cost,
            copay=data.copay if data.copay is not None else 0, source=data.source,
            member=member_facts(member) if member is not None else None,
            child=child_facts, place=place_facts(place) if place is not None else None,
        )
        if e.field not in refused
    ]
    if data.application_id is not None and voucher_id is None:
        errors += _application_problems(session, data)
    raise_all(errors)
    return {
        "member_id": data.member_id,
        "child_id": data.child_id,
        "kind": data.kind,
        "institution_id": data.institution_id,
        "start_date": data.start_date,
        "end_date": data.end_date,
        "cost": data.cost,
        "copay": data.copay or 0,
        "source": data.source,
        "decision_id": data.decision_id,
        "note": (data.note or "").strip() or None,
    }


def _application_problems(session: Session, data: VoucherInput) -> list[ValidationError]:
    app = session.get(VoucherApplication, data.application_id)
    if app is None or app.status != "open":
        return [ValidationError(N_("The application is no longer open in the queue."),
                                field="application")]
    if (app.member_id, app.kind) != (data.member_id, data.kind) or (
        app.child_id is not None and app.child_id != data.child_id
    ):
        return [ValidationError(N_("The voucher must be for the member, kind and child of the "
                                   "application."), field="application")]
    return []


def voucher_problems_of(
    db: Database, data: VoucherInput, voucher_id: int | None = None
) -> list[ValidationError]:
    """Every problem saving ``data`` would meet, without saving (a form checks its fields and
    these together, so all its mistakes are marked at once)."""
    with db.reading() as s:
        try:
            _check(s, data, voucher_id)
        except ValidationGroup as group:
            return list(group.errors)
        except ValidationError as exc:
            return [exc]
    return []


def issue_voucher(db: Database, data: VoucherInput, today: dt.date | None = None) -> int:
    """Store a voucher (one transaction, audited); from an application, mark it granted and
    keep its place, points and the queue's length on ``today`` (the record of why it was this
    member's turn: the queue itself moves on)."""
    standing = None
    if data.application_id is not None:
        from unionapp.core import voucher_queue

        standing = voucher_queue.standing(db, data.kind, data.application_id,
                                          today or dt.date.today())
    with db.transaction() as s:
        values = _check(s, data, None)
        if standing is not None:
            values.update(queue_place=standing.place, queue_points=standing.points,
                          queue_size=standing.size)
        voucher = Voucher(**values)
        s.add(voucher)
        s.flush()
        audit.record_created(s, "voucher", voucher.id, values)
        if data.application_id is not None:
            app = s.get(VoucherApplication, data.application_id)
            assert app is not None
            app.status, app.voucher_id = "granted", voucher.id
            audit.record(s, "update", "voucher_application", app.id,
                         {"status": ("open", "granted"), "voucher_id": (None, voucher.id)})
        return voucher.id


def update_voucher(db: Database, voucher_id: int, data: VoucherInput) -> None:
    with db.transaction() as s:
        voucher = _get(s, voucher_id)
        values = _check(s, data, voucher_id)
        audit.update_recorded(s, "voucher", voucher_id, voucher, values)


def delete_voucher(db: Database, voucher_id: int) -> None:
    """Delete a voucher; an application it granted goes back to the queue."""
    with db.transaction() as s:
        voucher = _get(s, voucher_id)
        for app in s.scalars(
            select(VoucherApplication).where(VoucherApplication.voucher_id == voucher_id)
        ):
            app.status, app.voucher_id = "open", None
            audit.record(s, "update", "voucher_application", app.id,
                         {"status": ("granted", "open"), "voucher_id": (voucher_id, None)})
        audit.record(s, "delete", "voucher", voucher_id,
                     {"member_id": (voucher.member_id, None), "kind": (voucher.kind, None),
                      "start_date": (voucher.start_date, None), "cost": (voucher.cost, None)})
        s.delete(voucher)


def _get(session: Session, voucher_id: int) -> Voucher:
    voucher = session.get(Voucher, voucher_id)
    if voucher is None:
        raise NotFoundError(NOT_FOUND)
    return voucher


def get_voucher(db: Database, voucher_id: int) -> VoucherInput:
    with db.reading() as s:
        v = _get(s, voucher_id)
        app_id = s.scalar(
            select(VoucherApplication.id).where(VoucherApplication.voucher_id == voucher_id)
        )
        return VoucherInput(
            v.member_id, v.kind, v.start_date, v.end_date, v.cost, v.copay, v.institution_id,
            v.child_id, v.source, v.decision_id, v.note, app_id,
        )
