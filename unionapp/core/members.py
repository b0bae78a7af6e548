"""The members register: create, edit, leave, delete (mistakes only), children, photo, history.

Every function here is one user action and one transaction, and writes the audit log. The
checks in ``validate`` are the same ones the importer applies to each row, so a form and a
file refuse the same things with the same words.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field, fields, replace
from typing import Any

from sqlalchemy import String, func, select
from sqlalchemy.orm import Session

from unionapp.core import audit
from unionapp.core.codes import EXIT_REASONS
from unionapp.core.db import Database
from unionapp.core.errors import NotFoundError, UserError, ValidationError, raise_all
from unionapp.core.errors import ValidationGroup as ValidationGroup  # re-exported for the UI
from unionapp.core.i18n import N_
from unionapp.core.member_list import age_on, collation_key
from unionapp.core.models import (
    AidPayment,
    Award,
    CashPayment,
    Child,
    Department,
    Member,
    MemberPhoto,
    Voucher,
)
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


def _department_id(session: Session, name: str | None) -> int | None:
    if not name:
        return None
    # Matched ignoring case, as the importer does: «математика» is the department «Математика»,
    # so the register never holds two spellings that an export/import round trip would merge.
    wanted = name.casefold()
    for found, existing in session.execute(select(Department.id, Department.name)):
        if existing.casefold() == wanted:
            return int(found)
    dep = Department(name=name)
    session.add(dep)
    session.flush()
    audit.record(session, "create", "department", dep.id, {"name": (None, name)})
    return dep.id


def _problems(session: Session, data: MemberInput, member_id: int | None) -> list[ValidationError]:
    """``validate`` plus what only the register can tell: a card number someone else has."""
    errors = validate(data)
    owner = session.execute(
        select(Member.id, Member.surname, Member.name).where(Member.card_no == data.card_no)
    ).first()
    if data.card_no and owner is not None and owner.id != member_id:
        errors.append(
            ValidationError(
                N_("Card number {card_no} already belongs to {name}."),
                field="card_no",
                card_no=data.card_no,
                name=f"{owner.surname} {owner.name}",
            )
        )
    return errors


def check_member(
    db: Database, data: MemberInput, member_id: int | None = None
) -> list[ValidationError]:
    """Every problem saving ``data`` (as member ``member_id``, None for a new one) would meet,
    all at once: a form marks them together instead of a second round after the first."""
    with db.reading() as s:
        return _problems(s, data.normalized(), member_id)


def _check(session: Session, data: MemberInput, member_id: int | None) -> MemberInput:
    data = data.normalized()
    errors = _problems(session, data, member_id)
    if errors:
        raise_all(errors)
    return data


def _member_values(session: Session, data: MemberInput) -> dict[str, Any]:
    values = {name: getattr(data, name) for name in MEMBER_FIELDS if name != "department"}
    values["department_id"] = _department_id(session, data.department)
    return values


def _as_input(member: Member) -> MemberInput:
    values = {name: getattr(member, name) for name in MEMBER_FIELDS if name != "department"}
    values["department"] = member.department.name if member.department else None
    return MemberInput(**values)


def create_member(db: Database, data: MemberInput) -> int:
    with db.transaction() as s:
        data = _check(s, data, None)
        member = Member(**_member_values(s, data))
        s.add(member)
        s.flush()
        audit.record(
            s, "create", "member", member.id, {n: (None, getattr(data, n)) for n in MEMBER_FIELDS}
        )
        return member.id


def _get(session: Session, member_id: int) -> Member:
    member = session.get(Member, member_id)
    if member is None:
        raise NotFoundError(N_("There is no member with id {id}."), id=member_id)
    return member


CHANGED_ELSEWHERE = N_(
    "{name} was changed on another computer (or in another window) after you opened the card. "
    "Nothing was saved: close the card, open it again to see the new data, and make your "
    "change again."
)


def _check_version(member: Member, expected: int | None) -> None:
    """A form's save over data it has not seen is refused, never silently overwritten."""
    if expected is not None and member.version != expected:
        raise UserError(CHANGED_ELSEWHERE, name=f"{member.surname} {member.name}")


def update_member(
    db: Database, member_id: int, data: MemberInput, *, expected_version: int | None = None
) -> None:
    """``expected_version``: the version the form showed (``MemberView.version``)."""
    with db.transaction() as s:
        member = _get(s, member_id)
        _check_version(member, expected_version)
        data = _check(s, data, member_id)
        old = _as_input(member)
        if any(getattr(old, n) != getattr(data, n) for n in MEMBER_FIELDS):
            member.version = (member.version or 1) + 1
        for name, value in _member_values(s, data).items():
            setattr(member, name, value)
        audit.record(
            s,
            "update",
            "member",
            member_id,
            {n: (getattr(old, n), getattr(data, n)) for n in MEMBER_FIELDS},
        )


def leave(
    db: Database,
    member_id: int,
    exit_date: dt.date,
    reason: str,
    *,
    expected_version: int | None = None,
) -> None:
    """Record leaving; the member stays in the register with the date and reason."""
    with db.reading() as s:
        data = _as_input(_get(s, member_id))
    update_member(
        db,
        member_id,
        replace(data, exit_date=exit_date, exit_reason=reason),
        expected_version=expected_version,
    )


def delete_member(db: Database, member_id: int, *, expected_version: int | None = None) -> None:
    """Only for a record made by mistake: leaving is recorded with ``leave``."""
    with db.transaction() as s:
        member = _get(s, member_id)
        _check_version(member, expected_version)
        if _has_money_records(s, member_id):
            raise UserError(
                N_(
                    "{name} has dues paid in cash, vouchers, aid or awards in the register: "
                    "the record cannot be deleted. Record leaving instead."
                ),
                name=f"{member.surname} {member.name}",
            )
        old = _as_input(member)
        for child in member.children:  # they go with the member: each is recorded as it goes
            audit.record(s, "delete", "child", child.id, {"full_name": (child.full_name, None)})
        s.delete(member)
        audit.record(
            s, "delete", "member", member_id, {n: (getattr(old, n), None) for n in MEMBER_FIELDS}
        )


def _has_money_records(session: Session, member_id: int) -> bool:
    """Money and benefits stay traceable to a person: such a record is never deleted."""
    for model in (CashPayment, Voucher, AidPayment, Award):
        stmt = select(model.id).where(model.member_id == member_id).limit(1)
        if session.scalar(stmt) is not None:
            return True
    return False


def get_member(db: Database, member_id: int) -> MemberView:
    with db.reading() as s:
        member = _get(s, member_id)
        has_photo = s.scalar(
            select(func.count()).select_from(MemberPhoto).where(MemberPhoto.member_id == member_id)
        )
        return MemberView(
            id=member.id,
            data=_as_input(member),
            children=[
                ChildView(id=c.id, full_name=c.full_name, birth_date=c.birth_date, sex=c.sex)
                for c in member.children
            ],
            has_photo=bool(has_photo),
            version=member.version or 1,
        )


def find_by_card(db: Database, card_no: str) -> int | None:
    with db.reading() as s:
        return s.scalar(select(Member.id).where(Member.card_no == card_no.strip()))


def set_photo(db: Database, member_id: int, jpeg: bytes | None) -> None:
    with db.transaction() as s:
        _get(s, member_id)
        had = s.get(MemberPhoto, member_id)
        if had is not None:
            s.delete(had)
            s.flush()
        if jpeg:
            s.add(MemberPhoto(member_id=member_id, image=jpeg))
        audit.record(
            s,
            "update",
            "member",
            member_id,
            # A short fingerprint of each image, so a photo replaced by another is a change.
            {"photo": (_image_tag(had.image) if had else None, _image_tag(jpeg))},
        )


def _image_tag(image: bytes | None) -> str | None:
    return hashlib.sha1(image).hexdigest()[:12] if image else None


def get_photo(db: Database, member_id: int) -> bytes | None:
    with db.reading() as s:
        return s.scalar(select(MemberPhoto.image).where(MemberPhoto.member_id == member_id))


def _check_child(data: ChildInput) -> ChildInput:
    name = " ".join(data.full_name.split())
    if not name:
        raise ValidationError(N_("This field is required."), field="full_name")
    problem = text_problem("full_name", name, CHILD_NAME_LIMIT)
    if problem is not None:
        raise problem
    if data.birth_date and data.birth_date > dt.date.today():
        raise ValidationError(
            N_("The birth date {date} is in the future."), field="birth_date", date=data.birth_date
        )
    return ChildInput(full_name=name, birth_date=data.birth_date, sex=data.sex)


def add_child(db: Database, member_id: int, data: ChildInput) -> int:
    data = _check_child(data)
    with db.transaction() as s:
        _get(s, member_id)
        child = Child(member_id=member_id, **vars(data))
        s.add(child)
        s.flush()
        audit.record(s, "create", "child", child.id, {"full_name": (None, data.full_name)})
        audit.record(s, "update", "member", member_id, {"child": (None, data.full_name)})
        return child.id


def update_child(db: Database, child_id: int, data: ChildInput) -> None:
    data = _check_child(data)
    with db.transaction() as s:
        child = s.get(Child, child_id)
        if child is None:
            raise NotFoundError(N_("There is no child with id {id}."), id=child_id)
        changes = {k: (getattr(child, k), v) for k, v in vars(data).items()}
        for k, v in vars(data).items():
            setattr(child, k, v)
        audit.record(s, "update", "child", child_id, changes)
        old_desc = f"{changes['full_name'][0]} {audit.as_text(changes['birth_date'][0]) or ''}"
        new_desc = f"{data.full_name} {audit.as_text(data.birth_date) or ''}"
        audit.record(
            s, "update", "member", child.member_id, {"child": (old_desc.strip(), new_desc.strip())}
        )


def delete_child(db: Database, child_id: int) -> None:
    with db.transaction() as s:
        child = s.get(Child, child_id)
        if child is None:
            raise NotFoundError(N_("There is no child with id {id}."), id=child_id)
        s.delete(child)
        audit.record(s, "delete", "child", child_id, {"full_name": (child.full_name, None)})
        audit.record(s, "update", "member", child.member_id, {"child": (child.full_name, None)})


def history(db: Database, member_id: int) -> list[HistoryItem]:
    with db.reading() as s:
        return [
            HistoryItem(e.at, e.action, e.field, e.old, e.new, e.source)
            for e in audit.history(s, "member", member_id)
        ]


def departments(db: Database) -> list[str]:
    """In the order the members page lists them (ң after н ...), the same on every database:
    an ORDER BY would follow the database's collation (SQLite: code points; PostgreSQL: the
    server's locale)."""
    with db.reading() as s:
        names = list(s.scalars(select(Department.name)))
    return sorted(names, key=lambda n: (collation_key(n), n))


def count_members(db: Database) -> int:
    with db.reading() as s:
        return int(s.scalar(select(func.count()).select_from(Member)) or 0)
