"""``unionapp demo [--members N] [--years Y] [--seed S]``: a demo organization in an empty database.

The work is ``unionapp.core.demo.generate_demo``; this prints its summary in the user's
language. A database that already has members is refused (exit 2) and left unchanged.
"""

from __future__ import annotations

from typing import Any

from unionapp.cli import Context, out, whole_number
from unionapp.core.i18n import _, get_language


def register(sub: Any) -> None:
    cmd = sub.add_parser(
        "demo", help=_("fill an empty database with a realistic demo organization")
    )
    cmd.add_argument(
        "--members",
        type=whole_number,
        default=300,
        metavar="N",
        help=_("members in the register, those who left included (default: 300)"),
    )
    cmd.add_argument(
        "--years",
        type=whole_number,
        default=3,
        metavar="Y",
        help=_("years of joining and leaving up to today (default: 3)"),
    )
    cmd.add_argument(
        "--seed",
        type=whole_number,
        default=1,
        metavar="S",
        help=_("the same seed on the same day gives the same organization (default: 1)"),
    )
    cmd.set_defaults(handler=run_demo)


def run_demo(ctx: Context) -> int:
    from unionapp.core import demo  # not at import: every command loads this module
    from unionapp.core.formatting import format_number

    args = ctx.args
    demo.check_arguments(args.members, args.years)  # before the database file is created
    db = ctx.database(create=True)
    summary = demo.generate_demo(db, members=args.members, years=args.years, seed=args.seed)
    name = summary.name_ru if get_language() == "ru" else summary.name_ky
    out(_("Demo organization created: {name}").format(name=name))
    out(
        _("Members: {members} (active {active}, left {left})").format(
            members=format_number(summary.members), active=format_number(summary.active),
            left=format_number(summary.left),
        )
    )
    out(_("Children: {children}").format(children=format_number(summary.children)))
    out(_("Departments: {departments}").format(departments=format_number(summary.departments)))
    out(_("Database: {path}").format(path=ctx.db_name))
    return 0
