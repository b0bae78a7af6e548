"""The catalogue of award types: each name as the organization writes it on the award, its
level (own organization, sectoral union, Federation, honorary title) and its form (certificate
of honour, letter of gratitude, badge, title), which decides the printout (issue 6).

Why one name per type, and the seed in one language: the name is what is printed on the
certificate and what the year-end figure ``awards_by_type`` is keyed by, so «Ардак грамота» and
«Почетная грамота» must not be two types (the year's count would split in two). A fresh
database therefore gets the four common types once, in the organization's working language
(the ``ui.language`` setting, Kyrgyz by default) — «Ардак грамота», «Ыраазычылык кат», the
education union's badge «Билим жана илим кызматкерлеринин профсоюз кыймылынын отличниги» (the
sectoral award the glossary names; deactivate it in an organization outside education) and
the Federation's certificate — and the other language's name of a seeded type is read as the
same type (``TypeIndex``), so a Russian file's «Почетная грамота» lands on «Ардак грамота».
Any other name is the organization's own and is stored as written. Types are never deleted
(awards keep pointing at them); one no longer given is deactivated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from unionapp.core import audit
from unionapp.core.codes import AWARD_FORMS, AWARD_LEVELS
from unionapp.core.db import Database
from unionapp.core.errors import NotFoundError, ValidationError, raise_all
from unionapp.core.i18n import N_
from unionapp.core.member_list import collation_key
from unionapp.core.models import Award, AwardType, Setting
from unionapp.core.quotes import inside_quotes
from unionapp.core.stored_text import LOST_LETTER, has_lost_letter, length_limit, text_problem

NAME_LIMIT = length_limit(AwardType.__table__.c.name)
LEVEL_ORDER = {code: i for i, code in enumerate(AWARD_LEVELS.codes)}


@dataclass(frozen=True)
class SeedType:
    ky: str
    ru: str
    level: str
    form: str


SEED: tuple[SeedType, ...] = (
    SeedType("Ардак грамота", "Почетная грамота", "own", "certificate"),
    SeedType("Ыраазычылык кат", "Благодарственное письмо", "own", "gratitude"),
    SeedType(
        "Билим жана илим кызматкерлеринин профсоюз кыймылынын отличниги",
        "Отличник профсоюзного движения работников образования и науки",
        "sectoral",
        "badge",
    ),
    SeedType(
        "Кыргызстан профсоюздар федерациясынын Ардак грамотасы",
        "Почетная грамота Федерации профсоюзов Кыргызстана",
        "federation",
        "certificate",
    ),
)


@dataclass
class AwardTypeInput:
    name: str
    level: str = "own"
    form: str = "certificate"
    active: bool = True


@dataclass(frozen=True)
class AwardTypeRow:
    id: int
    name: str
    level: str
    form: str
    active: bool
    used: int  # awards and nominations of this type (the catalogue's «Recorded»)


_QUOTES = re.compile(r"[«»\"“”„']")


def name_key(name: str) -> str:
    """How names are compared: case, ё/е, quotes and extra spaces aside."""
    return " ".join(_QUOTES.sub(" ", name).casefold().replace("ё", "е").split())


def _equivalents() -> dict[str, tuple[str, str]]:
    """Either language's name of a seeded type -> both names."""
    found: dict[str, tuple[str, str]] = {}
    for seed in SEED:
        found[name_key(seed.ky)] = (seed.ky, seed.ru)
        found[name_key(seed.ru)] = (seed.ky, seed.ru)
    return found


EQUIVALENTS = _equivalents()


class TypeIndex:
    """Finds a type by a name as a person or a file writes it (seed equivalents included)."""

    def __init__(self, types: list[tuple[int, str]]) -> None:
        self.by_key = {name_key(name): type_id for type_id, name in types}

    @classmethod
    def load(cls, session: Session) -> TypeIndex:
        return cls([(i, n) for i, n in session.execute(select(AwardType.id, AwardType.name))])

    def find(self, name: str) -> int | None:
        key = name_key(name)
        if key in self.by_key:
            return self.by_key[key]
        for other in EQUIVALENTS.get(key, ()):
            found = self.by_key.get(name_key(other))
            if found is not None:
                return found
        return None

    def add(self, type_id: int, name: str) -> None:
        self.by_key[name_key(name)] = type_id


def guess_level_form(name: str) -> tuple[str, str]:
    """Level and form of a type first met in an import file, read from its words (the
    chairperson corrects them in the catalogue if the guess is wrong)."""
    key = name_key(name)
    for seed in SEED:
        if key in (name_key(seed.ky), name_key(seed.ru)):
            return seed.level, seed.form
    level = "federation" if "федерац" in key else "own"
    if "грамот" in key:
        form = "certificate"
    elif "благодар" in key or "ыраазычылык" in key:
        form = "gratitude"
    elif any(word in key for word in ("знак", "белги", "отличник")):
        form = "badge"
        level = "sectoral" if level == "own" else level
    elif any(word in key for word in ("звани", "наам")):
        form, level = "title", "title"
    else:
        form = "other"
    return level, form


def _language(session: Session) -> str:
    row = session.get(Setting, "ui.language")
    return "ru" if row is not None and row.value == "ru" else "ky"


def seed_types(session: Session) -> int:
    """The common types, when the catalogue is empty (a new database); how many were added."""
    if session.scalar(select(func.count()).select_from(AwardType)):
        return 0
    lang = _language(session)
    for seed in SEED:
        award_type = AwardType(
            name=seed.ru if lang == "ru" else seed.ky, level=seed.level, form=seed.form,
            active=True,
        )
        session.add(award_type)
        session.flush()
        audit.record(session, "create", "award_type", award_type.id,
                     {"name": (None, award_type.name)}, source="seed")
    return len(SEED)


def _validate(data: AwardTypeInput) -> list[ValidationError]:
    errors: list[ValidationError] = []
    name = " ".join((data.name or "").split())
    if not name:
        errors.append(ValidationError(N_("This field is required."), field="name"))
    elif has_lost_letter(name, free_text=True):
        errors.append(ValidationError(LOST_LETTER, field="name", value=name))
    problem = text_problem("name", name, NAME_LIMIT)
    if problem is not None:
        errors.append(problem)
    if data.level not in AWARD_LEVELS:
        errors.append(
            ValidationError(N_("Unknown award level: {value}."), field="level", value=data.level)
        )
    if data.form not in AWARD_FORMS:
        errors.append(
            ValidationError(N_("Unknown award form: {value}."), field="form", value=data.form)
        )
    return errors


def _checked(session: Session, data: AwardTypeInput, type_id: int | None) -> dict[str, object]:
    raise_all(_validate(data))
    name = " ".join(data.name.split())
    for other_id, other in session.execute(select(AwardType.id, AwardType.name)):
        if other_id != type_id and name_key(other) == name_key(name):
            raise ValidationError(
                N_("«{name}» is already in the catalogue."), field="name", name=inside_quotes(other)
            )
    return {"name": name, "level": data.level, "form": data.form, "active": bool(data.active)}


def create_type(db: Database, data: AwardTypeInput) -> int:
    with db.transaction() as s:
        values = _checked(s, data, None)
        award_type = AwardType(**values)
        s.add(award_type)
        s.flush()
        audit.record_created(s, "award_type", award_type.id, values)
        return award_type.id


def update_type(db: Database, type_id: int, data: AwardTypeInput) -> None:
    """Rename, re-level or (de)activate; every award of the type follows the new name."""
    with db.transaction() as s:
        award_type = _get(s, type_id)
        values = _checked(s, data, type_id)
        audit.update_recorded(s, "award_type", type_id, award_type, values)


def set_active(db: Database, type_id: int, active: bool) -> None:
    with db.transaction() as s:
        award_type = _get(s, type_id)
        audit.record(s, "update", "award_type", type_id, {"active": (award_type.active, active)})
        award_type.active = active


def _get(session: Session, type_id: int) -> AwardType:
    award_type = session.get(AwardType, type_id)
    if award_type is None:
        raise NotFoundError(N_("The award type was not found (it may have been deleted)."))
    return award_type


def get_type(db: Database, type_id: int) -> AwardTypeInput:
    with db.reading() as s:
        t = _get(s, type_id)
        return AwardTypeInput(t.name, t.level, t.form, t.active)


def list_types(db: Database, *, active_only: bool = False) -> list[AwardTypeRow]:
    """The catalogue by level, then name; a database with none gets the common ones first."""
    with db.reading() as s:
        empty = not s.scalar(select(func.count()).select_from(AwardType))
    if empty:
        with db.transaction() as s:
            seed_types(s)
    with db.reading() as s:
        used: dict[int, int] = {
            type_id: count
            for type_id, count in s.execute(
                select(Award.award_type_id, func.count()).group_by(Award.award_type_id)
            )
        }
        stmt = select(AwardType)
        if active_only:
            stmt = stmt.where(AwardType.active.is_(True))
        rows = [
            AwardTypeRow(t.id, t.name, t.level, t.form, t.active, used.get(t.id, 0))
            for t in s.scalars(stmt)
        ]
    rows.sort(key=lambda r: (LEVEL_ORDER.get(r.level, 99), collation_key(r.name)))
    return rows
