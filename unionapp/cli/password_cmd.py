"""``unionapp password set`` / ``unionapp password remove``: the optional password asked when
the register is opened. The new password is typed twice in a terminal (or given in
UNIONAPP_NEW_PASSWORD by a script); the current one opens the register as for any command."""

from __future__ import annotations

import os
import sys
from typing import Any

from unionapp.cli import EXIT_OK, Context, out
from unionapp.core.errors import UserError, ValidationError
from unionapp.core.i18n import N_, _

DIFFERENT = N_("The two passwords are different; nothing was changed.")
NO_TERMINAL = N_(
    "Type the new password in a terminal, or give it in the environment variable "
    "UNIONAPP_NEW_PASSWORD."
)


def register(sub: Any) -> None:
    cmd = sub.add_parser("password", help=_("set or remove the password asked when opening"))
    what = cmd.add_subparsers(dest="password_action", metavar=_("ACTION"), required=True)
    what.add_parser("set", help=_("set or change the password")).set_defaults(
        handler=run_set)
    what.add_parser("remove", help=_("open without a password again")).set_defaults(
        handler=run_remove)


def _new_password() -> str:
    given = os.environ.get("UNIONAPP_NEW_PASSWORD")
    if given is not None:
        return given
    if sys.stdin is None or not sys.stdin.isatty():
        raise UserError(NO_TERMINAL)
    import getpass

    first = getpass.getpass(_("New password: "))
    if getpass.getpass(_("The new password again: ")) != first:
        raise UserError(DIFFERENT)
    return first


def run_set(ctx: Context) -> int:
    from unionapp.core import password

    db = ctx.db  # opening asks for the current password, if there is one
    try:
        password.set_password(db, _new_password(), current=ctx.unlocked_with)
    except ValidationError as exc:
        exc.field = ""  # «new» is the window's field; the message says it all
        raise
    out(_("The password is set: it is asked whenever the register is opened."))
    return EXIT_OK


def run_remove(ctx: Context) -> int:
    from unionapp.core import password

    db = ctx.db
    password.set_password(db, None, current=ctx.unlocked_with)
    out(_("The password is removed."))
    return EXIT_OK
