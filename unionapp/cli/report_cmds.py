"""``unionapp report …``: the year's reports to the higher union body (DESIGN.md "Command line").

One ``register_*`` function per report adds its subcommand to the ``report`` group (adding a
report is one such function and one entry in ``SUBCOMMANDS``). The core, ReportLab and
openpyxl load inside the handlers: every command imports this module at start-up
(tests/test_startup.py).

``report year-end --year YYYY --out FILE``: the year-end figures (``core.yearend``) beside the
previous year's, as ``.pdf`` (tables and charts, in the current language), ``.xlsx`` (a sheet
of figures and one per breakdown) or ``.json`` (DESIGN's keys, money as "1234.50" strings),
chosen by the file's extension. A year still to come is refused (exit 2) before the database
is opened; a year with nothing in it is written as zeros and says so.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from unionapp.cli import Context, out
from unionapp.cli.report_budget import register_budget
from unionapp.core.i18n import N_, _

YEAR_END_KINDS = (".pdf", ".xlsx", ".json")
NOT_YEAR_END_FILE = N_("Write the year-end report to a .pdf, .xlsx or .json file, not {file}.")


def register(sub: Any) -> None:
    group = sub.add_parser("report", help=_("write the year's reports for the higher body"))
    reports = group.add_subparsers(dest="report", required=True, metavar=_("REPORT"))
    for add in SUBCOMMANDS:
        add(reports)


# --- report year-end ------------------------------------------------------------------------


def register_year_end(reports: Any) -> None:
    year_end = reports.add_parser(
        "year-end", help=_("the year-end figures beside the previous year's (.pdf, .xlsx, .json)")
    )
    year_end.add_argument("--year", type=int, required=True, metavar="YYYY", help=_("the year"))
    year_end.add_argument("--out", type=Path, required=True, metavar=_("FILE"),
                          help=_("the .pdf, .xlsx or .json file to write"))
    year_end.set_defaults(handler=run_year_end)


def run_year_end(ctx: Context) -> int:
    from unionapp.core import yearend
    from unionapp.core.errors import UserError
    from unionapp.core.yearend_report import summary_lines, year_end_report

    path: Path = ctx.args.out
    kind = path.suffix.lower()
    if kind not in YEAR_END_KINDS:
        raise UserError(NOT_YEAR_END_FILE, file=str(path))
    yearend.check_year(ctx.args.year)  # a year to come is refused before the database opens
    report = year_end_report(ctx.db, ctx.args.year)
    if kind == ".json":
        yearend.write_json(report.current, report.previous, path)
    elif kind == ".xlsx":
        from unionapp.core.yearend_workbook import write_xlsx

        write_xlsx(report, path)
    else:
        from unionapp.printing.yearend import write_pdf

        write_pdf(report, path)
    for line in summary_lines(report.current):
        out(line)
    out(_("Written to {file}.").format(file=path))
    return 0


SUBCOMMANDS: tuple[Callable[[Any], None], ...] = (register_year_end, register_budget)
