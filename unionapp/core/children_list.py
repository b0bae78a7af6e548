"""The children of the active members, for lists (New Year presents, camps): one query.

A child belongs on the list while its parent is a member on the day asked (DESIGN.md: a
member on day D has ``join_date <= D`` and no exit date or one after D). Parents come in the
members window's name order (ң ө ү beside н о у), their children oldest first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import or_, select

from unionapp.core.db import Database
from unionapp.core.member_list import collation_key
from unionapp.core.models import Child, Department, Member


@dataclass(frozen=True)
class ChildRow:
    id: int
    member_id: int
    card_no: str
    parent_name: str
    department: str
    full_name: str
    birth_date: dt.date | None
    sex: str | None


def active_children(db: Database, day: dt.date | None = None) -> list[ChildRow]:
    """Children of the members active on ``day`` (today), by parent's name, then oldest first
    (a child without a birth date last)."""
    day = day or dt.date.today()
    stmt = (
        select(Child.id, Member.id, Member.card_no, Member.surname, Member.name,
               Member.patronymic, Department.name, Child.full_name, Child.birth_date, Child.sex)
        .join(Member, Member.id == Child.member_id)
        .outerjoin(Department, Department.id == Member.department_id)
        .where(Member.join_date <= day, or_(Member.exit_date.is_(None), Member.exit_date > day))
    )
    with db.reading() as session:
        found = [
            ChildRow(child_id, member_id, card,
                     " ".join(p for p in (surname, name, patronymic) if p), department or "",
                     full_name, birth, sex)
            for (child_id, member_id, card, surname, name, patronymic, department, full_name,
                 birth, sex) in session.execute(stmt)
        ]
    parents = {row.member_id: (collation_key(row.parent_name), row.card_no) for row in found}
    found.sort(key=lambda r: (parents[r.member_id], r.birth_date is None,
                              r.birth_date or dt.date.min, r.id))
    return found
