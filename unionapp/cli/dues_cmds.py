"""``unionapp dues reconcile --month YYYY-MM [--out FILE]``: the month's payroll list checked
against the register.

Prints the three lists of issue 4 (withheld from non-members; members with nothing paid,
pensioners and cash payers apart; amounts that differ from rate × wage) with their counts and
sums, money with two decimals; ``--out`` also writes them to an .xlsx, one sheet per list.
Heavy modules (the core, Babel, openpyxl) load inside the handler: every command imports
this module at start-up.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from unionapp.cli import Context, out
from unionapp.core.i18n import N_, _, get_language

if TYPE_CHECKING:
    from unionapp.core.dues import Reconciliation, ReconRow

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")

# (list attribute, title of the list); the title also names its sheet in the workbook
LISTS = (
    ("not_members", N_("Withheld from people who are not members")),
    ("missing", N_("Members with nothing withheld")),
    ("missing_pensioners", N_("Pensioners with nothing paid")),
    ("missing_cash_payers", N_("Cash payers with nothing paid")),
    ("wrong_amount", N_("Amounts that differ from the rate")),
)
SHEET_NAMES = {
    "not_members": N_("Not members"),
    "missing": N_("Nothing withheld"),
    "missing_pensioners": N_("Pensioners"),
    "missing_cash_payers": N_("Cash payers"),
    "wrong_amount": N_("Wrong amount"),
}
COLUMNS = (
    N_("Card No"), N_("Personnel No"), N_("Full name"), N_("Department"), N_("Wage"),
    N_("Withheld"), N_("Expected"), N_("Payroll row"),
)


def parse_month(text: str) -> dt.date:
    match = _MONTH.match(text.strip())
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12 and 1900 <= year <= 2100:
            return dt.date(year, month, 1)
    raise argparse.ArgumentTypeError(
        _("Not a month: {value}. Write it as YYYY-MM, e.g. 2026-10.").format(value=text)
    )


def register(sub: Any) -> None:
    dues = sub.add_parser("dues", help=_("check and report members' dues"))
    actions = dues.add_subparsers(dest="action", required=True, metavar=_("ACTION"))
    rec = actions.add_parser(
        "reconcile", help=_("check a month's payroll list against the register")
    )
    rec.add_argument(
        "--month", required=True, type=parse_month, metavar="YYYY-MM", help=_("the month")
    )
    rec.add_argument(
        "--out", type=Path, metavar=_("FILE"), help=_("also write the lists to this .xlsx file")
    )
    rec.set_defaults(handler=run_reconcile)


def _money(tyiyn: int) -> str:
    from babel.numbers import format_decimal

    return str(format_decimal(Decimal(tyiyn) / 100, format="#,##0.00", locale=get_language()))


def _line(kind: str, row: ReconRow) -> str:
    who = " · ".join(
        p for p in (row.card_no, row.personnel_no, row.full_name, row.department) if p
    )
    if kind == "wrong_amount":
        return _("{who}: withheld {withheld}, expected {expected} (wage {wage})").format(
            who=who, withheld=_money(row.withheld), expected=_money(row.expected),
            wage=_money(row.wage),
        )
    if kind == "not_members":
        return _("{who}: withheld {withheld} (wage {wage})").format(
            who=who, withheld=_money(row.withheld), wage=_money(row.wage)
        )
    return who


def run_reconcile(ctx: Context) -> int:
    from unionapp.core.dues import reconcile

    month: dt.date = ctx.args.month
    result = reconcile(ctx.db, month)
    out(_("Dues for {month}; rate: {rate}%").format(
        month=month.strftime("%m.%Y"), rate=result.rate
    ))
    out(_("Payroll rows: {rows}; wages {wage}; withheld {withheld}").format(
        rows=result.rows, wage=_money(result.wage_total), withheld=_money(result.withheld_total)
    ))
    for kind, title in LISTS:
        rows: list[ReconRow] = getattr(result, kind)
        out()
        out(_("{title}: {count}; withheld {withheld}").format(
            title=_(title), count=len(rows), withheld=_money(sum(r.withheld for r in rows))
        ))
        for row in rows:
            out("  " + _line(kind, row))
    if ctx.args.out is not None:
        write_workbook(result, ctx.args.out)
        out()
        out(_("Written to {file}.").format(file=ctx.args.out))
    return 0


def write_workbook(result: Reconciliation, path: Path) -> None:
    """One sheet per list; money as numbers with two decimals, so Excel can sum them."""
    from openpyxl import Workbook

    workbook = Workbook()
    first = workbook.active
    if first is not None:
        workbook.remove(first)
    for kind, _title in LISTS:
        sheet = workbook.create_sheet(_(SHEET_NAMES[kind])[:31])
        sheet.append([_(c) for c in COLUMNS])
        for row in getattr(result, kind):
            sheet.append([
                row.card_no, row.personnel_no, row.full_name, row.department,
                Decimal(row.wage) / 100, Decimal(row.withheld) / 100,
                Decimal(row.expected) / 100 if kind == "wrong_amount" else None, row.row_no,
            ])
        for cells in sheet.iter_rows(min_row=2, min_col=5, max_col=7):
            for cell in cells:
                cell.number_format = "0.00"
    workbook.save(path)
