"""Bench row: 1000 membership cards with photo + QR, against a raw ReportLab canvas drawing the
same primitives (DESIGN.md: <= 1.5x).

Both sides get the same 1000 distinct JPEG photos and draw, per card, the same texts, the same
photo (clipped to its frame), the same QR code (made by segno from the same payload and filled
as one path of row runs), the same silhouette-free frame, and per sheet the same crop marks,
front and back. The baseline knows every position and size in advance (no fitting, no photo
checks, no bilingual labels looked up): what is left is the cost of our layout.

Run alone: ``.venv/bin/python tests/perf/cards_perf.py``.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

CARDS = 1000


def make_photos(count: int, seed: int = 7) -> list[bytes]:
    """Distinct 3x4 JPEGs of a member-photo's size (what the photo dialog stores)."""
    from PIL import Image, ImageDraw

    rnd = random.Random(seed)
    photos = []
    for _ in range(count):
        w, h = 450, 600
        image = Image.new("RGB", (w, h), tuple(rnd.randrange(140, 230) for _ in range(3)))
        draw = ImageDraw.Draw(image)
        draw.ellipse([w * 0.1, h * 0.68, w * 0.9, h * 1.3],
                     fill=tuple(rnd.randrange(20, 120) for _ in range(3)))
        draw.ellipse([w * 0.28, h * 0.18, w * 0.72, h * 0.62],
                     fill=(rnd.randrange(190, 235), rnd.randrange(150, 195), 140))
        for _ in range(40):  # some texture, so the JPEGs weigh what photos weigh
            x, y = rnd.randrange(w), rnd.randrange(h)
            draw.point((x, y), fill=tuple(rnd.randrange(256) for _ in range(3)))
        out = io.BytesIO()
        image.save(out, "JPEG", quality=85)
        photos.append(out.getvalue())
    return photos


def make_cards(photos: list[bytes]) -> list:  # type: ignore[type-arg]
    from unionapp.core.cards import CardMember

    rnd = random.Random(3)
    surnames = ["Токтогулова", "Асан уулу", "Иванова", "Бакиров", "Сейит кызы", "Жээнбеков"]
    names = [("Гүлнара", "Бакытовна"), ("Нурлан", None), ("Светлана", "Сергеевна"),
             ("Өмүрбек", "Таалайбекович")]
    cards = []
    for i, photo in enumerate(photos):
        name, patronymic = rnd.choice(names)
        cards.append(CardMember(i + 1, f"{100000 + i}", rnd.choice(surnames), name, patronymic,
                                dt.date(2000 + i % 25, 1 + i % 12, 1 + i % 28), photo))
    return cards


def ours(cards: list, org, path: Path) -> float:  # type: ignore[no-untyped-def,type-arg]
    from unionapp.printing.cards import write_cards_pdf

    start = time.perf_counter()
    result = write_cards_pdf(path, cards, org, issued_on=dt.date(2026, 11, 3))
    elapsed = time.perf_counter() - start
    assert result.cards == len(cards) and not result.warnings, result
    return elapsed


def baseline(cards: list, org, path: Path) -> float:  # type: ignore[no-untyped-def,type-arg]
    """The same primitives drawn straight on a canvas, positions and sizes known."""
    import segno
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    from unionapp.printing import card_faces as faces
    from unionapp.printing import cards as layout
    from unionapp.printing.fonts import register_fonts

    regular, bold = register_fonts()
    # every text the real cards show, laid out once here, outside the clock
    texts = faces.CardTexts(org, regular, bold, dt.date(2026, 11, 3))
    shared_front = [(ln.text, ln.font, ln.size) for ln in texts.header.lines]
    shared_back = [(ln.text, ln.font, ln.size) for ln in texts.rights.lines]
    label_card = [(ln.text, ln.size) for ln in texts.card_label.lines]
    label_joined = [(ln.text, ln.size) for ln in texts.joined_label.lines]
    card_w, card_h = faces.CARD_W, faces.CARD_H
    px, py, pw, ph = faces.PHOTO
    qx, qy, qs = faces.QR_BOX

    from reportlab import rl_config

    rl_config.useA85 = 0  # binary streams, as ours (pure-Python ASCII85 is slow)
    start = time.perf_counter()
    c = Canvas(str(path), pagesize=A4, pageCompression=1, initialFontName=regular)
    for sheet in range(0, len(cards), 10):
        batch = cards[sheet:sheet + 10]
        for back in (False, True):
            marks = c.beginPath()
            for i in range(len(batch)):
                x, y = layout.slot_origin(i, back=back)
                for mx in (x, x + card_w):
                    marks.moveTo(mx, y + card_h + 2 * mm)
                    marks.lineTo(mx, y + card_h + 7 * mm)
            c.setLineWidth(0.25)
            c.drawPath(marks, stroke=1, fill=0)
            c.setFont(regular, 6.5)
            c.drawCentredString(A4[0] / 2, 4.5 * mm, "Membership cards: sheet")
            for i, card in enumerate(batch):
                x, y = layout.slot_origin(i, back=back)
                c.saveState()
                c.translate(x, y)
                if back:
                    top = card_h - 3.2 * mm
                    c.setFont(bold, 6.2)
                    c.drawCentredString(card_w / 2, top - 6, texts.rights_title.lines[0].text)
                    for text, font, size in shared_back:
                        top -= size * 1.18
                        c.setFont(font, size)
                        c.drawString(3.2 * mm, top, text)
                    c.setFont(regular, 5)
                    c.drawString(3.2 * mm, 18 * mm, texts.chair_label.lines[0].text)
                    c.line(3.2 * mm, 11.2 * mm, 53.2 * mm, 11.2 * mm)
                    c.setFont(regular, 6.5)
                    c.drawString(3.2 * mm, 8 * mm, org.chairperson)
                    c.setFont(bold, 5.5)
                    c.drawString(3.2 * mm, 3.6 * mm, f"№ {card.card_no}")
                    c.setFont(regular, 5)
                    c.drawString(12 * mm, 3.6 * mm, texts.issued)
                    c.setDash(1.2, 1.6)
                    c.circle(71.4 * mm, 13 * mm, 10 * mm, stroke=1, fill=0)
                    c.setDash()
                    c.drawCentredString(71.4 * mm, 12 * mm, texts.stamp)
                else:
                    top = card_h - 3.2 * mm
                    for text, font, size in shared_front:
                        top -= size * 1.18
                        c.setFont(font, size)
                        c.drawCentredString(card_w / 2, top, text)
                    c.line(3.2 * mm, 40.4 * mm, card_w - 3.2 * mm, 40.4 * mm)
                    c.setFont(bold, 6)
                    c.drawCentredString(card_w / 2, 36.9 * mm, texts.title, charSpace=0.35)
                    c.saveState()
                    clip = c.beginPath()
                    clip.rect(px, py, pw, ph)
                    c.clipPath(clip, stroke=0, fill=0)
                    c.drawImage(ImageReader(io.BytesIO(card.photo)), px, py, pw, ph)
                    c.restoreState()
                    c.rect(px, py, pw, ph, stroke=1, fill=0)
                    c.setFont(bold, 10)
                    c.drawString(27.6 * mm, 31 * mm, card.surname)
                    c.setFont(regular, 9.5)
                    c.drawString(27.6 * mm, 27 * mm, f"{card.name} {card.patronymic or ''}")
                    for (text, size), value, y0 in ((label_card[0], card.card_no, 21 * mm),
                                                    (label_joined[0],
                                                     card.join_date.strftime("%d.%m.%Y"),
                                                     11.4 * mm)):
                        c.setFont(regular, size)
                        c.drawString(27.6 * mm, y0, text)
                        c.setFont(bold, 9)
                        c.drawString(27.6 * mm, y0 - 10, value)
                    qr = segno.make_qr(f"CARD:{card.card_no}\nORG:{org.qr_identifier}",
                                       error="m", boost_error=True)
                    matrix = qr.matrix
                    n = len(matrix)
                    ops = [f"q 0 g {qs / n:.5f} 0 0 {qs / n:.5f} {qx:.3f} {qy:.3f} cm"]
                    for r, row in enumerate(matrix):
                        col = 0
                        while col < n:
                            if row[col]:
                                first = col
                                while col < n and row[col]:
                                    col += 1
                                ops.append(f"{first} {n - 1 - r} {col - first} 1 re")
                            else:
                                col += 1
                    ops.append("f Q")
                    c.addLiteral("\n".join(ops))
                c.restoreState()
            c.showPage()
    c.save()
    elapsed = time.perf_counter() - start
    rl_config.useA85 = 1
    return elapsed


def cards_ratio(folder: Path, count: int = CARDS, repeat: int = 3) -> tuple[float, float]:
    """Best of ``repeat`` runs each, taken in turns: (ours, baseline) seconds."""
    from unionapp.printing.cards import CardOrganization

    photos = make_photos(count)
    cards = make_cards(photos)
    org = CardOrganization("«Жаңы Үмүт» баштапкы профсоюз уюму",
                           "Первичная профсоюзная организация «Жаны Умут»",
                           "Асанова Гүлнара Бакытовна", "02103199910087")
    best_ours = best_base = float("inf")
    for _ in range(repeat):
        best_ours = min(best_ours, ours(cards, org, folder / "cards-ours.pdf"))
        best_base = min(best_base, baseline(cards, org, folder / "cards-raw.pdf"))
    return best_ours, best_base


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        o, b = cards_ratio(Path(tmp))
        print(f"ours {o:.3f} s  baseline {b:.3f} s  ratio {o / b:.2f}x (target <= 1.5x)")
