"""Committee decisions (protocols) and what each granted.

Every voucher, aid payment and award refers to the decision that granted it, so a benefit is
never "the chairperson's favour" but a line of a protocol anyone may read. A protocol is named
the way people name it, «№ 7 от 14.05.2026»: numbers restart each year, so a number alone is
resolved within the year of the record that cites it (``resolve``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from unionapp.core import audit
from unionapp.core.codes import AID_REASONS, DECISION_KINDS, VOUCHER_KINDS
from unionapp.core.db import Database
from unionapp.core.errors import NotFoundError, UserError, ValidationError, raise_all
from unionapp.core.formatting import format_date
from unionapp.core.i18n import N_, _
from unionapp.core.models import AidPayment, Award, AwardType, Decision, Member, Voucher
from unionapp.core.stored_text import text_problem

NUMBER_LIMIT = 30
UNKNOWN_DECISION = N_("There is no protocol No. {number} of {year}.")
UNKNOWN_DECISION_ON = N_("There is no protocol No. {number} of {date}.")
# two meetings of a year may share a number (the committee's and a general meeting's): a
# number alone must not pick one of them silently
AMBIGUOUS_DECISION = N_(
    "There are {count} protocols No. {number} in {year}: write the protocol's date as well."
)


@dataclass
class DecisionInput:
    number: str
    held_on: dt.date | None
    kind: str = "committee"
    agenda: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class DecisionRow:
    id: int
    kind: str
    number: str
    held_on: dt.date
    agenda: str
    granted: int  # vouchers + aid payments + awards it granted


@dataclass(frozen=True)
class GrantedItem:
    """One thing a decision granted, ready to list: which register, to whom, what, how much."""

    register: str  # "voucher", "aid", "award"
    id: int
    member_id: int
    member_name: str
    what: str  # in the user's language
    amount: int | None  # tyiyn: subsidy, aid amount, award cost


def label(number: str, held_on: dt.date) -> str:
    """«No. 7 of 14.05.2026» in the user's language, as protocols are cited."""
    return _("No. {number} of {date}").format(number=number, date=format_date(held_on))


def validate(data: DecisionInput, today: dt.date | None = None) -> list[ValidationError]:
    today = today or dt.date.today()
    errors: list[ValidationError] = []
    if not (data.number or "").strip():
        errors.append(ValidationError(N_("This field is required."), field="number"))
    problem = text_problem("number", data.number, NUMBER_LIMIT)
    if problem is not None:
        errors.append(problem)
    if data.held_on is None:
        errors.append(ValidationError(N_("This field is required."), field="held_on"))
    elif data.held_on > today:
        errors.append(
            ValidationError(
                N_("The meeting date {date} is in the future."), field="held_on", date=data.held_on
            )
        )
    if data.kind not in DECISION_KINDS:
        errors.append(
            ValidationError(N_("Unknown meeting kind: {value}."), field="kind", value=data.kind)
        )
    return errors


def _checked(session: Session, data: DecisionInput, decision_id: int | None) -> dict[str, Any]:
    raise_all(validate(data))
    number = " ".join(data.number.split())
    clash = session.scalar(
        select(Decision.id).where(Decision.number == number, Decision.held_on == data.held_on)
    )
    if clash is not None and clash != decision_id:
        raise ValidationError(
            N_("Protocol No. {number} of {date} is already in the register."),
            field="number",
            number=number,
            date=data.held_on,
        )
    return {
        "kind": data.kind,
        "number": number,
        "held_on": data.held_on,
        "agenda": (data.agenda or "").strip() or None,
        "note": (data.note or "").strip() or None,
    }


def create_decision(db: Database, data: DecisionInput) -> int:
    with db.transaction() as s:
        values = _checked(s, data, None)
        decision = Decision(**values)
        s.add(decision)
        s.flush()
        audit.record_created(s, "decision", decision.id, values)
        return decision.id


def update_decision(db: Database, decision_id: int, data: DecisionInput) -> None:
    with db.transaction() as s:
        decision = _get(s, decision_id)
        values = _checked(s, data, decision_id)
        _refuse_after_its_awards(s, decision_id, values)
        audit.update_recorded(s, "decision", decision_id, decision, values)


def _refuse_after_its_awards(session: Session, decision_id: int, values: dict[str, Any]) -> None:
    """An award is never dated before the decision that granted it (the award's own rule), so
    the protocol's date cannot move past the first award it granted: its certificates would
    cite a meeting held after the day they were given."""
    first = session.scalar(
        select(func.min(Award.awarded_on)).where(Award.decision_id == decision_id)
    )
    if first is not None and values["held_on"] > first:
        raise ValidationError(
            N_("Protocol No. {number} granted an award on {date}: the meeting cannot be "
               "dated later than that."),
            field="held_on", number=values["number"], date=first,
        )


def delete_decision(db: Database, decision_id: int) -> None:
    """Only a decision that granted nothing: a granted benefit must keep its protocol."""
    with db.transaction() as s:
        decision = _get(s, decision_id)
        if _granted_count(s, decision_id):
            raise UserError(
                N_("Protocol No. {number} granted vouchers, aid or awards: it cannot be deleted."),
                number=decision.number,
            )
        s.delete(decision)
        audit.record(s, "delete", "decision", decision_id, {"number": (decision.number, None)})


def _get(session: Session, decision_id: int) -> Decision:
    decision = session.get(Decision, decision_id)
    if decision is None:
        raise NotFoundError(N_("The decision was not found (it may have been deleted)."))
    return decision


def _granted_count(session: Session, decision_id: int) -> int:
    total = 0
    for model in (Voucher, AidPayment, Award):
        total += (
            session.scalar(
                select(func.count()).select_from(model).where(model.decision_id == decision_id)
            )
            or 0
        )
    return total


def get_decision(db: Database, decision_id: int) -> DecisionInput:
    with db.reading() as s:
        d = _get(s, decision_id)
        return DecisionInput(d.number, d.held_on, d.kind, d.agenda, d.note)


def list_decisions(db: Database, year: int | None = None) -> list[DecisionRow]:
    """Newest first: the chairperson cites the latest protocols most."""
    with db.reading() as s:
        counts: dict[int, int] = {}
        for model in (Voucher, AidPayment, Award):
            stmt = (
                select(model.decision_id, func.count())
                .where(model.decision_id.is_not(None))
                .group_by(model.decision_id)
            )
            for decision_id, count in s.execute(stmt):
                if decision_id is not None:
                    counts[decision_id] = counts.get(decision_id, 0) + count
        stmt2 = select(Decision).order_by(Decision.held_on.desc(), Decision.id.desc())
        if year is not None:
            stmt2 = stmt2.where(
                Decision.held_on >= dt.date(year, 1, 1), Decision.held_on <= dt.date(year, 12, 31)
            )
        return [
            DecisionRow(d.id, d.kind, d.number, d.held_on, d.agenda or "", counts.get(d.id, 0))
            for d in s.scalars(stmt2)
        ]


def resolve(
    session: Session, number: str, *, held_on: dt.date | None = None, year: int | None = None
) -> int:
    """The decision cited by its number (and date, or else within ``year``).

    Raises a ValidationError on field ``decision`` when there is none — an import row or a form
    citing a protocol that was never recorded is refused, not silently left without one.
    """
    number = " ".join(number.split()).lstrip("№").strip()
    stmt = select(Decision.id).where(Decision.number == number)
    if held_on is not None:
        found = session.scalar(stmt.where(Decision.held_on == held_on))
        if found is None:
            raise ValidationError(
                UNKNOWN_DECISION_ON, field="decision", number=number, date=held_on
            )
        return found
    if year is not None:
        stmt = stmt.where(
            Decision.held_on >= dt.date(year, 1, 1), Decision.held_on <= dt.date(year, 12, 31)
        )
    matches = list(session.scalars(stmt.order_by(Decision.held_on.desc())))
    if not matches:
        raise ValidationError(UNKNOWN_DECISION, field="decision", number=number, year=year or "")
    if year is not None and len(matches) > 1:
        raise ValidationError(AMBIGUOUS_DECISION, field="decision", count=len(matches),
                              number=number, year=year)
    return int(matches[0])


def member_on(join: dt.date, exit_: dt.date | None, day: dt.date) -> bool:
    """DESIGN.md's definition: a member on ``day`` when joined by then and not yet left."""
    return join <= day and (exit_ is None or exit_ > day)


def check_member_on(session: Session, member_id: int, day: dt.date, field: str) -> Member:
    """The member, or a refusal when they were not a member on that day (aid, vouchers)."""
    member = session.get(Member, member_id)
    if member is None:
        raise NotFoundError(N_("The member was not found (they may have been deleted)."))
    if not member_on(member.join_date, member.exit_date, day):
        raise ValidationError(
            N_("{name} was not a member on {date}."),
            field=field,
            name=f"{member.surname} {member.name}",
            date=day,
        )
    return member


def granted(db: Database, decision_id: int) -> list[GrantedItem]:
    """Everything the decision granted, to whom: the protocol's annex."""
    with db.reading() as s:
        _get(s, decision_id)
        items: list[GrantedItem] = []
        full = Member.surname + " " + Member.name
        for v, name in s.execute(
            select(Voucher, full).join(Member).where(Voucher.decision_id == decision_id)
        ):
            what = _("Voucher: {kind}").format(kind=VOUCHER_KINDS.label(v.kind))
            items.append(GrantedItem("voucher", v.id, v.member_id, name, what, v.cost - v.copay))
        for a, name in s.execute(
            select(AidPayment, full).join(Member).where(AidPayment.decision_id == decision_id)
        ):
            what = _("Material aid: {reason}").format(reason=AID_REASONS.label(a.reason))
            items.append(GrantedItem("aid", a.id, a.member_id, name, what, a.amount))
        for w, type_name, name in s.execute(
            select(Award, AwardType.name, full)
            .join(AwardType, AwardType.id == Award.award_type_id)
            .join(Member, Member.id == Award.member_id)
            .where(Award.decision_id == decision_id)
        ):
            items.append(GrantedItem("award", w.id, w.member_id, name, type_name, w.cost or None))
        return items


DECISION_FIELDS = tuple(f.name for f in fields(DecisionInput))
