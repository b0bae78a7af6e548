"""Awards: a nomination (who, which award, what for) becomes an award once a committee
decision grants it; the award gets a certificate number that runs per year («2026/017»).

Numbers: the next number of a year is one more than the highest ever given in that year, and
it is assigned at the moment of awarding, never at nomination (a nomination that is never
granted must not leave a hole). A number is never given twice: an award deleted or renumbered
leaves its number «burnt», remembered as the year's highest number given (a settings row
``awards.cert_last.YYYY``: no schema change needed), so the next one does not take it again.
The chairperson may type the number of an old paper certificate; one already in the register
is refused. Types of award (the catalogue and why it is seeded the way it is): ``award_types``.

Refusals, each on its field so a form marks it and an import row names its column: no such
decision, awarded before nominated or before the decision, not a member on the day, a
certificate number already given or not of the award's year.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields, replace
from typing import Any

from sqlalchemy import extract, func, or_, select
from sqlalchemy.orm import Session

from unionapp.core import audit, decisions
from unionapp.core.db import Database
from unionapp.core.errors import NotFoundError, ValidationError, raise_all
from unionapp.core.i18n import N_
from unionapp.core.models import Award, AwardType, Decision, Department, Member, Setting
from unionapp.core.money import AMOUNT_LIMIT
from unionapp.core.quotes import inside_quotes
from unionapp.core.stored_text import text_problem

REQUIRED = N_("This field is required.")
COUNTER_KEY = "awards.cert_last.{year}"
_CERTIFICATE = re.compile(r"^\s*(\d{4})\s*[/\-]\s*0*(\d{1,6})\s*$")


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


@dataclass
class Grant:
    """Awarding a nomination: the decision (chosen, or cited by number) and the day."""

    awarded_on: dt.date | None
    decision_id: int | None = None
    decision_no: str | None = None  # resolved within ``decision_date`` or the award's year
    decision_date: dt.date | None = None
    certificate_no: str | None = None


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


def format_certificate(year: int | None, seq: int | None) -> str:
    return f"{year}/{seq:03d}" if year is not None and seq is not None else ""


def parse_certificate(text: str | None, field: str = "certificate_no") -> tuple[int, int] | None:
    """«2026/017» (also 2026/17, 2026-017) -> (2026, 17); empty -> None."""
    if text is None or not text.strip():
        return None
    match = _CERTIFICATE.match(text)
    if not match or int(match.group(2)) == 0:
        raise ValidationError(
            N_("Not a certificate number: {value}. Write the year and the number, e.g. 2026/017."),
            field=field,
            value=text.strip(),
        )
    return int(match.group(1)), int(match.group(2))


# -- numbering ---------------------------------------------------------------------------------
def burnt_up_to(session: Session, year: int) -> int:
    row = session.get(Setting, COUNTER_KEY.format(year=year))
    return int(row.value) if row is not None and row.value.isdigit() else 0


def burn(session: Session, year: int, seq: int) -> None:
    """Remember that ``seq`` was given in ``year``, so it is never given again."""
    key = COUNTER_KEY.format(year=year)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=str(seq)))
    elif not row.value.isdigit() or int(row.value) < seq:
        row.value = str(seq)


def _next_seq(session: Session, year: int) -> int:
    highest = session.scalar(select(func.max(Award.cert_seq)).where(Award.cert_year == year))
    return max(highest or 0, burnt_up_to(session, year)) + 1


def next_certificate(db: Database, year: int) -> str:
    """The number the next award of ``year`` will get (a form shows it before saving)."""
    with db.reading() as s:
        return format_certificate(year, _next_seq(s, year))


# -- checks --------------------------------------------------------------------------------------
def _problems(
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
        return _problems(s, _tidy(data), award_id, dt.date.today())


def _tidy(data: AwardInput) -> AwardInput:
    def text(value: str | None) -> str | None:
        return (value or "").strip() or None

    return replace(data, reason=text(data.reason), note=text(data.note),
                   certificate_no=text(data.certificate_no))


# -- changes -------------------------------------------------------------------------------------
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
        values["cert_year"], values["cert_seq"] = year, _next_seq(session, year)
    return values


def _save(session: Session, data: AwardInput, award_id: int | None) -> int:
    data = _tidy(data)
    raise_all(_problems(session, data, award_id, dt.date.today()))
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


# -- registers -----------------------------------------------------------------------------------
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


AWARD_FIELDS = tuple(f.name for f in fields(AwardInput))


def find_award(db: Database, text: str) -> int:
    """An award named as the chairperson knows it: its certificate number «2026/017», or the
    program's id (a plain number, as lists and exports show it)."""
    text = text.strip()
    with db.reading() as s:
        if text.isdigit():
            found = s.get(Award, int(text))
            if found is None:
                raise NotFoundError(N_("The award was not found (it may have been deleted)."))
            return found.id
        year, seq = parse_certificate(text, "award") or (0, 0)
        award_id = s.scalar(select(Award.id).where(Award.cert_year == year, Award.cert_seq == seq))
        if award_id is None:
            raise NotFoundError(
                N_("No award has the certificate number {number}."),
                number=format_certificate(year, seq),
            )
        return award_id
