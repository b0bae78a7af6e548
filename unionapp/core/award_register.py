"""The awards register as lists and the year picker show it: one query, rows ready to show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import extract, func, or_, select

from unionapp.core import decisions
from unionapp.core.award_certificates import format_certificate
from unionapp.core.db import Database
from unionapp.core.models import Award, AwardType, Decision, Department, Member


@dataclass(frozen=True)
class AwardRow:
    id: int
    member_id: int
    card_no: str
    member_name: str
    department: str
    award_type_id: int
    award_name: str
    level: str
    form: str
    status: str  # "nominated" or "awarded"
    nominated_on: dt.date | None
    awarded_on: dt.date | None
    certificate: str  # «2026/017», or "" for a nomination
    decision_id: int | None
    decision: str  # «No. 7 of 14.05.2026» in the user's language, or ""
    reason: str
    cost: int

    @property
    def day(self) -> dt.date | None:
        """The date the register files it under: awarded, else nominated."""
        return self.awarded_on or self.nominated_on


def list_awards(
    db: Database, year: int | None = None, *, member_id: int | None = None
) -> list[AwardRow]:
    """The register: of a year (awarded in it, or nominated in it and not yet awarded), of a
    member, or all; by date, then certificate number. One query."""
    full = Member.surname + " " + Member.name
    stmt = (
        select(Award, AwardType.name, AwardType.level, AwardType.form, Member.card_no, full,
               Member.patronymic, Department.name, Decision.number, Decision.held_on)
        .join(AwardType, AwardType.id == Award.award_type_id)
        .join(Member, Member.id == Award.member_id)
        .outerjoin(Department, Department.id == Member.department_id)
        .outerjoin(Decision, Decision.id == Award.decision_id)
    )
    if year is not None:
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        stmt = stmt.where(or_(
            Award.awarded_on.between(first, last),
            Award.awarded_on.is_(None) & Award.nominated_on.between(first, last),
        ))
    if member_id is not None:
        stmt = stmt.where(Award.member_id == member_id)
    with db.reading() as s:
        rows = [
            _row(a, t, level, form, card, name, pat, dep, number, held_on)
            for a, t, level, form, card, name, pat, dep, number, held_on in s.execute(stmt)
        ]
    rows.sort(key=lambda r: (r.day or dt.date.max, r.awarded_on is None, r.certificate, r.id))
    return rows


def _row(
    a: Award, type_name: str, level: str, form: str, card: str, name: str,
    patronymic: str | None, department: str | None, number: str | None,
    held_on: dt.date | None,
) -> AwardRow:
    return AwardRow(
        a.id, a.member_id, card, f"{name} {patronymic}" if patronymic else name,
        department or "", a.award_type_id, type_name, level, form, a.status,
        a.nominated_on, a.awarded_on, format_certificate(a.cert_year, a.cert_seq),
        a.decision_id, decisions.label(number, held_on) if number and held_on else "",
        a.reason or "", a.cost,
    )


def register_years(db: Database) -> list[int]:
    """Years that have awards or nominations, newest first (the year picker's choices)."""
    day = func.coalesce(Award.awarded_on, Award.nominated_on)
    with db.reading() as s:
        found = s.scalars(select(extract("year", day)).where(day.is_not(None)).distinct())
        return sorted((int(y) for y in found if y is not None), reverse=True)
