"""Awards: a nomination (who, which award, what for) becomes an award once a committee
decision grants it; the award gets a certificate number that runs per year («2026/017»).

Numbers: the next number of a year is one more than the highest ever given in that year, and
it is assigned at the moment of awarding, never at nomination (a nomination that is never
granted must not leave a hole). A number is never given twice: an award deleted or renumbered
leaves its number «burnt», remembered as the year's highest number given (a settings row
``awards.cert_last.YYYY``: no schema change needed), so the next one does not take it again.
The chairperson may type the number of an old paper certificate; one already in the register
is refused. Types of award (the catalogue and why it is seeded the way it is): ``award_types``.

Here: nominating, granting, editing and deleting. The numbers are ``award_certificates``, the
fields and their checks ``award_checks``, the register's lists ``award_register``; their
names are re-exported here.

Refusals, each on its field so a form marks it and an import row names its column: no such
decision, awarded before nominated or before the decision, not a member on the day, a
certificate number already given or not of the award's year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy.orm import Session

from unionapp.core import audit, decisions
from unionapp.core.award_certificates import (
    COUNTER_KEY,
    burn,
    burnt_up_to,
    find_award,
    format_certificate,
    next_certificate,
    next_seq,
    parse_certificate,
)
from unionapp.core.award_checks import (
    REQUIRED,
    AwardInput,
    award_problems,
    check_award,
    tidy_award,
)
from unionapp.core.award_register import AwardRow, list_awards, register_years
from unionapp.core.db import Database
from unionapp.core.errors import NotFoundError, ValidationError, raise_all
from unionapp.core.i18n import N_
from unionapp.core.models import Award

__all__ = [
    "AWARD_FIELDS",
    "COUNTER_KEY",
    "REQUIRED",
    "AwardInput",
    "AwardRow",
    "Grant",
    "burn",
    "burnt_up_to",
    "check_award",
    "create_award",
    "delete_award",
    "find_award",
    "format_certificate",
    "get_award",
    "grant",
    "list_awards",
    "next_certificate",
    "nominate",
    "parse_certificate",
    "register_years",
    "update_award",
]


@dataclass
class Grant:
    """Awarding a nomination: the decision (chosen, or cited by number) and the day."""

    awarded_on: dt.date | None
    decision_id: int | None = None
    decision_no: str | None = None  # resolved within ``decision_date`` or the award's year
    decision_date: dt.date | None = None
    certificate_no: str | None = None


AWARD_FIELDS = tuple(f.name for f in fields(AwardInput))


def _values(session: Session, data: AwardInput, award: Award | None) -> dict[str, Any]:
    """The columns to store; the certificate number typed, kept or newly assigned."""
    values: dict[str, Any] = {
        "member_id": data.member_id, "award_type_id": data.award_type_id,
        "nominated_on": data.nominated_on, "reason": data.reason, "cost": data.cost,
        "note": data.note, "decision_id": data.decision_id, "awarded_on": data.awarded_on,
        "status": "awarded" if data.awarded_on else "nominated",
        "cert_year": None, "cert_seq": None,
    }
    if data.awarded_on is None:
        return values
    typed = parse_certificate(data.certificate_no)
    year = data.awarded_on.year
    if typed is not None:
        values["cert_year"], values["cert_seq"] = typed
    elif award is not None and award.cert_year == year and award.cert_seq is not None:
        values["cert_year"], values["cert_seq"] = year, award.cert_seq
    else:
        values["cert_year"], values["cert_seq"] = year, next_seq(session, year)
    return values


def _save(session: Session, data: AwardInput, award_id: int | None) -> int:
    data = tidy_award(data)
    raise_all(award_problems(session, data, award_id, dt.date.today()))
    award = _get(session, award_id) if award_id is not None else None
    values = _values(session, data, award)
    if award is None:
        award = Award(**values)
        session.add(award)
        session.flush()
        audit.record(session, "create", "award", award.id, _audited(None, values))
        return award.id
    old = {k: getattr(award, k) for k in values}
    if old["cert_seq"] is not None and (old["cert_year"], old["cert_seq"]) != (
        values["cert_year"], values["cert_seq"]
    ):
        burn(session, old["cert_year"], old["cert_seq"])
    for key, value in values.items():
        setattr(award, key, value)
    audit.record(session, "update", "award", award.id, _audited(old, values))
    return award.id


def _audited(old: dict[str, Any] | None, new: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Column changes, the certificate written as people read it."""
    def shown(values: dict[str, Any] | None) -> dict[str, Any]:
        if values is None:
            return dict.fromkeys(new)
        out = {k: v for k, v in values.items() if k not in ("cert_year", "cert_seq")}
        out["certificate"] = format_certificate(values["cert_year"], values["cert_seq"]) or None
        return out

    before, after = shown(old), shown(new)
    return {k: (before.get(k), v) for k, v in after.items()}


def nominate(db: Database, data: AwardInput) -> int:
    """A new nomination (or, with ``awarded_on`` and a decision, an award recorded at once)."""
    with db.transaction() as s:
        return _save(s, data, None)


def create_award(db: Database, data: AwardInput) -> int:
    return nominate(db, data)


def update_award(db: Database, award_id: int, data: AwardInput) -> None:
    with db.transaction() as s:
        _save(s, data, award_id)


def grant(db: Database, award_id: int, grant: Grant) -> str:
    """Award a nomination by a decision; returns the certificate number it got."""
    with db.transaction() as s:
        award = _get(s, award_id)
        if award.awarded_on is not None:
            raise ValidationError(
                N_("This is already an award: certificate {number}."), field="decision",
                number=format_certificate(award.cert_year, award.cert_seq),
            )
        if grant.awarded_on is None:
            missing = [ValidationError(REQUIRED, field="awarded_on")]
            if grant.decision_id is None and not (grant.decision_no or "").strip():
                missing.append(ValidationError(N_("Choose the decision that granted the award."),
                                               field="decision"))
            raise_all(missing)
            return ""
        decision_id = grant.decision_id
        if grant.decision_no and grant.decision_no.strip():
            decision_id = decisions.resolve(
                s, grant.decision_no, held_on=grant.decision_date,
                year=None if grant.decision_date else grant.awarded_on.year,
            )
        data = AwardInput(
            award.member_id, award.award_type_id, award.nominated_on, award.reason, award.cost,
            award.note, decision_id, grant.awarded_on, grant.certificate_no,
        )
        _save(s, data, award_id)
        return format_certificate(award.cert_year, award.cert_seq)


def delete_award(db: Database, award_id: int) -> None:
    """A mistaken record; its certificate number is burnt, never given again."""
    with db.transaction() as s:
        award = _get(s, award_id)
        if award.cert_year is not None and award.cert_seq is not None:
            burn(s, award.cert_year, award.cert_seq)
        audit.record(s, "delete", "award", award_id, {
            "member_id": (award.member_id, None), "award_type_id": (award.award_type_id, None),
            "certificate": (format_certificate(award.cert_year, award.cert_seq) or None, None),
        })
        s.delete(award)


def _get(session: Session, award_id: int) -> Award:
    award = session.get(Award, award_id)
    if award is None:
        raise NotFoundError(N_("The award was not found (it may have been deleted)."))
    return award


def get_award(db: Database, award_id: int) -> AwardInput:
    with db.reading() as s:
        a = _get(s, award_id)
        return AwardInput(
            a.member_id, a.award_type_id, a.nominated_on, a.reason, a.cost, a.note,
            a.decision_id, a.awarded_on, format_certificate(a.cert_year, a.cert_seq) or None,
        )
