"""``unionapp copy --to TARGET``: the whole register into a new or empty database.

TARGET is a file path or a server URL (``postgresql+psycopg://user:password@host/db``): a
SQLite file moves to a server when a committee outgrows one PC, and back to a file for a
laptop. The copy is verified by the rows of every table and the sums of every money column.
"""

from __future__ import annotations

from typing import Any

from unionapp.cli import EXIT_OK, Context, out
from unionapp.core.i18n import _


def register(sub: Any) -> None:
    copy = sub.add_parser(
        "copy", help=_("copy the whole register into a new or empty database (file or server)")
    )
    copy.add_argument(
        "--to", required=True, dest="target", metavar=_("TARGET"),
        help=_("the new database: a file, or a server URL such as "
               "postgresql+psycopg://user:password@host/db"),
    )
    copy.set_defaults(handler=run_copy)


def run_copy(ctx: Context) -> int:
    from unionapp.core.copying import copy_database
    from unionapp.core.formatting import format_money, format_number

    summary = copy_database(ctx.db, ctx.args.target)
    out(_("Copied to {target}: {rows} rows in {tables} tables.").format(
        target=summary.target, rows=format_number(summary.total_rows),
        tables=format_number(len(summary.rows))))
    out(_("Checked: every table has as many rows as the original, and the money adds up "
          "to the same sums (dues withheld {withheld}).").format(
        withheld=format_money(summary.sums.get("payroll_entries.withheld", 0))))
    return EXIT_OK
