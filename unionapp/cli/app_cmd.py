"""Opening the desktop window (the default when no command is given; ``--demo`` too).

Qt is imported only here, when the window is really wanted, so every other command starts
fast and works on a machine without a display.
"""

from __future__ import annotations

from typing import Any

from unionapp.cli import Context, err, log_details
from unionapp.core.i18n import _

EXIT_REFUSED = 2


def register(sub: Any) -> None:
    app = sub.add_parser("app", help=_("open the desktop window (the default)"))
    app.set_defaults(handler=run_app)


def run_app(ctx: Context) -> int:
    ctx.close()  # the window opens the database itself, after taking the lock
    try:
        from unionapp.ui.app import run
    except ImportError as exc:  # e.g. Qt's system libraries are missing
        path = log_details(exc, "the desktop window cannot start")  # None: printed above
        message = _(
            "The desktop window cannot start: a library it needs is missing or cannot be "
            "loaded (the details are in {file}). The commands still work: {help}"
        ) if path else _(
            "The desktop window cannot start: a library it needs is missing or cannot be "
            "loaded (the details are above). The commands still work: {help}"
        )
        err(message.format(file=str(path), help="unionapp --help"))
        return EXIT_REFUSED
    return run(ctx.args)
