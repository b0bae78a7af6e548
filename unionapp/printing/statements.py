"""The dues statement as a PDF (ReportLab) and as an .xlsx (openpyxl), in the current language.

Both show the same table as ``unionapp.core.dues_statement`` computes it: one row per month and
a totals row that is the sum of the rows. The PDF adds what a paper for the higher body needs:
the organization's name, the period, the chairperson's signature line, the stamp place and
"page N of M" on every page.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from babel.dates import format_date as babel_format_date

from unionapp.core.dues_statement import Statement
from unionapp.core.formatting import format_money, format_number
from unionapp.core.i18n import N_, _, get_language
from unionapp.printing.fonts import register_fonts

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
    rows.append((_("Total"), statement.payroll, statement.cash, statement.total,
                 statement.to_higher, statement.retained))
    return rows


def write_pdf(statement: Statement, organization: str, chairperson: str, path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    regular, bold = register_fonts()
    page_label = _("Page {page} of {pages}")

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        """Keeps every page until the end so each can say how many pages there are."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(regular, 8)
                width = self._pagesize[0]
                self.drawRightString(width - 15 * mm, 10 * mm, page_label.format(
                    page=self._pageNumber, pages=len(self._pages)))
                super().showPage()
            super().save()

    title_style = ParagraphStyle("title", fontName=bold, fontSize=14, leading=18,
                                 alignment=TA_CENTER)
    sub_style = ParagraphStyle("sub", fontName=regular, fontSize=11, leading=15,
                               alignment=TA_CENTER)
    head_style = ParagraphStyle("head", fontName=bold, fontSize=9, leading=11,
                                alignment=TA_CENTER)
    text_style = ParagraphStyle("text", fontName=regular, fontSize=10, leading=14)

    data: list[list[Any]] = [[Paragraph(h, head_style) for h in headers(statement)]]
    for name, *money in _table_rows(statement):
        data.append([name, *(format_money(m) for m in money)])
    table = Table(data, colWidths=[45 * mm] + [44 * mm] * 5, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), regular, 10),
        ("FONT", (0, -1), (-1, -1), bold, 10),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
        ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#f2f2f2")),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    story = [
        Paragraph(_escape(organization), title_style),
        Spacer(1, 3 * mm),
        Paragraph(_escape(_("Statement of membership dues")), title_style),
        Paragraph(_escape(period_text(statement)), sub_style),
        Spacer(1, 6 * mm),
        table,
        Spacer(1, 14 * mm),
        Paragraph(_escape(_("Chairperson: ____________________ {name}").format(
            name=chairperson)), text_style),
        Spacer(1, 8 * mm),
        Paragraph(_escape(_("Stamp place")), text_style),
    ]
    doc = SimpleDocTemplate(
        str(path), pagesize=landscape(A4), leftMargin=15 * mm, rightMargin=15 * mm,
        topMargin=15 * mm, bottomMargin=18 * mm,
        title=_("Statement of membership dues"), author=organization,
    )
    doc.build(story, canvasmaker=NumberedCanvas)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


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
        sheet.append([name, *(Decimal(m) / 100 for m in money)])
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
    workbook.save(path)
