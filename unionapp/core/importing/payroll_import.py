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
from unionapp.core.importing.payroll_cells import (
    BAD_MONTH_ARGUMENT as BAD_MONTH_ARGUMENT,
)
from unionapp.core.importing.payroll_cells import (
    amount_of,
    month_name,
    month_of_text,
    parse_amount,
    parse_month_cell,
)
from unionapp.core.importing.payroll_cells import (
    parse_month_argument as parse_month_argument,  # the CLI's and the service's --month
)
from unionapp.core.importing.payroll_matching import load_members, match_entry
from unionapp.core.importing.sheet import ADD, ERROR, Parser, ProblemLog, Sheet, require_columns
from unionapp.core.importing.tabular import is_empty_cell
from unionapp.core.importing.values import (
    CellProblem,
    parse_code,
    parse_text,
)
from unionapp.core.importing.writing import AuditRows, bulk_insert
from unionapp.core.models import PayrollEntry
from unionapp.core.money import as_som_text

KIND = "payroll"
TOTAL_WORD_MAX = 16  # «Жыйынтыгы:» with spaces around fits; a person's name rarely does
NO_MONTH = N_(
    "{file} does not say which month it is for: give the month (YYYY-MM) or add a column "
    "«{column}»."
)

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


def analyse(session: Session, sheet: Sheet, today: dt.date) -> PayrollPlan:
    """Check every row, the totals and the month; plan the month's rows. Writes nothing."""
    del today  # a payroll row has no dates to compare with today
    log = sheet.problems
    totals = _cut_at_totals(sheet)
    read = _read_rows(sheet, _given_month(sheet))
    _refuse_repeated_personnel(log, read.personnel_rows)
    if totals is not None:
        _check_totals(sheet, totals, {k: v for k, v in read.sums.items() if k not in read.bad})
    month = read.month
    if month is None:
        lang = get_language()
        raise UserError(NO_MONTH, file=sheet.source, column=header_label(KIND, "month", lang))
    members = load_members(session)
    warnings = ProblemLog(log.kind, log.file_name, log.header)
    plan = PayrollPlan(month=month)
    for row_no, values in read.parsed:
        plan.rows.append(match_entry(row_no, values, members, warnings, month, sheet.source))
    plan.replaced = session.scalar(
        select(func.count()).select_from(PayrollEntry).where(PayrollEntry.month == month)
    ) or 0
    plan.warnings = warnings.problems
    sheet.actions = {
        row_no: ERROR if row_no in log.rows else ADD for row_no, _cells in sheet.rows
    }
    return plan


def _cut_at_totals(sheet: Sheet) -> tuple[int, list[Any]] | None:
    """Keep the rows above a totals row «Итого» as the data; return the totals row, if any."""
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
    return totals


def _given_month(sheet: Sheet) -> dt.date | None:
    """The month given (``--month``) or stated by the title block; they must agree."""
    given: dt.date | None = sheet.month
    title = _title_month(sheet)
    if title is not None:
        title_row, stated = title
        if given is not None and stated != given:
            sheet.problems.add_at(
                title_row,
                "A",
                0,
                N_("The file is for {stated}, but the month given is {given}."),
                stated=month_name(stated),
                given=month_name(given),
            )
        given = given or stated
    return given


@dataclass
class _ReadRows:
    """The data rows read: their values, the columns' sums, and the month they settle on."""

    month: dt.date | None
    parsed: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    personnel_rows: dict[str, list[int]] = field(default_factory=dict)
    sums: dict[str, int] = field(default_factory=lambda: {"wage": 0, "withheld": 0})
    bad: set[str] = field(default_factory=set)  # a column with a bad amount has no sum to check


def _read_rows(sheet: Sheet, given: dt.date | None) -> _ReadRows:
    """Every data row's cells read and checked on their own (one loop: 10k rows are timed)."""
    log = sheet.problems
    read = _ReadRows(given)
    parsed, personnel_rows, sums = read.parsed, read.personnel_rows, read.sums
    unreadable = read.bad  # locals in the loop (this one and ``given``): no attribute look-ups
    for done, (row_no, cells) in enumerate(sheet.rows, start=1):
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
                    stated=month_name(row_month),
                    given=month_name(given),
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
    read.month = given
    return read


def _refuse_repeated_personnel(log: ProblemLog, personnel_rows: dict[str, list[int]]) -> None:
    log.refuse_repeats(
        personnel_rows,
        "personnel_no",
        N_("Personnel number {personnel_no} appears more than once in the file: rows {rows}."),
        lambda personnel: {"personnel_no": personnel},
    )


def _check_totals(sheet: Sheet, totals: tuple[int, list[Any]], sums: dict[str, int]) -> None:
    row_no, cells = totals
    log = sheet.problems
    for name in sums:  # a column left out has a bad amount already listed: no second error
        index = log.columns.get(name)
        if index is None or index >= len(cells) or is_empty_cell(cells[index]):
            continue
        try:
            stated = amount_of(cells[index])
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
