"""«Print list…» of the pages: a register made off the GUI thread and shown in the preview.

The Members page prints exactly the rows it shows - its filters and search applied, in its
sort order - and the printout's «Filter: …» line says which filters those were. The vouchers,
aid and awards pages print their year's register with ``print_register(parent, state, kind,
year)``. ReportLab loads only when something is printed (``printing.registers`` is imported
inside the job), never at start-up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtWidgets import QWidget

from unionapp.core.i18n import N_, _
from unionapp.ui.dialogs.pdf_preview import PdfPreviewDialog, open_pdf_preview
from unionapp.ui.models.members_model import MembersModel
from unionapp.ui.state import AppState

Progress = Callable[[int, int], None]
# the name Save as PDF proposes, in the user's language (a year register names its year)
FILE_NAMES = {
    "members": N_("members.pdf"),
    "children": N_("children.pdf"),
    "vouchers": N_("vouchers-{year}.pdf"),
    "aid": N_("aid-{year}.pdf"),
    "awards": N_("awards-{year}.pdf"),
}


def print_register(
    parent: QWidget | None,
    state: AppState,
    kind: str,
    year: int | None = None,
    *,
    member_ids: Sequence[int] | None = None,
    filter_text: str | None = None,
) -> PdfPreviewDialog:
    """Preview the register ``kind`` (members, children, vouchers, aid, awards) of ``year``
    (vouchers, aid, awards; this year when None). Returns the preview dialog, which appears
    once the PDF is made; a failure shows its message instead."""
    from unionapp.printing.register_rows import register_title

    db = state.db
    year = year or dt.date.today().year
    ids = None if member_ids is None else list(member_ids)

    def make(path: Path, progress: Progress, cancelled: Callable[[], bool]) -> None:
        from unionapp.printing.registers import print_register as write_register

        write_register(db, kind, path, year=year, member_ids=ids, filter_text=filter_text,
                       progress=progress, cancelled=cancelled)

    title = register_title(kind, year)
    file_name = _(FILE_NAMES[kind]).format(year=year) if kind in FILE_NAMES else ""
    return open_pdf_preview(parent, title, make, file_name=file_name)


def print_members(parent: QWidget | None, state: AppState, model: MembersModel) -> PdfPreviewDialog:
    """The members the table shows, as it shows them (filters, search, sort order)."""
    from unionapp.printing.register_rows import describe_member_filter

    members, shown = model.members, model.filter
    ids = [members.ids[row] for row in model.rows]
    described = describe_member_filter(
        status=shown.status, department=shown.department, pensioners=shown.pensioners,
        youth=shown.youth, query=shown.query, youth_max_age=members.youth_max_age)
    return print_register(parent, state, "members", member_ids=ids, filter_text=described)
