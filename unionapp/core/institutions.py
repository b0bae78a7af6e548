"""The catalogue of places vouchers go to: sanatoriums, rest homes, children's camps, tours.

An institution is kept once and chosen from a list, so «Ысык-Көл Аврора» is not typed five
ways and the year's vouchers can be counted per place. A camp carries the children's ages it
takes: a voucher for a child outside them is refused, and the queue uses them to put a child
about to age out before one who can still wait. An institution that vouchers went to is never
deleted (the vouchers would lose where they were).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from unionapp.core import audit
from unionapp.core.codes import VOUCHER_KINDS
from unionapp.core.db import Database
from unionapp.core.errors import NotFoundError, UserError, ValidationError, raise_all
from unionapp.core.i18n import N_
from unionapp.core.models import Institution, Voucher
from unionapp.core.quotes import inside_quotes
from unionapp.core.stored_text import text_problem

NAME_LIMIT = 300
MIN_AGE, MAX_AGE = 0, 25  # a child's age a camp may name; beyond it is a typing mistake
REQUIRED = N_("This field is required.")
NOT_FOUND = N_("The institution was not found (it may have been deleted).")


@dataclass
class InstitutionInput:
    name: str
    kind: str
    min_child_age: int | None = None
    max_child_age: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class InstitutionRow:
    id: int
    name: str
    kind: str
    min_child_age: int | None
    max_child_age: int | None
    note: str
    vouchers: int  # how many vouchers went there


def name_key(name: str) -> str:
    """How two names are compared: case, ё and extra spaces aside."""
    return " ".join(name.casefold().replace("ё", "е").split())


def clean_name(name: str) -> str:
    return " ".join((name or "").split())


def validate(data: InstitutionInput) -> list[ValidationError]:
    errors: list[ValidationError] = []
    name = clean_name(data.name)
    if not name:
        errors.append(ValidationError(REQUIRED, field="name"))
    problem = text_problem("name", name, NAME_LIMIT)
    if problem is not None:
        errors.append(problem)
    if data.kind not in VOUCHER_KINDS:
        errors.append(
            ValidationError(N_("Unknown voucher kind: {value}."), field="kind", value=data.kind)
        )
    for field_name in ("min_child_age", "max_child_age"):
        age = getattr(data, field_name)
        if age is not None and not MIN_AGE <= age <= MAX_AGE:
            errors.append(
                ValidationError(
                    N_("Enter an age from {low} to {high}."),
                    field=field_name,
                    low=MIN_AGE,
                    high=MAX_AGE,
                )
            )
    low, high = data.min_child_age, data.max_child_age
    if low is not None and high is not None and low > high:
        errors.append(
            ValidationError(
                N_("The youngest age ({low}) is above the oldest ({high})."),
                field="max_child_age",
                low=low,
                high=high,
            )
        )
    problem = text_problem("note", data.note, None)
    if problem is not None:
        errors.append(problem)
    return errors


def find_by_name(session: Session, name: str) -> Institution | None:
    key = name_key(name)
    for institution in session.scalars(select(Institution)):
        if name_key(institution.name) == key:
            return institution
    return None


def _checked(
    session: Session, data: InstitutionInput, institution_id: int | None
) -> dict[str, object]:
    errors = validate(data)
    name = clean_name(data.name)
    clash = find_by_name(session, name) if name else None
    if clash is not None and clash.id != institution_id:  # told together with the rest
        errors.append(ValidationError(N_("«{name}» is already in the catalogue."), field="name",
                                      name=inside_quotes(clash.name)))
    raise_all(errors)
    if institution_id is not None:
        used = session.scalars(
            select(Voucher.kind).where(Voucher.institution_id == institution_id).distinct()
        ).all()
        other = [kind for kind in used if not kinds_agree(data.kind, kind)]
        if other:
            raise ValidationError(
                N_("Vouchers of the kind «{kind}» went here: the kind cannot change to «{new}»."),
                field="kind",
                kind=VOUCHER_KINDS.label(other[0]),
                new=VOUCHER_KINDS.label(data.kind),
            )
    return {
        "name": name,
        "kind": data.kind,
        "min_child_age": data.min_child_age,
        "max_child_age": data.max_child_age,
        "note": (data.note or "").strip() or None,
    }


def kinds_agree(institution_kind: str, voucher_kind: str) -> bool:
    """A voucher goes to a place of its own kind; «other» places take any kind."""
    return institution_kind == voucher_kind or "other" in (institution_kind, voucher_kind)


def create_institution(db: Database, data: InstitutionInput) -> int:
    with db.transaction() as s:
        values = _checked(s, data, None)
        institution = Institution(**values)
        s.add(institution)
        s.flush()
        audit.record_created(s, "institution", institution.id, values)
        return institution.id


def update_institution(db: Database, institution_id: int, data: InstitutionInput) -> None:
    with db.transaction() as s:
        institution = _get(s, institution_id)
        values = _checked(s, data, institution_id)
        audit.update_recorded(s, "institution", institution_id, institution, values)


def delete_institution(db: Database, institution_id: int) -> None:
    """Only a place no voucher went to: an issued voucher keeps where it was."""
    with db.transaction() as s:
        institution = _get(s, institution_id)
        used = s.scalar(
            select(func.count()).select_from(Voucher).where(
                Voucher.institution_id == institution_id
            )
        )
        if used:
            raise UserError(
                N_("{count} vouchers went to «{name}»: it cannot be deleted."),
                count=used,
                name=inside_quotes(institution.name),
            )
        s.delete(institution)
        audit.record(s, "delete", "institution", institution_id, {"name": (institution.name, None)})


def _get(session: Session, institution_id: int) -> Institution:
    institution = session.get(Institution, institution_id)
    if institution is None:
        raise NotFoundError(NOT_FOUND)
    return institution


def get_institution(db: Database, institution_id: int) -> InstitutionInput:
    with db.reading() as s:
        i = _get(s, institution_id)
        return InstitutionInput(i.name, i.kind, i.min_child_age, i.max_child_age, i.note)


def list_institutions(db: Database, kind: str | None = None) -> list[InstitutionRow]:
    """By name; ``kind`` keeps the places a voucher of that kind may go to."""
    from unionapp.core.member_list import collation_key

    with db.reading() as s:
        counts = dict(
            s.execute(
                select(Voucher.institution_id, func.count())
                .where(Voucher.institution_id.is_not(None))
                .group_by(Voucher.institution_id)
            ).all()
        )
        rows = [
            InstitutionRow(
                i.id, i.name, i.kind, i.min_child_age, i.max_child_age, i.note or "",
                counts.get(i.id, 0),
            )
            for i in s.scalars(select(Institution))
            if kind is None or kinds_agree(i.kind, kind)
        ]
    rows.sort(key=lambda r: (collation_key(r.name), r.id))
    return rows


def camp_age_limits(session: Session) -> tuple[int, int] | None:
    """The ages the catalogue's camps take together (youngest minimum, oldest maximum), or None
    when no camp names its ages: what the queue weighs a child's age against."""
    low, high = session.execute(
        select(func.min(Institution.min_child_age), func.max(Institution.max_child_age)).where(
            Institution.kind == "children_camp"
        )
    ).one()
    if low is None and high is None:
        return None
    return (low if low is not None else MIN_AGE, high if high is not None else MAX_AGE)
