"""An award's fields (``AwardInput``) and every refusal of them, each on its field so a form
marks it and an import row names its column: no such decision, awarded before nominated or
before the decision, not a member on the day, a certificate number already given or not of
the award's year, an award type no longer given.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from unionapp.core import decisions
from unionapp.core.award_certificates import format_certificate, parse_certificate
from unionapp.core.db import Database
from unionapp.core.errors import ValidationError
from unionapp.core.i18n import N_
from unionapp.core.models import Award, AwardType, Decision, Member
from unionapp.core.money import AMOUNT_LIMIT
from unionapp.core.quotes import inside_quotes
from unionapp.core.stored_text import text_problem

REQUIRED = N_("This field is required.")


@dataclass
class AwardInput:
    """A nomination's fields, and the award's once granted (``awarded_on`` set)."""

    member_id: int | None
    award_type_id: int | None
    nominated_on: dt.date | None
    reason: str | None = None  # what it is for, printed on the certificate
    cost: int = 0  # tyiyn: a gift or prize, if any
    note: str | None = None
    decision_id: int | None = None
    awarded_on: dt.date | None = None
    # «2026/017» typed for an old paper certificate; empty: assigned (or kept) by the register
    certificate_no: str | None = None


def award_problems(
    session: Session, data: AwardInput, award_id: int | None, today: dt.date
) -> list[ValidationError]:
    """Every problem with ``data`` at once; each names its field."""
    errors: list[ValidationError] = []

    def err(field_name: str, msgid: str, /, **params: Any) -> None:
        errors.append(ValidationError(msgid, field=field_name, **params))

    member = session.get(Member, data.member_id) if data.member_id is not None else None
    if data.member_id is None:
        err("member", REQUIRED)
    elif member is None:
        err("member", N_("The member was not found (they may have been deleted)."))
    award_type = (
        session.get(AwardType, data.award_type_id) if data.award_type_id is not None else None
    )
    if data.award_type_id is None:
        err("award_type", REQUIRED)
    elif award_type is None:
        err("award_type", N_("The award type was not found (it may have been deleted)."))
    elif not award_type.active and _type_changed(session, award_id, award_type.id):
        err("award_type", N_("«{name}» is no longer given: it is inactive in the catalogue."),
            name=inside_quotes(award_type.name))
    nominated, awarded = data.nominated_on, data.awarded_on
    if nominated is None and awarded is None:
        err("nominated_on", REQUIRED)
    for name, day in (("nominated_on", nominated), ("awarded_on", awarded)):
        if day is not None and day > today:
            err(name, N_("The date {date} is in the future."), date=day)
    if nominated and awarded and awarded < nominated:
        err("awarded_on", N_("The award date {awarded} is before the nomination of {nominated}."),
            awarded=awarded, nominated=nominated)
    if member is not None:
        day = awarded or nominated
        if day is not None and not decisions.member_on(member.join_date, member.exit_date, day):
            err("awarded_on" if awarded else "nominated_on",
                N_("{name} was not a member on {date}."),
                name=f"{member.surname} {member.name}", date=day)
    if data.cost < 0:
        err("cost", N_("The amount cannot be negative."))
    elif data.cost > AMOUNT_LIMIT:
        err("cost", N_("The amount is too large."))
    for name in ("reason", "note"):
        problem = text_problem(name, getattr(data, name), None)
        if problem is not None:
            errors.append(problem)
    if awarded is None:
        if data.decision_id is not None or (data.certificate_no or "").strip():
            err("awarded_on", N_("Give the award date: a decision and a certificate number "
                                 "belong to an award, not to a nomination."))
        return errors
    _check_decision(session, data.decision_id, awarded, err)
    try:
        typed = parse_certificate(data.certificate_no)
    except ValidationError as exc:
        errors.append(exc)
        typed = None
    if typed is not None:
        _check_certificate(session, typed, awarded, award_id, err)
    return errors


def _type_changed(session: Session, award_id: int | None, type_id: int) -> bool:
    """An inactive type stays on the awards that have it; only new ones are refused."""
    if award_id is None:
        return True
    return session.scalar(select(Award.award_type_id).where(Award.id == award_id)) != type_id


def _check_decision(session: Session, decision_id: int | None, awarded: dt.date, err: Any) -> None:
    if decision_id is None:
        err("decision", N_("Choose the decision that granted the award."))
        return
    held_on = session.scalar(select(Decision.held_on).where(Decision.id == decision_id))
    if held_on is None:
        err("decision", N_("The decision was not found (it may have been deleted)."))
    elif awarded < held_on:
        err("awarded_on", N_("The award date {awarded} is before the decision of {decided}."),
            awarded=awarded, decided=held_on)


def _check_certificate(
    session: Session, typed: tuple[int, int], awarded: dt.date, award_id: int | None, err: Any
) -> None:
    year, seq = typed
    if year != awarded.year:
        err("certificate_no",
            N_("Certificate {number} is of {year}, the award of {award_year}."),
            number=format_certificate(year, seq), year=year, award_year=awarded.year)
        return
    holder = session.execute(
        select(Award.id, Member.surname, Member.name)
        .join(Member, Member.id == Award.member_id)
        .where(Award.cert_year == year, Award.cert_seq == seq)
    ).first()
    if holder is not None and holder.id != award_id:
        err("certificate_no", N_("Certificate {number} is already given to {name}."),
            number=format_certificate(year, seq), name=f"{holder.surname} {holder.name}")


def check_award(
    db: Database, data: AwardInput, award_id: int | None = None
) -> list[ValidationError]:
    """Every problem saving ``data`` would meet (a form marks them all in one round)."""
    with db.reading() as s:
        return award_problems(s, tidy_award(data), award_id, dt.date.today())


def tidy_award(data: AwardInput) -> AwardInput:
    """Text trimmed, empty text None: what is checked is what is stored."""
    def text(value: str | None) -> str | None:
        return (value or "").strip() or None

    return replace(data, reason=text(data.reason), note=text(data.note),
                   certificate_no=text(data.certificate_no))
