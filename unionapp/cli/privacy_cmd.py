"""``unionapp purge --left-years N [--dry-run]``: forget people who left more than N years ago.

Their names, numbers, contacts, photos, children's names and history go; the dates and money
that past years' reports count stay (see ``core.privacy``). A verified backup is made first.
"""

from __future__ import annotations

from typing import Any

from unionapp.cli import EXIT_OK, Context, out, whole_number
from unionapp.core.errors import ValidationError
from unionapp.core.i18n import _


def register(sub: Any) -> None:
    purge = sub.add_parser(
        "purge", help=_("forget the personal data of people who left more than N years ago")
    )
    purge.add_argument("--left-years", type=whole_number, required=True, metavar="N",
                       help=_("how many years ago they left, at least"))
    purge.add_argument("--dry-run", action="store_true",
                       help=_("count whom it would concern, change nothing"))
    purge.set_defaults(handler=run_purge)


def run_purge(ctx: Context) -> int:
    from unionapp.core import privacy
    from unionapp.core.formatting import format_number

    try:
        result = privacy.purge(ctx.db, ctx.args.left_years, dry_run=ctx.args.dry_run)
    except ValidationError as exc:
        exc.field = "--left-years"  # the option she typed, not the core's English field name
        raise
    if ctx.args.dry_run:
        out(_("Would forget {members} former members and {children} of their children; "
              "nothing was changed.").format(members=format_number(result.members),
                                         children=format_number(result.children)))
        return EXIT_OK
    out(_("Forgotten: {members} former members and {children} of their children. Past "
          "reports keep their figures.").format(members=format_number(result.members),
                                                children=format_number(result.children)))
    if result.backup:
        out(_("Backup made first: {path}").format(path=result.backup))
    return EXIT_OK
