"""Opening the desktop window (the default when no command is given)."""

from __future__ import annotations

from typing import Any

from unionapp.cli import Context


def register(sub: Any) -> None:
    app = sub.add_parser("app", help="open the desktop window (the default)")
    app.set_defaults(handler=run_app)


def run_app(ctx: Context) -> int:
    from unionapp.ui.app import run

    return run(ctx.args)
