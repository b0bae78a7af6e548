"""The dues statement as a PDF (ReportLab) and as an .xlsx (openpyxl), in the current language.

Both show the same table as ``unionapp.core.dues_statement`` computes it: one row per month and
a totals row that is the sum of the rows. The PDF adds what a paper for the higher body needs:
the organization's name, the period, the chairperson's signature line, the stamp place and
"page N of M" on every page.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from babel.dates import format_date as babel_format_date

from unionapp.core.dues_statement import Statement
from unionapp.core.dues_workbook import save_workbook
from unionapp.core.formatting import format_money, format_number
from unionapp.core.i18n import N_, _, get_language
from unionapp.core.money import to_som

COLUMNS = (
    N_("Month"), N_("Withheld on payroll"), N_("Paid in cash"), N_("Dues received"),
    N_("Passed to the higher body ({percent}%)"), N_("Retained"),
)


def month_name(month: dt.date) -> str:
    """E.g. "октябрь 2026": Babel's stand-alone month name of the language."""
    text = str(babel_format_date(month, "LLLL y", locale=get_language()))
    return text[:1].upper() + text[1:]  # a table cell starts with a capital in both languages


def period_text(statement: Statement) -> str:
    if statement.month is not None:
        return month_name(statement.first)
    if statement.quarter is not None:
        return _("Quarter {quarter} of {year}").format(
            quarter=statement.quarter, year=statement.year
        )
    return _("Year {year}").format(year=statement.year)


def headers(statement: Statement) -> list[str]:
    percent = format_number(statement.share_percent.normalize())
    return [_(c).format(percent=percent) for c in COLUMNS]


def _table_rows(statement: Statement) -> list[tuple[str, int, int, int, int, int]]:
    rows = [
        (month_name(r.month), r.payroll, r.cash, r.total, r.to_higher, r.retained)
        for r in statement.rows
    ]
    rows.append(_totals(statement))
    return rows


def _totals(statement: Statement) -> tuple[str, int, int, int, int, int]:
    return (_("Total"), statement.payroll, statement.cash, statement.total,
            statement.to_higher, statement.retained)


def write_pdf(statement: Statement, organization: str, chairperson: str, path: Path) -> None:
    """A4 landscape with the shared header and page numbers (``unionapp.printing.layout``)."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    from unionapp.printing import layout

    st = layout.styles()
    columns = [layout.Column(h, 45 if i == 0 else 44, money=i > 0, wrap=i == 0)
               for i, h in enumerate(headers(statement))]
    name, *money = _totals(statement)
    table = layout.rows_table(
        columns,
        [[month_name(r.month), *(format_money(m) for m in
                                 (r.payroll, r.cash, r.total, r.to_higher, r.retained))]
         for r in statement.rows],
        [name, *(format_money(m) for m in money)],
        font_size=10,
    )
    story = [  # the organization heads the paper too: it is addressed to the higher body
        layout.paragraph(organization, st.subtitle),
        layout.paragraph(_("Statement of membership dues"), st.title),
        layout.paragraph(period_text(statement), st.subtitle),
        Spacer(1, 5 * mm),
        table,
        Spacer(1, 14 * mm),
        layout.paragraph(_("Chairperson: ____________________ {name}").format(
            name=chairperson), st.text),
        Spacer(1, 8 * mm),
        layout.paragraph(_("Stamp place"), st.text),
    ]
    setup = layout.PageSetup(organization, _("Statement of membership dues"))
    layout.write_pdf(path, story, setup)


def write_xlsx(statement: Statement, organization: str, path: Path) -> None:
    """The same table; money as numbers with the 0.00 format, so Excel can sum them."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Dues statement")[:31]
    sheet.append([organization])
    sheet.append([_("Statement of membership dues: {period}").format(
        period=period_text(statement))])
    sheet.append([])
    sheet.append(headers(statement))
    header_row = sheet.max_row
    for name, *money in _table_rows(statement):
        sheet.append([name, *(to_som(m) for m in money)])
    for cells in sheet.iter_rows(min_row=header_row + 1, min_col=2, max_col=6):
        for cell in cells:
            cell.number_format = "0.00"
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.column_dimensions["A"].width = 22
    for letter in "BCDEF":
        sheet.column_dimensions[letter].width = 20
    save_workbook(workbook, path)
