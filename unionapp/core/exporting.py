"""Exporting a register to .xlsx or .csv in Kyrgyz or Russian, in a shape that imports back.

The column names are the first name of the chosen language in the importer's own table
(``importing.headers``), codes are written as their ru/ky labels from the DESIGN contract
(which the importer reads), dates as real Excel dates in .xlsx and dd.mm.yyyy in .csv, card
and personnel numbers as text so «0012» keeps its zeros. So an exported file always imports
back with nothing changed.

Dues go out one month per file (``export_register(..., month=)``) in the payroll import's own
columns with a «Месяц» column, because a payroll import is one month that it replaces: the
file imports back with ``import payroll`` (no ``--month`` needed) to the same people, wages
and dues. Money is written as som with two decimals.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select

from unionapp.core.atomic_files import atomic_output
from unionapp.core.codes import EXIT_REASON_ALIASES
from unionapp.core.db import Database
from unionapp.core.errors import UserError
from unionapp.core.formatting import format_date, format_month
from unionapp.core.i18n import LANGUAGES, N_
from unionapp.core.importing.headers import header_label
from unionapp.core.member_list import collation_key
from unionapp.core.models import Child, Department, Member, PayrollEntry
from unionapp.core.money import som_cell

RowsFunction = Callable[[Database, str, bool], tuple[Sequence[str], list[list[Any]]]]
BASE_KINDS = ("members", "children", "dues")
DUES_COLUMNS = ("personnel_no", "card_no", "full_name", "month", "wage", "withheld")
MEMBER_COLUMNS = (
    "card_no", "personnel_no", "surname", "name", "patronymic", "sex", "birth_date",
    "department", "position", "join_date", "exit_date", "exit_reason", "pensioner", "phone",
    "email", "note",
)
CHILD_COLUMNS = ("card_no", "parent_name", "full_name", "birth_date", "sex")
SEX_LETTERS = {"ru": {"M": "М", "F": "Ж"}, "ky": {"M": "Э", "F": "А"}}
YES_NO = {"ru": ("да", "нет"), "ky": ("ооба", "жок")}
# EXIT_REASON_ALIASES lists the contract's Russian label first and the Kyrgyz one second.
REASON_LABELS = {
    lang: {code: aliases[index] for code, aliases in EXIT_REASON_ALIASES.items()}
    for index, lang in enumerate(("ru", "ky"))
}
DATE_FORMAT = "DD.MM.YYYY"
COLUMN_WIDTHS = {"surname": 18, "name": 14, "patronymic": 18, "department": 26,
                 "position": 24, "note": 30, "full_name": 30, "parent_name": 30,
                 "exit_reason": 22, "email": 24}


# Rows are sorted here, not by ORDER BY, so every database writes the same file: text order
# would follow the database's collation (SQLite: code points, as Python's; PostgreSQL: the
# server's locale) and empty values sort first in SQLite but last in PostgreSQL. Names sort
# with the members window's own key (ң ө ү beside н о у, not after я), so a printed export
# lists people in the order the chairperson sees on screen.
def _name_key(surname: str, name: str, patronymic: str | None, card_no: str) -> tuple[str, str]:
    full = f"{surname} {name} {patronymic}" if patronymic else f"{surname} {name}"
    return collation_key(full), card_no


def _member_rows(db: Database) -> list[dict[str, Any]]:
    fields = [f for f in MEMBER_COLUMNS if f != "department"]
    stmt = select(Department.name, *(getattr(Member, f) for f in fields)).outerjoin(
        Department, Member.department_id == Department.id
    )
    with db.reading() as session:
        rows = [
            {"department": department, **dict(zip(fields, values, strict=True))}
            for department, *values in session.execute(stmt)
        ]
    rows.sort(key=lambda r: _name_key(r["surname"], r["name"], r["patronymic"], r["card_no"]))
    return rows


def _child_rows(db: Database) -> list[dict[str, Any]]:
    stmt = select(
        Member.card_no, Member.surname, Member.name, Member.patronymic,
        Child.full_name, Child.birth_date, Child.sex, Child.id,
    ).join(Member, Child.member_id == Member.id)
    with db.reading() as session:
        found = list(session.execute(stmt))
    # parent (as the members window sorts them), then children by birth date, unknown first
    found.sort(key=lambda r: (_name_key(r[1], r[2], r[3], r[0]), r[5] is not None,
                              r[5] or dt.date.min, r[7]))
    return [
        {
            "card_no": card_no,
            "parent_name": " ".join(p for p in (surname, name, patronymic) if p),
            "full_name": full_name,
            "birth_date": birth_date,
            "sex": sex,
        }
        for card_no, surname, name, patronymic, full_name, birth_date, sex, _id in found
    ]


def _shown(column: str, value: Any, lang: str) -> Any:
    """A stored value as the file writes it; dates stay dates for the writer to format."""
    if value is None:
        return None
    if column == "sex":
        return SEX_LETTERS[lang].get(value, value)
    if column == "exit_reason":
        return REASON_LABELS[lang].get(value, value)
    if column == "pensioner":
        return YES_NO[lang][0 if value else 1]
    return value


def _dues_rows(db: Database, month: dt.date, csv_file: bool) -> list[list[Any]]:
    """The month's payroll rows as imported, in their order; som as Decimal (text in .csv)."""
    stmt = (
        select(PayrollEntry.personnel_no, PayrollEntry.card_no, PayrollEntry.full_name,
               PayrollEntry.wage, PayrollEntry.withheld)
        .where(PayrollEntry.month == month)
        .order_by(PayrollEntry.row_no, PayrollEntry.id)
    )
    label = format_month(month)
    with db.reading() as session:
        found = list(session.execute(stmt))
    return [[p, c, n, label, som_cell(w, csv_file), som_cell(d, csv_file)]
            for p, c, n, w, d in found]


def export_register(
    db: Database, kind: str, path: Path, lang: str, month: dt.date | None = None
) -> int:
    """Write register ``kind`` to ``path`` (.xlsx or .csv); returns the rows written.
    ``month`` (its first day) is what a ``dues`` export writes, and it needs one."""
    path = Path(path)
    if kind not in export_kinds():
        raise UserError(
            N_("Unknown register: {kind}. Choose one of: {kinds}."),
            kind=kind,
            kinds=", ".join(export_kinds()),
        )
    if lang not in LANGUAGES:
        raise UserError(N_("Unknown language: {lang}. Choose ky or ru."), lang=lang)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise UserError(
            N_("{file}: a register can be exported to .xlsx or .csv only."), file=path.name
        )
    if kind == "dues":
        if month is None:
            raise UserError(N_("Give the month of the dues to export (YYYY-MM)."))
        columns: Sequence[str] = DUES_COLUMNS
        headers = [header_label("payroll", c, lang) for c in columns]
        rows = _dues_rows(db, month.replace(day=1), suffix == ".csv")
    elif kind in ("members", "children"):
        columns = MEMBER_COLUMNS if kind == "members" else CHILD_COLUMNS
        records = _member_rows(db) if kind == "members" else _child_rows(db)
        headers = [header_label(kind, c, lang) for c in columns]
        rows = [[_shown(c, record[c], lang) for c in columns] for record in records]
    else:
        columns, rows = _register_rows(kind)(db, lang, suffix == ".csv")
        headers = [header_label(kind, c, lang) for c in columns]
    writer = _write_xlsx if suffix == ".xlsx" else _write_csv
    atomic_write(path, lambda target: writer(target, columns, headers, rows))
    return len(rows)


# Registers whose rows come from their own module: kind -> "module:function", imported only
# when that register is exported. The function takes (db, lang, csv_file) and returns
# (columns, rows): column keys of ``importing.headers.COLUMNS[kind]`` and rows of values as
# the file writes them (labels in ``lang``, dates as dates, som as Decimal or text in .csv).
REGISTER_ROWS: dict[str, str] = {
    "cash": "unionapp.core.cash_export:cash_rows",
    "aid": "unionapp.core.aid_export:aid_rows",
    "vouchers": "unionapp.core.voucher_export:voucher_rows",
    "awards": "unionapp.core.awards_export:award_rows",
}


def export_kinds() -> tuple[str, ...]:
    return BASE_KINDS + tuple(REGISTER_ROWS)


def _register_rows(kind: str) -> RowsFunction:
    module_name, function = REGISTER_ROWS[kind].split(":")
    rows_function: RowsFunction = getattr(importlib.import_module(module_name), function)
    return rows_function


def atomic_write(path: Path, write: Any) -> None:
    """Write beside the target and rename, so a failed export never leaves half a file."""
    with atomic_output(path) as temp:
        write(temp)


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return format_date(value)
    return str(value)


def _write_csv(
    target: Path, columns: Sequence[str], headers: list[str], rows: Iterable[list[Any]]
) -> None:
    # UTF-8 with a BOM and «;»: what Excel on a Russian or Kyrgyz Windows opens correctly.
    with target.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=";", lineterminator="\r\n")
        writer.writerow(headers)
        writer.writerows([_csv_value(v) for v in row] for row in rows)


def _write_xlsx(
    target: Path, columns: Sequence[str], headers: list[str], rows: Iterable[list[Any]]
) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        width = COLUMN_WIDTHS.get(column, 14)
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    header_cells = []
    for text in headers:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    date_columns = {i for i, c in enumerate(columns) if c.endswith(("date", "_on"))}
    for row in rows:
        out: list[Any] = list(row)
        for i, value in enumerate(row):
            if value is None:
                continue
            if i in date_columns:
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = DATE_FORMAT
                out[i] = cell
            elif isinstance(value, str) and value.startswith("="):
                cell = WriteOnlyCell(sheet, value=value)
                cell.data_type = "s"  # text that looks like a formula stays text
                out[i] = cell
        sheet.append(out)
    workbook.save(target)
