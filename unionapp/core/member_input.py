"""A member as a form or an import row gives it, the views the forms read, and ``validate``.

The checks in ``validate`` are the same ones the importer applies to each row, so a form and a
file refuse the same things with the same words. Nothing here touches the database: the
register's own checks (a card number someone else has) are in ``members``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any

from sqlalchemy import String

from unionapp.core.codes import EXIT_REASONS
from unionapp.core.errors import ValidationError
from unionapp.core.i18n import N_
from unionapp.core.member_list import age_on
from unionapp.core.models import Child, Department, Member
from unionapp.core.stored_text import LOST_LETTER, has_lost_letter, length_limit, text_problem


@dataclass
class MemberInput:
    """A member's fields as a form or an import row gives them (department by name)."""

    card_no: str
    surname: str
    name: str
    join_date: dt.date | None
    patronymic: str | None = None
    personnel_no: str | None = None
    sex: str | None = None
    birth_date: dt.date | None = None
    department: str | None = None
    position: str | None = None
    exit_date: dt.date | None = None
    exit_reason: str | None = None
    pensioner: bool = False
    phone: str | None = None
    email: str | None = None
    note: str | None = None

    def normalized(self) -> MemberInput:
        """Strip text and turn empty text into None, so '' and missing compare equal."""
        values: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, str):
                value = " ".join(value.split()) if f.name != "note" else value.strip()
                value = value or None
            values[f.name] = value
        values["card_no"] = values["card_no"] or ""
        values["surname"] = values["surname"] or ""
        values["name"] = values["name"] or ""
        return MemberInput(**values)


MEMBER_FIELDS = tuple(f.name for f in fields(MemberInput))


# Text fields and their length limits, read from the models (None: Text, no limit); see
# ``stored_text``. sex and exit_reason are checked against their codes instead.
def _text_columns() -> dict[str, int | None]:
    limits: dict[str, int | None] = {}
    for name in MEMBER_FIELDS:
        column = Department.__table__.c.name if name == "department" else Member.__table__.c[name]
        if isinstance(column.type, String) and name not in ("sex", "exit_reason"):
            limits[name] = length_limit(column)
    return limits


TEXT_LIMITS = _text_columns()
CHILD_NAME_LIMIT = length_limit(Child.__table__.c.full_name)


@dataclass
class ChildInput:
    full_name: str
    birth_date: dt.date | None = None
    sex: str | None = None


@dataclass
class ChildView(ChildInput):
    id: int = 0


@dataclass
class MemberView:
    id: int
    data: MemberInput
    children: list[ChildView] = field(default_factory=list)
    has_photo: bool = False
    version: int = 1  # what a form read; it saves only over this version

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.data.surname, self.data.name, self.data.patronymic) if p)


@dataclass
class HistoryItem:
    at: dt.datetime
    action: str
    field: str | None
    old: str | None
    new: str | None
    source: str | None


MIN_JOIN_AGE = 14  # the union admits from 14 (working minors); younger is a typo in a date
MAX_AGE = 100  # an active member older than this is a typo in the birth date


def _a_year_after(day: dt.date) -> dt.date:
    """A leaving may be recorded ahead (a known retirement date), but at most a year ahead."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def validate(data: MemberInput, today: dt.date | None = None) -> list[ValidationError]:
    """Every problem with one member's fields; each names its field.

    Besides the order of the dates, a date must be plausible: a typo in a year (2040 for
    2004, 1900 for 1990) gives a date that is valid but wrong, and a register keeps it for
    years unless it is refused when typed or imported.
    """
    today = today or dt.date.today()
    errors: list[ValidationError] = []

    def err(name: str, msgid: str, **params: Any) -> None:
        errors.append(ValidationError(msgid, field=name, **params))

    for required in ("card_no", "surname", "name", "join_date"):
        if not getattr(data, required):
            err(required, N_("This field is required."))
    birth, join, exit_date = data.birth_date, data.join_date, data.exit_date
    if birth and birth > today:
        err("birth_date", N_("The birth date {date} is in the future."), date=birth)
        birth = None  # one message for one wrong date: the checks below would repeat it
    if birth and join and birth >= join:
        err("birth_date", N_("The birth date is not before the join date."))
    elif birth and join and age_on(birth, join) < MIN_JOIN_AGE:
        err(
            "birth_date",
            N_("At joining the member would be {age} years old."),
            age=age_on(birth, join),
        )
    if birth and (exit_date is None or exit_date > today) and age_on(birth, today) > MAX_AGE:
        err(
            "birth_date",
            N_("The member would be {age} years old today: check the birth date."),
            age=age_on(birth, today),
        )
    if join and join > today:
        err("join_date", N_("The join date {date} is in the future."), date=join)
    if exit_date and join and exit_date < join:
        err("exit_date", N_("The exit date is before the join date."))
    elif exit_date and exit_date > _a_year_after(today):
        err("exit_date", N_("The exit date {date} is too far in the future."), date=exit_date)
    if data.exit_reason and data.exit_reason not in EXIT_REASONS:
        err("exit_reason", N_("Unknown exit reason: {value}."), value=data.exit_reason)
    if data.exit_date and not data.exit_reason:
        err("exit_reason", N_("Give the reason for leaving."))
    if data.exit_reason and not data.exit_date:
        err("exit_date", N_("Give the date of leaving."))
    if data.sex is not None and data.sex not in ("M", "F"):
        err("sex", N_("Unknown sex: {value}."), value=data.sex)
    if data.email and ("@" not in data.email or " " in data.email):
        err("email", N_("This is not an e-mail address: {value}."), value=data.email)
    for name in ("surname", "name", "patronymic", "department", "position"):
        value = getattr(data, name)
        if has_lost_letter(value, free_text=name in ("department", "position")):
            err(name, LOST_LETTER, value=value)
    for name, limit in TEXT_LIMITS.items():
        problem = text_problem(name, getattr(data, name), limit)
        if problem is not None:
            errors.append(problem)
    return errors
