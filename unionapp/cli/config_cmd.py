"""``unionapp config get KEY`` / ``config set KEY VALUE``: the organization's settings.

``config get`` reads an existing database only; ``config set`` may start a new one (the
first step of setting up an organization) and confirms what it saved, as it was stored.
"""

from __future__ import annotations

import argparse
from typing import Any

from unionapp.cli import Context, out
from unionapp.core.i18n import _


def register(sub: Any) -> None:
    config = sub.add_parser("config", help=_("read or change an organization setting"))
    actions = config.add_subparsers(dest="action", required=True, metavar=_("ACTION"))
    get = actions.add_parser("get", help=_("print a setting (all settings without KEY)"))
    get.add_argument("key", nargs="?", metavar=_("KEY"))
    get.set_defaults(handler=run_get)
    put = actions.add_parser("set", help=_("change a setting"))
    put.add_argument("key", metavar=_("KEY"))
    put.add_argument("value", metavar=_("VALUE"))
    put.set_defaults(handler=run_set)


def run_get(ctx: Context) -> int:
    from unionapp.core import settings  # not at import: every command loads this module

    args: argparse.Namespace = ctx.args
    if args.key:
        out(settings.get(ctx.db, args.key))
    else:
        for key, value in settings.get_all(ctx.db).items():
            out(f"{key}={value}")
    return 0


def run_set(ctx: Context) -> int:
    from unionapp.core import settings

    db = ctx.database(create=True)  # setting up a new organization starts here
    settings.set_value(db, ctx.args.key, ctx.args.value)
    stored = settings.get(db, ctx.args.key)  # as kept: trimmed, «12,50» read as 12.5
    out(_("Saved: {key} = {value}").format(key=ctx.args.key, value=stored))
    return 0
