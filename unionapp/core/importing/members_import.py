"""The members register from a file: match, check, and plan adds and updates in bulk.

Each row is checked with ``members.validate`` (the same rules as the member form) plus what
only a file can get wrong: a card number twice in the file, two rows for one member, a card
and a personnel number that point at two different members, «?» for lost Kyrgyz letters.
A row is matched by card number, else by personnel number. Only the columns the file has are
compared and written, so a file without phones never wipes the phones already stored.
A matched member whose surname and name both differ from the row's may be another person
with a reused number: the import still goes ahead (people do change names), but the preview
and the summary carry a warning for that row so the chairperson looks before overwriting.

Speed matters (10,000 rows must take at most twice one openpyxl read pass), so everything
the rows are compared with is loaded once into dicts, and the writes are a few bulk
statements: no ORM objects and no query per row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from unionapp.core.errors import Problem
from unionapp.core.i18n import N_, get_language
from unionapp.core.importing.headers import Header, header_label
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
    parse_note,
    parse_reason,
    parse_sex_cell,
    parse_text,
    parse_yes_no,
    split_full_name,
)
from unionapp.core.importing.writing import AuditRows, bulk_insert
from unionapp.core.member_input import MEMBER_FIELDS, MemberInput, validate
from unionapp.core.member_list import search_text
from unionapp.core.models import Department, Member

KIND = "members"
PARSERS: dict[str, Parser] = {
    "card_no": parse_code,
    "personnel_no": parse_code,
    "surname": parse_text,
    "name": parse_text,
    "patronymic": parse_text,
    "full_name": parse_text,
    "sex": parse_sex_cell,
    "birth_date": parse_date,
    "department": parse_text,
    "position": parse_text,
    "join_date": parse_date,
    "exit_date": parse_date,
    "exit_reason": parse_reason,
    "pensioner": parse_yes_no,
    "phone": parse_code,
    "email": parse_text,
    "note": parse_note,
}
NAME_FIELDS = ("surname", "name", "patronymic")
ANOTHER_BY_CARD = N_(
    "Card number {card_no} belongs to {old} in the register; the file gives {new}. Check that "
    "this is the same person."
)
ANOTHER_BY_PERSONNEL = N_(
    "Personnel number {personnel_no} belongs to {old} in the register; the file gives {new}. "
    "Check that this is the same person."
)
EMPTY = MemberInput(card_no="", surname="", name="", join_date=None)


def prepare_header(header: Header, log: ProblemLog) -> None:
    """Choose separate name columns or one «ФИО» column; report missing required columns."""
    lang = get_language()  # a missing column is named in the user's language
    present = {f for f in header.fields if f}
    if {"surname", "name"} <= present:
        header.fields = [None if f == "full_name" else f for f in header.fields]
    elif "full_name" in present:
        header.fields = [None if f in NAME_FIELDS else f for f in header.fields]
        for name in NAME_FIELDS:
            log.columns[name] = log.columns["full_name"]
    else:
        log.add_at(
            header.row_no,
            header_label(KIND, "full_name", lang),
            None,
            N_(
                "There are no columns «{surname}» and «{name}», nor one column «{full_name}»: "
                "the names are required."
            ),
            surname=header_label(KIND, "surname", lang),
            name=header_label(KIND, "name", lang),
            full_name=header_label(KIND, "full_name", lang),
        )
    require_columns(KIND, header, log, ("card_no", "join_date"))


@dataclass
class Existing:
    """The register as it is, loaded once: members by id, card and personnel number."""

    members: dict[int, MemberInput] = field(default_factory=dict)
    by_card: dict[str, int] = field(default_factory=dict)
    by_personnel: dict[str, list[int]] = field(default_factory=dict)
    departments: dict[str, str] = field(default_factory=dict)  # casefolded -> as stored


def load_existing(session: Session) -> Existing:
    found = Existing()
    columns = [getattr(Member, f) for f in MEMBER_FIELDS if f != "department"]
    stmt = select(Member.id, Department.name, *columns).outerjoin(
        Department, Member.department_id == Department.id
    )
    names = [f for f in MEMBER_FIELDS if f != "department"]
    for member_id, department, *values in session.execute(stmt):
        data = MemberInput(**dict(zip(names, values, strict=True)), department=department)
        found.members[member_id] = data
        found.by_card[data.card_no] = member_id
        if data.personnel_no:
            found.by_personnel.setdefault(data.personnel_no, []).append(member_id)
    for (name,) in session.execute(select(Department.name)):
        found.departments[name.casefold()] = name
    return found


@dataclass
class MemberPlan:
    adds: list[MemberInput] = field(default_factory=list)
    updates: list[tuple[int, dict[str, tuple[Any, Any]]]] = field(default_factory=list)
    new_departments: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # rows to check; they import


def _full_name_values(values: dict[str, Any], bad: set[str]) -> None:
    text = values.pop("full_name", None)
    surname, name, patronymic = split_full_name(text or "")
    values.update(surname=surname, name=name, patronymic=patronymic)
    if "full_name" in bad:
        bad.update(NAME_FIELDS)


def _check_letters(
    row_no: int, values: dict[str, Any], bad: set[str], log: ProblemLog, full_mode: bool
) -> None:
    """Before a «ФИО» cell is split, so the message quotes the cell as written."""
    names = ("full_name",) if full_mode else NAME_FIELDS
    for name in (*names, "department", "position"):
        try:
            check_letters(values.get(name), free_text=name in ("department", "position"))
        except CellProblem as problem:
            bad.add(name)
            log.add(row_no, name, problem.msgid, **problem.params)


def analyse(session: Session, sheet: Sheet, today: dt.date) -> MemberPlan:
    """Check every row and plan what to write; writes nothing."""
    run = _Analysis(load_existing(session), sheet, today)
    read_row, plan_row, planned = sheet.read_row, run.plan_row, run.planned
    for done, (row_no, cells) in enumerate(sheet.rows, start=1):
        if done % 500 == 0:
            sheet.tick(done)
        values, bad = read_row(row_no, cells, PARSERS)
        planned[row_no] = plan_row(row_no, values, bad)
    run.refuse_repeated_cards()
    plan = run.plan
    used = {d.department for d in plan.adds} | {
        c["department"][1] for _id, c in plan.updates if "department" in c
    }
    plan.new_departments = sorted(d for d in run.new_departments.values() if d in used)
    plan.warnings = run.warnings.problems
    log = sheet.problems
    sheet.actions = {
        row_no: ERROR if row_no in log.rows else action for row_no, action in planned.items()
    }
    return plan


class _Analysis:
    """One pass over the rows: the register they are matched with, and what they plan."""

    def __init__(self, existing: Existing, sheet: Sheet, today: dt.date) -> None:
        self.existing = existing
        self.today = today
        self.log = log = sheet.problems
        present = sheet.fields_present()
        self.full_mode = full_mode = "full_name" in present
        self.file_fields = [
            f for f in MEMBER_FIELDS if f in present or (full_mode and f in NAME_FIELDS)
        ]
        self.plan = MemberPlan()
        self.warnings = ProblemLog(log.kind, log.file_name, log.header)
        self.warnings.columns = log.columns  # a «ФИО» column stands for the surname too
        self.planned: dict[int, str] = {}
        self.card_rows: dict[str, list[int]] = {}
        self.claimed: dict[int, int] = {}  # member id -> the first row that matched it
        self.new_departments: dict[str, str] = {}

    def plan_row(self, row_no: int, values: dict[str, Any], bad: set[str]) -> str:
        """Read, match and check one row; plan it as an add, an update or nothing."""
        existing, log = self.existing, self.log
        _check_letters(row_no, values, bad, log, self.full_mode)
        if self.full_mode:
            _full_name_values(values, bad)
        department = values.get("department")
        if department:
            key = department.casefold()
            department = existing.departments.get(key) or self.new_departments.setdefault(
                key, department
            )
            values["department"] = department
        card, personnel = values.get("card_no"), values.get("personnel_no")
        if card:
            self.card_rows.setdefault(card, []).append(row_no)
        member_id = self._match(row_no, card, personnel)
        base = existing.members[member_id] if member_id is not None else EMPTY
        data = replace(base, **values).normalized()
        if member_id is not None and _another_person(base, data):
            by_card = existing.by_card.get(card) == member_id if card else False
            self.warnings.add(
                row_no,
                "surname",
                ANOTHER_BY_CARD if by_card else ANOTHER_BY_PERSONNEL,
                card_no=card,
                personnel_no=personnel,
                old=_full_name(base),
                new=_full_name(data),
            )
        for error in validate(data, self.today):
            if error.field not in bad:
                log.add(row_no, error.field, error.msgid, **error.params)
        if member_id is None:
            self.plan.adds.append(data)
            return ADD
        return self._plan_update(row_no, member_id, base, data)

    def _match(self, row_no: int, card: str | None, personnel: str | None) -> int | None:
        """The member by card number, else by personnel number; a card and a personnel
        number of two different members is refused."""
        existing = self.existing
        member_id = existing.by_card.get(card) if card else None
        if member_id is None and personnel:
            ids = existing.by_personnel.get(personnel, [])
            member_id = ids[0] if len(ids) == 1 else None
        elif member_id is not None and personnel:
            others = [m for m in existing.by_personnel.get(personnel, []) if m != member_id]
            if others and personnel != existing.members[member_id].personnel_no:
                self.log.add(
                    row_no,
                    "personnel_no",
                    N_(
                        "Card number {card_no} belongs to {name}, but personnel number "
                        "{personnel_no} belongs to {other}."
                    ),
                    card_no=card,
                    name=_full_name(existing.members[member_id]),
                    personnel_no=personnel,
                    other=_full_name(existing.members[others[0]]),
                )
        return member_id

    def _plan_update(
        self, row_no: int, member_id: int, base: MemberInput, data: MemberInput
    ) -> str:
        """The file's columns that differ from the stored member; a member twice is refused."""
        claimed = self.claimed
        if member_id in claimed:
            self.log.add(
                row_no,
                "card_no",
                N_("Rows {first_row} and {row} are both the member {name}."),
                first_row=claimed[member_id],
                row=row_no,
                name=_full_name(base),
            )
        claimed[member_id] = claimed.get(member_id, row_no)
        changes = {
            f: (getattr(base, f), getattr(data, f))
            for f in self.file_fields
            if getattr(base, f) != getattr(data, f)
        }
        if changes:
            self.plan.updates.append((member_id, changes))
        return UPDATE if changes else SAME

    def refuse_repeated_cards(self) -> None:
        self.log.refuse_repeats(
            self.card_rows,
            "card_no",
            N_("Card number {card_no} appears more than once in the file: rows {rows}."),
            lambda card: {"card_no": card},
        )


def _another_person(stored: MemberInput, row: MemberInput) -> bool:
    """Both the surname and the name differ: not a married name or a corrected spelling."""
    if not (row.surname and row.name):
        return False  # a missing name is an error of its own

    def same(a: str, b: str) -> bool:
        return search_text(a) == search_text(b)

    return not same(stored.surname, row.surname) and not same(stored.name, row.name)


def _full_name(data: MemberInput) -> str:
    return " ".join(p for p in (data.surname, data.name, data.patronymic) if p)


def _row(data: MemberInput, department_ids: dict[str, int]) -> dict[str, Any]:
    row = {f: getattr(data, f) for f in MEMBER_FIELDS if f != "department"}
    row["department_id"] = department_ids[data.department] if data.department else None
    return row


def write(session: Session, plan: MemberPlan, audit: AuditRows) -> None:
    """Departments first, then new members, then changed ones: one bulk statement each."""
    if plan.new_departments:
        bulk_insert(session, Department, [{"name": n} for n in plan.new_departments])
    department_ids = {n: i for n, i in session.execute(select(Department.name, Department.id))}
    for name in plan.new_departments:
        audit.add("create", "department", department_ids[name], {"name": (None, name)})
    if plan.adds:
        bulk_insert(session, Member, [_row(d, department_ids) for d in plan.adds])
        ids = {c: i for c, i in session.execute(select(Member.card_no, Member.id))}
        for data in plan.adds:
            audit.add("create", "member", ids[data.card_no], None)
    if plan.updates:
        rows = []
        for member_id, changes in plan.updates:
            row: dict[str, Any] = {"id": member_id}
            for name, (_old, new) in changes.items():
                if name == "department":
                    row["department_id"] = department_ids[new] if new else None
                else:
                    row[name] = new
            rows.append(row)
            audit.add("update", "member", member_id, changes)
        session.execute(update(Member), rows)
        changed = [member_id for member_id, _changes in plan.updates]
        for start in range(0, len(changed), 500):  # each change raises the member's version
            session.execute(
                update(Member)
                .where(Member.id.in_(changed[start : start + 500]))
                .values(version=Member.version + 1)
            )
