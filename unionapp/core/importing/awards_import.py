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
from functools import partial
from typing import Any

from sqlalchemy.orm import Session

from unionapp.core.award_certificates import format_certificate, parse_certificate
from unionapp.core.award_types import NAME_LIMIT, TypeIndex, name_key, seed_types
from unionapp.core.decisions import member_on
from unionapp.core.errors import ValidationError
from unionapp.core.i18n import N_
from unionapp.core.importing.awards_plan import NEW_TYPES as NEW_TYPES  # the summary's words
from unionapp.core.importing.awards_plan import (
    OPTIONAL,
    AwardsPlan,
    AwardsRegister,
    Cert,
    StoredAward,
    TypeRef,
)
from unionapp.core.importing.awards_write import number_new_awards
from unionapp.core.importing.awards_write import write as write  # the handler's third step
from unionapp.core.importing.headers import Header
from unionapp.core.importing.protocols import parse_protocol_no
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
from unionapp.core.money import MoneyError, to_tyiyn
from unionapp.core.quotes import inside_quotes

KIND = "awards"
REQUIRED_FIELDS = ("card_no", "award", "awarded_on", "decision_no")
REQUIRED = N_("This field is required.")
NEW_TYPE = N_("«{name}» is not in the catalogue: it is added as a new award type.")


def parse_award_name(value: Any) -> str | None:
    text = cell_text(value).strip("«»\" ")
    if not text:
        return None
    check_letters(text, free_text=True)
    if NAME_LIMIT is not None and len(text) > NAME_LIMIT:
        raise CellProblem(N_("The text is too long: {length} characters, at most {limit} fit "
                             "here."), length=len(text), limit=NAME_LIMIT)
    return text


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


def prepare_header(header: Header, log: ProblemLog) -> None:
    require_columns(KIND, header, log, REQUIRED_FIELDS)


def analyse(session: Session, sheet: Sheet, today: dt.date) -> AwardsPlan:
    """Check every row and plan new awards, new types and awarded nominations; writes nothing
    (but a database with no catalogue gets the common types first, in the same transaction,
    so the file's «Ардак грамота» is the seeded type rather than a new one)."""
    seed_types(session)
    reg = AwardsRegister(session)
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
    number_new_awards(session, plan, cert_rows)
    plan.warnings = warnings.problems
    sheet.actions = {
        row_no: ERROR if row_no in log.rows else action for row_no, action in planned.items()
    }
    return plan


def _member(
    reg: AwardsRegister, log: ProblemLog, row_no: int, values: dict[str, Any]
) -> int | None:
    card: str | None = values.get("card_no")
    member = reg.members.get(card) if card else None
    if card and member is None:
        log.add(row_no, "card_no", N_("There is no member with card number {card_no}."),
                card_no=card)
    return member


def _decision(
    reg: AwardsRegister, log: ProblemLog, row_no: int, values: dict[str, Any], bad: set[str],
    day: dt.date | None,
) -> int | None:
    """The protocol by number and date, else by number within the award's year."""
    protocols = reg.protocols
    decision = protocols.of_row(values, bad, day, partial(log.add, row_no, "decision_no"))
    if decision is not None and day is not None and day < protocols.held_on[decision]:
        log.add(row_no, "awarded_on",
                N_("The award date {awarded} is before the decision of {decided}."),
                awarded=day, decided=protocols.held_on[decision])
    return decision


def _plan_row(
    reg: AwardsRegister, log: ProblemLog, plan: AwardsPlan, row_no: int, row: dict[str, Any]
) -> str:
    member, type_ref, cert = row["member_id"], row["type_ref"], row["cert"]
    stored: StoredAward | None = None
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


def _changes(stored: StoredAward, row: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
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
    log.refuse_repeats(
        cert_rows, "certificate_no",
        N_("Certificate {number} is listed more than once: rows {rows}."),
        lambda cert: {"number": format_certificate(*cert)},
    )
    log.refuse_repeats(
        key_rows, "award",
        N_("The same award of the same person on one day is listed more than once: rows {rows}."),
    )


