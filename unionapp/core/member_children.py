"""A member's children: added, corrected and removed from the member's card.

Each change is one transaction and is written to the audit log twice: as the child's own
record and as a line of the member's history (the card's History tab shows the children).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from unionapp.core import audit
from unionapp.core.db import Database
from unionapp.core.errors import NotFoundError, ValidationError
from unionapp.core.i18n import N_
from unionapp.core.member_input import CHILD_NAME_LIMIT, ChildInput
from unionapp.core.models import Child, Member
from unionapp.core.stored_text import text_problem


def _require_member(session: Session, member_id: int) -> None:
    if session.get(Member, member_id) is None:
        raise NotFoundError(N_("There is no member with id {id}."), id=member_id)


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
        _require_member(s, member_id)
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
        changes = audit.update_recorded(s, "child", child_id, child, vars(data))
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
