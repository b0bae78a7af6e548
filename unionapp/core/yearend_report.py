"""The year-end report as every face shows it: the year's figures beside the previous year's,
row by row with the change, in sections; the years before for the members chart.

The rows are made here once, so the PDF, the workbook and the Reports page list the same
figures under the same labels in the same order; each face only formats and draws them.
Labels are English msgids translated when the rows are made (the current language).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import format_decimal

from unionapp.core import settings
from unionapp.core.codes import AID_REASONS, EXIT_REASONS, VOUCHER_KINDS
from unionapp.core.db import Database
from unionapp.core.formatting import format_money, format_number
from unionapp.core.i18n import N_, _, get_language
from unionapp.core.yearend import FIRST_YEAR, VoucherFigures, YearEnd, check_year, history

CHART_YEARS = 5  # members over the last five years
COUNT, MONEY, PERCENT = "count", "money", "percent"
Value = int | Decimal | None


@dataclass(frozen=True)
class YearEndReport:
    """What every output of the report needs: the figures, the year before, the years before
    that (for the members chart), and who signs it."""

    current: YearEnd
    previous: YearEnd
    years: tuple[YearEnd, ...]  # oldest first, ending with ``current``; no empty lead years
    names: dict[str, str]  # "ky"/"ru" -> the organization's name
    chairperson: str

    @property
    def year(self) -> int:
        return self.current.year

    def organization(self, lang: str) -> str:
        """The name in ``lang``, else in the other language (a heading is never empty)."""
        other = "ru" if lang == "ky" else "ky"
        return self.names.get(lang) or self.names.get(other) or ""


def year_end_report(db: Database, year: int, *, today: dt.date | None = None) -> YearEndReport:
    """The report of ``year`` (refused when the year has not begun)."""
    today = today or dt.date.today()
    check_year(year, today)
    first = max(FIRST_YEAR, year - CHART_YEARS + 1)
    counted = history(db, range(first, year + 1), today=today)
    current = counted[-1]
    previous = counted[-2] if len(counted) > 1 else YearEnd(year=year - 1)
    shown = counted
    while len(shown) > 1 and shown[0].no_data:  # no bars for years before the register began
        shown = shown[1:]
    values = settings.get_all(db)
    return YearEndReport(current, previous, tuple(shown),
                         {"ky": values["org.name_ky"], "ru": values["org.name_ru"]},
                         values["org.chairperson"])


@dataclass(frozen=True)
class Row:
    label: str  # translated
    previous: Value
    current: Value
    kind: str = COUNT  # COUNT, MONEY or PERCENT
    sub: bool = False  # a part of the row above (indented)

    @property
    def change(self) -> Value:
        if self.previous is None or self.current is None:
            return None
        return self.current - self.previous


@dataclass(frozen=True)
class Section:
    title: str  # translated
    rows: tuple[Row, ...]


def _rows(current: YearEnd, previous: YearEnd,
          *specs: tuple[str, Callable[[YearEnd], Value], str, bool]) -> tuple[Row, ...]:
    return tuple(Row(label, get(previous), get(current), kind, sub)
                 for label, get, kind, sub in specs)


def sections(report: YearEndReport) -> list[Section]:
    """The report's tables in the current language, in the order they are printed."""
    cur, prev = report.current, report.previous
    share = format_number(cur.dues_share_percent.normalize())
    awards = sorted(set(cur.awards_by_type) | set(prev.awards_by_type), key=str.casefold)
    return [
        Section(_("Membership"), _rows(
            cur, prev,
            (_("Members at the start of the year"), lambda f: f.members_start, COUNT, False),
            (_("Admitted"), lambda f: f.admitted, COUNT, False),
            (_("Left"), lambda f: f.left, COUNT, False),
            (_("Members at the end of the year"), lambda f: f.members_end, COUNT, False),
            (_("Women"), lambda f: f.women_end, COUNT, True),
            (_("Youth (up to {age})").format(age=cur.youth_max_age), lambda f: f.youth_end,
             COUNT, True),
            (_("Pensioners"), lambda f: f.pensioners_end, COUNT, True),
            (_("Employees of the employer"), lambda f: f.employees, COUNT, False),
            (_("Coverage of the staff, %"), lambda f: f.coverage_percent, PERCENT, False),
        )),
        Section(_("Left by reason"), tuple(
            Row(_(label), prev.left_by_reason.get(code, 0), cur.left_by_reason.get(code, 0))
            for code, label in EXIT_REASONS.items()
        )),
        Section(_("Dues"), _rows(
            cur, prev,
            (_("Dues received"), lambda f: f.dues_received, MONEY, False),
            (_("Passed to the higher body ({percent}%)").format(percent=share),
             lambda f: f.dues_to_higher, MONEY, False),
            (_("Retained"), lambda f: f.dues_retained, MONEY, False),
        )),
        Section(_("Recreation vouchers"), (
            Row(_("Vouchers, total"), prev.vouchers_total.count, cur.vouchers_total.count),
            *(Row(VOUCHER_KINDS.label(code), _kind(prev, code).count, _kind(cur, code).count,
                  sub=True) for code in VOUCHER_KINDS.codes),
            *_rows(cur, prev,
                   (_("Members who went themselves"), lambda f: f.members_with_vouchers, COUNT,
                    False),
                   (_("Children sent"), lambda f: f.children_with_vouchers, COUNT, False),
                   (_("Cost of the vouchers"), lambda f: f.vouchers_total.cost, MONEY, False),
                   (_("Co-payment"), lambda f: f.vouchers_total.copay, MONEY, False),
                   (_("Union's subsidy"), lambda f: f.vouchers_total.subsidy, MONEY, False)),
        )),
        Section(_("Material aid"), (
            Row(_("Payments of aid"), prev.aid_count, cur.aid_count),
            Row(_("Aid paid, total"), prev.aid_total, cur.aid_total, MONEY),
            *(Row(AID_REASONS.label(code), _aid(prev, code), _aid(cur, code), MONEY, sub=True)
              for code in AID_REASONS.codes),
        )),
        Section(_("Awards"), (
            Row(_("Awards given"), prev.awards_count, cur.awards_count),
            *(Row(name, prev.awards_by_type.get(name, 0), cur.awards_by_type.get(name, 0),
                  sub=True) for name in awards),
            Row(_("Cost of prizes and gifts"), prev.awards_cost, cur.awards_cost, MONEY),
        )),
    ]


def _kind(figures: YearEnd, code: str) -> VoucherFigures:
    return figures.vouchers.get(code, VoucherFigures())


def _aid(figures: YearEnd, code: str) -> int:
    found = figures.aid_by_reason.get(code)
    return found.total if found is not None else 0


# -- spending by kind (the third chart) -----------------------------------------------------

SPENDING = (
    ("recreation", N_("Recreation (subsidies)")),
    ("aid", N_("Material aid")),
    ("awards", N_("Awards")),
)


def spending(figures: YearEnd) -> dict[str, int]:
    """What the union spent on its members by kind, tyiyn."""
    return {"recreation": figures.vouchers_total.subsidy, "aid": figures.aid_total,
            "awards": figures.awards_cost}


# -- text ------------------------------------------------------------------------------------


def format_value(value: Value, kind: str) -> str:
    """A figure as the reader sees it; "—" for one left out (coverage without headcount)."""
    if value is None:
        return "—"
    if kind == MONEY:
        return format_money(int(value))
    if kind == PERCENT:
        return str(format_decimal(value, format="#,##0.0", locale=get_language()))
    return format_number(value)


def format_change(row: Row) -> str:
    """"+3", "−1 250,00", "0": the change from the previous year, signed."""
    change = row.change
    if change is None:
        return "—"
    if not change:
        return format_value(change, row.kind)
    magnitude: Value = -change if change < 0 else change
    return ("+" if change > 0 else "−") + format_value(magnitude, row.kind)


def summary_lines(figures: YearEnd) -> list[str]:
    """The report in a few lines (the command line prints them, the page shows them)."""
    f = figures
    lines = [
        _("{year}: members at the start {start}, admitted {admitted}, left {left}, "
          "at the end {end}.").format(
            year=f.year, start=format_number(f.members_start), admitted=format_number(f.admitted),
            left=format_number(f.left), end=format_number(f.members_end)),
        _("Dues received {total}; passed to the higher body {to_higher}; retained {retained}")
        .format(total=format_money(f.dues_received), to_higher=format_money(f.dues_to_higher),
                retained=format_money(f.dues_retained)),
    ]
    return lines + f.note_texts()
