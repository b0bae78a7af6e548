"""The budget (смета) of a year as a PDF (ReportLab) and as an .xlsx (openpyxl), in the current
language: both faces (``unionapp report budget`` and the Budget page) call these, so the paper
the audit commission reads and the file the treasurer opens hold the same figures.

Income and expenses are two tables of planned / actual / remaining / % used, each closed by its
total; a line spent over its plan says «Overspent» in words (printouts are black and white),
and the manual entries follow with their documents. Where the actual figures come from is
printed under the tables, since the reader cannot ask the program.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from unionapp.core.atomic_files import atomic_output
from unionapp.core.budget import (
    EXPENSE,
    INCOME,
    SIDES,
    Budget,
    LineRow,
    SideTotals,
    percent_text,
    status_text,
)
from unionapp.core.formatting import format_date, format_money
from unionapp.core.i18n import N_, _
from unionapp.core.money import to_som

TITLE = N_("Budget of income and expenses for {year}")
AS_OF = N_("Actual amounts as of {date}")
EMPTY = N_("Nothing is planned or recorded for {year}: every figure is zero.")
SOURCES = N_(
    "Actual amounts of dues retained, recreation, material aid and awards are counted from the "
    "registers: the dues statement, the subsidies of vouchers paid from the organization's own "
    "funds, aid paid and the costs of awards given in the year. The manual entries below add "
    "to their lines."
)
BALANCE = N_("Income less expenses: planned {planned}, actual {actual}.")
COLUMNS = (N_("Line"), N_("Planned"), N_("Actual"), N_("Remaining"), N_("Used, %"), N_("Note"))
ENTRY_COLUMNS = (N_("Date"), N_("Line"), N_("Document No"), N_("Amount"), N_("Note"))
TOTALS = {INCOME: N_("Total income"), EXPENSE: N_("Total expenses")}
ENTRIES = N_("Manual entries")


def title(year: int) -> str:
    return _(TITLE).format(year=year)


def as_of_text(year: int, today: dt.date | None = None) -> str:
    """Said for the year under way: its actual figures are not final yet."""
    today = today or dt.date.today()
    return _(AS_OF).format(date=format_date(today)) if year == today.year else ""


def line_cells(line: LineRow) -> list[str]:
    return [line.label, format_money(line.planned), format_money(line.actual),
            format_money(line.remaining), percent_text(line.percent_used),
            status_text(line.overspent)]


def totals_cells(totals: SideTotals) -> list[str]:
    return [_(TOTALS[totals.side]), format_money(totals.planned), format_money(totals.actual),
            format_money(totals.remaining), percent_text(totals.percent_used),
            status_text(totals.overspent)]


def entry_cells(entry: Any) -> list[str]:
    return [format_date(entry.entry_date), entry.label, entry.document_no or "",
            format_money(entry.amount), entry.note or ""]


def write_pdf(
    result: Budget,
    organization: str,
    chairperson: str,
    path: Path,
    *,
    progress: Any = None,
    cancelled: Any = None,
) -> None:
    """A4 portrait with the shared header and «Бет 1/2» (``unionapp.printing.layout``)."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    from unionapp.printing import layout

    st = layout.styles()
    widths = (3.3, 1.35, 1.35, 1.35, 0.85, 1.15)
    columns = [layout.Column(_(c), w, money=0 < i < 5, wrap=i in (0, 5))
               for i, (c, w) in enumerate(zip(COLUMNS, widths, strict=True))]
    story: list[Any] = [
        layout.paragraph(organization, st.subtitle),
        layout.paragraph(title(result.year), st.title),
    ]
    as_of = as_of_text(result.year)
    if as_of:
        story.append(layout.paragraph(as_of, st.subtitle))
    if result.is_empty:
        story += [Spacer(1, 3 * mm), layout.paragraph(_(EMPTY).format(year=result.year),
                                                        st.text)]
    for side in (INCOME, EXPENSE):
        story.append(layout.rows_table(
            columns, [line_cells(x) for x in result.side_lines(side)],
            totals_cells(result.totals(side)),
            lead=[layout.paragraph(_(SIDES[side]), st.heading)], font_size=9,
        ))
    story += [
        Spacer(1, 4 * mm),
        layout.paragraph(_(BALANCE).format(planned=format_money(result.balance_planned),
                                           actual=format_money(result.balance_actual)), st.text),
        Spacer(1, 2 * mm),
        layout.paragraph(_(SOURCES), st.text),
    ]
    entry_columns = [layout.Column(_(c), w, money=i == 3, wrap=i not in (0, 3)) for i, (c, w)
                     in enumerate(zip(ENTRY_COLUMNS, (1.2, 2.7, 1.3, 1.25, 2.3), strict=True))]
    story += [
        layout.rows_table(entry_columns, [entry_cells(e) for e in result.entries],
                          lead=[layout.paragraph(_(ENTRIES), st.heading)], font_size=9),
        Spacer(1, 12 * mm),
        layout.paragraph(_("Chairperson: ____________________ {name}").format(name=chairperson),
                         st.text),
        Spacer(1, 8 * mm),
        layout.paragraph(_("Stamp place"), st.text),
    ]
    setup = layout.PageSetup(organization, title(result.year), landscape=False)
    layout.write_pdf(path, story, setup, progress=progress, cancelled=cancelled)


def write_xlsx(result: Budget, organization: str, path: Path) -> None:
    """Sheet one: the lines with money as numbers (0.00) so Excel can sum them, % used as a
    number (0.0); sheet two: the manual entries. Written beside ``path``, then renamed."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Budget")[:31]
    bold = Font(bold=True)
    sheet.append([organization])
    sheet.append([title(result.year)])
    as_of = as_of_text(result.year)
    if as_of:
        sheet.append([as_of])
    if result.is_empty:
        sheet.append([_(EMPTY).format(year=result.year)])
    sheet.append([])
    sheet.append([_(c) for c in COLUMNS])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for side in (INCOME, EXPENSE):
        sheet.append([_(SIDES[side])])
        sheet.cell(sheet.max_row, 1).font = bold
        for line in result.side_lines(side):
            _figures_row(sheet, line.label, line.planned, line.actual, line.remaining,
                         line.percent_used, line.overspent)
        totals = result.totals(side)
        _figures_row(sheet, _(TOTALS[side]), totals.planned, totals.actual, totals.remaining,
                     totals.percent_used, totals.overspent)
        for cell in sheet[sheet.max_row]:
            cell.font = bold
    sheet.append([])
    sheet.append([_("Income less expenses"), to_som(result.balance_planned),
                  to_som(result.balance_actual)])
    for cell in sheet[sheet.max_row][1:3]:
        cell.number_format = "0.00"
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.column_dimensions["A"].width = 44
    for letter in "BCD":
        sheet.column_dimensions[letter].width = 16
    sheet.column_dimensions["E"].width = 10
    sheet.column_dimensions["F"].width = 16

    entries = workbook.create_sheet(_(ENTRIES)[:31])
    entries.append([_(c) for c in ENTRY_COLUMNS])
    for cell in entries[1]:
        cell.font = bold
    for e in result.entries:
        entries.append([e.entry_date, e.label, e.document_no or "", to_som(e.amount), e.note or ""])
        entries.cell(entries.max_row, 1).number_format = "DD.MM.YYYY"
        entries.cell(entries.max_row, 4).number_format = "0.00"
    for letter, width in zip("ABCDE", (12, 44, 16, 14, 40), strict=True):
        entries.column_dimensions[letter].width = width
    _save(workbook, path)


def _figures_row(sheet: Any, label: str, planned: int, actual: int, remaining: int,
                 percent: Decimal | None, overspent: bool) -> None:
    sheet.append([label, to_som(planned), to_som(actual), to_som(remaining), percent,
                  status_text(overspent) or None])
    row = sheet.max_row
    for column in (2, 3, 4):
        sheet.cell(row, column).number_format = "0.00"
    sheet.cell(row, 5).number_format = "0.0"


def _save(workbook: Any, path: Path) -> None:
    """Whole or not at all: a failed save never leaves half a workbook."""
    with atomic_output(path) as temp:
        workbook.save(temp)
