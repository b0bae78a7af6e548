"""``unionapp print …``: printouts to PDF (DESIGN.md "Command line").

One ``register_*`` function per printout adds its subcommand to the ``print`` group; adding a
printout is one such function and one entry in ``SUBCOMMANDS``. ReportLab and the core load
inside the handlers: every command imports this module at start-up (tests/test_startup.py).

``print cards --out FILE.pdf [--member CARD_NO …]``: membership cards of the members named, or
of every active member; the cards printed are recorded in the issue journal once the file is
written (``--no-journal``: a test print that records nothing).

``print certificate (--award ID … | --decision ID) --out FILE.pdf [--lang ky|ru] [--blank]
[--calibrate]``: award certificates in the language asked for (``printing.certificates``).

``print register KIND --out FILE.pdf [--year YYYY] [--lang ky|ru]``: a register as an A4
landscape table (``printing.registers``): members (the active ones), children, and the
vouchers, aid or awards of a year.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from unionapp.cli import Context, err, out, whole_number
from unionapp.core.i18n import N_, _, ngettext

NOT_PDF = N_("Write the printout to a .pdf file, not {file}.")


def register(sub: Any) -> None:
    group = sub.add_parser("print", help=_("print membership cards, certificates, registers"))
    printouts = group.add_subparsers(dest="printout", required=True, metavar=_("PRINTOUT"))
    for add in SUBCOMMANDS:
        add(printouts)


def check_pdf(path: Path) -> Path:
    """Refuse anything but a .pdf before any work is done."""
    from unionapp.core.errors import UserError

    if path.suffix.lower() != ".pdf":
        raise UserError(NOT_PDF, file=str(path))
    return path


def add_out(parser: Any) -> None:
    parser.add_argument("--out", type=Path, required=True, metavar=_("FILE.pdf"),
                        help=_("the PDF file to write"))


# --- print cards ----------------------------------------------------------------------------


def register_cards(printouts: Any) -> None:
    cards = printouts.add_parser(
        "cards", help=_("membership cards, ten to an A4 sheet (all active members if none named)")
    )
    add_out(cards)
    cards.add_argument("--member", action="append", metavar=_("CARD_NO"), dest="members",
                       help=_("a member's card number (repeat for several)"))
    cards.add_argument("--no-journal", action="store_true",
                       help=_("a test print: do not record the cards as issued"))
    cards.set_defaults(handler=run_cards)


def run_cards(ctx: Context) -> int:
    from unionapp.core import cards, settings
    from unionapp.core.formatting import format_number
    from unionapp.printing.cards import organization_from_settings, write_cards_pdf

    path = check_pdf(ctx.args.out)
    chosen = cards.members_to_print(ctx.db, ctx.args.members)
    org = organization_from_settings(settings.get_all(ctx.db))
    result = write_cards_pdf(path, chosen, org)
    for warning in result.warnings:
        err(warning)
    out(ngettext("{count} card written to {file}.", "{count} cards written to {file}.",
                 result.cards).format(count=format_number(result.cards), file=str(path)))
    out(ngettext("Print {sheets} sheet on both sides, flipped on the long edge.",
                 "Print {sheets} sheets on both sides, flipped on the long edge.",
                 result.sheets).format(sheets=format_number(result.sheets)))
    if ctx.args.no_journal:
        out(_("Test print: nothing was recorded in the card journal."))
        return 0
    issues = cards.record_issues(ctx.db, chosen)
    reprints = sum(1 for issue in issues if issue.reprint)
    out(_("Recorded in the card journal: {count} (reprints: {reprints}).")
        .format(count=format_number(len(issues)), reprints=format_number(reprints)))
    return 0


# --- print certificate ----------------------------------------------------------------------


def register_certificate(printouts: Any) -> None:
    from unionapp.core.i18n import LANGUAGES

    cert = printouts.add_parser(
        "certificate", help=_("award certificates: one award's, or every award of a decision"))
    which = cert.add_mutually_exclusive_group(required=True)
    which.add_argument("--award", action="append", dest="awards", metavar=_("NUMBER"),
                       help=_("the certificate number (2026/017) or the award's id "
                              "(repeat for several)"))
    which.add_argument("--decision", type=whole_number, metavar=_("ID"),
                       help=_("every award this decision granted, one page each"))
    add_out(cert)
    # not "lang": the program's own --lang (the messages' language) must keep its value
    cert.add_argument("--lang", dest="certificate_lang", choices=LANGUAGES,
                      help=_("the certificate's language: ky or ru (default: the program's)"))
    cert.add_argument("--blank", action="store_true",
                      help=_("print only the fields, onto a pre-printed blank"))
    cert.add_argument("--calibrate", action="store_true",
                      help=_("a test sheet with a ruler grid showing where the blank's fields go"))
    cert.set_defaults(handler=run_certificate)


def run_certificate(ctx: Context) -> int:
    from unionapp.core import i18n
    from unionapp.core.formatting import format_number
    from unionapp.printing import certificates

    path = check_pdf(ctx.args.out)
    db = ctx.db
    from unionapp.core.awards import find_award

    lang = ctx.args.certificate_lang or i18n.get_language()
    decision = ctx.args.decision
    awards = None if ctx.args.awards is None else [find_award(db, a) for a in ctx.args.awards]
    if ctx.args.calibrate:
        sheets = certificates.print_calibration(db, path, award_ids=awards, decision_id=decision,
                                                lang=lang)
        out(ngettext("{count} test sheet written to {file}: hold it over the blank against the "
                     "light.", "{count} test sheets written to {file}: hold each over its blank "
                     "against the light.", len(sheets)).format(
            count=format_number(len(sheets)), file=str(path)))
        return 0
    printed = certificates.print_certificates(db, path, award_ids=awards, decision_id=decision,
                                              lang=lang, blank=ctx.args.blank)
    out(ngettext("{count} certificate written to {file}.",
                 "{count} certificates written to {file}.",
                 len(printed)).format(count=format_number(len(printed)), file=str(path)))
    return 0


# --- print register -------------------------------------------------------------------------

REGISTER_KINDS = ("members", "children", "vouchers", "aid", "awards")  # printing.registers.KINDS
YEAR_ONLY_FOR = N_("--year is for the vouchers, aid and awards registers only.")
BAD_YEAR = N_("Enter a year from {low} to {high}.")


def register_register(printouts: Any) -> None:
    from unionapp.core.i18n import LANGUAGES

    reg = printouts.add_parser(
        "register", help=_("a register as an A4 landscape table: members, children, vouchers, "
                           "aid, awards"))
    reg.add_argument("kind", choices=REGISTER_KINDS, metavar=_("KIND"),
                     help=_("one of: {kinds}").format(kinds=", ".join(REGISTER_KINDS)))
    add_out(reg)
    reg.add_argument("--year", type=whole_number, metavar="YYYY",
                     help=_("the year of vouchers, aid or awards (default: this year)"))
    reg.add_argument("--lang", dest="register_lang", choices=LANGUAGES,
                     help=_("the printout's language: ky or ru (default: the program's)"))
    reg.set_defaults(handler=run_register)


def run_register(ctx: Context) -> int:
    from unionapp.core import i18n
    from unionapp.core.errors import UserError
    from unionapp.core.formatting import format_number
    from unionapp.printing.registers import YEAR_KINDS, print_register

    args = ctx.args
    path = check_pdf(args.out)
    if args.year is not None:
        if args.kind not in YEAR_KINDS:
            raise UserError(YEAR_ONLY_FOR)
        if not 1900 <= args.year <= 2200:
            raise UserError(BAD_YEAR, low=1900, high=2200)
    if args.register_lang:
        i18n.set_language(args.register_lang)  # the printout and what we say about it
    register = print_register(ctx.db, args.kind, path, year=args.year)
    out(_("{title}: {count} rows written to {file}.").format(
        title=register.title, count=format_number(register.count), file=str(path)))
    return 0


# The printouts of the group, in the order ``unionapp print --help`` lists them.
SUBCOMMANDS: tuple[Callable[[Any], None], ...] = (
    register_cards, register_certificate, register_register)
