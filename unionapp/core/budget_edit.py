"""Changing a year's budget: planned amounts, lines with their own wording, manual entries with
their documents, and a new year's plan copied from the last one.

Every change is one transaction and leaves its trace in the audit log; every refusal names its
field, all of them at once, so a form can mark each in place. A category's own line is made
the first time something is planned or posted to it; lines with their own wording are made
explicitly (``add_line``) and may be deleted while nothing is posted to them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from unionapp.core import audit
from unionapp.core.budget import category, check_year, line_label
from unionapp.core.db import Database
from unionapp.core.errors import NotFoundError, ValidationError, raise_all
from unionapp.core.formatting import format_money
from unionapp.core.i18n import N_
from unionapp.core.models import BudgetEntry, BudgetLine
from unionapp.core.money import AMOUNT_LIMIT
from unionapp.core.stored_text import length_limit, text_problem

# The money columns are INTEGER: PostgreSQL keeps 4 bytes, so 21 474 836,47 som is the most
# one line or entry can hold; refused here with a message rather than by the server.
MAX_AMOUNT = AMOUNT_LIMIT

REQUIRED = N_("This field is required.")
NEGATIVE_PLAN = N_("The planned amount cannot be negative.")
NOT_POSITIVE = N_("The amount must be more than zero.")
TOO_LARGE = N_("The amount is too large: at most {limit}.")
UNKNOWN_CATEGORY = N_("Unknown budget line: {value}.")
NO_SUCH_LINE = N_("The budget of {year} has no line «{line}».")
LINE_EXISTS = N_("The budget of {year} already has the line «{line}».")
NOT_IN_YEAR = N_("The date {date} is not in {year}: post it to that year's budget.")
IN_FUTURE = N_("The date {date} is in the future.")
OWN_LINE = N_("A category's own line stays in the budget; set its plan to zero instead.")
LINE_IN_USE = N_("The line «{line}» has {count} entries; delete them first.")
PLANNED_ALREADY = N_("The budget of {year} is planned already; change its lines one by one.")
NOTHING_TO_COPY = N_("Nothing is planned in {year}, so there is nothing to copy.")
LINE_GONE = N_("The budget line was not found (it may have been deleted).")
ENTRY_GONE = N_("The budget entry was not found (it may have been deleted).")

LINE_AUDITED = ("year", "side", "category", "name", "planned")
ENTRY_AUDITED = ("line_id", "entry_date", "amount", "document_no", "note")
NAME_LIMIT = length_limit(BudgetLine.__table__.c.name)
DOCUMENT_LIMIT = length_limit(BudgetEntry.__table__.c.document_no)


@dataclass
class EntryInput:
    """A manual posting as a form gives it; the line is its category (the side follows from
    it) and, for a line with its own wording, that wording. Money in tyiyn."""

    category: str | None
    name: str | None
    entry_date: dt.date | None
    amount: int | None
    document_no: str | None
    note: str | None = None


def _clean(text: str | None) -> str | None:
    return (text or "").strip() or None


# -- rules ------------------------------------------------------------------------------------
def _category_problems(code: str | None, field: str = "category") -> list[ValidationError]:
    if not code:
        return [ValidationError(REQUIRED, field=field)]
    if category(code) is None:
        return [ValidationError(UNKNOWN_CATEGORY, field=field, value=code)]
    return []


def _money_problems(field: str, value: int | None, *, planned: bool) -> list[ValidationError]:
    if value is None:
        return [ValidationError(REQUIRED, field=field)]
    if planned and value < 0:
        return [ValidationError(NEGATIVE_PLAN, field=field)]
    if not planned and value <= 0:
        return [ValidationError(NOT_POSITIVE, field=field)]
    if value > MAX_AMOUNT:
        return [ValidationError(TOO_LARGE, field=field, limit=format_money(MAX_AMOUNT))]
    return []


def _name_problems(name: str | None) -> list[ValidationError]:
    problem = text_problem("name", name, NAME_LIMIT)
    return [problem] if problem is not None else []


def _find_line(session: Session, year: int, code: str, name: str | None) -> BudgetLine | None:
    stmt = select(BudgetLine).where(BudgetLine.year == year, BudgetLine.category == code)
    stmt = stmt.where(BudgetLine.name.is_(None) if name is None else BudgetLine.name == name)
    return session.scalars(stmt.order_by(BudgetLine.id)).first()


def _new_line(session: Session, year: int, code: str, name: str | None,
              planned: int) -> BudgetLine:
    found = category(code)
    assert found is not None
    line = BudgetLine(year=year, side=found.side, category=code, name=name, planned=planned)
    session.add(line)
    session.flush()
    audit.record(session, "create", "budget_line", line.id,
                 {k: (None, getattr(line, k)) for k in LINE_AUDITED})
    return line


def _set_planned(session: Session, line: BudgetLine, planned: int) -> None:
    audit.record(session, "update", "budget_line", line.id, {"planned": (line.planned, planned)})
    line.planned = planned


def line_problems(code: str | None, name: str | None, planned: int | None, *,
                  new: bool) -> list[ValidationError]:
    """What a form can tell before saving a plan (``new``: a line with its own wording); the
    database's say (a line already there) comes when it is saved."""
    errors = _category_problems(code) + _money_problems("planned", planned, planned=True)
    if new:
        name = _clean(name)
        errors += [ValidationError(REQUIRED, field="name")] if name is None else \
            _name_problems(name)
    return errors


# -- lines ------------------------------------------------------------------------------------
def set_planned(db: Database, year: int, code: str | None, planned: int | None,
                name: str | None = None) -> int:
    """Plan ``planned`` tyiyn on a line (the category's own line when ``name`` is None, made
    if need be); returns the line's id."""
    check_year(year)
    name = _clean(name)
    raise_all(_category_problems(code) + _money_problems("planned", planned, planned=True))
    assert code is not None and planned is not None
    with db.transaction() as session:
        line = _find_line(session, year, code, name)
        if line is None:
            if name is not None:
                raise ValidationError(NO_SUCH_LINE, field="name", year=year,
                                      line=line_label(code, name))
            return _new_line(session, year, code, None, planned).id
        _set_planned(session, line, planned)
        return line.id


def add_line(db: Database, year: int, code: str | None, name: str | None,
             planned: int | None) -> int:
    """A line with its own wording («Нооруз майрамы») beside its category's line."""
    check_year(year)
    name = _clean(name)
    raise_all(line_problems(code, name, planned, new=True))
    assert code is not None and planned is not None and name is not None
    with db.transaction() as session:
        if _find_line(session, year, code, name) is not None:
            raise ValidationError(LINE_EXISTS, field="name", year=year,
                                  line=line_label(code, name))
        return _new_line(session, year, code, name, planned).id


def delete_line(db: Database, line_id: int) -> None:
    """Only a line with its own wording, and only while nothing is posted to it."""
    with db.transaction() as session:
        line = session.get(BudgetLine, line_id)
        if line is None:
            raise NotFoundError(LINE_GONE)
        if not line.name:
            raise ValidationError(OWN_LINE, field="line")
        count = session.scalar(
            select(func.count(BudgetEntry.id)).where(BudgetEntry.line_id == line_id)
        ) or 0
        if count:
            raise ValidationError(LINE_IN_USE, field="line",
                                  line=line_label(line.category, line.name), count=count)
        changes = {k: (getattr(line, k), None) for k in LINE_AUDITED}
        session.delete(line)
        audit.record(session, "delete", "budget_line", line_id, changes)


def copy_plan(db: Database, from_year: int, to_year: int) -> int:
    """A new year's plan: every planned line of ``from_year`` with the same amounts (then
    changed line by line). Refused when ``to_year`` has a plan already. Returns lines copied."""
    check_year(from_year)
    check_year(to_year)
    with db.transaction() as session:
        planned_now = session.scalar(
            select(func.count(BudgetLine.id)).where(BudgetLine.year == to_year,
                                                    BudgetLine.planned != 0)
        )
        if planned_now:
            raise ValidationError(PLANNED_ALREADY, field="year", year=to_year)
        source = list(session.scalars(
            select(BudgetLine).where(BudgetLine.year == from_year, BudgetLine.planned != 0)
            .order_by(BudgetLine.id)
        ))
        if not source:
            raise ValidationError(NOTHING_TO_COPY, field="year", year=from_year)
        for old in source:
            line = _find_line(session, to_year, old.category, old.name)
            if line is None:
                _new_line(session, to_year, old.category, old.name, old.planned)
            else:
                _set_planned(session, line, old.planned)
        return len(source)


# -- manual entries ---------------------------------------------------------------------------
def _entry_problems(session: Session, year: int, data: EntryInput,
                    today: dt.date) -> list[ValidationError]:
    errors = _category_problems(data.category)
    name = _clean(data.name)
    if (not errors and name is not None and data.category is not None
            and _find_line(session, year, data.category, name) is None):
        errors.append(ValidationError(NO_SUCH_LINE, field="category", year=year,
                                      line=line_label(data.category, name)))
    if data.entry_date is None:
        errors.append(ValidationError(REQUIRED, field="entry_date"))
    elif data.entry_date.year != year:
        errors.append(ValidationError(NOT_IN_YEAR, field="entry_date", date=data.entry_date,
                                      year=year))
    elif data.entry_date > today:
        errors.append(ValidationError(IN_FUTURE, field="entry_date", date=data.entry_date))
    errors += _money_problems("amount", data.amount, planned=False)
    document = _clean(data.document_no)
    if document is None:
        errors.append(ValidationError(REQUIRED, field="document_no"))
    else:
        problem = text_problem("document_no", document, DOCUMENT_LIMIT)
        errors += [problem] if problem is not None else []
    problem = text_problem("note", _clean(data.note), None)
    return errors + ([problem] if problem is not None else [])


def entry_problems(db: Database, year: int, data: EntryInput) -> list[ValidationError]:
    """What keeps ``data`` from being posted to ``year``'s budget (a form marks them all)."""
    check_year(year)
    with db.reading() as session:
        return _entry_problems(session, year, data, dt.date.today())


def _values(session: Session, year: int, data: EntryInput) -> dict[str, Any]:
    raise_all(_entry_problems(session, year, data, dt.date.today()))
    assert data.category is not None
    name = _clean(data.name)
    line = _find_line(session, year, data.category, name)
    if line is None:  # the category's own line, made on its first use
        line = _new_line(session, year, data.category, None, 0)
    return {
        "line_id": line.id,
        "entry_date": data.entry_date,
        "amount": data.amount,
        "document_no": _clean(data.document_no),
        "note": _clean(data.note),
    }


def add_entry(db: Database, year: int, data: EntryInput) -> int:
    """Post a manual entry to ``year``'s budget (one transaction, audited); returns its id."""
    check_year(year)
    with db.transaction() as session:
        values = _values(session, year, data)
        entry = BudgetEntry(**values)
        session.add(entry)
        session.flush()
        audit.record(session, "create", "budget_entry", entry.id,
                     {k: (None, values[k]) for k in ENTRY_AUDITED})
        return entry.id


def _entry(session: Session, entry_id: int) -> tuple[BudgetEntry, BudgetLine]:
    entry = session.get(BudgetEntry, entry_id)
    if entry is None:
        raise NotFoundError(ENTRY_GONE)
    line = session.get(BudgetLine, entry.line_id)
    assert line is not None
    return entry, line


def update_entry(db: Database, entry_id: int, data: EntryInput) -> None:
    """Change an entry, within its year (it may move to another line of that year)."""
    with db.transaction() as session:
        entry, line = _entry(session, entry_id)
        values = _values(session, line.year, data)
        changes = {k: (getattr(entry, k), values[k]) for k in ENTRY_AUDITED}
        for key, value in values.items():
            setattr(entry, key, value)
        audit.record(session, "update", "budget_entry", entry_id, changes)


def delete_entry(db: Database, entry_id: int) -> None:
    """For an entry posted by mistake; the audit keeps what it was."""
    with db.transaction() as session:
        entry, _line = _entry(session, entry_id)
        changes = {k: (getattr(entry, k), None) for k in ENTRY_AUDITED}
        session.delete(entry)
        audit.record(session, "delete", "budget_entry", entry_id, changes)


def get_entry(db: Database, entry_id: int) -> tuple[int, EntryInput]:
    """An entry's year and its fields, for the form that edits it."""
    with db.reading() as session:
        entry, line = _entry(session, entry_id)
        return line.year, EntryInput(line.category, line.name, entry.entry_date, entry.amount,
                                     entry.document_no, entry.note)
