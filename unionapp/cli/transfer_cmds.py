"""``unionapp import KIND FILE`` and ``unionapp export KIND FILE``: registers to and from files.

A refused import prints every problem as ``FILE:ROW:COLUMN: message`` on stderr (one line
each, so the lines can be read, searched and fixed one by one) and exits 2; the database is
left exactly as it was. A real import may start a new database (the first import of a new
organization); ``--dry-run`` and ``export`` only read, so a missing database is refused.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from unionapp.cli import EXIT_REFUSED, Context, err, out, register_export_cmd
from unionapp.core import i18n
from unionapp.core.errors import ImportFileError
from unionapp.core.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from unionapp.core.importing.sheet import ImportSummary

# DESIGN.md's kinds; each is served by its module in core.importing / core.exporting.
IMPORT_KINDS = ("members", "children", "payroll", "cash", "vouchers", "aid", "awards")
EXPORT_KINDS = ("members", "children", "dues", "cash", "vouchers", "aid", "awards", "register")
KINDS_HELP = N_("one of: {kinds}")
MONTH_HELP = N_("the month of a payroll list")


def register(sub: Any) -> None:
    imp = sub.add_parser("import", help=_("import a register from an .xlsx or .csv file"))
    imp.add_argument(
        "kind", choices=IMPORT_KINDS, metavar=_("KIND"),
        help=_(KINDS_HELP).format(kinds=", ".join(IMPORT_KINDS)),
    )
    imp.add_argument("file", type=Path, metavar=_("FILE"), help=_("the .xlsx or .csv file"))
    imp.add_argument("--month", metavar="YYYY-MM", help=_(MONTH_HELP))
    imp.add_argument(
        "--dry-run", action="store_true", help=_("check the file and count, but save nothing")
    )
    imp.set_defaults(handler=run_import)
    exp = sub.add_parser("export", help=_("export a register to an .xlsx or .csv file"))
    exp.add_argument(
        "kind", choices=EXPORT_KINDS, metavar=_("KIND"),
        help=_(KINDS_HELP).format(kinds=", ".join(EXPORT_KINDS)),
    )
    exp.add_argument("file", type=Path, metavar=_("FILE"), help=_("the .xlsx or .csv file"))
    exp.add_argument("--month", metavar="YYYY-MM", help=_(MONTH_HELP))
    exp.add_argument("--date", metavar="YYYY-MM-DD", help=_(register_export_cmd.DATE_HELP))
    exp.add_argument(
        "--lang",
        dest="export_lang",
        choices=i18n.LANGUAGES,
        help=_("language of the column names and labels (default: the program's language)"),
    )
    exp.set_defaults(handler=run_export)


def run_import(ctx: Context) -> int:
    from unionapp.core.formatting import format_number as counted
    from unionapp.core.importing import run_import as import_file

    args: argparse.Namespace = ctx.args
    try:
        db = ctx.database(create=not args.dry_run)
        summary = import_file(
            db, args.kind, args.file, dry_run=args.dry_run, month=args.month
        )
    except ImportFileError as exc:
        for problem in exc.problems:
            err(str(problem))
        count = len(exc.problems)
        err(
            ngettext(
                "{count} problem found in {file}; nothing was imported.",
                "{count} problems found in {file}; nothing was imported.",
                count,
            ).format(count=counted(count), file=args.file.name)
        )
        return EXIT_REFUSED
    for warning in summary.warnings:  # imported all the same; the user should look
        out(
            _("{place}: warning: {message}").format(
                place=f"{warning.file}:{warning.row}:{warning.column}", message=warning.message()
            )
        )
    out(_("File: {file}").format(file=summary.file_name))
    out(_("Rows read: {count}").format(count=counted(summary.rows_read)))
    if summary.kind == "payroll":
        _print_payroll(summary)
        return 0
    out(_("Added: {count}").format(count=counted(summary.added)))
    out(_("Updated: {count}").format(count=counted(summary.updated)))
    out(_("Unchanged: {count}").format(count=counted(summary.unchanged)))
    out(_("Skipped (empty rows): {count}").format(count=counted(summary.skipped)))
    if summary.departments_added:
        out(_("New departments: {count}").format(count=counted(summary.departments_added)))
    for line in summary.note_lines():  # what a kind adds: new institutions, award types
        out(line)
    if summary.dry_run:
        out(_("(dry run: nothing saved)"))
    return 0


def _print_payroll(summary: ImportSummary) -> None:
    from unionapp.core.formatting import format_number as counted
    from unionapp.core.money import as_som_text

    month = summary.month
    out(_("Month: {month}").format(month=f"{month:%Y-%m}" if month else ""))
    out(_("Matched to members: {count}").format(count=counted(summary.matched)))
    out(_("Not matched (stored without a member): {count}").format(
        count=counted(summary.unmatched)))
    out(_("Rows of the month replaced: {count}").format(count=counted(summary.replaced)))
    out(_("Total wage: {amount}").format(amount=as_som_text(summary.total_wage)))
    out(_("Total dues withheld: {amount}").format(amount=as_som_text(summary.total_withheld)))
    out(_("Skipped (empty rows): {count}").format(count=counted(summary.skipped)))
    if summary.dry_run:
        out(_("(dry run: nothing saved)"))


def run_export(ctx: Context) -> int:
    from unionapp.core.exporting import export_register
    from unionapp.core.formatting import format_number

    args: argparse.Namespace = ctx.args
    lang = args.export_lang or args.lang or i18n.get_language()
    if args.export_lang and not args.lang:
        i18n.set_language(args.export_lang)  # «export --lang ru» answers in Russian too
    if args.kind == register_export_cmd.KIND:  # the higher body's register: a date, no month
        return register_export_cmd.run_register_export(ctx, lang)
    if args.date is not None:
        return register_export_cmd.refuse_date_for(args.kind)
    from unionapp.core.importing.payroll_import import parse_month_argument

    month = parse_month_argument(args.month)
    count = export_register(ctx.db, args.kind, args.file, lang, month=month)
    out(
        ngettext("{count} row written to {file}.", "{count} rows written to {file}.", count).format(
            count=format_number(count), file=args.file
        )
    )
    return 0
