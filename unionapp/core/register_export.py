"""The register file for the higher body's electronic register (issue 7 part 5), format v1.

The Federation keeps its members electronically but publishes no file format, so this one
is ours, written down in README.md ("Register file for the higher body (format v1)") and
versioned: a program reading it checks the format name and version first; a later version
only adds columns at the right or figures at the end, and raises the number.

- ``.xlsx``: sheet «Members» — a header block (rows 1-6: label in A, value in B: format,
  version, the organization's identifier and name, the date, the count), an empty row, the
  column names in the file's language in row 8 and one member per row from row 9; sheet
  «Figures» — the figures of the date (members, women, youth, pensioners) and the year's
  figures (DESIGN.md "Year-end figures") of the last whole year on the date, one per row
  with its stable key in column C.
- ``.csv``: the members only. Line 1 is a comment (``#``) holding the format name, version,
  organization identifier and name, the date and the count; line 2 the column codes; UTF-8
  with a BOM, «;», dates as YYYY-MM-DD (what a program parses without guessing).

Codes are the same in both: sex ``M``/``F`` (empty: unknown), pensioner and youth ``1``/``0``
(youth empty when the birth date is unknown). A member on day D joined on or before D and
left after D or not at all (DESIGN.md); youth is the age on D at most ``youth.max_age``.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select

from unionapp.core import settings
from unionapp.core.db import Database
from unionapp.core.errors import UserError
from unionapp.core.exporting import atomic_write
from unionapp.core.formatting import format_date
from unionapp.core.i18n import LANGUAGES, N_, translate_in
from unionapp.core.importing.headers import header_label
from unionapp.core.member_list import age_on, collation_key
from unionapp.core.models import Department, Member
from unionapp.core.register_figures import Figure, year_figures

FORMAT_NAME = "unionapp-register"
FORMAT_VERSION = 1
MEMBERS_SHEET, FIGURES_SHEET = "Members", "Figures"  # fixed names: part of the format
HEADER_ROW = 8  # the column names of sheet «Members»; members from the next row
COLUMNS = (
    "card_no", "personnel_no", "surname", "name", "patronymic", "sex", "birth_date",
    "join_date", "department", "position", "pensioner", "youth",
)
YOUTH_LABEL = N_("Youth (age on the date up to {age})")
BLOCK_LABELS = (
    N_("Format"), N_("Format version"), N_("Organization identifier"), N_("Organization"),
    N_("Members on"), N_("Members"),
)
FIGURE_LABELS = {
    "members": N_("Members on the date"),
    "women": N_("Women"),
    "youth": N_("Youth"),
    "pensioners": N_("Pensioners"),
}
WIDTHS = {"surname": 20, "name": 14, "patronymic": 18, "department": 28, "position": 24}


@dataclass(frozen=True)
class RegisterRow:
    card_no: str
    personnel_no: str | None
    surname: str
    name: str
    patronymic: str | None
    sex: str | None  # "M", "F" or None
    birth_date: dt.date | None
    join_date: dt.date
    department: str | None
    position: str | None
    pensioner: bool
    youth: bool | None  # None: no birth date

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.surname, self.name, self.patronymic) if part)

    def cells(self) -> list[Any]:
        """The row as both files hold it, codes included (dates stay dates)."""
        return [self.card_no, self.personnel_no, self.surname, self.name, self.patronymic,
                self.sex, self.birth_date, self.join_date, self.department, self.position,
                int(self.pensioner), None if self.youth is None else int(self.youth)]


@dataclass(frozen=True)
class Register:
    day: dt.date
    org_id: str
    org_names: dict[str, str]  # language -> name
    youth_max_age: int
    rows: list[RegisterRow]

    def org_name(self, lang: str) -> str:
        other = "ru" if lang == "ky" else "ky"
        return self.org_names.get(lang) or self.org_names.get(other) or ""

    @property
    def women(self) -> int:
        return sum(r.sex == "F" for r in self.rows)

    @property
    def youth(self) -> int:
        return sum(bool(r.youth) for r in self.rows)

    @property
    def pensioners(self) -> int:
        return sum(r.pensioner for r in self.rows)

    def figures(self) -> list[tuple[str, int]]:
        """(key, count) of the date, in the order the «Figures» sheet lists them."""
        return [("members", len(self.rows)), ("women", self.women), ("youth", self.youth),
                ("pensioners", self.pensioners)]


def check_day(day: dt.date, today: dt.date | None = None) -> None:
    """A register is of a day that has come: a future date is refused."""
    today = today or dt.date.today()
    if day > today:
        raise UserError(N_("The date {date} is in the future; a register is made for today or "
                           "a day before."), date=format_date(day))


def members_on(db: Database, day: dt.date) -> Register:
    """The members on ``day``, sorted as the members window sorts them."""
    stored = settings.get_all(db)
    max_age = int(stored["youth.max_age"])
    stmt = (
        select(Member.card_no, Member.personnel_no, Member.surname, Member.name,
               Member.patronymic, Member.sex, Member.birth_date, Member.join_date,
               Department.name, Member.position, Member.pensioner)
        .outerjoin(Department, Department.id == Member.department_id)
        .where(Member.join_date <= day, or_(Member.exit_date.is_(None), Member.exit_date > day))
    )
    with db.reading() as s:
        found = list(s.execute(stmt))
    rows = [
        RegisterRow(card, personnel, surname, name, patronymic, sex, birth, join, department,
                    position, bool(pensioner),
                    None if birth is None else age_on(birth, day) <= max_age)
        for (card, personnel, surname, name, patronymic, sex, birth, join, department,
             position, pensioner) in found
    ]
    # as the members window and the other exports order people (ң ө ү beside н о у)
    rows.sort(key=lambda r: (collation_key(r.full_name), r.card_no))
    return Register(day, stored["org.id"], {"ky": stored["org.name_ky"],
                                            "ru": stored["org.name_ru"]}, max_age, rows)


def write_register(db: Database, day: dt.date, path: Path, lang: str,
                   today: dt.date | None = None) -> int:
    """Write the register on ``day`` to ``path`` (.xlsx or .csv); returns the members."""
    path = Path(path)
    if lang not in LANGUAGES:
        raise UserError(N_("Unknown language: {lang}. Choose ky or ru."), lang=lang)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise UserError(N_("{file}: the register can be written to .xlsx or .csv only."),
                        file=path.name)
    check_day(day, today)
    register = members_on(db, day)
    write: Callable[[Path], None]
    if suffix == ".csv":
        def write(target: Path) -> None:
            _write_csv(register, target, lang)
    else:
        year = year_figures(db, day, lang)

        def write(target: Path) -> None:
            _write_xlsx(register, year, target, lang)
    atomic_write(path, write)
    return len(register.rows)


def column_labels(register: Register, lang: str) -> list[str]:
    labels = [header_label("members", c, lang) for c in COLUMNS[:-1]]
    return [*labels, translate_in(lang, YOUTH_LABEL).format(age=register.youth_max_age)]


def comment_line(register: Register, lang: str) -> list[str]:
    """The csv's first line, as cells: ``#unionapp-register;1;id;name;date;count``."""
    return [f"#{FORMAT_NAME}", str(FORMAT_VERSION), register.org_id, register.org_name(lang),
            register.day.isoformat(), str(len(register.rows))]


def _write_csv(register: Register, target: Path, lang: str) -> None:
    def text(value: Any) -> str:
        if value is None:
            return ""
        return value.isoformat() if isinstance(value, dt.date) else str(value)

    with target.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=";", lineterminator="\r\n")
        writer.writerow(comment_line(register, lang))
        writer.writerow(COLUMNS)
        writer.writerows([text(v) for v in row.cells()] for row in register.rows)


def _write_xlsx(register: Register, year: Sequence[Figure], target: Path,
                lang: str) -> None:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)  # rows in order: fast and light at 10k members
    sheet = book.create_sheet(MEMBERS_SHEET)
    for column, name in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = WIDTHS.get(name, 14)
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    values: list[Any] = [FORMAT_NAME, FORMAT_VERSION, register.org_id, register.org_name(lang),
                         register.day, len(register.rows)]
    for label, value in zip(BLOCK_LABELS, values, strict=True):
        sheet.append([_cell(sheet, translate_in(lang, label), bold=True), _cell(sheet, value)])
    sheet.append([])
    sheet.append([_cell(sheet, label, bold=True) for label in column_labels(register, lang)])
    for member in register.rows:
        sheet.append([_cell(sheet, value) for value in member.cells()])
    _figures_sheet(book.create_sheet(FIGURES_SHEET), register, year, lang)
    book.save(target)


def _cell(sheet: Any, value: Any, *, bold: bool = False) -> Any:
    """A cell as the format wants it: dates as dates, text always text («=…» is no formula),
    Decimals with their own number of decimals. Plain values go as they are (a styled cell
    per value would make 10k members several times slower)."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    plain = not (bold or isinstance(value, dt.date | Decimal)
                 or (isinstance(value, str) and value.startswith("=")))
    if value is None or plain:
        return value
    cell = WriteOnlyCell(sheet, value=value)
    if bold:
        cell.font = Font(bold=True)
    if isinstance(value, dt.date):
        cell.number_format = "DD.MM.YYYY"
    elif isinstance(value, str):
        cell.data_type = "s"
    elif isinstance(value, Decimal):
        places = -int(value.as_tuple().exponent)
        cell.number_format = "0." + "0" * places if places > 0 else "0"
    return cell


def _figures_sheet(sheet: Any, register: Register, year: Sequence[Figure],
                   lang: str) -> None:
    sheet.column_dimensions["A"].width = 48
    sheet.column_dimensions["B"].width = 16
    sheet.column_dimensions["C"].width = 40
    sheet.append([_cell(sheet, translate_in(lang, label), bold=True)
                  for label in (N_("Figure"), N_("Value"), N_("Key"))])
    rows: list[Figure] = [
        (f"on_date.{key}", translate_in(lang, FIGURE_LABELS[key]), value)
        for key, value in register.figures()
    ]
    for key, label, value in [*rows, *year]:
        sheet.append([_cell(sheet, label), _cell(sheet, value), _cell(sheet, key)])
