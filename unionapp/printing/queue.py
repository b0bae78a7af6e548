"""The voucher queue on paper, so that it answers «why her and not me?» by itself.

Above the table: what the queue is, as of which day, and the rules with the committee's
current weights in plain sentences. Each line then gives the place, the member, the points and
their reasons in words («last voucher: never, counted as 10 years: +30; member for 12 years:
+12; many children: +5; applied on 03.02.2026»), so a member can recount their own points and
a neighbour's. The organization's name, the printing date and «Бет 2/5» come from ``layout``.
A4 landscape: the reasons need the width.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, ListFlowable, ListItem, Spacer

from unionapp.core import i18n, settings
from unionapp.core.codes import SEASONS, VOUCHER_KINDS
from unionapp.core.db import Database
from unionapp.core.formatting import format_date, format_number
from unionapp.core.i18n import N_, _
from unionapp.core.voucher_queue import CAMP, Position, Queue, load_queue
from unionapp.printing import layout

TITLE = N_("Queue for vouchers: {kind}")


def _columns(camp: bool) -> list[layout.Column]:
    columns = [
        layout.Column(_("No."), 0.45, wrap=False),
        layout.Column(_("Card no"), 0.8),
        layout.Column(_("Member"), 2.4 if not camp else 2.0),
    ]
    if camp:
        columns.append(layout.Column(_("Child"), 1.8))
    columns += [
        layout.Column(_("Season"), 0.9),
        layout.Column(_("Points"), 0.65, money=True),
        layout.Column(_("Why: the reasons of the points"), 6.2 if not camp else 6.0),
    ]
    return columns


def _left(position: Position, queue: Queue) -> bool:
    """Waits after the others for having left the union (the rules above say so)."""
    left = position.applicant.exit_date
    return left is not None and left <= queue.as_of


def queue_story(queue: Queue, chairperson: str = "") -> list[Flowable]:
    """The flowables of the printout: title, rules, the table, a place to sign."""
    st = layout.styles()
    camp = queue.kind == CAMP
    kind = VOUCHER_KINDS.label(queue.kind)
    rules = ListFlowable(
        [ListItem(layout.paragraph(line, st.text), leftIndent=12, value="•")
         for line in queue.rules()],
        bulletType="bullet", start="•", leftIndent=12, bulletFontName=st.regular,
    )
    rows = []
    for position in queue.positions:
        a = position.applicant
        row = [str(position.place), a.card_no, a.member_name]
        if camp:
            row.append(a.child_name)
        row += [SEASONS.label(a.season), str(position.points), position.reasons_text()]
        rows.append(row)
    story: list[Flowable] = [
        layout.paragraph(_(TITLE).format(kind=kind), st.title),
        layout.paragraph(
            _("Open applications as of {date}: {count}").format(
                date=format_date(queue.as_of), count=format_number(len(queue.positions))),
            st.subtitle),
        Spacer(1, 2 * mm),
        layout.paragraph(_("How the order is made"), st.heading),
        rules,
        Spacer(1, 3 * mm),
        layout.rows_table(_columns(camp), rows, font_size=8.5),
    ]
    if any(not p.eligible and not _left(p, queue) for p in queue.positions):
        story += [Spacer(1, 2 * mm), layout.paragraph(
            _("Children outside the camps' ages are listed after the others, whatever their "
              "points."), st.text)]
    story += [
        Spacer(1, 10 * mm),
        layout.paragraph(
            _("Chairperson: ____________________ {name}").format(name=chairperson), st.text),
    ]
    return story


def write_queue_pdf(
    queue: Queue,
    organization: str,
    path: Path,
    *,
    chairperson: str = "",
    progress: layout.Progress | None = None,
    cancelled: layout.Cancelled | None = None,
) -> None:
    """The queue of one kind on A4 landscape, atomically (see ``layout.write_pdf``)."""
    title = _(TITLE).format(kind=VOUCHER_KINDS.label(queue.kind))
    setup = layout.PageSetup(organization, title, printed_on=queue.as_of)
    layout.write_pdf(path, queue_story(queue, chairperson), setup, progress=progress,
                     cancelled=cancelled)


def print_queue(
    db: Database,
    kind: str,
    path: Path,
    *,
    progress: layout.Progress | None = None,
    cancelled: layout.Cancelled | None = None,
) -> Queue:
    """Load the queue of ``kind`` as of today and write it, with the organization's name from
    the settings in the current language: the one call of the window (and of a script)."""
    values = settings.get_all(db)
    queue = load_queue(db, kind)
    write_queue_pdf(
        queue, layout.organization_name(values, i18n.get_language()), path,
        chairperson=values.get("org.chairperson", ""), progress=progress, cancelled=cancelled,
    )
    return queue
