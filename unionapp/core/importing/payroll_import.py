"""The accounting office's monthly dues list: match rows to members and replace the month.

Real lists come out of 1C with a title block («за октябрь 2026 г.»), a running-number column,
a totals row «Итого» and signatures under it. The totals row is the accountant's own check,
so it is compared with the rows' sums instead of being imported, and whatever follows it is
ignored. The month comes from ``--month`` or the file (a «Месяц» column or the title block);
when both speak they must agree, since importing October's list as November would silently
replace the wrong month.

A row names its member by personnel number, else card number, else the exact full name; a
name-only match is a warning to look at. A row that matches nobody is still stored (with no
member): it is dues withheld from someone who is not in the register, which reconciliation
lists. Re-importing a month deletes that month's rows and inserts the new ones in the same
transaction, so a month is never doubled.

Speed: one read of the file, members loaded once into dicts, one delete and one bulk insert.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from unionapp.core.errors import Problem, UserError
from unionapp.core.i18n import N_, get_language
from unionapp.core.importing.headers import Header, header_label
from unionapp.core.importing.sheet import ADD, ERROR, Parser, ProblemLog, Sheet, require_columns
from unionapp.core.importing.tabular import is_empty_cell
from unionapp.core.importing.values import (
    CellProblem,
    cell_text,
    parse_code,
    parse_text,
    within_amount_limit,
)
from unionapp.core.importing.writing import AuditRows, bulk_insert
from unionapp.core.models import Member, PayrollEntry
from unionapp.core.money import MoneyError, as_som_text, to_tyiyn

KIND = "payroll"
TOTAL_WORD_MAX = 16  # «Жыйынтыгы:» with spaces around fits; a person's name rarely does
NO_MONTH = N_(
    "{file} does not say which month it is for: give the month (YYYY-MM) or add a column "
    "«{column}»."
)
BAD_MONTH_ARGUMENT = N_("Not a month: {value}. Write the month as YYYY-MM, for example 2026-10.")

# Russian and Kyrgyz month names by stem, in any grammatical case («октябрь», «октября»).
_MONTH_STEMS = (
    ("январ", 1), ("феврал", 2), ("март", 3), ("апрел", 4), ("май", 5), ("мая", 5),
    ("мае", 5), ("июн", 6), ("июл", 7), ("август", 8), ("сентябр", 9), ("октябр", 10),
    ("ноябр", 11), ("декабр", 12),
)
_WORD_YEAR = re.compile(r"([а-яё]+)\s+(\d{4})", re.IGNORECASE)
_NUMERIC_MONTH = re.compile(r"^\s*(?:(\d{1,2})[./-](\d{4})|(\d{4})[./-](\d{1,2}))\s*$")


def parse_month_argument(value: str | dt.date | None) -> dt.date | None:
    """``--month 2026-10`` (or a date) -> the first day of that month."""
    if value is None or isinstance(value, dt.date):
        return value.replace(day=1) if value is not None else None
    month = month_of_text(value)
    if month is None:
        raise UserError(BAD_MONTH_ARGUMENT, value=value)
    return month


def month_of_text(text: str) -> dt.date | None:
    """«10.2026», «2026-10», «октябрь 2026», «за октябрь 2026 г.»; None when none is there."""
    match = _NUMERIC_MONTH.match(text)
    if match:
        month, year = (match.group(1), match.group(2)) if match.group(1) else match.group(4, 3)
        return _month(int(year), int(month))
    for word, year in _WORD_YEAR.findall(text):
        key = word.casefold()
        for stem, number in _MONTH_STEMS:
            if key.startswith(stem):
                return _month(int(year), number)
    return None


def _month(year: int, month: int) -> dt.date | None:
    return dt.date(year, month, 1) if 1 <= month <= 12 and 1900 < year < 2200 else None


def parse_month_cell(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime | dt.date):
        return dt.date(value.year, value.month, 1)
    text = cell_text(value)
    if not text:
        return None
    month = month_of_text(text)
    if month is None:
        raise CellProblem(N_("Not a month: {value}. Write it as mm.yyyy."), value=text)
    return month


def parse_amount(value: Any) -> int | None:
    """Som as written -> tyiyn; an amount below zero, not a number or too large is refused."""
    tyiyn = _amount(value)
    return None if tyiyn is None else within_amount_limit(tyiyn)


def _amount(value: Any) -> int | None:
    """Som as written -> tyiyn, with no upper limit: a totals row sums thousands of wages."""
    if is_empty_cell(value):
        return None
    if type(value) is int:  # most cells of a 1C export: no text or Decimal to go through
        if value < 0:
            raise CellProblem(N_("The amount {value} is below zero."), value=cell_text(value))
        return value * 100
    try:
        tyiyn = to_tyiyn(value)
    except (MoneyError, ArithmeticError) as exc:  # too many digits: decimal.InvalidOperation
        raise CellProblem(
            N_("Not an amount of money: {value}."), value=cell_text(value)
        ) from exc
    if tyiyn < 0:
        raise CellProblem(N_("The amount {value} is below zero."), value=cell_text(value))
    return tyiyn


PARSERS: dict[str, Parser] = {
    "personnel_no": parse_code,
    "card_no": parse_code,
    "full_name": parse_text,
    "wage": parse_amount,
    "withheld": parse_amount,
    "month": parse_month_cell,
}


def prepare_header(header: Header, log: ProblemLog) -> None:
    lang = get_language()
    present = {f for f in header.fields if f}
    require_columns(KIND, header, log, ("wage", "withheld"))
    if not present & {"personnel_no", "card_no", "full_name"}:
        label = header_label(KIND, "personnel_no", lang)
        log.add_at(
            header.row_no,
            label,
            None,
            N_(
                "There is no column «{personnel_no}», «{card_no}» or «{full_name}»: the rows "
                "must say whose dues they are."
            ),
            personnel_no=label,
            card_no=header_label(KIND, "card_no", lang),
            full_name=header_label(KIND, "full_name", lang),
        )


def name_key(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass
class Members:
    """The register loaded once: member ids by personnel number, card number and full name."""

    by_personnel: dict[str, list[int]] = field(default_factory=dict)
    by_card: dict[str, int] = field(default_factory=dict)
    by_name: dict[str, list[int]] = field(default_factory=dict)
    # all-digit personnel numbers without their leading zeros: 1C writes «00010007» for the
    # «10007» typed into the register, and that is the same number
    by_digits: dict[str, list[int]] = field(default_factory=dict)


def digits_key(personnel: str) -> str | None:
    return (personnel.lstrip("0") or "0") if personnel.isdigit() else None


def load_members(session: Session) -> Members:
    found = Members()
    stmt = select(Member.id, Member.personnel_no, Member.card_no, Member.surname, Member.name,
                  Member.patronymic)
    for member_id, personnel, card, surname, name, patronymic in session.execute(stmt):
        if personnel:
            found.by_personnel.setdefault(personnel, []).append(member_id)
            digits = digits_key(personnel)
            if digits is not None:
                found.by_digits.setdefault(digits, []).append(member_id)
        found.by_card[card] = member_id
        full = " ".join(p for p in (surname, name, patronymic) if p)
        found.by_name.setdefault(name_key(full), []).append(member_id)
    return found


@dataclass
class PayrollPlan:
    month: dt.date
    rows: list[dict[str, Any]] = field(default_factory=list)
    replaced: int = 0  # rows of the month already stored, deleted by the import
    warnings: list[Problem] = field(default_factory=list)

    def summary_fields(self) -> dict[str, Any]:
        matched = sum(1 for r in self.rows if r["member_id"] is not None)
        return {
            "month": self.month,
            "matched": matched,
            "unmatched": len(self.rows) - matched,
            "replaced": self.replaced,
            "total_wage": sum(r["wage"] for r in self.rows),
            "total_withheld": sum(r["withheld"] for r in self.rows),
        }


# «Итого», «Всего», «Жыйынтыгы»/«Жыйынтык», «Total», with any punctuation or spaces around,
# in any case: one C-level regex match per text cell instead of normalizing every cell of
# every row (that was a tenth of a 10k-row import).
_TOTAL_CELL = re.compile(r"\W*(?:итого|всего|жыйынтыгы|жыйынтык|total)\W*", re.IGNORECASE)


def _is_totals_row(cells: list[Any]) -> bool:
    """A cell saying «Итого»; names and longer notes are passed over without normalizing."""
    return any(
        isinstance(c, str) and len(c) <= TOTAL_WORD_MAX and _TOTAL_CELL.fullmatch(c) is not None
        for c in cells
    )


def _title_month(sheet: Sheet) -> tuple[int, dt.date] | None:
    """The month a title block above the header states («за октябрь 2026 г.»), with its row."""
    for row_no, cells in sheet.table.rows[: sheet.header.position]:
        for cell in cells:
            if isinstance(cell, str):
                month = month_of_text(cell)
                if month is not None:
                    return row_no, month
    return None


def _month_name(month: dt.date) -> str:
    return f"{month:%Y-%m}"


def analyse(session: Session, sheet: Sheet, today: dt.date) -> PayrollPlan:
    """Check every row, the totals and the month; plan the month's rows. Writes nothing."""
    del today  # a payroll row has no dates to compare with today
    log = sheet.problems
    warnings = ProblemLog(log.kind, log.file_name, log.header)
    data_rows: list[tuple[int, list[Any]]] = []
    totals: tuple[int, list[Any]] | None = None
    for row_no, cells in sheet.rows:
        if _is_totals_row(cells):
            totals = (row_no, cells)
            break  # signatures and notes under the totals are not data
        data_rows.append((row_no, cells))
    sheet.rows = data_rows
    if totals is not None:  # empty rows among the signatures are not skipped data
        sheet.skipped = sum(
            1
            for row_no, cells in sheet.table.rows[sheet.header.position + 1 :]
            if row_no < totals[0] and all(is_empty_cell(c) for c in cells)
        )

    given: dt.date | None = sheet.month
    title = _title_month(sheet)
    if title is not None:
        title_row, stated = title
        if given is not None and stated != given:
            log.add_at(
                title_row,
                "A",
                0,
                N_("The file is for {stated}, but the month given is {given}."),
                stated=_month_name(stated),
                given=_month_name(given),
            )
        given = given or stated

    members = load_members(session)
    parsed: list[tuple[int, dict[str, Any]]] = []
    personnel_rows: dict[str, list[int]] = {}
    sums = {"wage": 0, "withheld": 0}
    unreadable: set[str] = set()  # a column with a bad amount has no sum to check the totals by
    for done, (row_no, cells) in enumerate(data_rows, start=1):
        if done % 500 == 0:
            sheet.tick(done)
        values, bad = sheet.read_row(row_no, cells, PARSERS)
        unreadable |= bad
        wage, withheld = values.get("wage"), values.get("withheld")
        if wage is None and "wage" not in bad:
            log.add(row_no, "wage", N_("The wage is empty."))
        if withheld is None and "withheld" not in bad:
            values["withheld"] = withheld = 0
        if wage == 0 and withheld:
            log.add(
                row_no,
                "withheld",
                N_("Dues of {amount} are withheld from a wage of 0."),
                amount=as_som_text(withheld),
            )
        sums["wage"] += wage or 0
        sums["withheld"] += withheld or 0
        row_month = values.get("month")
        if row_month is not None:
            if given is None:
                given = row_month
            elif row_month != given:
                log.add(
                    row_no,
                    "month",
                    N_("The row is for {stated}, but the month given is {given}."),
                    stated=_month_name(row_month),
                    given=_month_name(given),
                )
        personnel = values.get("personnel_no")
        if personnel:
            personnel_rows.setdefault(personnel, []).append(row_no)
        if not (personnel or values.get("card_no") or values.get("full_name")):
            log.add(
                row_no,
                "personnel_no" if "personnel_no" in log.columns else "full_name",
                N_("The row does not say whose dues they are."),
            )
        parsed.append((row_no, values))

    for personnel, rows in personnel_rows.items():
        if len(rows) > 1:
            for row_no in rows:
                log.add(
                    row_no,
                    "personnel_no",
                    N_("Personnel number {personnel_no} appears more than once in the file: "
                       "rows {rows}."),
                    personnel_no=personnel,
                    rows=", ".join(str(r) for r in rows),
                )
    if totals is not None:
        _check_totals(sheet, totals, {k: v for k, v in sums.items() if k not in unreadable})
    if given is None:
        lang = get_language()
        raise UserError(NO_MONTH, file=sheet.source, column=header_label(KIND, "month", lang))

    plan = PayrollPlan(month=given)
    for row_no, values in parsed:
        plan.rows.append(_entry(row_no, values, members, warnings, given, sheet.source))
    plan.replaced = session.scalar(
        select(func.count()).select_from(PayrollEntry).where(PayrollEntry.month == given)
    ) or 0
    plan.warnings = warnings.problems
    sheet.actions = {
        row_no: ERROR if row_no in log.rows else ADD for row_no, _cells in data_rows
    }
    return plan


def _check_totals(sheet: Sheet, totals: tuple[int, list[Any]], sums: dict[str, int]) -> None:
    row_no, cells = totals
    log = sheet.problems
    for name in sums:  # a column left out has a bad amount already listed: no second error
        index = log.columns.get(name)
        if index is None or index >= len(cells) or is_empty_cell(cells[index]):
            continue
        try:
            stated = _amount(cells[index])
        except CellProblem as problem:
            log.add(row_no, name, problem.msgid, **problem.params)
            continue
        if stated != sums[name]:
            log.add(
                row_no,
                name,
                N_("The totals row says {stated}, but the rows add up to {computed}."),
                stated=as_som_text(stated or 0),
                computed=as_som_text(sums[name]),
            )


def _entry(
    row_no: int,
    values: dict[str, Any],
    members: Members,
    warnings: ProblemLog,
    month: dt.date,
    source: str,
) -> dict[str, Any]:
    personnel, card, full_name = (values.get(k) for k in ("personnel_no", "card_no", "full_name"))
    member_id: int | None = None
    if personnel:
        ids = members.by_personnel.get(personnel, [])
        if not ids and (digits := digits_key(personnel)) is not None:
            ids = members.by_digits.get(digits, [])
        member_id = ids[0] if len(ids) == 1 else None
    if member_id is None and card:
        member_id = members.by_card.get(card)
    if member_id is None and full_name:
        ids = members.by_name.get(name_key(full_name), [])
        if len(ids) == 1:
            member_id = ids[0]
            warnings.add(
                row_no,
                "full_name",
                N_("Matched to the member {name} by the name only: check that it is them."),
                name=full_name,
            )
    return {
        "month": month,
        "row_no": row_no,
        "member_id": member_id,
        "personnel_no": personnel,
        "card_no": card,
        "full_name": full_name,
        "wage": values.get("wage") or 0,
        "withheld": values.get("withheld") or 0,
        "source": source,
    }


def write(session: Session, plan: PayrollPlan, audit: AuditRows) -> None:
    """The month's old rows out and the new ones in, inside the import's one transaction."""
    session.execute(delete(PayrollEntry).where(PayrollEntry.month == plan.month))
    bulk_insert(session, PayrollEntry, plan.rows)
    audit.add(
        "import",
        "payroll",
        plan.month.year * 100 + plan.month.month,
        {"rows": (plan.replaced, len(plan.rows))},
    )
