"""Vouchers from a file: member by card number, kind, institution, dates, cost, co-payment, child.

A row is the same voucher as a stored one when the member, the kind, the start date and the
child agree, so importing a file again changes nothing; a matched voucher whose place, end,
money, source or protocol differ is updated. A column the file does not have leaves the stored
value alone (a file without «Источник» does not reset the sources).

The rules are the form's (``vouchers.voucher_problems``): a child who is not the member's or
outside the camp's ages, a co-payment above the cost, dates out of order, not a member on the
start date, a protocol never recorded. The kind may be a code or its ru/ky label; the child is
named as the register has them (the full name, or a part that fits one child only). An
institution the catalogue does not know is added to it with the row's kind, and the summary
says so.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from unionapp.core.codes import FUNDING_SOURCES, VOUCHER_KINDS
from unionapp.core.i18n import N_
from unionapp.core.importing.headers import Header
from unionapp.core.importing.protocols import Protocols, parse_protocol_no
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
    cell_text,
    check_letters,
    parse_code,
    parse_code_of,
    parse_date,
    within_amount_limit,
)
from unionapp.core.importing.writing import AuditRows, insert_audited
from unionapp.core.institutions import NAME_LIMIT, clean_name, name_key
from unionapp.core.member_list import search_text
from unionapp.core.models import Child, Institution, Member, Voucher
from unionapp.core.money import MoneyError, to_tyiyn
from unionapp.core.quotes import inside_quotes
from unionapp.core.stored_text import text_problem
from unionapp.core.voucher_rules import PersonFacts, PlaceFacts, voucher_problems

KIND = "vouchers"
REQUIRED_FIELDS = ("card_no", "kind", "start_date", "end_date", "cost")
REQUIRED = N_("This field is required.")
NEW_INSTITUTIONS = N_("New institutions added to the catalogue ({count}): {names}.")
NAMED_AT_MOST = 10  # the summary names this many new places, then «…» (the count says all)
# the form's field -> the file's column, where they differ
COLUMN_OF = {"member": "start_date", "decision": "decision_no"}
# what a matched voucher may have changed, and the column that says so
UPDATABLE = {"institution_id": "institution", "end_date": "end_date", "cost": "cost",
             "copay": "copay", "source": "source", "decision_id": "decision_no"}
Key = tuple[int, str, dt.date, int | None]  # member, kind, start date, child


def parse_kind(value: Any) -> str | None:
    return parse_code_of(
        value, VOUCHER_KINDS, N_("Unknown voucher kind: {value}. Write one of: {choices}.")
    )


def parse_source(value: Any) -> str | None:
    return parse_code_of(
        value, FUNDING_SOURCES, N_("Unknown source of money: {value}. Write one of: {choices}.")
    )


def parse_money(value: Any) -> int | None:
    """Som as written, to tyiyn; zero is fine (a free voucher), below zero is not."""
    if value is None or cell_text(value) == "":
        return None
    try:
        tyiyn = to_tyiyn(value)
    except (MoneyError, ArithmeticError) as exc:  # too many digits: decimal.InvalidOperation
        raise CellProblem(N_("Not an amount of money: {value}."), value=cell_text(value)) from exc
    if tyiyn < 0:
        raise CellProblem(N_("The amount cannot be negative."))
    return within_amount_limit(tyiyn)


def parse_name(value: Any) -> str | None:
    text = clean_name(cell_text(value))
    check_letters(text, free_text=True)
    return text or None


PARSERS: dict[str, Parser] = {
    "card_no": parse_code,
    "kind": parse_kind,
    "institution": parse_name,
    "start_date": parse_date,
    "end_date": parse_date,
    "cost": parse_money,
    "copay": parse_money,
    "child": parse_name,
    "source": parse_source,
    "decision_no": parse_protocol_no,
    "decision_date": parse_date,
}


def prepare_header(header: Header, log: ProblemLog) -> None:
    require_columns(KIND, header, log, REQUIRED_FIELDS)


@dataclass
class VoucherPlan:
    adds: list[dict[str, Any]] = field(default_factory=list)  # Voucher columns
    updates: list[tuple[int, dict[str, tuple[Any, Any]]]] = field(default_factory=list)
    new_places: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> name, kind

    def summary_fields(self) -> dict[str, Any]:
        if not self.new_places:
            return {}
        named = [f"«{inside_quotes(name)}»" for name, _kind in self.new_places.values()]
        names = ", ".join(named[:NAMED_AT_MOST]) + (", …" if len(named) > NAMED_AT_MOST else "")
        return {"notes": [(NEW_INSTITUTIONS, {"count": len(self.new_places), "names": names})]}


@dataclass
class _Register:
    """Everything a row is checked against, read once: no query per row."""

    protocols: Protocols
    members: dict[str, Member] = field(default_factory=dict)  # card number -> member
    children: dict[int, list[Child]] = field(default_factory=lambda: defaultdict(list))
    places: dict[str, Institution] = field(default_factory=dict)  # name key -> institution
    stored: dict[Key, Voucher] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> _Register:
        found = cls(Protocols(session))
        for member in session.scalars(select(Member)):
            found.members[member.card_no] = member
        for child in session.scalars(select(Child).order_by(Child.id)):
            found.children[child.member_id].append(child)
        for place in session.scalars(select(Institution)):
            found.places[name_key(place.name)] = place
        for v in session.scalars(select(Voucher).order_by(Voucher.id)):
            found.stored.setdefault((v.member_id, v.kind, v.start_date, v.child_id), v)
        return found


def find_child(children: list[Child], written: str) -> list[Child]:
    """The member's children the written name fits: the full name, else every word of it."""
    wanted = search_text(written).split()
    exact = [c for c in children if search_text(c.full_name).split() == wanted]
    if exact:
        return exact
    return [c for c in children if all(w in search_text(c.full_name).split() for w in wanted)]


def _member_name(member: Member) -> str:
    return f"{member.surname} {member.name}"


def analyse(session: Session, sheet: Sheet, today: dt.date) -> VoucherPlan:
    """Check every row and plan new and changed vouchers and new institutions; writes nothing."""
    reg = _Register.load(session)
    present = sheet.fields_present()
    log = sheet.problems
    plan = VoucherPlan()
    planned: dict[int, str] = {}
    key_rows: dict[Key, list[int]] = {}
    for done, (row_no, cells) in enumerate(sheet.rows, start=1):
        if done % 500 == 0:
            sheet.tick(done)
        values, bad = sheet.read_row(row_no, cells, PARSERS)
        row = _Row(row_no, values, bad, log)
        for required in REQUIRED_FIELDS:
            if values.get(required) is None and required not in bad:
                row.problem(required, REQUIRED)
        planned[row_no] = _plan_row(row, reg, plan, present, key_rows)
    log.refuse_repeats(
        key_rows, "start_date", N_("The same voucher is listed more than once: rows {rows}.")
    )
    sheet.actions = {
        row_no: ERROR if row_no in log.rows else action for row_no, action in planned.items()
    }
    return plan


@dataclass
class _Row:
    row_no: int
    values: dict[str, Any]
    bad: set[str]
    log: ProblemLog

    def problem(self, column: str, msgid: str, /, **params: Any) -> None:
        self.log.add(self.row_no, column, msgid, **params)
        self.bad.add(column)


def _plan_row(
    row: _Row, reg: _Register, plan: VoucherPlan, present: set[str],
    key_rows: dict[Key, list[int]],
) -> str:
    v = row.values
    card: str | None = v.get("card_no")
    member = reg.members.get(card) if card else None
    if card and member is None:
        row.problem("card_no", N_("There is no member with card number {card_no}."), card_no=card)
    kind: str | None = v.get("kind")
    start: dt.date | None = v.get("start_date")
    child = _child(row, member, v.get("child"), reg)
    place_id, place = _place(row, kind, v.get("institution"), reg, plan)
    decision = reg.protocols.of_row(v, row.bad, start, partial(row.problem, "decision_no"))
    for problem in voucher_problems(
        kind=kind, start=start, end=v.get("end_date"), cost=v.get("cost"),
        copay=v.get("copay") or 0, source=v.get("source"),
        member=PersonFacts(_member_name(member), member.join_date, member.exit_date)
        if member is not None else None,
        child=PersonFacts(child.full_name, birth_date=child.birth_date) if child else None,
        place=place,
    ):
        column = COLUMN_OF.get(problem.field, problem.field)
        if column == "child" and "child" in row.bad:
            continue  # the child's own problem says it already
        row.problem(column, problem.msgid, **problem.params)
    if member is None or kind is None or start is None or row.bad:
        return ERROR
    key = (member.id, kind, start, child.id if child else None)
    key_rows.setdefault(key, []).append(row.row_no)
    new = {"institution_id": place_id, "end_date": v["end_date"], "cost": v["cost"],
           "copay": v.get("copay") or 0, "source": v.get("source") or "own",
           "decision_id": decision}
    stored = reg.stored.get(key)
    if stored is None:
        plan.adds.append({"member_id": member.id, "child_id": key[3], "kind": kind,
                          "start_date": start, "note": None, **new})
        return ADD
    changes = {
        name: (getattr(stored, name), new[name])
        for name, column in UPDATABLE.items()
        if column in present and getattr(stored, name) != new[name]
    }
    if not changes:
        return SAME
    plan.updates.append((stored.id, changes))
    return UPDATE


def _child(row: _Row, member: Member | None, written: str | None, reg: _Register) -> Child | None:
    if member is None or not written:
        return None
    fits = find_child(reg.children.get(member.id, []), written)
    if not fits:
        row.problem("child", N_("{member} has no child «{child}» in the register: add the "
                                "child to the member's card first."),
                    member=_member_name(member), child=written)
        return None
    if len(fits) > 1:
        row.problem("child", N_("{member} has more than one child that «{child}» fits: write "
                                "the child's full name."),
                    member=_member_name(member), child=written)
        return None
    return fits[0]


def _place(
    row: _Row, kind: str | None, written: str | None, reg: _Register, plan: VoucherPlan
) -> tuple[int | str | None, PlaceFacts | None]:
    """The institution's id (or the key of one the import adds) and its facts."""
    if not written:
        return None, None
    key = name_key(written)
    place = reg.places.get(key)
    if place is not None:
        return place.id, PlaceFacts(place.name, place.kind, place.min_child_age,
                                    place.max_child_age)
    too_long = text_problem("institution", written, NAME_LIMIT)
    if too_long is not None:
        row.problem("institution", too_long.msgid, **too_long.params)
        return None, None
    if kind is None:
        return None, None
    name, place_kind = plan.new_places.setdefault(key, (written, kind))
    return key, PlaceFacts(name, place_kind, None, None)


def write(session: Session, plan: VoucherPlan, audit: AuditRows) -> None:
    """New institutions first (the vouchers point at them), then vouchers; all audited."""
    place_ids: dict[str, int] = {}
    for key, (name, kind) in plan.new_places.items():
        place = Institution(name=name, kind=kind)
        session.add(place)
        session.flush()
        place_ids[key] = place.id
        audit.add("create", "institution", place.id, {"name": (None, name), "kind": (None, kind)})

    def resolved(value: Any) -> Any:
        return place_ids[value] if isinstance(value, str) else value

    for voucher_id, changes in plan.updates:
        voucher = session.get(Voucher, voucher_id)
        assert voucher is not None
        changes = {k: (old, resolved(new) if k == "institution_id" else new)
                   for k, (old, new) in changes.items()}
        for name, (_old, new) in changes.items():
            setattr(voucher, name, new)
        audit.add("update", "voucher", voucher_id, changes)
    if not plan.adds:
        return
    for row in plan.adds:
        row["institution_id"] = resolved(row["institution_id"])
    insert_audited(session, Voucher, "voucher", plan.adds, audit)
