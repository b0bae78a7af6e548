"""The year-end report as a PDF for the higher union body, in the current language (ky or ru).

A4 portrait: the organization, the title and any notes (a year with nothing recorded says so;
coverage left out without a headcount says why); then each section of figures as a table, the
year before, the year and the change (``core.yearend_report.sections``); the three charts
(members over the last years, dues by month, spending by kind); the vouchers and the aid of
the year by kind with their totals; the chairperson's signature and the stamp place. Page
furniture («Бет 2/5», the printing date) is ``layout``'s.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from babel.dates import get_month_names
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from unionapp.core.codes import AID_REASONS, VOUCHER_KINDS
from unionapp.core.formatting import format_money, format_number
from unionapp.core.i18n import _, get_language
from unionapp.core.yearend_report import (
    SPENDING,
    Section,
    YearEndReport,
    format_change,
    format_value,
    sections,
    spending,
)
from unionapp.printing import layout
from unionapp.printing.yearend_charts import kinds_chart, members_chart, months_chart

SUB_INDENT = "\u00a0" * 5  # a row that is part of the row above; kept by Paragraph too
NOTE_BACKGROUND = colors.HexColor("#fff6dc")
NOTE_LINE = colors.HexColor("#d9b44a")


def title(report: YearEndReport) -> str:
    return _("Year-end report for {year}").format(year=report.year)


def _section_table(section: Section, report: YearEndReport, st: layout.Styles) -> Flowable:
    columns = [
        layout.Column(_("Figure"), 46),
        layout.Column(str(report.previous.year), 18, money=True),
        layout.Column(str(report.year), 18, money=True),
        layout.Column(_("Difference"), 18, money=True),
    ]
    rows = [[(SUB_INDENT if row.sub else "") + row.label, format_value(row.previous, row.kind),
             format_value(row.current, row.kind), format_change(row)] for row in section.rows]
    return layout.rows_table(columns, rows, lead=[layout.paragraph(section.title, st.heading)],
                             font_size=8.5)


def _notes(report: YearEndReport, st: layout.Styles) -> list[Flowable]:
    texts = report.current.note_texts()
    if not texts:
        return []
    style = ParagraphStyle("note", parent=st.text, fontSize=9, leading=12)
    table = Table([[layout.paragraph(text, style)] for text in texts])
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), NOTE_BACKGROUND),
        ("BOX", (0, 0), (-1, -1), 0.6, NOTE_LINE),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
    ]))
    return [Spacer(1, 2 * mm), table]


def _som(tyiyn: int) -> int:
    """Whole som for a bar's height (the tables hold the exact amounts)."""
    return tyiyn // 100


def _charts(report: YearEndReport, width: float, st: layout.Styles) -> list[Flowable]:
    cur, prev = report.current, report.previous
    names = get_month_names("abbreviated", context="stand-alone", locale=get_language())
    months = [str(names[m]).rstrip(".")[:4] for m in range(1, 13)]
    series = [(str(prev.year), [_som(v) for v in prev.dues_by_month]),
              (str(cur.year), [_som(v) for v in cur.dues_by_month])]
    spent_prev, spent_cur = spending(prev), spending(cur)
    kinds = [_(label) for _code, label in SPENDING]
    kind_series = [(str(prev.year), [_som(spent_prev[code]) for code, _l in SPENDING]),
                   (str(cur.year), [_som(spent_cur[code]) for code, _l in SPENDING])]
    members = [(str(f.year), f.members_end) for f in report.years]
    return [
        KeepTogether([
            layout.paragraph(_("Members at the end of each year"), st.heading),
            members_chart(width, 52 * mm, members),
        ]),
        KeepTogether([
            layout.paragraph(_("Dues received by month, som"), st.heading),
            months_chart(width, 62 * mm, months, series),
        ]),
        KeepTogether([
            layout.paragraph(_("Spending on members by kind, som"), st.heading),
            kinds_chart(width, 48 * mm, kinds, kind_series),
        ]),
    ]


def _vouchers_table(report: YearEndReport, st: layout.Styles) -> Flowable:
    cur = report.current
    columns = [layout.Column(_("Kind"), 34), layout.Column(_("Vouchers"), 14, money=True),
               layout.Column(_("Cost"), 18, money=True),
               layout.Column(_("Co-payment"), 18, money=True),
               layout.Column(_("Union's subsidy"), 18, money=True)]
    rows = [[VOUCHER_KINDS.label(code), format_number(v.count), format_money(v.cost),
             format_money(v.copay), format_money(v.subsidy)] for code, v in cur.vouchers.items()]
    total = cur.vouchers_total
    totals = [_("Total"), format_number(total.count), format_money(total.cost),
              format_money(total.copay), format_money(total.subsidy)]
    lead = [layout.paragraph(_("Recreation vouchers of {year} by kind").format(year=cur.year),
                             st.heading)]
    return layout.rows_table(columns, rows, totals, lead=lead, font_size=8.5)


def _aid_table(report: YearEndReport, st: layout.Styles) -> Flowable:
    cur = report.current
    columns = [layout.Column(_("Reason"), 52), layout.Column(_("Payments"), 18, money=True),
               layout.Column(_("Amount"), 30, money=True)]
    rows = [[AID_REASONS.label(code), format_number(a.count), format_money(a.total)]
            for code, a in cur.aid_by_reason.items()]
    totals = [_("Total"), format_number(cur.aid_count), format_money(cur.aid_total)]
    lead = [layout.paragraph(_("Material aid of {year} by reason").format(year=cur.year),
                             st.heading)]
    return layout.rows_table(columns, rows, totals, lead=lead, font_size=8.5)


def story(report: YearEndReport, width: float) -> list[Flowable]:
    st = layout.styles()
    organization = report.organization(get_language())
    parts: list[Flowable] = []
    if organization:
        parts.append(layout.paragraph(organization, st.subtitle))
    parts += [
        layout.paragraph(title(report), st.title),
        layout.paragraph(_("Compared with {year}").format(year=report.previous.year),
                         st.subtitle),
        *_notes(report, st),
    ]
    for section in sections(report):
        parts.append(_section_table(section, report, st))
    parts += _charts(report, width, st)
    parts += [_vouchers_table(report, st), _aid_table(report, st)]
    parts += [
        Spacer(1, 12 * mm),
        layout.paragraph(_("Chairperson: ____________________ {name}").format(
            name=report.chairperson), st.text),
        Spacer(1, 8 * mm),
        layout.paragraph(_("Stamp place"), st.text),
    ]
    return parts


def write_pdf(report: YearEndReport, path: Path, *, progress: layout.Progress | None = None,
              cancelled: layout.Cancelled | None = None,
              printed_on: dt.date | None = None) -> None:
    """Write the report to ``path`` (atomically; a cancel or a failure leaves no file)."""
    setup = layout.PageSetup(report.organization(get_language()), title(report),
                             landscape=False, printed_on=printed_on or dt.date.today())
    layout.write_pdf(path, story(report, setup.content_width), setup, progress=progress,
                     cancelled=cancelled)

