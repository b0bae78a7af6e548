"""``unionapp dues reconcile --month YYYY-MM [--out FILE]``: the month's payroll list checked
against the register; ``unionapp dues arrears --as-of DATE [--out FILE]``: who owes for which
months (the rule is ``unionapp.core.dues.arrears``).

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
    from unionapp.core.dues import Arrear, ReconRow

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")

# (list attribute, title of the list); the title also names its sheet in the workbook
LISTS = (
    ("not_members", N_("Withheld from people who are not members")),
    ("missing", N_("Members with nothing withheld")),
    ("missing_pensioners", N_("Pensioners with nothing paid")),
    ("missing_cash_payers", N_("Cash payers with nothing paid")),
    ("wrong_amount", N_("Amounts that differ from the rate")),
)
MISSING = frozenset({"missing", "missing_pensioners", "missing_cash_payers"})


def parse_month(text: str) -> dt.date:
    match = _MONTH.match(text.strip())
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12 and 1900 <= year <= 2100:
            return dt.date(year, month, 1)
    raise argparse.ArgumentTypeError(
        _("Not a month: {value}. Write it as YYYY-MM, e.g. 2026-10.").format(value=text)
    )


def parse_day(text: str) -> dt.date:
    """DD.MM.YYYY, as people write dates here, or YYYY-MM-DD."""
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(
        _("Not a date: {value}. Write it as DD.MM.YYYY or YYYY-MM-DD.").format(value=text)
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
        "--out", type=Path, metavar=_("FILE"),
        help=_("also write the lists to this .xlsx or .pdf file"),
    )
    rec.set_defaults(handler=run_reconcile)
    owe = actions.add_parser("arrears", help=_("list who owes dues for which months"))
    owe.add_argument(
        "--as-of", required=True, type=parse_day, metavar=_("DATE"),
        help=_("the day to count to: months before its month (DD.MM.YYYY or YYYY-MM-DD)"),
    )
    owe.add_argument(
        "--out", type=Path, metavar=_("FILE"),
        help=_("also write the list to this .xlsx or .pdf file"),
    )
    owe.set_defaults(handler=run_arrears)
    add_statement_parser(actions)


def _money(tyiyn: int) -> str:
    from unionapp.core.formatting import format_money

    return format_money(tyiyn)


def _count(value: int) -> str:
    from unionapp.core.formatting import format_number

    return format_number(value)


def _month(month: dt.date) -> str:
    from unionapp.core.formatting import format_month

    return format_month(month)


def _listed(line: str) -> None:
    """One row under a list's heading, indented (layout only: ``line`` is a whole message)."""
    out(f"  {line}")


def _number(value: Decimal) -> str:
    """A rate or share as the language writes it: «1,5», not «1.50»."""
    from unionapp.core.formatting import format_number

    return format_number(value.normalize())


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


def _out_kind(path: Path | None) -> str | None:
    """``.xlsx`` or ``.pdf`` by the file's extension; anything else is refused before any work."""
    from unionapp.core.errors import UserError

    if path is None:
        return None
    kind = path.suffix.lower()
    if kind not in (".pdf", ".xlsx"):
        raise UserError(N_("Write the lists to a .pdf or an .xlsx file, not {file}."),
                        file=str(path))
    return kind


def _organization(ctx: Context) -> str:
    from unionapp.core import settings
    from unionapp.printing.layout import organization_name

    return organization_name(settings.get_all(ctx.db), get_language())


def run_reconcile(ctx: Context) -> int:
    from unionapp.core.dues import reconcile

    out_kind = _out_kind(ctx.args.out)
    month: dt.date = ctx.args.month
    result = reconcile(ctx.db, month)
    out(_("Dues for {month}; rate: {rate}%").format(
        month=_month(month), rate=_number(result.rate)
    ))
    out(_("Payroll rows: {rows}; wages {wage}; withheld {withheld}").format(
        rows=_count(result.rows), wage=_money(result.wage_total),
        withheld=_money(result.withheld_total),
    ))
    if result.rows == 0:  # else «nothing withheld: 106» reads as if nobody had paid
        out(_("No payroll list for {month} has been imported yet, so every member counts as "
              "unpaid.").format(month=_month(month)))
    for kind, title in LISTS:
        rows: list[ReconRow] = getattr(result, kind)
        out()
        if kind in MISSING:  # nothing was withheld from them: a sum of 0,00 says nothing
            out(f"{_(title)}: {_count(len(rows))}")  # punctuation only: the same in ky and ru
        else:
            out(_("{title}: {count}; withheld {withheld}").format(
                title=_(title), count=_count(len(rows)),
                withheld=_money(sum(r.withheld for r in rows)),
            ))
        for row in rows:
            _listed(_line(kind, row))
    if out_kind == ".pdf":
        from unionapp.printing.reconciliation import write_reconciliation_pdf

        write_reconciliation_pdf(result, _organization(ctx), ctx.args.out)
    elif out_kind == ".xlsx":
        from unionapp.core.dues_workbook import write_reconciliation

        write_reconciliation(result, ctx.args.out)
    if out_kind is not None:
        out()
        out(_("Written to {file}.").format(file=ctx.args.out))
    return 0


def _month_list(row: Arrear) -> str:
    """«11.2024–10.2026», not 24 months one by one (the Dues page and the PDF write it so)."""
    from unionapp.core.dues import compact_months

    return compact_months(row.months)


def run_arrears(ctx: Context) -> int:
    from unionapp.core.dues import arrears
    from unionapp.core.formatting import format_date

    out_kind = _out_kind(ctx.args.out)
    as_of: dt.date = ctx.args.as_of
    rows = arrears(ctx.db, as_of)
    known = sum(r.total or 0 for r in rows)
    out(_("Arrears as of {date}: {count} members; expected {amount}").format(
        date=format_date(as_of), count=_count(len(rows)), amount=_money(known)
    ))
    for row in rows:
        who = " · ".join(
            p for p in (row.card_no, row.personnel_no, row.full_name, row.department) if p
        )
        if row.total is None or row.monthly is None:
            _listed(_("{who}: {months}; amount unknown (no wage on payroll)").format(
                who=who, months=_month_list(row)
            ))
        elif row.from_receipt:
            _listed(_("{who}: {months}; {monthly} a month as on the last cash receipt, "
                         "{total} in all").format(
                who=who, months=_month_list(row), monthly=_money(row.monthly),
                total=_money(row.total),
            ))
        else:
            _listed(_("{who}: {months}; {monthly} a month, {total} in all").format(
                who=who, months=_month_list(row), monthly=_money(row.monthly),
                total=_money(row.total),
            ))
    if out_kind == ".pdf":
        from unionapp.printing.reconciliation import write_arrears_pdf

        write_arrears_pdf(rows, as_of, _organization(ctx), ctx.args.out)
    elif out_kind == ".xlsx":
        from unionapp.core.dues_workbook import write_arrears_workbook

        write_arrears_workbook(rows, ctx.args.out)
    if out_kind is not None:
        out()
        out(_("Written to {file}.").format(file=ctx.args.out))
    return 0


def add_statement_parser(actions: Any) -> None:
    """``dues statement (--year YYYY [--quarter Q] | --month YYYY-MM) --out FILE``: .pdf or
    .xlsx by extension. ``--month`` carries its year, so ``--year`` is needed only without it."""
    st = actions.add_parser(
        "statement", help=_("write the dues statement: received, passed up, retained")
    )
    st.add_argument("--year", type=int, metavar="YYYY", help=_("the year"))
    period = st.add_mutually_exclusive_group()
    period.add_argument("--quarter", type=int, metavar="Q", help=_("the quarter, 1 to 4"))
    period.add_argument(
        "--month", type=parse_month, metavar="YYYY-MM", help=_("one month instead of a year")
    )
    st.add_argument(
        "--out", required=True, type=Path, metavar=_("FILE"),
        help=_("the .pdf or .xlsx file to write"),
    )
    st.set_defaults(handler=run_statement)


def _statement_period(year: int | None, month: dt.date | None) -> tuple[int, int | None]:
    """The year and month number to state; ``--year`` may repeat ``--month``'s year, no other."""
    from unionapp.core.errors import UserError

    if month is None:
        if year is None:
            raise UserError(N_("Give the period: --year YYYY, or --month YYYY-MM."))
        return year, None
    if year is not None and year != month.year:
        raise UserError(N_("The month {month} is not in the year {year}."),
                        month=month.strftime("%Y-%m"), year=year)
    return month.year, month.month


def run_statement(ctx: Context) -> int:
    from unionapp.core import settings
    from unionapp.core.dues_statement import dues_statement, period_months
    from unionapp.core.errors import UserError, ValidationError

    path: Path = ctx.args.out
    kind = path.suffix.lower()
    if kind not in (".pdf", ".xlsx"):
        raise UserError(N_("Write the statement to a .pdf or an .xlsx file, not {file}."),
                        file=str(path))
    year, month = _statement_period(ctx.args.year, ctx.args.month)
    try:  # refuse a bad period before the database, without the field's English name
        period_months(year, ctx.args.quarter, month)
    except ValidationError as exc:
        raise UserError(exc.msgid, **exc.params) from None
    statement = dues_statement(ctx.db, year, ctx.args.quarter, month)
    values = settings.get_all(ctx.db)
    from unionapp.printing.layout import organization_name
    from unionapp.printing.statements import write_pdf, write_xlsx

    organization = organization_name(values, get_language())

    if kind == ".pdf":
        write_pdf(statement, organization, values.get("org.chairperson", ""), path)
    else:
        write_xlsx(statement, organization, path)
    out(_("Dues received {total}; passed to the higher body {to_higher}; retained {retained}")
        .format(total=_money(statement.total), to_higher=_money(statement.to_higher),
                retained=_money(statement.retained)))
    out(_("Written to {file}.").format(file=path))
    return 0
