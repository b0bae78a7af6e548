"""The year-end report as an .xlsx: one sheet of figures (the year before, the year, the change,
section by section, as the PDF prints them) and one sheet per breakdown (left by reason,
vouchers by kind, aid by reason, awards by type, dues by month).

Money cells are exact Decimal som with the 0.00 format and counts are integers, so the
higher body's clerk can add them up in Excel; the breakdown sheets carry the stored codes
beside their labels, so a program reading the file needs no translation.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from babel.dates import get_month_names

from unionapp.core.atomic_files import atomic_output
from unionapp.core.codes import AID_REASONS, EXIT_REASONS, VOUCHER_KINDS
from unionapp.core.i18n import N_, _, get_language
from unionapp.core.money import to_som
from unionapp.core.yearend_report import COUNT, MONEY, Row, YearEndReport, sections

MONEY_FORMAT, PERCENT_FORMAT = "#,##0.00", "0.0"
SHEETS = (
    N_("Figures"), N_("Left by reason"), N_("Vouchers by kind"), N_("Aid by reason"),
    N_("Awards by type"), N_("Dues by month"),
)


def _cell(value: int | Decimal | None, kind: str) -> int | Decimal | None:
    if value is None or kind == COUNT:
        return value
    return to_som(int(value)) if kind == MONEY else Decimal(value)


def _formats(sheet: Any, row: int, kinds: list[str], first_col: int) -> None:
    for offset, kind in enumerate(kinds):
        cell = sheet.cell(row=row, column=first_col + offset)
        if kind == MONEY:
            cell.number_format = MONEY_FORMAT
        elif kind != COUNT:
            cell.number_format = PERCENT_FORMAT


def _figures(sheet: Any, report: YearEndReport) -> None:
    from openpyxl.styles import Font

    bold = Font(bold=True)
    sheet.append([report.organization(get_language())])
    sheet.append([_("Year-end report for {year}").format(year=report.year)])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"].font = Font(bold=True, size=12)
    for text in report.current.note_texts():
        sheet.append([text])
    sheet.append([])
    sheet.append([_("Figure"), report.previous.year, report.year, _("Difference")])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for section in sections(report):
        sheet.append([section.title])
        sheet.cell(row=sheet.max_row, column=1).font = bold
        for row in section.rows:
            _figure_row(sheet, row)
    sheet.column_dimensions["A"].width = 58
    for letter in "BCD":
        sheet.column_dimensions[letter].width = 16


def _figure_row(sheet: Any, row: Row) -> None:
    label = ("    " if row.sub else "") + row.label
    sheet.append([label, _cell(row.previous, row.kind), _cell(row.current, row.kind),
                  _cell(row.change, row.kind)])
    _formats(sheet, sheet.max_row, [row.kind] * 3, 2)


def _table(sheet: Any, header: list[Any], rows: list[list[Any]], kinds: list[str],
           widths: list[int]) -> None:
    """A breakdown: a bold header, rows, money columns formatted; ``kinds`` per column."""
    from openpyxl.styles import Font

    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in rows:
        sheet.append(values)
        _formats(sheet, sheet.max_row, kinds, 1)
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width


def write_xlsx(report: YearEndReport, path: Path) -> None:
    """The workbook, written beside ``path`` and renamed into place."""
    from openpyxl import Workbook  # heavy: only when a file is written

    cur, prev = report.current, report.previous
    book = Workbook()
    figures = book.active
    assert figures is not None
    names = [_(name)[:31] for name in SHEETS]
    figures.title = names[0]
    _figures(figures, report)
    _table(book.create_sheet(names[1]),
           [_("Code"), _("Reason"), prev.year, cur.year],
           [[code, _(label), prev.left_by_reason.get(code, 0), cur.left_by_reason.get(code, 0)]
            for code, label in EXIT_REASONS.items()],
           ["", "", COUNT, COUNT], [14, 34, 10, 10])
    money = ["", "", COUNT, MONEY, MONEY, MONEY]
    total = cur.vouchers_total
    _table(book.create_sheet(names[2]),
           [_("Code"), _("Kind"), _("Vouchers"), _("Cost"), _("Co-payment"),
            _("Union's subsidy")],
           [*([code, VOUCHER_KINDS.label(code), v.count, to_som(v.cost), to_som(v.copay),
               to_som(v.subsidy)] for code, v in cur.vouchers.items()),
            ["", _("Total"), total.count, to_som(total.cost), to_som(total.copay),
             to_som(total.subsidy)]],
           money, [14, 34, 10, 16, 18, 18])
    _table(book.create_sheet(names[3]),
           [_("Code"), _("Reason"), _("Payments"), _("Amount")],
           [*([code, AID_REASONS.label(code), a.count, to_som(a.total)]
              for code, a in cur.aid_by_reason.items()),
            ["", _("Total"), cur.aid_count, to_som(cur.aid_total)]],
           ["", "", COUNT, MONEY], [14, 34, 10, 16])
    types = sorted(set(cur.awards_by_type) | set(prev.awards_by_type), key=str.casefold)
    _table(book.create_sheet(names[4]),
           [_("Award"), prev.year, cur.year],
           [[name, prev.awards_by_type.get(name, 0), cur.awards_by_type.get(name, 0)]
            for name in types],
           ["", COUNT, COUNT], [60, 10, 10])
    months = get_month_names("wide", context="stand-alone", locale=get_language())
    _table(book.create_sheet(names[5]),
           [_("Month"), prev.year, cur.year],
           [[str(months[month]).capitalize(), to_som(prev.dues_by_month[month - 1]),
             to_som(cur.dues_by_month[month - 1])] for month in range(1, 13)]
           + [[_("Total"), to_som(prev.dues_received), to_som(cur.dues_received)]],
           ["", MONEY, MONEY], [16, 16, 16])
    _save(book, path)


def _save(book: Any, path: Path) -> None:
    with atomic_output(path) as temp:
        book.save(temp)
