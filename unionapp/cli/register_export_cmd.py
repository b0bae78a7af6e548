"""``unionapp export register --date YYYY-MM-DD FILE``: the members on a date for the higher
body's electronic register (format v1, core/register_export.py; described in README.md).

It rides on ``export`` (``transfer_cmds``) as one more kind, the only one that needs a date:
a register without a date, or a date given to another kind, is refused (exit 2) rather than
silently ignored.
"""

from __future__ import annotations

import argparse
import datetime as dt

from unionapp.cli import EXIT_REFUSED, Context, err, out, refusal
from unionapp.core.errors import UserError
from unionapp.core.i18n import N_, _, ngettext

KIND = "register"
DATE_HELP = N_("the day of the members register (export register only)")


def parse_register_date(text: str | None) -> dt.date:
    """``2026-12-31`` (also ``31.12.2026``, as dates are written here); refused otherwise."""
    from unionapp.core.formatting import parse_date

    if text is None or not text.strip():
        raise UserError(N_("Give the date of the register: --date YYYY-MM-DD."))
    day = parse_date(text, field="--date")
    assert day is not None  # empty text was refused above
    return day


def run_register_export(ctx: Context, lang: str) -> int:
    from unionapp.core.formatting import format_date, format_number
    from unionapp.core.register_export import write_register

    args: argparse.Namespace = ctx.args
    if args.month is not None:
        err(refusal(_("--month is not used by the register; give --date.")))
        return EXIT_REFUSED
    day = parse_register_date(args.date)
    count = write_register(ctx.db, day, args.file, lang)
    out(ngettext("{count} member on {date} written to {file}.",
                 "{count} members on {date} written to {file}.", count).format(
        count=format_number(count), date=format_date(day), file=args.file))
    return 0


def refuse_date_for(kind: str) -> int:
    """A ``--date`` given to another kind of export."""
    err(refusal(_("--date is for the register only (export register), not for {kind}.").format(
        kind=kind)))
    return EXIT_REFUSED
