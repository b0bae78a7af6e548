"""The members register: create, edit, leave, delete (mistakes only), photo, history.

Every function here is one user action and one transaction, and writes the audit log. What a
member is as input, and ``validate`` (the importer's per-row checks too), are in
``member_input``; the children's changes in ``member_children``. Both are re-exported here,
the name forms and tests import them by.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from unionapp.core import audit
from unionapp.core.db import Database
from unionapp.core.errors import NotFoundError, UserError, ValidationError, raise_all
from unionapp.core.errors import ValidationGroup as ValidationGroup  # re-exported for the UI
from unionapp.core.i18n import N_
from unionapp.core.member_children import add_child, delete_child, update_child
from unionapp.core.member_input import (
    CHILD_NAME_LIMIT,
    MAX_AGE,
    MEMBER_FIELDS,
    MIN_JOIN_AGE,
    TEXT_LIMITS,
    ChildInput,
    ChildView,
    HistoryItem,
    MemberInput,
    MemberView,
    validate,
)
from unionapp.core.member_list import collation_key
from unionapp.core.models import (
    AidPayment,
    Award,
    CashPayment,
    Department,
    Member,
    MemberPhoto,
    Voucher,
)

__all__ = [
    "CHANGED_ELSEWHERE",
    "CHILD_NAME_LIMIT",
    "MAX_AGE",
    "MEMBER_FIELDS",
    "MIN_JOIN_AGE",
    "TEXT_LIMITS",
    "ChildInput",
    "ChildView",
    "HistoryItem",
    "MemberInput",
    "MemberView",
    "ValidationGroup",
    "add_child",
    "check_member",
    "count_members",
    "create_member",
    "delete_child",
    "delete_member",
    "departments",
    "find_by_card",
    "get_member",
    "get_photo",
    "history",
    "leave",
    "set_photo",
    "update_child",
    "update_member",
    "validate",
]


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


def set_photo(
    db: Database, member_id: int, jpeg: bytes | None, *, expected_version: int | None = None
) -> None:
    """Store (``None``: remove) the photo; like a save, only over the version the card showed."""
    with db.transaction() as s:
        member = _get(s, member_id)
        _check_version(member, expected_version)
        member.version = (member.version or 1) + 1
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
