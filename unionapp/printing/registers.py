"""Registers on paper: members (as filtered on screen), children, vouchers, aid and awards.

A4 landscape tables on ``layout``'s pages: the organization and the printing date in the
header, «Бет 2/5» / «Стр. 2 из 5» in the footer, the header row on every page, a totals row
where there are sums. The title says what the list is and how long it is, and for members
which filter made it («Фильтр: …»), so a sheet found on a desk a month later explains itself.

The rows come from ``register_rows`` (one query per register); a 10k-member register is
~290 pages and is drawn in chunks (see ``layout``), well under the 3 s of the issue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from unionapp.core import i18n, settings
from unionapp.core.db import Database
from unionapp.core.errors import UserError
from unionapp.core.i18n import N_
from unionapp.printing import layout
from unionapp.printing.benefit_registers import aid_register, awards_register, vouchers_register
from unionapp.printing.column_widths import fit_widths
from unionapp.printing.register_rows import (
    RegisterData,
    children_register,
    describe_member_filter,
    members_register,
)

KINDS = ("members", "children", "vouchers", "aid", "awards")
YEAR_KINDS = frozenset({"vouchers", "aid", "awards"})
UNKNOWN_KIND = N_("Unknown register {kind}. Registers: {kinds}.")

__all__ = [
    "KINDS",
    "YEAR_KINDS",
    "RegisterData",
    "describe_member_filter",
    "load_register",
    "print_register",
    "register_story",
    "write_register_pdf",
]


def load_register(
    db: Database,
    kind: str,
    *,
    year: int | None = None,
    member_ids: Sequence[int] | None = None,
    filter_text: str | None = None,
    today: dt.date | None = None,
) -> RegisterData:
    """The register ``kind`` in the current language. ``year`` (this year when None) is for
    vouchers, aid and awards; ``member_ids`` and ``filter_text`` for members (see
    ``members_register``)."""
    today = today or dt.date.today()
    year = year or today.year
    if kind == "members":
        return members_register(db, member_ids, filter_text=filter_text, today=today)
    if kind == "children":
        return children_register(db, today=today)
    if kind == "vouchers":
        return vouchers_register(db, year)
    if kind == "aid":
        return aid_register(db, year)
    if kind == "awards":
        return awards_register(db, year)
    raise UserError(UNKNOWN_KIND, kind=kind, kinds=", ".join(KINDS))


def register_story(register: RegisterData) -> list[Flowable]:
    """Title, the lines under it, the table (with its totals), the summary table if any."""
    st = layout.styles()
    story: list[Flowable] = [layout.paragraph(register.title, st.title)]
    story += [layout.paragraph(line, st.subtitle) for line in register.lines]
    story += [
        Spacer(1, 3 * mm),
        layout.rows_table(fit_widths(register.columns, register.rows, register.font_size,
                                     register.keep, totals=register.totals),
                          register.rows, register.totals, font_size=register.font_size),
    ]
    summary = register.summary
    if summary is not None:
        story += [Spacer(1, 4 * mm), layout.rows_table(
            fit_widths(summary.columns, summary.rows, register.font_size,
                       totals=summary.totals),
            summary.rows, summary.totals, lead=[layout.paragraph(summary.title, st.heading)],
            font_size=register.font_size)]
    return story


def write_register_pdf(
    register: RegisterData,
    organization: str,
    path: Path,
    *,
    printed_on: dt.date | None = None,
    progress: layout.Progress | None = None,
    cancelled: layout.Cancelled | None = None,
) -> None:
    """The register on A4 landscape; atomically (see ``layout.write_pdf``)."""
    setup = layout.PageSetup(organization, register.title, landscape=True,
                             printed_on=printed_on or dt.date.today())
    before = rl_config.useA85
    rl_config.useA85 = 0  # binary page streams: pure-Python ASCII85 cost ~10% of 10k members
    try:
        layout.write_pdf(path, register_story(register), setup, progress=progress,
                         cancelled=cancelled)
    finally:
        rl_config.useA85 = before


def print_register(
    db: Database,
    kind: str,
    path: Path,
    *,
    year: int | None = None,
    member_ids: Sequence[int] | None = None,
    filter_text: str | None = None,
    progress: layout.Progress | None = None,
    cancelled: layout.Cancelled | None = None,
) -> RegisterData:
    """Load the register and write it with the organization's name in the current language:
    the one call of the window, the command line and the benchmark."""
    register = load_register(db, kind, year=year, member_ids=member_ids,
                             filter_text=filter_text)
    if cancelled is not None and cancelled():
        raise layout.PrintCancelled()
    organization = layout.organization_name(settings.get_all(db), i18n.get_language())
    write_register_pdf(register, organization, path, progress=progress, cancelled=cancelled)
    return register
