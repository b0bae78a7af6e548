"""The page furniture every tabular printout shares: A4 pages whose header names the organization
and the printing date and whose footer says «Бет 2/5» / «Стр. 2 из 5», with DejaVu embedded;
the tables themselves are ``rows``'s, the styles ``styles``'s (both re-exported here, so a
printout needs only ``from unionapp.printing import layout``).

A file is built through ``atomic_output``, so a failed or cancelled job never leaves half a
PDF. ReportLab is imported at module level: import this module where a printout is made,
never on the start-up path.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from unionapp.core.atomic_files import atomic_output
from unionapp.core.formatting import format_date
from unionapp.core.i18n import N_, _
from unionapp.printing.fonts import REGULAR, register_fonts
from unionapp.printing.rows import (
    CHUNK_ROWS,
    LINE_GREY,
    PADDING,
    Cancelled,
    Column,
    PrintCancelled,
    Progress,
    rows_table,
    track,
)
from unionapp.printing.styles import Styles, escape, paragraph, styles

__all__ = [
    "CHUNK_ROWS", "PADDING", "Cancelled", "Column", "PageSetup", "PrintCancelled", "Progress",
    "Styles", "escape", "organization_name", "paragraph", "rows_table", "styles", "write_pdf",
]

MARGIN = 15 * mm
HEADER_GAP = 9 * mm  # from the top margin down to the first line of the content
FOOTER_Y = 9 * mm

PAGE_LABEL = N_("Page {page} of {pages}")
PRINTED_ON = N_("Printed on {date}")


@dataclass(frozen=True)
class PageSetup:
    """What every page of a document shows around its content."""

    organization: str
    title: str  # the PDF's title (shown by viewers), not drawn
    landscape: bool = True
    printed_on: dt.date = field(default_factory=dt.date.today)

    @property
    def pagesize(self) -> tuple[float, float]:
        width, height = float(A4[0]), float(A4[1])
        return (height, width) if self.landscape else (width, height)

    @property
    def content_width(self) -> float:
        return self.pagesize[0] - 2 * float(MARGIN)


class _FurnishedCanvas(Canvas):  # type: ignore[misc]
    """Keeps every page until the end, so each page's footer can say how many there are."""

    def __init__(self, *args: Any, setup: PageSetup, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._setup = setup
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        regular, _bold = register_fonts()
        setup = self._setup
        width, height = setup.pagesize
        label = _(PAGE_LABEL)
        printed = _(PRINTED_ON).format(date=format_date(setup.printed_on))
        top = height - MARGIN + 2 * mm
        for state in self._pages:
            self.__dict__.update(state)
            self.saveState()
            self.setFont(regular, 8)
            self.setFillColor(colors.dimgrey)
            if setup.organization:
                self.drawString(MARGIN, top, _fit(setup.organization, regular, 8,
                                                  width - 2 * MARGIN - 60 * mm))
            self.drawRightString(width - MARGIN, top, printed)
            self.setStrokeColor(LINE_GREY)
            self.setLineWidth(0.4)
            self.line(MARGIN, top - 2 * mm, width - MARGIN, top - 2 * mm)
            self.drawRightString(width - MARGIN, FOOTER_Y,
                                 label.format(page=self._pageNumber, pages=len(self._pages)))
            self.restoreState()
            super().showPage()
        super().save()


def _fit(text: str, font: str, size: float, room: float) -> str:
    """A header line never runs into the date: an over-long name ends with an ellipsis."""
    if stringWidth(text, font, size) <= room:
        return text
    while text and stringWidth(text + "…", font, size) > room:
        text = text[:-1]
    return text.rstrip() + "…"


def write_pdf(
    path: Path,
    story: list[Flowable],
    setup: PageSetup,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> None:
    """Build ``story`` into ``path`` with the shared header and footer, atomically.

    ``progress(rows_done, rows_total)`` follows the tables' rows; ``cancelled()`` turning true
    stops the build with ``PrintCancelled``. Either way a failure leaves no file behind, and an
    existing file at ``path`` stays as it was.
    """
    tracker = track(story, progress, cancelled)
    tracker.check()
    register_fonts()
    with atomic_output(path) as temp:
        doc = SimpleDocTemplate(
            str(temp), pagesize=setup.pagesize, leftMargin=MARGIN, rightMargin=MARGIN,
            topMargin=MARGIN + HEADER_GAP, bottomMargin=MARGIN, title=setup.title,
            author=setup.organization, creator="unionapp", initialFontName=REGULAR,
        )
        doc.build(story, canvasmaker=partial(_FurnishedCanvas, setup=setup))
    if progress is not None:
        progress(tracker.total, tracker.total)


def organization_name(settings: dict[str, str], lang: str) -> str:
    """The organization's name in ``lang``, else in the other language (a header is never
    empty just because one of the two names was not typed in)."""
    other = "ru" if lang == "ky" else "ky"
    return settings.get(f"org.name_{lang}") or settings.get(f"org.name_{other}") or ""
