"""Awards from a file: the member by card number, the award by name, the date and the protocol.

A row is an award already in the register when its certificate number is stored («2026/017»),
else when the member, the award type and the date agree; an open nomination of the member for
that award (nominated by then) is awarded by the row. So importing a file again, or importing an
export back, changes nothing. Rows without a certificate number are numbered by award date
(file order within a day) after the highest number of their year, as the form numbers them.

An award name the catalogue does not know (Russian names of the seeded types are known) adds a
new type: the first row naming it is listed as a row worth a look - a misspelt name would make
a type of its own - and the summary names the new types. Every refusal of the form is a
refusal of the row: no such member or protocol, awarded before the decision, not a member that
day, a date in the future, a certificate number given to someone else or not of that year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from unionapp.core.award_types import NAME_LIMIT, TypeIndex, guess_level_form, name_key, seed_types
from unionapp.core.awards import burn, burnt_up_to, format_certificate, parse_certificate
from unionapp.core.decisions import (
    AMBIGUOUS_DECISION,
    UNKNOWN_DECISION,
    UNKNOWN_DECISION_ON,
    member_on,
)
from unionapp.core.errors import Problem, ValidationError
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
    cell_text,
    check_letters,
    parse_code,
    parse_date,
    parse_note,
    within_amount_limit,
)
from unionapp.core.importing.writing import AuditRows, bulk_insert
from unionapp.core.models import Award, AwardType, Decision, Member
from unionapp.core.money import MoneyError, to_tyiyn
from unionapp.core.quotes import inside_quotes

KIND = "awards"
REQUIRED_FIELDS = ("card_no", "award", "awarded_on", "decision_no")
REQUIRED = N_("This field is required.")
NEW_TYPE = N_("«{name}» is not in the catalogue: it is added as a new award type.")
NEW_TYPES = N_("New award types added to the catalogue ({count}): {names}.")
Cert = tuple[int, int]
TypeRef = int | str  # a stored type's id, or the name key of a type the file adds


def parse_award_name(value: Any) -> str | None:
    text = cell_text(value).strip("«»\" ")
    if not text:
        return None
    check_letters(text, free_text=True)
    if NAME_LIMIT is not None and len(text) > NAME_LIMIT:
        raise CellProblem(N_("The text is too long: {length} characters, at most {limit} fit "
                             "here."), length=len(text), limit=NAME_LIMIT)
    return text


def parse_protocol_no(value: Any) -> str | None:
    """«7», «№ 7», «7.0» from Excel: the number as protocols are cited."""
    text = cell_text(value).lstrip("№").strip()
    return " ".join(text.split()) or None


def parse_certificate_cell(value: Any) -> Cert | None:
    try:
        return parse_certificate(cell_text(value))
    except ValidationError as exc:
        raise CellProblem(exc.msgid, **exc.params) from exc


def parse_cost(value: Any) -> int:
    """A gift's or prize's cost in som; empty is none (0)."""
    if value is None or cell_text(value) == "":
        return 0
    try:
        tyiyn = to_tyiyn(value)
    except (MoneyError, ArithmeticError) as exc:  # too many digits: decimal.InvalidOperation
        raise CellProblem(N_("Not an amount of money: {value}."), value=cell_text(value)) from exc
    if tyiyn < 0:
        raise CellProblem(N_("The amount cannot be negative."))
    return within_amount_limit(tyiyn)


PARSERS: dict[str, Parser] = {
    "card_no": parse_code,
    "award": parse_award_name,
    "awarded_on": parse_date,
    "decision_no": parse_protocol_no,
    "decision_date": parse_date,
    "certificate_no": parse_certificate_cell,
    "reason": parse_note,
    "cost": parse_cost,
}
# columns an update may change, when the file has them
OPTIONAL = ("reason", "cost")


def prepare_header(header: Header, log: ProblemLog) -> None:
    require_columns(KIND, header, log, REQUIRED_FIELDS)


@dataclass
class _Stored:
    id: int
    member_id: int
    type_id: int
    nominated_on: dt.date | None
    awarded_on: dt.date | None
    decision_id: int | None
    cert: Cert | None
    reason: str | None
    cost: int


@dataclass
class AwardsPlan:
    new_types: dict[str, str] = field(default_factory=dict)  # name key -> name as written
    adds: list[dict[str, Any]] = field(default_factory=list)  # Award columns + "type_ref"
    updates: list[tuple[_Stored, dict[str, Any]]] = field(default_factory=list)
    numbered: list[dict[str, Any]] = field(default_factory=list)  # rows given the next number
    warnings: list[Problem] = field(default_factory=list)

    def summary_fields(self) -> dict[str, Any]:
        if not self.new_types:
            return {}
        names = ", ".join(f"«{inside_quotes(name)}»" for name in self.new_types.values())
        return {"notes": [(NEW_TYPES, {"count": len(self.new_types), "names": names})]}


class _Register:
    """Everything a row is checked against, read once: no query per row."""

    def __init__(self, session: Session) -> None:
        self.members: dict[str, int] = {}
        self.spans: dict[int, tuple[dt.date, dt.date | None, str]] = {}
        for member_id, card, join, exit_, surname, name in session.execute(select(
            Member.id, Member.card_no, Member.join_date, Member.exit_date, Member.surname,
            Member.name,
        )):
            self.members[card] = member_id
            self.spans[member_id] = (join, exit_, f"{surname} {name}")
        self.by_date: dict[tuple[str, dt.date], int] = {}
        self.by_year: dict[tuple[str, int], int] = {}  # the latest of that number in the year
        self.held_on: dict[int, dt.date] = {}
        self.in_year: dict[tuple[str, int], int] = {}  # how many protocols share the number
        for decision_id, number, held_on in session.execute(
            select(Decision.id, Decision.number, Decision.held_on).order_by(Decision.held_on)
        ):
            self.by_date[(number, held_on)] = decision_id
            self.by_year[(number, held_on.year)] = decision_id
            self.held_on[decision_id] = held_on
            key = (number, held_on.year)
            self.in_year[key] = self.in_year.get(key, 0) + 1
        self.by_cert: dict[Cert, _Stored] = {}
        self.by_key: dict[tuple[int, int, dt.date], _Stored] = {}
        self.open: dict[tuple[int, int], list[_Stored]] = {}
        # ordered here, not by ORDER BY: empty dates sort first in SQLite, last in PostgreSQL,
        # and the oldest nomination (undated first) must be the one a row awards on both
        stored_awards = sorted(session.scalars(select(Award)),
                               key=lambda a: (a.nominated_on or dt.date.min, a.id))
        for a in stored_awards:
            cert = (a.cert_year, a.cert_seq) if a.cert_year and a.cert_seq else None
            stored = _Stored(a.id, a.member_id, a.award_type_id, a.nominated_on, a.awarded_on,
                             a.decision_id, cert, a.reason, a.cost)
            if cert is not None:
                self.by_cert[cert] = stored
            if a.awarded_on is not None:
                self.by_key.setdefault((a.member_id, a.award_type_id, a.awarded_on), stored)
            else:
                self.open.setdefault((a.member_id, a.award_type_id), []).append(stored)

    def match(self, member: int, type_ref: TypeRef, day: dt.date) -> _Stored | None:
        """The stored award a row without a certificate number stands for, if any."""
        if not isinstance(type_ref, int):
            return None
        found = self.by_key.get((member, type_ref, day))
        if found is not None:
            return found
        waiting = self.open.get((member, type_ref), [])
        for stored in waiting:
            if stored.nominated_on is None or stored.nominated_on <= day:
                waiting.remove(stored)  # one row awards one nomination
                return stored
        return None


def analyse(session: Session, sheet: Sheet, today: dt.date) -> AwardsPlan:
    """Check every row and plan new awards, new types and awarded nominations; writes nothing
    (but a database with no catalogue gets the common types first, in the same transaction,
    so the file's «Ардак грамота» is the seeded type rather than a new one)."""
    seed_types(session)
    reg = _Register(session)
    types = TypeIndex.load(session)
    log = sheet.problems
    warnings = ProblemLog(log.kind, log.file_name, log.header)
    warnings.columns = log.columns
    present = sheet.fields_present()
    plan = AwardsPlan()
    planned: dict[int, str] = {}
    cert_rows: dict[Cert, list[int]] = {}
    key_rows: dict[tuple[int, str, dt.date], list[int]] = {}
    for done, (row_no, cells) in enumerate(sheet.rows, start=1):
        if done % 500 == 0:
            sheet.tick(done)
        values, bad = sheet.read_row(row_no, cells, PARSERS)
        for required in REQUIRED_FIELDS:
            if values.get(required) is None and required not in bad:
                log.add(row_no, required, REQUIRED)
        member = _member(reg, log, row_no, values)
        day: dt.date | None = values.get("awarded_on")
        decision = _decision(reg, log, row_no, values, bad, day)
        cert: Cert | None = values.get("certificate_no")
        if cert is not None and day is not None and cert[0] != day.year:
            log.add(row_no, "certificate_no",
                    N_("Certificate {number} is of {year}, the award of {award_year}."),
                    number=format_certificate(*cert), year=cert[0], award_year=day.year)
            cert = None  # one message for one wrong number
        if day is not None and day > today:
            log.add(row_no, "awarded_on", N_("The date {date} is in the future."), date=day)
        elif member is not None and day is not None:
            join, exit_, who = reg.spans[member]
            if not member_on(join, exit_, day):
                log.add(row_no, "awarded_on", N_("{name} was not a member on {date}."),
                        name=who, date=day)
        name: str | None = values.get("award")
        if member is None or day is None or name is None or decision is None:
            planned[row_no] = ERROR
            continue
        type_ref: TypeRef | None = types.find(name)
        if type_ref is None:
            type_ref = name_key(name)
            if type_ref not in plan.new_types:
                plan.new_types[type_ref] = name
                warnings.add(row_no, "award", NEW_TYPE, name=inside_quotes(name))
        key_rows.setdefault((member, name_key(name), day), []).append(row_no)
        if cert is not None:
            cert_rows.setdefault(cert, []).append(row_no)
        row = {"member_id": member, "type_ref": type_ref, "awarded_on": day,
               "decision_id": decision, "cert": cert}
        for optional in OPTIONAL:
            if optional in present:
                row[optional] = values.get(optional) if optional != "cost" else (
                    values.get("cost") or 0)
        planned[row_no] = _plan_row(reg, log, plan, row_no, row)
    _refuse_repeats(log, cert_rows, key_rows)
    _number(session, reg, plan, cert_rows)
    plan.warnings = warnings.problems
    sheet.actions = {
        row_no: ERROR if row_no in log.rows else action for row_no, action in planned.items()
    }
    return plan


def _member(reg: _Register, log: ProblemLog, row_no: int, values: dict[str, Any]) -> int | None:
    card: str | None = values.get("card_no")
    member = reg.members.get(card) if card else None
    if card and member is None:
        log.add(row_no, "card_no", N_("There is no member with card number {card_no}."),
                card_no=card)
    return member


def _decision(
    reg: _Register, log: ProblemLog, row_no: int, values: dict[str, Any], bad: set[str],
    day: dt.date | None,
) -> int | None:
    """The protocol by number and date, else by number within the award's year."""
    number: str | None = values.get("decision_no")
    held_on: dt.date | None = values.get("decision_date")
    if number is None or "decision_date" in bad:
        return None
    decision: int | None = None
    if held_on is not None:
        decision = reg.by_date.get((number, held_on))
        if decision is None:
            log.add(row_no, "decision_no", UNKNOWN_DECISION_ON, number=number, date=held_on)
    elif day is not None and reg.in_year.get((number, day.year), 0) > 1:
        log.add(row_no, "decision_no", AMBIGUOUS_DECISION, count=reg.in_year[(number, day.year)],
                number=number, year=day.year)
    elif day is not None:
        decision = reg.by_year.get((number, day.year))
        if decision is None:
            log.add(row_no, "decision_no", UNKNOWN_DECISION, number=number, year=day.year)
    if decision is not None and day is not None and day < reg.held_on[decision]:
        log.add(row_no, "awarded_on",
                N_("The award date {awarded} is before the decision of {decided}."),
                awarded=day, decided=reg.held_on[decision])
    return decision


def _plan_row(
    reg: _Register, log: ProblemLog, plan: AwardsPlan, row_no: int, row: dict[str, Any]
) -> str:
    member, type_ref, cert = row["member_id"], row["type_ref"], row["cert"]
    stored: _Stored | None = None
    if cert is not None and cert in reg.by_cert:
        stored = reg.by_cert[cert]
        if stored.member_id != member or stored.type_id != type_ref:
            _join, _exit, holder = reg.spans[stored.member_id]
            log.add(row_no, "certificate_no",
                    N_("Certificate {number} is already given to {name}."),
                    number=format_certificate(*cert), name=holder)
            return ERROR
    else:
        stored = reg.match(member, type_ref, row["awarded_on"])
    if stored is not None and cert is None:
        row["cert"] = stored.cert  # the number it has is kept (None: numbered below)
    if stored is None:
        plan.adds.append(row)
        if cert is None:
            plan.numbered.append(row)
        return ADD
    changes = _changes(stored, row)
    if row["cert"] is None:
        plan.numbered.append(row)
        changes["cert"] = (None, None)  # the number comes from _number
    if not changes:
        return SAME
    plan.updates.append((stored, row))
    return UPDATE


def _changes(stored: _Stored, row: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    changes: dict[str, tuple[Any, Any]] = {}
    pairs = [("awarded_on", stored.awarded_on), ("decision_id", stored.decision_id),
             ("cert", stored.cert)]
    pairs += [(name, getattr(stored, name)) for name in OPTIONAL if name in row]
    for name, old in pairs:
        if row[name] != old:
            changes[name] = (old, row[name])
    return changes


def _refuse_repeats(
    log: ProblemLog, cert_rows: dict[Cert, list[int]],
    key_rows: dict[tuple[int, str, dt.date], list[int]],
) -> None:
    """The same certificate number, or the same award of one person on one day, twice."""
    for cert, rows in cert_rows.items():
        if len(rows) > 1:
            for row_no in rows:
                log.add(row_no, "certificate_no",
                        N_("Certificate {number} is listed more than once: rows {rows}."),
                        number=format_certificate(*cert), rows=", ".join(map(str, rows)))
    for rows in key_rows.values():
        if len(rows) > 1:
            for row_no in rows:
                log.add(row_no, "award",
                        N_("The same award of the same person on one day is listed more than "
                           "once: rows {rows}."), rows=", ".join(map(str, rows)))


def _number(
    session: Session, reg: _Register, plan: AwardsPlan, cert_rows: dict[Cert, list[int]]
) -> None:
    """Next numbers per year, by award date (file order within a day), after every number
    given or typed that year."""
    years = {row["awarded_on"].year for row in plan.numbered}
    last: dict[int, int] = {}
    for year in years:
        stored = session.scalar(select(func.max(Award.cert_seq)).where(Award.cert_year == year))
        typed = max((seq for (y, seq) in cert_rows if y == year), default=0)
        last[year] = max(stored or 0, burnt_up_to(session, year), typed)
    for row in sorted(plan.numbered, key=lambda r: r["awarded_on"]):  # stable: file order
        year = row["awarded_on"].year
        last[year] += 1
        row["cert"] = (year, last[year])


def write(session: Session, plan: AwardsPlan, audit: AuditRows) -> None:
    """New types, then new awards in one bulk insert, then awarded or changed ones; audited."""
    type_ids: dict[str, int] = {}
    for key, name in plan.new_types.items():
        level, form = guess_level_form(name)
        award_type = AwardType(name=name, level=level, form=form, active=True)
        session.add(award_type)
        session.flush()
        type_ids[key] = award_type.id
        audit.add("create", "award_type", award_type.id,
                  {"name": (None, name), "level": (None, level), "form": (None, form)})
    for stored, row in plan.updates:
        _update(session, stored, row, audit)
    if not plan.adds:
        return
    rows = [_columns(row, type_ids) for row in plan.adds]
    last_id = session.scalar(select(func.max(Award.id))) or 0
    bulk_insert(session, Award, rows)
    stmt = select(Award.id).where(Award.id > last_id).order_by(Award.id)
    for award_id, row in zip(session.scalars(stmt), rows, strict=True):
        shown = {k: v for k, v in row.items() if k not in ("cert_year", "cert_seq", "note")}
        shown["certificate"] = format_certificate(row["cert_year"], row["cert_seq"])
        audit.add("create", "award", award_id, {k: (None, v) for k, v in shown.items()})


def _columns(row: dict[str, Any], type_ids: dict[str, int]) -> dict[str, Any]:
    type_ref = row["type_ref"]
    return {
        "member_id": row["member_id"],
        "award_type_id": type_ref if isinstance(type_ref, int) else type_ids[type_ref],
        "status": "awarded",
        "nominated_on": None,
        "awarded_on": row["awarded_on"],
        "decision_id": row["decision_id"],
        "cert_year": row["cert"][0],
        "cert_seq": row["cert"][1],
        "cost": row.get("cost", 0),
        "reason": row.get("reason"),
        "note": None,
    }


def _update(session: Session, stored: _Stored, row: dict[str, Any], audit: AuditRows) -> None:
    award = session.get(Award, stored.id)
    assert award is not None
    old_cert = stored.cert
    if old_cert is not None and old_cert != row["cert"]:
        burn(session, *old_cert)
    changes: dict[str, tuple[Any, Any]] = {
        "status": (award.status, "awarded"),
        "awarded_on": (award.awarded_on, row["awarded_on"]),
        "decision_id": (award.decision_id, row["decision_id"]),
        "certificate": (format_certificate(*old_cert) if old_cert else None,
                        format_certificate(*row["cert"])),
    }
    award.status, award.awarded_on = "awarded", row["awarded_on"]
    award.decision_id = row["decision_id"]
    award.cert_year, award.cert_seq = row["cert"]
    for name in OPTIONAL:
        if name in row:
            changes[name] = (getattr(award, name), row[name])
            setattr(award, name, row[name])
    audit.add("update", "award", stored.id, changes)
