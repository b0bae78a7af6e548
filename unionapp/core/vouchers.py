"""Issued vouchers: who went where, when, what it cost, what the member paid, who decided.

The subsidy is always cost − co-payment, computed and never stored, so the two can never
disagree. Every refusal of the issue's «bad input» is a ValidationError on the field a form
marks (a child who is not the member's, a child outside the camp's ages, a co-payment above
the cost, dates out of order, not a member on the start date, a decision that does not exist,
negative money). ``voucher_problems`` holds those rules over plain facts, so a form and an
import file are refused by the same words.

Issuing from an application marks it granted and links it; deleting that voucher puts the
application back in the queue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from unionapp.core import audit, decisions
from unionapp.core.codes import FUNDING_SOURCES, VOUCHER_KINDS
from unionapp.core.db import Database
from unionapp.core.errors import NotFoundError, ValidationError, ValidationGroup, raise_all
from unionapp.core.i18n import N_, ngettext
from unionapp.core.institutions import kinds_agree
from unionapp.core.member_list import age_on
from unionapp.core.models import (
    Child,
    Decision,
    Institution,
    Member,
    Voucher,
    VoucherApplication,
)
from unionapp.core.money import AMOUNT_LIMIT
from unionapp.core.quotes import inside_quotes
from unionapp.core.stored_text import text_problem

CAMP = "children_camp"
REQUIRED = N_("This field is required.")
NEGATIVE = N_("The amount cannot be negative.")
NOT_FOUND = N_("The voucher was not found (it may have been deleted).")
CHILD_NOT_OURS = N_("{child} is not a child of {member}.")
CAMP_NEEDS_CHILD = N_("A children's camp voucher is for a child: choose the child.")
TOO_OLD = N_(
    "{child} is {age} on {date}, older than «{place}» takes (up to {high})."
)
TOO_YOUNG = N_(
    "{child} is {age} on {date}, younger than «{place}» takes (from {low})."
)
NO_BIRTH_DATE = N_(
    "The birth date of {child} is not known, so the ages «{place}» takes cannot be checked: "
    "enter it in the member's card first."
)
COPAY_ABOVE_COST = N_("The co-payment ({copay}) is more than the cost ({cost}).")
END_BEFORE_START = N_("The voucher ends ({end}) before it starts ({start}).")
NOT_A_MEMBER = N_("{name} was not a member on {date}.")
WRONG_PLACE = N_("«{name}» takes vouchers of the kind «{kind}», not «{voucher_kind}».")
UNKNOWN_DECISION = N_("The chosen decision is not in the register (it may have been deleted).")


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


@dataclass(frozen=True)
class VoucherRow:
    id: int
    member_id: int
    card_no: str
    member_name: str
    child_id: int | None
    child_name: str
    kind: str
    institution_id: int | None
    institution: str
    start_date: dt.date
    end_date: dt.date
    cost: int
    copay: int
    source: str
    decision_id: int | None
    decision_number: str
    decision_date: dt.date | None
    note: str
    queue_place: int | None = None  # issued from the queue: place, points, queue length
    queue_points: int | None = None
    queue_size: int | None = None

    @property
    def subsidy(self) -> int:
        return self.cost - self.copay

    @property
    def protocol(self) -> str:
        if self.decision_date is None:
            return ""
        return decisions.label(self.decision_number, self.decision_date)


@dataclass(frozen=True)
class Totals:
    count: int
    cost: int
    copay: int

    @property
    def subsidy(self) -> int:
        return self.cost - self.copay


@dataclass(frozen=True)
class PersonFacts:
    """What the rules need of the member or the child: a name and the dates."""

    name: str
    join_date: dt.date | None = None
    exit_date: dt.date | None = None
    birth_date: dt.date | None = None
    belongs: bool = True  # a child: is it this member's?


@dataclass(frozen=True)
class PlaceFacts:
    name: str
    kind: str
    min_age: int | None
    max_age: int | None


def totals(rows: list[VoucherRow]) -> Totals:
    return Totals(len(rows), sum(r.cost for r in rows), sum(r.copay for r in rows))


def voucher_problems(
    *,
    kind: str | None,
    start: dt.date | None,
    end: dt.date | None,
    cost: int | None,
    copay: int | None,
    source: str | None,
    member: PersonFacts | None,
    child: PersonFacts | None,
    place: PlaceFacts | None,
) -> list[ValidationError]:
    """Every rule of a voucher over plain facts; a missing fact's rules are skipped (its own
    field is refused by whoever could not read it)."""
    errors: list[ValidationError] = []
    if kind is not None and kind not in VOUCHER_KINDS:
        errors.append(ValidationError(N_("Unknown voucher kind: {value}."), field="kind",
                                      value=kind))
    if start is not None and end is not None and end < start:
        errors.append(ValidationError(END_BEFORE_START, field="end_date", start=start, end=end))
    for name, amount in (("cost", cost), ("copay", copay)):
        if amount is not None and amount < 0:
            errors.append(ValidationError(NEGATIVE, field=name))
        elif amount is not None and amount > AMOUNT_LIMIT:
            errors.append(ValidationError(N_("The amount is too large."), field=name))
    if cost is not None and copay is not None and 0 <= cost < copay:
        from unionapp.core.formatting import format_money

        errors.append(ValidationError(COPAY_ABOVE_COST, field="copay",
                                      copay=format_money(copay), cost=format_money(cost)))
    if source is not None and source not in FUNDING_SOURCES:
        errors.append(ValidationError(N_("Unknown source of money: {value}."), field="source",
                                      value=source))
    if (
        member is not None and start is not None and member.join_date is not None
        and not decisions.member_on(member.join_date, member.exit_date, start)
    ):
        errors.append(ValidationError(NOT_A_MEMBER, field="member", name=member.name,
                                          date=start))
    if kind == CAMP and child is None:
        errors.append(ValidationError(CAMP_NEEDS_CHILD, field="child"))
    if child is not None and member is not None and not child.belongs:
        errors.append(ValidationError(CHILD_NOT_OURS, field="child", child=child.name,
                                      member=member.name))
    elif child is not None and place is not None and start is not None:
        errors.extend(_age_problems(child, place, start))
    if place is not None and kind is not None and kind in VOUCHER_KINDS and not kinds_agree(
        place.kind, kind
    ):
        errors.append(ValidationError(WRONG_PLACE, field="institution",
                                      name=inside_quotes(place.name),
                                      kind=VOUCHER_KINDS.label(place.kind),
                                      voucher_kind=VOUCHER_KINDS.label(kind)))
    return errors


def _age_problems(child: PersonFacts, place: PlaceFacts, start: dt.date) -> list[ValidationError]:
    if place.min_age is None and place.max_age is None:
        return []
    if child.birth_date is None:
        return [ValidationError(NO_BIRTH_DATE, field="child", child=child.name,
                                place=inside_quotes(place.name))]
    age = age_on(child.birth_date, start)
    params: dict[str, Any] = {"child": child.name, "age": age, "date": start,
                              "place": inside_quotes(place.name)}
    if place.max_age is not None and age > place.max_age:
        return [ValidationError(TOO_OLD, field="child", high=place.max_age, **params)]
    if place.min_age is not None and age < place.min_age:
        return [ValidationError(TOO_YOUNG, field="child", low=place.min_age, **params)]
    return []


def member_facts(member: Member) -> PersonFacts:
    return PersonFacts(f"{member.surname} {member.name}", member.join_date, member.exit_date)


def place_facts(place: Institution) -> PlaceFacts:
    return PlaceFacts(place.name, place.kind, place.min_child_age, place.max_child_age)


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
        audit.record(s, "create", "voucher", voucher.id, {k: (None, v) for k, v in values.items()})
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
        changes = {k: (getattr(voucher, k), v) for k, v in values.items()}
        for key, value in values.items():
            setattr(voucher, key, value)
        audit.record(s, "update", "voucher", voucher_id, changes)


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


def list_vouchers(
    db: Database,
    year: int | None = None,
    *,
    member_id: int | None = None,
    child_id: int | None = None,
) -> list[VoucherRow]:
    """Vouchers starting in ``year`` (all years when None), of one member (with those for their
    children) or of one child; newest first. One query whatever the count."""
    v = Voucher
    stmt = (  # columns, not ORM objects: several times faster at thousands of rows
        select(
            v.id, v.member_id, Member.card_no, Member.surname, Member.name, Member.patronymic,
            v.child_id, Child.full_name, v.kind, v.institution_id, Institution.name,
            v.start_date, v.end_date, v.cost, v.copay, v.source, v.decision_id, Decision.number,
            Decision.held_on, v.note, v.queue_place, v.queue_points, v.queue_size,
        )
        .join(Member, Member.id == v.member_id)
        .outerjoin(Child, Child.id == v.child_id)
        .outerjoin(Institution, Institution.id == v.institution_id)
        .outerjoin(Decision, Decision.id == v.decision_id)
    )
    if year is not None:
        stmt = stmt.where(v.start_date >= dt.date(year, 1, 1),
                          v.start_date <= dt.date(year, 12, 31))
    if member_id is not None:
        stmt = stmt.where(v.member_id == member_id)
    if child_id is not None:
        stmt = stmt.where(v.child_id == child_id)
    with db.reading() as s:
        rows = [
            VoucherRow(
                id=vid, member_id=mid, card_no=card,
                member_name=" ".join(p for p in (surname, name, patronymic) if p),
                child_id=cid, child_name=child or "", kind=kind, institution_id=pid,
                institution=place or "", start_date=start, end_date=end, cost=cost,
                copay=copay, source=source, decision_id=did, decision_number=number or "",
                decision_date=held_on, note=note or "", queue_place=queue_place,
                queue_points=points, queue_size=size,
            )
            for (vid, mid, card, surname, name, patronymic, cid, child, kind, pid, place, start,
                 end, cost, copay, source, did, number, held_on, note, queue_place, points,
                 size) in s.execute(stmt)
        ]
    rows.sort(key=lambda r: (r.start_date, r.id), reverse=True)
    return rows


def queue_text(row: VoucherRow) -> str:
    """«2 of 5, 17 points»: where the queue stood for it on the day it was issued; "" for a
    voucher not issued from the queue (or issued before schema 0007 recorded it)."""
    if row.queue_place is None or row.queue_size is None:
        return ""
    points = row.queue_points or 0
    return ngettext("{place} of {size}, {points} point", "{place} of {size}, {points} points",
                    points).format(place=row.queue_place, size=row.queue_size, points=points)


def member_history(db: Database, member_id: int) -> list[VoucherRow]:
    """Every voucher of a member, theirs and their children's, newest first."""
    return list_vouchers(db, member_id=member_id)


def child_history(db: Database, child_id: int) -> list[VoucherRow]:
    return list_vouchers(db, child_id=child_id)


def voucher_years(db: Database) -> list[int]:
    """Years that have vouchers, newest first (the Issued tab's year picker)."""
    with db.reading() as s:
        days = s.scalars(select(Voucher.start_date).distinct()).all()
    return sorted({d.year for d in days}, reverse=True)


VOUCHER_FIELDS = tuple(f.name for f in fields(VoucherInput))
