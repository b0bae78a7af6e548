"""Membership cards (мүчөлүк билет / членский билет): ID-1 cards, ten to an A4 sheet, for duplex.

Every card is bilingual whatever the program's language: the organization's name and every
label in Kyrgyz and Russian (``translate_in``). Front: the names, the photo 3×4 (a neutral
silhouette when there is none or it cannot be read), the full name shrunk to fit (never cut),
the card number, the date of joining and a QR code. Back: the member's rights, the
chairperson's signature line, the stamp place, the date of issue.

Sheets go front, back, front, back…: the back sheet is the front mirrored left to right, so
printed on both sides (flipped on the long edge) each back lands behind its own front. Cards
touch top to bottom (one cut between rows) and stand 8 mm apart side by side; crop marks sit
outside them and in the gap. Nothing is drawn near a card's edge, so a cut or a duplex pass
that is off by a millimetre or two does not show.

The QR code holds ``CARD:<card no>`` and ``ORG:<identifier>`` on two lines. The identifier is
the setting ``org.id`` (e.g. the INN) — stable, short, so the code stays coarse — and the
organization's name (Kyrgyz, else Russian) when it is not set.

Photos never stop the job: a CMYK one is converted to RGB, a huge one scaled down, one that
cannot be read is replaced by the silhouette and named in ``CardsResult.warnings``. A stored
RGB JPEG of sane size goes into the PDF as it is (no re-encoding), and each distinct photo is
embedded once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import os
import tempfile
import warnings
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageOps
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from unionapp.core.cards import CardMember
from unionapp.core.errors import UserError
from unionapp.core.i18n import N_, _, translate_in
from unionapp.core.write_errors import write_failed
from unionapp.printing import card_art
from unionapp.printing.card_art import Paragraph, draw_block, fit_block
from unionapp.printing.fonts import register_fonts
from unionapp.printing.layout import Cancelled, PrintCancelled, Progress

log = logging.getLogger(__name__)

# --- geometry (ISO/IEC 7810 ID-1 on A4 portrait) -----------------------------------------------
CARD_W, CARD_H = 85.60 * mm, 53.98 * mm
COLUMNS, ROWS = 2, 5
PER_SHEET = COLUMNS * ROWS
COLUMN_GAP = 8 * mm
PAGE_W, PAGE_H = A4
GRID_X = (PAGE_W - COLUMNS * CARD_W - (COLUMNS - 1) * COLUMN_GAP) / 2
GRID_Y = (PAGE_H - ROWS * CARD_H) / 2
MARK_OFFSET, MARK_LENGTH = 2 * mm, 5 * mm
SAFE = 3.2 * mm  # nothing is drawn closer to a card's edge

PHOTO = (3.6 * mm, 4.0 * mm, 21 * mm, 28 * mm)  # x, y, width, height: 3×4
QR_SIZE = 16.6 * mm  # the code's modules; its quiet zone lies beyond, inside the card
QR_BOX = (CARD_W - SAFE - QR_SIZE, 4.0 * mm, QR_SIZE)  # its foot in line with the photo's
TEXT_X = 27.6 * mm
SIGNATURE_W = 50 * mm  # the chairperson's line; the stamp circle starts beyond it
STAMP_CIRCLE = (CARD_W - SAFE - 11 * mm, 13.0 * mm, 10 * mm)  # centre x, y, radius
LABEL_MIN_SIZE = 4.6  # points: a bilingual label smaller than this goes on two lines
ACCENT = (0.11, 0.30, 0.55)
GREY = (0.38, 0.40, 0.43)
FRAME_GREY = (0.62, 0.65, 0.69)

# --- photos -------------------------------------------------------------------------------------
PHOTO_PIXELS = (450, 600)  # what a re-encoded photo is scaled to fit: ~540 dpi on the card
PASS_THROUGH_SIDE = 1200  # a JPEG (RGB or grey) up to this side goes in as it is
MAX_DECODED_PIXELS = 60_000_000  # a non-JPEG bigger than this is not decoded (no draft mode)
JPEG_QUALITY = 90

# --- texts: the card shows each in Kyrgyz and in Russian ----------------------------------------
TITLE = N_("Membership card")
CARD_NO = N_("Card no")
JOINED = N_("Date of joining")
RIGHTS_TITLE = N_("The member's rights")
RIGHTS = N_("A member of the union has the right to the union's protection of their labour "
            "and social rights, to free legal advice, to material aid and recreation vouchers "
            "as the union committee decides, and to elect and be elected to the union's bodies.")
CHAIRPERSON = N_("Chairperson")
STAMP = N_("Stamp place")
ISSUED = N_("Date of issue")
# in the program's language, in a sheet's margin
FRONTS = N_("Membership cards, fronts: sheet {sheet} of {sheets}")
BACKS = N_("Membership cards, backs: sheet {sheet} of {sheets}. Print on the reverse of the "
           "fronts, flipped on the long edge.")
BAD_PHOTO = N_("{name} (card {card_no}): the photo could not be read; the card shows a "
               "silhouette instead.")
NO_NAME = N_("The organization's name is not set (Settings): the cards show none at the top.")
NOTHING = N_("There are no cards to print.")


@dataclass(frozen=True)
class CardOrganization:
    name_ky: str
    name_ru: str
    chairperson: str = ""
    identifier: str = ""  # org.id; the QR code falls back to the name

    @property
    def qr_identifier(self) -> str:
        return self.identifier or self.name_ky or self.name_ru


def organization_from_settings(values: dict[str, str]) -> CardOrganization:
    return CardOrganization(values.get("org.name_ky", ""), values.get("org.name_ru", ""),
                            values.get("org.chairperson", ""), values.get("org.id", ""))


def qr_payload(card_no: str, org_identifier: str) -> str:
    return f"CARD:{card_no}\nORG:{org_identifier}"


def parse_qr_payload(text: str) -> tuple[str, str]:
    """(card no, organization identifier) from a scanned card."""
    card, _sep, org = text.partition("\n")
    if not (card.startswith("CARD:") and org.startswith("ORG:")):
        raise ValueError(f"not a membership card's code: {text!r}")
    return card[len("CARD:"):], org[len("ORG:"):]


@dataclass
class CardsResult:
    cards: int
    sheets: int
    pages: int
    warnings: list[str] = field(default_factory=list)


def bilingual(msgid: str) -> str:
    """«Билет № / № билета»: one label in both languages (once when they are the same)."""
    ky, ru = translate_in("ky", msgid), translate_in("ru", msgid)
    return ky if ky == ru else f"{ky} / {ru}"


def _label(msgid: str, font: str, width: float, size: float = 5.0) -> card_art.Block:
    """A bilingual label on one line when it fits at a readable size, else Kyrgyz over
    Russian (never a break inside one language's words)."""
    one = fit_block([Paragraph(bilingual(msgid), font)], width, size * 1.3, size, max_lines=1)
    if one.size >= LABEL_MIN_SIZE:
        return one
    ky, ru = translate_in("ky", msgid), translate_in("ru", msgid)
    return fit_block([Paragraph(ky, font), Paragraph(ru, font)], width, size * 2.5, size,
                     max_lines=2)


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


# --- photos -------------------------------------------------------------------------------------


class Photos:
    """Each photo read once per job: a reader ReportLab embeds, or None (unreadable).

    Only the last few readers are kept: a reader holds its decoded pixels (~0.8 MB a photo),
    and a job draws each member's photo once, so keeping them all would cost gigabytes for a
    few thousand cards; a photo shared by several cards in a row is still read once, and
    ReportLab embeds equal pictures once whatever the reader. Unreadable ones are remembered.
    """

    KEEP = 8

    def __init__(self) -> None:
        self._readers: OrderedDict[str, ImageReader] = OrderedDict()
        self._bad: set[str] = set()

    def reader(self, data: bytes) -> ImageReader | None:
        key = hashlib.sha1(data).hexdigest()
        if key in self._bad:
            return None
        if key in self._readers:
            self._readers.move_to_end(key)
            return self._readers[key]
        reader = _prepare(data)
        if reader is None:
            self._bad.add(key)
            return None
        self._readers[key] = reader
        if len(self._readers) > self.KEEP:
            _release(self._readers.popitem(last=False)[1])
        return reader

    def forget(self, data: bytes) -> None:
        """``data`` turned out unreadable when drawn: the silhouette from now on."""
        key = hashlib.sha1(data).hexdigest()
        reader = self._readers.pop(key, None)
        if reader is not None:
            _release(reader)
        self._bad.add(key)

    def close(self) -> None:
        for reader in self._readers.values():
            _release(reader)
        self._readers.clear()


def _release(reader: ImageReader) -> None:
    """Free a reader's pixels now: a JPEG reader refers to itself (``jpeg_fh`` is its own bound
    method), so without this only the cyclic collector frees it — rarely, as it does not see
    the megabytes Pillow holds — and a thousand cards took a gigabyte."""
    reader.__dict__.pop("jpeg_fh", None)


def _prepare(data: bytes) -> ImageReader | None:
    """A reader over ``data`` itself when it is a plain JPEG, else over an RGB JPEG made from it
    (CMYK converted, transparency on white, turned upright, huge ones scaled down); None when
    the bytes are not a picture Pillow can read."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            upright = _orientation(image) in (0, 1)
            if (image.format == "JPEG" and image.mode in ("RGB", "L") and upright
                    and max(image.size) <= PASS_THROUGH_SIDE):
                return ImageReader(io.BytesIO(data))
            return ImageReader(io.BytesIO(_reencoded(image)))
    except Exception as exc:  # noqa: BLE001 - any unreadable picture becomes the silhouette
        log.info("photo not readable: %s", exc)
        return None


def _orientation(image: Image.Image) -> int:
    """The EXIF orientation (1: upright); a damaged EXIF block does not spoil the picture."""
    try:
        return int(image.getexif().get(0x0112, 1))
    except Exception:  # noqa: BLE001 - any EXIF trouble: take the pixels as they are
        return 1


def _reencoded(image: Image.Image) -> bytes:
    if image.format == "JPEG":
        image.draft(image.mode, PHOTO_PIXELS)  # decodes at 1/2..1/8 scale: fast for huge ones
    elif image.width * image.height > MAX_DECODED_PIXELS:
        raise ValueError(f"{image.width}x{image.height} is too big to decode")
    if _orientation(image) not in (0, 1):
        image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "PA", "P") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        image = Image.new("RGB", rgba.size, "white")
        image.paste(rgba, mask=rgba.getchannel("A"))
    elif image.mode != "RGB":
        image = image.convert("RGB")  # CMYK, 16-bit grey, …
    image.thumbnail(PHOTO_PIXELS, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY)
    return out.getvalue()


# --- the cards ----------------------------------------------------------------------------------


class _Texts:
    """What every card shares, fitted once per job (the same on a thousand cards)."""

    def __init__(self, org: CardOrganization, regular: str, bold: str, issued_on: dt.date):
        self.regular, self.bold = regular, bold
        self.title = "  ·  ".join(dict.fromkeys(
            translate_in(lang, TITLE).upper() for lang in ("ky", "ru")))
        self.header = fit_block(
            [Paragraph(org.name_ky, bold), Paragraph(org.name_ru, regular, 0.94, 0.15)],
            CARD_W - 2 * SAFE, 9.4 * mm, 7.2, max_lines=4, balance=True)
        field_width = QR_BOX[0] - 2.2 * mm - TEXT_X
        self.card_label = _label(CARD_NO, regular, field_width)
        self.joined_label = _label(JOINED, regular, field_width)
        self.rights_title = fit_block([Paragraph(bilingual(RIGHTS_TITLE), bold)],
                                      CARD_W - 2 * SAFE, 3.2 * mm, 6.2, max_lines=1)
        self.rights = fit_block(
            [Paragraph(translate_in("ky", RIGHTS), regular),
             Paragraph(translate_in("ru", RIGHTS), regular, 1.0, 0.45)],
            CARD_W - 2 * SAFE, 25.5 * mm, 5.6)
        self.chair_label = _label(CHAIRPERSON, regular, SIGNATURE_W)
        self.chairperson = fit_block([Paragraph(org.chairperson, regular)],
                                     SIGNATURE_W, 3.0 * mm, 6.5, max_lines=1)
        self.stamp = bilingual(STAMP)
        self.issued = f"{bilingual(ISSUED)}: {issued_on.strftime('%d.%m.%Y')}"
        self.org_id = org.qr_identifier


def _draw_front(c: Canvas, texts: _Texts, card: CardMember, photos: Photos,
                problems: list[str]) -> None:
    regular, bold = texts.regular, texts.bold
    draw_block(c, texts.header, SAFE, CARD_H - SAFE, CARD_W - 2 * SAFE, "centre")
    c.setStrokeColorRGB(*ACCENT)
    c.setLineWidth(0.7)
    c.line(SAFE, 40.4 * mm, CARD_W - SAFE, 40.4 * mm)
    c.setFillColorRGB(*ACCENT)
    c.setFont(bold, 6.0)
    c.drawCentredString(CARD_W / 2, 36.9 * mm, texts.title, charSpace=0.35)
    c.setFillColorRGB(0, 0, 0)

    _draw_photo(c, card, photos, problems)

    name = fit_block([Paragraph(card.surname, bold, 1.08),
                      Paragraph(" ".join(p for p in (card.name, card.patronymic) if p), regular)],
                     CARD_W - SAFE - TEXT_X, 9.0 * mm, 9.5, max_lines=4)
    # the first line's capitals level with the photo's top edge
    draw_block(c, name, TEXT_X, PHOTO[1] + PHOTO[3] + name.lines[0].size * 0.16,
               CARD_W - SAFE - TEXT_X)

    field_width = QR_BOX[0] - 2.2 * mm - TEXT_X
    top = 20.8 * mm  # the date's baseline ends level with the photo's foot
    for label, value in ((texts.card_label, card.card_no),
                         (texts.joined_label, card.join_date.strftime("%d.%m.%Y"))):
        c.setFillColorRGB(*GREY)
        below = draw_block(c, label, TEXT_X, top, field_width)
        c.setFillColorRGB(0, 0, 0)
        value_block = fit_block([Paragraph(value, bold)], field_width, 4.2 * mm, 9.0,
                                max_lines=1)
        draw_block(c, value_block, TEXT_X, below - 0.3 * mm, field_width)
        top -= 9.6 * mm

    qr = card_art.make_qr(qr_payload(card.card_no, texts.org_id))
    qx, qy, size = QR_BOX
    c.addLiteral(card_art.qr_operators(qr.matrix, qx, qy, size))


def _draw_photo(c: Canvas, card: CardMember, photos: Photos, problems: list[str]) -> None:
    x, y, width, height = PHOTO
    reader = photos.reader(card.photo) if card.photo else None
    drawn = False
    if reader is not None:
        c.saveState()
        clip = c.beginPath()
        clip.rect(x, y, width, height)
        c.clipPath(clip, stroke=0, fill=0)
        try:
            iw, ih = reader.getSize()
            scale = max(width / iw, height / ih)  # cover the frame; the excess is clipped
            w, h = iw * scale, ih * scale
            c.drawImage(reader, x + (width - w) / 2, y + (height - h) / 2, w, h)
            drawn = True
        except Exception as exc:  # noqa: BLE001 - a photo that fails to decode: silhouette
            log.info("photo of card %s not drawn: %s", card.card_no, exc)
            assert card.photo is not None
            photos.forget(card.photo)
        finally:
            c.restoreState()
    if card.photo and not drawn:
        problems.append(_(BAD_PHOTO).format(name=card.full_name, card_no=card.card_no))
    if not drawn:
        card_art.draw_silhouette(c, x, y, width, height)
    c.setStrokeColorRGB(*FRAME_GREY)
    c.setLineWidth(0.4)
    c.rect(x, y, width, height, stroke=1, fill=0)


def _draw_back(c: Canvas, texts: _Texts, card: CardMember) -> None:
    c.setFillColorRGB(*ACCENT)
    draw_block(c, texts.rights_title, SAFE, CARD_H - SAFE, CARD_W - 2 * SAFE, "centre")
    c.setFillColorRGB(0, 0, 0)
    draw_block(c, texts.rights, SAFE, CARD_H - SAFE - 4.0 * mm, CARD_W - 2 * SAFE)

    # the chairperson signs on the line, her name under it; the stamp goes beside
    c.setFillColorRGB(*GREY)
    draw_block(c, texts.chair_label, SAFE, 18.0 * mm, SIGNATURE_W)
    c.setStrokeColorRGB(0, 0, 0)
    c.setLineWidth(0.4)
    c.line(SAFE, 11.2 * mm, SAFE + SIGNATURE_W, 11.2 * mm)
    c.setFillColorRGB(0, 0, 0)
    draw_block(c, texts.chairperson, SAFE, 10.9 * mm, SIGNATURE_W)
    # the card's number on its back too: a stack of cut cards is matched at a glance
    number = f"№ {card.card_no}"
    c.setFont(texts.bold, 5.5)
    c.drawString(SAFE, SAFE + 0.4 * mm, number)
    c.setFillColorRGB(*GREY)
    c.setFont(texts.regular, 5.0)
    c.drawString(SAFE + c.stringWidth(number, texts.bold, 5.5) + 2.5 * mm, SAFE + 0.4 * mm,
                 texts.issued)

    cx, cy, radius = STAMP_CIRCLE
    c.setStrokeColorRGB(*FRAME_GREY)
    c.setLineWidth(0.4)
    c.setDash(1.2, 1.6)
    c.circle(cx, cy, radius, stroke=1, fill=0)
    c.setDash()
    c.setFillColorRGB(*FRAME_GREY)
    c.setFont(texts.regular, 6.0)
    c.drawCentredString(cx, cy - 2.1, texts.stamp)
    c.setFillColorRGB(0, 0, 0)


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


def _sheet(c: Canvas, texts: _Texts, batch: Sequence[CardMember], sheet: int, sheets: int,
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
                _draw_back(c, texts, card)
            else:
                _draw_front(c, texts, card, photos, problems)
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
    texts = _Texts(org, regular, bold, issued_on or dt.date.today())
    problems: list[str] = [] if (org.name_ky or org.name_ru) else [_(NO_NAME)]
    sheets = -(-len(cards) // PER_SHEET)
    tick = _Tick(len(cards), progress, cancelled)
    photos = Photos()
    tick.check()
    temp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=".cards-", suffix=".pdf", dir=path.parent)
        os.close(handle)
        temp = Path(temp_name)
        with _binary_streams():
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
        temp.chmod(0o644)  # mkstemp's 0600 would hide the printout from others on the PC
        os.replace(temp, path)
    except OSError as exc:
        if temp is not None:
            temp.unlink(missing_ok=True)
        raise write_failed(path, exc) from exc
    except BaseException:
        if temp is not None:
            temp.unlink(missing_ok=True)
        raise
    return CardsResult(len(cards), sheets, 2 * sheets, problems)
