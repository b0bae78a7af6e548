"""One membership card, front and back (ID-1, 85.6 × 54 mm), drawn at the canvas's origin.

Every card is bilingual whatever the program's language: the organization's name and every
label in Kyrgyz and Russian (``translate_in``). Front: the names, the photo 3×4 (a neutral
silhouette when there is none or it cannot be read), the full name shrunk to fit (never cut),
the card number, the date of joining and a QR code. Back: the member's rights, the
chairperson's signature line, the stamp place, the date of issue. Nothing is drawn nearer a
card's edge than ``SAFE``, so a cut or a duplex pass a millimetre or two off does not show.

The QR code holds ``CARD:<card no>`` and ``ORG:<identifier>`` on two lines. The identifier is
the setting ``org.id`` (e.g. the INN) — stable, short, so the code stays coarse — and the
organization's name (Kyrgyz, else Russian) when it is not set.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from unionapp.core.cards import CardMember
from unionapp.core.formatting import format_date
from unionapp.core.i18n import N_, _, translate_in
from unionapp.printing import card_art
from unionapp.printing.card_art import Paragraph, draw_block, fit_block
from unionapp.printing.card_photos import Photos

log = logging.getLogger(__name__)

# --- geometry inside a card (points from its lower left corner) --------------------------------
CARD_W, CARD_H = 85.60 * mm, 53.98 * mm
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
# in the program's language, in the job's warnings
BAD_PHOTO = N_("{name} (card {card_no}): the photo could not be read; the card shows a "
               "silhouette instead.")


@dataclass(frozen=True)
class CardOrganization:
    name_ky: str
    name_ru: str
    chairperson: str = ""
    identifier: str = ""  # org.id; the QR code falls back to the name

    @property
    def qr_identifier(self) -> str:
        return self.identifier or self.name_ky or self.name_ru


def qr_payload(card_no: str, org_identifier: str) -> str:
    return f"CARD:{card_no}\nORG:{org_identifier}"


def parse_qr_payload(text: str) -> tuple[str, str]:
    """(card no, organization identifier) from a scanned card."""
    card, _sep, org = text.partition("\n")
    if not (card.startswith("CARD:") and org.startswith("ORG:")):
        raise ValueError(f"not a membership card's code: {text!r}")
    return card[len("CARD:"):], org[len("ORG:"):]


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


class CardTexts:
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
        self.issued = f"{bilingual(ISSUED)}: {format_date(issued_on)}"
        self.org_id = org.qr_identifier


def draw_front(c: Canvas, texts: CardTexts, card: CardMember, photos: Photos,
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
                         (texts.joined_label, format_date(card.join_date))):
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


def draw_back(c: Canvas, texts: CardTexts, card: CardMember) -> None:
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

