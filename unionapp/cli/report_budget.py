"""``unionapp report budget --year YYYY --out FILE``: the budget (смета) of a year against what
was received and spent, as ``.pdf`` or ``.xlsx`` by the file's extension (``printing.budget``).

Registered in the ``report`` group (``cli.report_cmds.SUBCOMMANDS``). Next year may be asked for
(its plan is made in December); a later year is refused before the database is opened, and so
is a file of another kind. The core, ReportLab and openpyxl load inside the handler: every
command imports this module at start-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from unionapp.cli import Context, out
from unionapp.core.i18n import N_, _, get_language

BUDGET_KINDS = (".pdf", ".xlsx")
NOT_BUDGET_FILE = N_("Write the budget to a .pdf or an .xlsx file, not {file}.")


def register_budget(reports: Any) -> None:
    parser = reports.add_parser(
        "budget", help=_("the budget of a year against what was received and spent (.pdf, .xlsx)")
    )
    parser.add_argument("--year", type=int, required=True, metavar="YYYY", help=_("the year"))
    parser.add_argument("--out", type=Path, required=True, metavar=_("FILE"),
                        help=_("the .pdf or .xlsx file to write"))
    parser.set_defaults(handler=run_budget)


def summary(result: Any) -> list[str]:
    """What the command prints: the two sides' plan and actual, and every line over its plan."""
    from unionapp.core.formatting import format_money
    from unionapp.printing.budget import EMPTY

    lines = [
        _("Budget of {year}: income planned {planned}, received {actual}").format(
            year=result.year, planned=format_money(result.income.planned),
            actual=format_money(result.income.actual)),
        _("Expenses planned {planned}, spent {actual}").format(
            planned=format_money(result.expense.planned),
            actual=format_money(result.expense.actual)),
    ]
    if result.is_empty:
        lines.append(_(EMPTY).format(year=result.year))
    for line in result.overspent:
        lines.append(_("Overspent: {line}: planned {planned}, spent {actual}").format(
            line=line.label, planned=format_money(line.planned),
            actual=format_money(line.actual)))
    return lines


def run_budget(ctx: Context) -> int:
    from unionapp.core import settings
    from unionapp.core.budget import budget, check_year
    from unionapp.core.errors import UserError
    from unionapp.printing.layout import organization_name

    path: Path = ctx.args.out
    kind = path.suffix.lower()
    if kind not in BUDGET_KINDS:
        raise UserError(NOT_BUDGET_FILE, file=str(path))
    check_year(ctx.args.year)  # a year past next is refused before the database opens
    result = budget(ctx.db, ctx.args.year)
    values = settings.get_all(ctx.db)
    organization = organization_name(values, get_language())
    if kind == ".pdf":
        from unionapp.printing.budget import write_pdf

        write_pdf(result, organization, values.get("org.chairperson", ""), path)
    else:
        from unionapp.printing.budget import write_xlsx

        write_xlsx(result, organization, path)
    for line in summary(result):
        out(line)
    out(_("Written to {file}.").format(file=path))
    return 0
