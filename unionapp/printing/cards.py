"""Membership cards (мүчөлүк билет / членский билет): ID-1 cards, ten to an A4 sheet, for duplex.

What one card shows is ``card_faces``'s, how its photo is read ``card_photos``'s; here the
cards are laid on sheets and the job writes the file (the names tests and callers use are
re-exported from here).

Sheets go front, back, front, back…: the back sheet is the front mirrored left to right, so
printed on both sides (flipped on the long edge) each back lands behind its own front. Cards
touch top to bottom (one cut between rows) and stand 8 mm apart side by side; crop marks sit
outside them and in the gap.

Photos never stop the job: one that cannot be read is replaced by the silhouette and named in
``CardsResult.warnings``; each distinct photo is embedded once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from unionapp.core.atomic_files import atomic_output
from unionapp.core.cards import CardMember
from unionapp.core.errors import UserError
from unionapp.core.i18n import N_, _
from unionapp.printing import card_art
from unionapp.printing.card_faces import (
    BAD_PHOTO,
    CARD_H,
    CARD_NO,
    CARD_W,
    CHAIRPERSON,
    GREY,
    ISSUED,
    JOINED,
    PHOTO,
    QR_BOX,
    QR_SIZE,
    RIGHTS,
    RIGHTS_TITLE,
    SAFE,
    STAMP,
    TITLE,
    CardOrganization,
    CardTexts,
    bilingual,
    draw_back,
    draw_front,
    parse_qr_payload,
    qr_payload,
)
from unionapp.printing.card_photos import Photos
from unionapp.printing.fonts import register_fonts
from unionapp.printing.layout import Cancelled, PrintCancelled, Progress

__all__ = [
    "BAD_PHOTO", "CARD_H", "CARD_NO", "CARD_W", "CHAIRPERSON", "ISSUED", "JOINED", "PHOTO",
    "QR_BOX", "QR_SIZE", "RIGHTS", "RIGHTS_TITLE", "SAFE", "STAMP", "TITLE", "CardOrganization",
    "CardsResult", "Photos", "bilingual", "organization_from_settings", "parse_qr_payload",
    "qr_payload", "qr_square", "slot_origin", "write_cards_pdf",
]

# --- the sheet (ISO/IEC 7810 ID-1 cards on A4 portrait) -----------------------------------------
COLUMNS, ROWS = 2, 5
PER_SHEET = COLUMNS * ROWS
COLUMN_GAP = 8 * mm
PAGE_W, PAGE_H = A4
GRID_X = (PAGE_W - COLUMNS * CARD_W - (COLUMNS - 1) * COLUMN_GAP) / 2
GRID_Y = (PAGE_H - ROWS * CARD_H) / 2
MARK_OFFSET, MARK_LENGTH = 2 * mm, 5 * mm

# in the program's language, in a sheet's margin
FRONTS = N_("Membership cards, fronts: sheet {sheet} of {sheets}")
BACKS = N_("Membership cards, backs: sheet {sheet} of {sheets}. Print on the reverse of the "
           "fronts, flipped on the long edge.")
NO_NAME = N_("The organization's name is not set (Settings): the cards show none at the top.")
NOTHING = N_("There are no cards to print.")


def organization_from_settings(values: dict[str, str]) -> CardOrganization:
    return CardOrganization(values.get("org.name_ky", ""), values.get("org.name_ru", ""),
                            values.get("org.chairperson", ""), values.get("org.id", ""))


@dataclass
class CardsResult:
    cards: int
    sheets: int
    pages: int
    warnings: list[str] = field(default_factory=list)


def slot_origin(index: int, *, back: bool = False) -> tuple[float, float]:
    """The lower left corner (points) of card ``index`` (0-9, row by row from the top) on its
    sheet; on the back sheet the columns swap, so a back lies behind its front."""
    row, column = divmod(index % PER_SHEET, COLUMNS)
    if back:
        column = COLUMNS - 1 - column
    x = GRID_X + column * (CARD_W + COLUMN_GAP)
    y = GRID_Y + (ROWS - 1 - row) * CARD_H
    return x, y


def qr_square(index: int) -> tuple[float, float, float]:
    """Where the QR code's modules are on the front sheet: x, y (lower left), side; points."""
    x, y = slot_origin(index)
    qx, qy, size = QR_BOX
    return x + qx, y + qy, size


def _crop_marks(c: Canvas, used: int, back: bool) -> None:
    slots = [slot_origin(i, back=back) for i in range(used)]
    xs = sorted({x for x, _y in slots} | {x + CARD_W for x, _y in slots})
    ys = sorted({y for _x, y in slots} | {y + CARD_H for _x, y in slots})
    box = (min(xs), min(ys), max(xs), max(ys))
    columns = sorted({x for x, _y in slots})
    inner = [(columns[0] + CARD_W, columns[1])] if len(columns) == 2 else []
    card_art.draw_crop_marks(c, xs, ys, box, MARK_OFFSET, MARK_LENGTH, inner)


def _caption(c: Canvas, text: str, regular: str) -> None:
    c.setFillColorRGB(*GREY)
    c.setFont(regular, 6.5)
    c.drawCentredString(PAGE_W / 2, 4.5 * mm, text)
    c.setFillColorRGB(0, 0, 0)


def _sheet(c: Canvas, texts: CardTexts, batch: Sequence[CardMember], sheet: int, sheets: int,
           photos: Photos, problems: list[str], tick: _Tick) -> None:
    for back in (False, True):
        _crop_marks(c, len(batch), back)
        _caption(c, _(BACKS if back else FRONTS).format(sheet=sheet, sheets=sheets),
                 texts.regular)
        for index, card in enumerate(batch):
            tick.check()
            x, y = slot_origin(index, back=back)
            c.saveState()
            c.translate(x, y)
            if back:
                draw_back(c, texts, card)
            else:
                draw_front(c, texts, card, photos, problems)
            c.restoreState()
            if back:
                tick.advance()
        c.showPage()


@contextmanager
def _binary_streams() -> Iterator[None]:
    """Streams stored binary, not ASCII85: ReportLab without its C accelerator encodes A85 in
    pure Python, which took half the time of a thousand cards (every photo passes through it).
    A PDF is a binary file anyway; this also makes it a fifth smaller."""
    before = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = before


class _Tick:
    def __init__(self, total: int, progress: Progress | None, cancelled: Cancelled | None):
        self.total, self.done = total, 0
        self.progress, self.cancelled = progress, cancelled

    def check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise PrintCancelled()

    def advance(self) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total)


def write_cards_pdf(
    path: Path,
    cards: Sequence[CardMember],
    org: CardOrganization,
    *,
    issued_on: dt.date | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> CardsResult:
    """Write the cards to ``path`` atomically (a failure or a cancel leaves no file and an
    existing one as it was); ``progress(cards_done, cards_total)``."""
    if not cards:
        raise UserError(NOTHING)
    regular, bold = register_fonts()
    texts = CardTexts(org, regular, bold, issued_on or dt.date.today())
    problems: list[str] = [] if (org.name_ky or org.name_ru) else [_(NO_NAME)]
    sheets = -(-len(cards) // PER_SHEET)
    tick = _Tick(len(cards), progress, cancelled)
    photos = Photos()
    tick.check()
    with atomic_output(path) as temp, _binary_streams():
        c = Canvas(str(temp), pagesize=A4, pageCompression=1, initialFontName=regular)
        c.setTitle(_(TITLE))
        c.setAuthor(org.name_ky or org.name_ru)
        c.setCreator("unionapp")
        try:
            for sheet in range(sheets):
                batch = cards[sheet * PER_SHEET:(sheet + 1) * PER_SHEET]
                _sheet(c, texts, batch, sheet + 1, sheets, photos, problems, tick)
        finally:
            photos.close()
        c.save()
    return CardsResult(len(cards), sheets, 2 * sheets, problems)
