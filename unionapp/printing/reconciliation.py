"""The month's reconciliation and the arrears list as PDFs (A4 landscape), in the current language.

The same lists as the Dues page and ``unionapp dues reconcile`` show, computed by
``unionapp.core.dues``: withheld from non-members; members with nothing withheld, employees,
pensioners and cash payers apart; amounts that differ from rate × wage. Each list carries its
count in its title and its sums in a totals row, so the paper can be checked against the
accounting office's list without the program. The page furniture is ``layout``'s.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from unionapp.core.dues import Arrear, Reconciliation, ReconRow, compact_months
from unionapp.core.formatting import format_date, format_money, format_month, format_number
from unionapp.core.i18n import N_, _
from unionapp.printing import layout
from unionapp.printing.statements import month_name

RECONCILIATION_TITLE = N_("Reconciliation of dues")
ARREARS_TITLE = N_("Arrears of membership dues")
UNKNOWN = "—"

# (title, share of the width, money)
_WHO = ((N_("Card no"), 0.9, False), (N_("Personnel no"), 1.0, False),
        (N_("Full name"), 3.2, False), (N_("Department"), 2.2, False))
_PAYROLL = ((N_("Payroll row"), 0.8, False), (N_("Wage"), 1.2, True),
            (N_("Withheld"), 1.1, True))
_WRONG = ((N_("Payroll row"), 0.8, False), (N_("Wage"), 1.2, True),
          (N_("Expected"), 1.1, True), (N_("Withheld"), 1.1, True),
          (N_("Difference"), 1.1, True))
_ARREARS = ((N_("Months"), 1.8, False), (N_("Last wage"), 1.1, True),
            (N_("Expected a month"), 1.1, True), (N_("Expected in all"), 1.1, True))
MISSING_GROUPS = (
    ("missing", N_("Employees: {count}")),
    ("missing_pensioners", N_("Pensioners: {count}")),
    ("missing_cash_payers", N_("Cash payers: {count}")),
)


def _columns(*groups: Sequence[tuple[str, float, bool]]) -> list[layout.Column]:
    return [layout.Column(_(title), width, money=money)
            for group in groups for title, width, money in group]


def _who(row: ReconRow | Arrear) -> list[str | None]:
    return [row.card_no, row.personnel_no, row.full_name, row.department]


def _row_no(row: ReconRow) -> str:
    return "" if row.row_no is None else str(row.row_no)


def _count(text: str, count: int) -> str:
    return _(text).format(count=format_number(count))


def reconciliation_story(result: Reconciliation) -> list[Flowable]:
    """The flowables of the reconciliation: the title block, then the lists in their order."""
    st = layout.styles()
    rate = format_number(result.rate.normalize())
    story: list[Flowable] = [
        layout.paragraph(_(RECONCILIATION_TITLE), st.title),
        layout.paragraph(month_name(result.month), st.subtitle),
        layout.paragraph(
            _("Payroll list of {month}: {rows} rows, wages {wage}, withheld {withheld}").format(
                month=format_month(result.month), rows=format_number(result.rows),
                wage=format_money(result.wage_total),
                withheld=format_money(result.withheld_total),
            ), st.subtitle),
        layout.paragraph(_("Dues rate: {rate} of the wage").format(rate=f"{rate}%"), st.subtitle),
        Spacer(1, 3 * mm),
    ]
    if result.rows == 0:  # the paper says so too, or its «nothing withheld» list misleads
        story.insert(-1, layout.paragraph(_(
            "No payroll list for {month} has been imported yet, so every member counts as "
            "unpaid."
        ).format(month=format_month(result.month)), st.subtitle))
    total = _("Total")

    rows = result.not_members
    story.append(layout.rows_table(
        _columns(_WHO, _PAYROLL),
        [[*_who(r), _row_no(r), format_money(r.wage), format_money(r.withheld)] for r in rows],
        [total, "", "", "", "", format_money(sum(r.wage for r in rows)),
         format_money(sum(r.withheld for r in rows))],
        lead=[layout.paragraph(_count(N_("Withheld from non-members ({count})"), len(rows)),
                               st.heading)],
    ))

    groups = [(title, getattr(result, kind)) for kind, title in MISSING_GROUPS]
    heading = layout.paragraph(
        _count(N_("Nothing withheld ({count})"), sum(len(g) for _t, g in groups)), st.heading)
    for index, (title, members) in enumerate(groups):
        sub = layout.paragraph(_count(title, len(members)), st.subheading)
        story.append(layout.rows_table(
            _columns(_WHO), [_who(r) for r in members],
            lead=[heading, sub] if index == 0 else [sub],
        ))

    rows = result.wrong_amount
    story.append(layout.rows_table(
        _columns(_WHO, _WRONG),
        [[*_who(r), _row_no(r), format_money(r.wage), format_money(r.expected),
          format_money(r.withheld), format_money(r.withheld - r.expected)] for r in rows],
        [total, "", "", "", "", format_money(sum(r.wage for r in rows)),
         format_money(sum(r.expected for r in rows)),
         format_money(sum(r.withheld for r in rows)),
         format_money(sum(r.withheld - r.expected for r in rows))],
        lead=[layout.paragraph(
            _count(N_("Amount differs from the rate ({count})"), len(rows)), st.heading)],
    ))
    return story


def write_reconciliation_pdf(
    result: Reconciliation,
    organization: str,
    path: Path,
    *,
    progress: layout.Progress | None = None,
    cancelled: layout.Cancelled | None = None,
) -> None:
    """The month's three lists on A4 landscape; atomically (see ``layout.write_pdf``)."""
    setup = layout.PageSetup(organization, _(RECONCILIATION_TITLE))
    layout.write_pdf(path, reconciliation_story(result), setup, progress=progress,
                     cancelled=cancelled)


def _money_or_unknown(tyiyn: int | None) -> str:
    return UNKNOWN if tyiyn is None else format_money(tyiyn)


def arrears_story(rows: Sequence[Arrear], as_of: dt.date) -> list[Flowable]:
    st = layout.styles()
    known = sum(r.total or 0 for r in rows)
    story: list[Flowable] = [
        layout.paragraph(_(ARREARS_TITLE), st.title),
        layout.paragraph(_("Arrears as of {date}: {count} members; expected {amount}").format(
            date=format_date(as_of), count=format_number(len(rows)),
            amount=format_money(known)), st.subtitle),
        Spacer(1, 3 * mm),
        layout.rows_table(
            _columns(_WHO, _ARREARS),
            [[*_who(r), compact_months(r.months),
              _money_or_unknown(r.wage), _money_or_unknown(r.monthly),
              _money_or_unknown(r.total)] for r in rows],
            [_("Total"), "", "", "", "", "", "", format_money(known)],
        ),
    ]
    if any(r.total is None for r in rows):
        story += [Spacer(1, 3 * mm), layout.paragraph(
            _("{mark} the amount is unknown: payroll never showed a wage of the member's.")
            .format(mark=UNKNOWN), st.text)]
    if any(r.from_receipt for r in rows):  # «—» under the wage, yet an amount a month
        story += [Spacer(1, 2 * mm), layout.paragraph(_(
            "With no wage on payroll, a month is expected as on the member's last cash "
            "receipt."), st.text)]
    return story


def write_arrears_pdf(
    rows: Sequence[Arrear],
    as_of: dt.date,
    organization: str,
    path: Path,
    *,
    progress: layout.Progress | None = None,
    cancelled: layout.Cancelled | None = None,
) -> None:
    """Who owes for which months as of ``as_of``, on A4 landscape; atomically."""
    setup = layout.PageSetup(organization, _(ARREARS_TITLE))
    layout.write_pdf(path, arrears_story(rows, as_of), setup, progress=progress,
                     cancelled=cancelled)
