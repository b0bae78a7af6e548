"""Members' children from a file: the parent by card number, the child by name and birth date.

A child is the same child when the parent, the name (ignoring case and spaces) and the birth
date agree: two rows with one name under one parent and different birth dates are two
children (a parent may give a second child a name already given). A row whose name is the
parent's only unmatched child of that name, with another birth date, corrects that child's
birth date. Without a birth date column, children are matched by name alone. Children missing
from the file are left alone: an import adds and corrects, it never deletes. The same child
(name and birth date) twice under one parent is refused unless the register already holds
that many (a copied row is far likelier than twins with one name).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from unionapp.core.i18n import N_
from unionapp.core.importing.headers import Header
from unionapp.core.importing.sheet import (
    ADD,
    ERROR,
    SAME,
    UPDATE,
    Parser,
    ProblemLog,
    Sheet,
    require_columns,
)
from unionapp.core.importing.values import (
    CellProblem,
    check_letters,
    parse_code,
    parse_date,
    parse_sex_cell,
    parse_text,
)
from unionapp.core.importing.writing import AuditRows, bulk_insert
from unionapp.core.member_input import CHILD_NAME_LIMIT, ChildInput
from unionapp.core.models import Child, Member
from unionapp.core.stored_text import text_problem

KIND = "children"
PARSERS: dict[str, Parser] = {
    "card_no": parse_code,
    "full_name": parse_text,
    "birth_date": parse_date,
    "sex": parse_sex_cell,
}
CHILD_FIELDS = ("full_name", "birth_date", "sex")
REQUIRED = N_("This field is required.")

NameKey = tuple[int, str]  # parent id, casefolded name
# parent id, casefolded name, birth date (ANY_BIRTH when the file has no birth date column)
Key = tuple[int, str, dt.date | None | str]
ANY_BIRTH = "any"


def prepare_header(header: Header, log: ProblemLog) -> None:
    require_columns(KIND, header, log, ("card_no", "full_name"))


@dataclass
class ChildPlan:
    adds: list[tuple[int, ChildInput]] = field(default_factory=list)  # parent id, child
    # parent id, child id, the child as stored, changed fields (old, new)
    updates: list[tuple[int, int, ChildInput, dict[str, tuple[Any, Any]]]] = field(
        default_factory=list
    )


def _name_key(member_id: int, name: str) -> NameKey:
    return member_id, " ".join(name.casefold().split())


@dataclass
class _Row:
    row_no: int
    parent: int
    child: ChildInput


class _Matcher:
    """The parent's stored children, each matched to at most one row of the file."""

    def __init__(self, session: Session) -> None:
        self.stored: dict[NameKey, list[tuple[int, ChildInput]]] = {}
        stmt = select(Child.id, Child.member_id, Child.full_name, Child.birth_date, Child.sex)
        for child_id, member_id, name, born, sex in session.execute(stmt.order_by(Child.id)):
            self.stored.setdefault(_name_key(member_id, name), []).append(
                (child_id, ChildInput(name, born, sex))
            )
        self.taken: set[int] = set()

    def count(self, key: Key) -> int:
        parent, name, birth = key
        children = self.stored.get((parent, name), [])
        return sum(1 for _id, c in children if birth in (ANY_BIRTH, c.birth_date))

    def take(self, key: NameKey, birth: dt.date | None | str) -> tuple[int, ChildInput] | None:
        """The first stored child not yet matched with this name and birth (any: ANY_BIRTH)."""
        for child_id, child in self.stored.get(key, []):
            if child_id not in self.taken and birth in (ANY_BIRTH, child.birth_date):
                self.taken.add(child_id)
                return child_id, child
        return None

    def left(self, key: NameKey) -> list[tuple[int, ChildInput]]:
        return [(i, c) for i, c in self.stored.get(key, []) if i not in self.taken]


def analyse(session: Session, sheet: Sheet, today: dt.date) -> ChildPlan:
    """Check every row and plan what to write; writes nothing."""
    parents = {c: i for c, i in session.execute(select(Member.card_no, Member.id))}
    matcher = _Matcher(session)
    log = sheet.problems
    present = sheet.fields_present()
    by_birth = "birth_date" in present
    plan = ChildPlan()
    planned: dict[int, str] = {}
    key_rows: dict[Key, list[int]] = {}
    unmatched: dict[NameKey, list[_Row]] = {}
    for done, (row_no, cells) in enumerate(sheet.rows, start=1):
        if done % 500 == 0:
            sheet.tick(done)
        values, bad = sheet.read_row(row_no, cells, PARSERS)
        card: str | None = values.get("card_no")
        name: str | None = values.get("full_name")
        try:
            check_letters(name)
        except CellProblem as problem:
            log.add(row_no, "full_name", problem.msgid, **problem.params)
        too_long = text_problem("full_name", name, CHILD_NAME_LIMIT)
        if too_long is not None:
            log.add(row_no, "full_name", too_long.msgid, **too_long.params)
        for required in ("card_no", "full_name"):
            if not values.get(required) and required not in bad:
                log.add(row_no, required, REQUIRED)
        birth = values.get("birth_date")
        if birth and birth > today:
            log.add(row_no, "birth_date", N_("The birth date {date} is in the future."), date=birth)
        parent = parents.get(card) if card else None
        if card and parent is None:
            log.add(
                row_no, "card_no", N_("There is no member with card number {card_no}."),
                card_no=card,
            )
        if parent is None or not name:
            planned[row_no] = ERROR
            continue
        name_key = _name_key(parent, name)
        birth_key = birth if by_birth else ANY_BIRTH
        key_rows.setdefault((*name_key, birth_key), []).append(row_no)
        row = _Row(row_no, parent, ChildInput(name, birth, values.get("sex")))
        match = matcher.take(name_key, birth_key)
        if match is None:
            unmatched.setdefault(name_key, []).append(row)
        else:
            planned[row_no] = _plan_update(plan, row, *match, present)
    for name_key, rows in unmatched.items():
        left = matcher.left(name_key)
        if len(rows) == 1 and len(left) == 1:  # one child of that name: its birth corrected
            planned[rows[0].row_no] = _plan_update(plan, rows[0], *left[0], present)
            continue
        for row in rows:
            plan.adds.append((row.parent, row.child))
            planned[row.row_no] = ADD
    for key, row_nos in key_rows.items():
        if len(row_nos) > max(1, matcher.count(key)):
            for row_no in row_nos:
                log.add(
                    row_no,
                    "full_name",
                    N_("The same child is listed more than once: rows {rows}."),
                    rows=", ".join(str(r) for r in row_nos),
                )
    sheet.actions = {
        row_no: ERROR if row_no in log.rows else action for row_no, action in planned.items()
    }
    return plan


def _plan_update(
    plan: ChildPlan, row: _Row, child_id: int, old: ChildInput, present: set[str]
) -> str:
    changes = {
        f: (getattr(old, f), getattr(row.child, f))
        for f in CHILD_FIELDS
        if f in present and getattr(old, f) != getattr(row.child, f)
    }
    if changes:
        plan.updates.append((row.parent, child_id, old, changes))
    return UPDATE if changes else SAME


def _describe(child: ChildInput) -> str:
    """How the member's history names a child: the name and birth date."""
    birth = child.birth_date.isoformat() if child.birth_date else None
    return " ".join(p for p in (child.full_name, birth) if p)


def write(session: Session, plan: ChildPlan, audit: AuditRows) -> None:
    """New children in one bulk insert, changed ones in one bulk update, then the audit."""
    if plan.adds:
        last_id = session.scalar(select(func.max(Child.id))) or 0
        bulk_insert(
            session, Child, [{"member_id": parent, **vars(child)} for parent, child in plan.adds]
        )
        new_ids: dict[tuple[int, str], list[int]] = {}
        stmt = select(Child.id, Child.member_id, Child.full_name).where(Child.id > last_id)
        for child_id, member_id, full_name in session.execute(stmt.order_by(Child.id)):
            new_ids.setdefault((member_id, full_name), []).append(child_id)
        for parent, child in plan.adds:
            child_id = new_ids[(parent, child.full_name)].pop(0)
            audit.add("create", "child", child_id, {"full_name": (None, child.full_name)})
            audit.add("update", "member", parent, {"child": (None, child.full_name)})
    if plan.updates:
        session.execute(
            update(Child),
            [
                {"id": child_id, **{f: new for f, (_old, new) in changes.items()}}
                for _parent, child_id, _child, changes in plan.updates
            ],
        )
        for parent, child_id, child, changes in plan.updates:
            audit.add("update", "child", child_id, changes)
            after = replace(child, **{f: new for f, (_old, new) in changes.items()})
            audit.add(
                "update",
                "member",
                parent,
                {"child": (_describe(child), _describe(after))},
            )
