"""Membership cards read back from the PDF: sheets (front and back per ten cards) of A4 with
ID-1 cards, DejaVu embedded, Kyrgyz letters intact, both languages whatever the program's,
backs mirrored behind their fronts, long names shrunk but whole, bad photos never stopping the
job, the QR code drawn exactly as segno encodes the card number and the organization, and no
half-written file after a cancel."""

from __future__ import annotations

import datetime as dt
import gc
import io
import shutil
import subprocess
import weakref
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw
from pypdf import PdfReader
from reportlab.lib.units import mm

from unionapp.core.cards import CardMember
from unionapp.core.errors import UserError
from unionapp.core.i18n import set_language, translate_in
from unionapp.printing import card_art, cards
from unionapp.printing.card_art import Paragraph, fit_block
from unionapp.printing.fonts import register_fonts
from unionapp.printing.layout import PrintCancelled

ORG = cards.CardOrganization("«Жаңы Үмүт» баштапкы профсоюз уюму",
                             "Первичная профсоюзная организация «Жаны Умут»",
                             "Асанова Гүлнара Бакытовна", "02103199910087")
ISSUED = dt.date(2026, 11, 3)


def jpeg(size: tuple[int, int] = (300, 400), mode: str = "RGB", color: Any = (180, 160, 140)
         ) -> bytes:
    image = Image.new("RGB", size, color)
    ImageDraw.Draw(image).ellipse([size[0] // 4, size[1] // 5, 3 * size[0] // 4, size[1] // 2],
                                  fill=(90, 60, 40))
    if mode != "RGB":
        image = image.convert(mode)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def card(i: int, photo: bytes | None = None, surname: str = "Үсөнова",
         name: str = "Гүлнара", patronymic: str | None = "Таңкыевна") -> CardMember:
    return CardMember(i, f"{1000 + i}", surname, name, patronymic, dt.date(2015, 3, i % 28 + 1),
                      photo)


def write(path: Path, members: list[CardMember], **kwargs: Any) -> cards.CardsResult:
    return cards.write_cards_pdf(path, members, ORG, issued_on=ISSUED, **kwargs)


def text_of(page: Any) -> str:
    return " ".join((page.extract_text() or "").split())


def images_on(page: Any) -> list[Any]:
    xobjects = page["/Resources"].get("/XObject") or {}
    return [x.get_object() for x in xobjects.values()
            if x.get_object().get("/Subtype") == "/Image"]


@pytest.mark.parametrize(("count", "pages"), [(1, 2), (10, 2), (11, 4), (23, 6)])
def test_a_front_and_a_back_sheet_per_ten_cards(tmp_path: Path, count: int, pages: int) -> None:
    result = write(tmp_path / "cards.pdf", [card(i) for i in range(1, count + 1)])
    reader = PdfReader(tmp_path / "cards.pdf")
    assert len(reader.pages) == pages == result.pages
    assert result.cards == count and result.sheets == pages // 2
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4


def test_cards_are_id1_ten_to_a_sheet_centred_and_backs_mirrored() -> None:
    assert (round(cards.CARD_W / mm, 2), round(cards.CARD_H / mm, 2)) == (85.60, 53.98)
    fronts = [cards.slot_origin(i) for i in range(10)]
    assert len(set(fronts)) == 10
    assert len({x for x, _y in fronts}) == 2 and len({y for _x, y in fronts}) == 5
    for x, y in fronts:  # every card wholly on the paper, clear of the crop marks' margin
        assert 10 * mm < x and x + cards.CARD_W < cards.PAGE_W - 10 * mm
        assert 10 * mm < y and y + cards.CARD_H < cards.PAGE_H - 10 * mm
    for i, (x, y) in enumerate(fronts):  # flipped on the long edge, a back is behind its front
        back_x, back_y = cards.slot_origin(i, back=True)
        assert back_y == y
        assert back_x == pytest.approx(cards.PAGE_W - x - cards.CARD_W)


def test_fonts_embedded_and_kyrgyz_letters_intact(tmp_path: Path) -> None:
    write(tmp_path / "cards.pdf", [card(1), card(2, surname="Өмүрбеков", name="Үмүт",
                                                 patronymic="Ңурланович")])
    reader = PdfReader(tmp_path / "cards.pdf")
    front, back = (text_of(p) for p in reader.pages)
    for piece in ("Үсөнова", "Гүлнара Таңкыевна", "Өмүрбеков", "Үмүт Ңурланович",
                  ORG.name_ky, ORG.name_ru, "1001", "1002", "02.03.2015"):
        assert piece in front, piece
    assert ORG.chairperson in back and "№ 1001" in back and "03.11.2026" in back
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        names = {str(f.get_object()["/BaseFont"]) for f in fonts.values()}
        assert {n.split("+")[-1] for n in names} <= {"DejaVuSans", "DejaVuSans-Bold"}
        assert all("+" in n for n in names)  # embedded subsets
        for f in fonts.values():
            descendant = f.get_object().get("/DescendantFonts")
            descriptor = (descendant[0].get_object() if descendant else f.get_object())
            assert "/FontFile2" in descriptor["/FontDescriptor"].get_object()


@pytest.mark.parametrize("ui_language", ["ky", "ru"])
def test_both_languages_on_every_card_whatever_the_programs(tmp_path: Path,
                                                            ui_language: str) -> None:
    set_language(ui_language)
    write(tmp_path / "cards.pdf", [card(1)])
    front, back = (text_of(p) for p in PdfReader(tmp_path / "cards.pdf").pages)
    for msgid in (cards.CARD_NO, cards.JOINED):
        assert translate_in("ky", msgid) in front and translate_in("ru", msgid) in front
    for msgid in (cards.CHAIRPERSON, cards.STAMP):
        assert translate_in("ky", msgid) in back and translate_in("ru", msgid) in back
    assert translate_in("ky", cards.STAMP) != translate_in("ru", cards.STAMP)  # М.О. / М.П.


def test_backs_lie_behind_their_fronts(tmp_path: Path) -> None:
    """Each card's number on the back sheet is in the mirrored slot of its front."""
    write(tmp_path / "cards.pdf", [card(i) for i in range(1, 8)])
    back = PdfReader(tmp_path / "cards.pdf").pages[1]
    found: dict[str, tuple[float, float]] = {}

    def visit(text: str, cm: list[float], tm: list[float], *_args: Any) -> None:
        if text.startswith("№ "):
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found[text.strip()[2:]] = (x, y)

    back.extract_text(visitor_text=visit)
    assert len(found) == 7
    for i in range(7):
        x, y = found[f"{1001 + i}"]
        slot_x, slot_y = cards.slot_origin(i, back=True)
        assert slot_x < x < slot_x + cards.CARD_W / 2  # at the left of its own card
        assert slot_y < y < slot_y + cards.CARD_H


def test_a_very_long_name_shrinks_but_stays_whole(tmp_path: Path) -> None:
    long_card = card(1, surname="Абдыкадырова-Сыдыкбекова-Жээнбекова",
                     name="Гүлнарабүбүайнуражаңылмырза",
                     patronymic="Токтосуновна-Жээнбековна кызы Өмүрбековна Ңурлановна")
    write(tmp_path / "cards.pdf", [long_card, card(2)])
    front = text_of(PdfReader(tmp_path / "cards.pdf").pages[0])
    for word in long_card.full_name.split():
        assert word in front, word  # nothing cut off

    regular, bold = register_fonts()
    width, height = 55 * mm, 10.6 * mm
    block = fit_block([Paragraph(long_card.surname, bold, 1.08),
                       Paragraph(f"{long_card.name} {long_card.patronymic}", regular)],
                      width, height, 9.5, max_lines=4)
    short = fit_block([Paragraph("Үсөнова", bold, 1.08), Paragraph("Гүлнара", regular)],
                      width, height, 9.5, max_lines=4)
    assert block.size < short.size == 9.5  # shrunk, the short name not
    assert block.height <= height and len(block.lines) <= 4
    for line in block.lines:  # never over the edge
        assert card_art.stringWidth(line.text, line.font, line.size) <= width
    assert " ".join(line.text for line in block.lines) == long_card.full_name


def test_a_word_wider_than_the_box_still_fits_whole() -> None:
    regular, _bold = register_fonts()
    word = "Ң" * 80
    block = fit_block([Paragraph(word, regular)], 20 * mm, 3 * mm, 9, max_lines=1)
    assert [line.text for line in block.lines] == [word]
    assert card_art.stringWidth(word, regular, block.lines[0].size) <= 20 * mm + 0.01


def test_bad_photos_never_stop_the_job(tmp_path: Path) -> None:
    good = jpeg()
    png = io.BytesIO()
    Image.new("RGBA", (300, 400), (0, 0, 0, 0)).save(png, "PNG")
    members = [
        card(1, good),
        card(2, jpeg(mode="CMYK")),
        card(3, jpeg(size=(4500, 6000))),  # 27 megapixels: scaled down
        card(4, b"this is not a picture", surname="Сүрөтсүз"),
        card(5, good[: len(good) // 3], surname="Жарымсүрөт"),  # a JPEG cut short
        card(6, png.getvalue()),  # transparent PNG: on white
        card(7, None),  # no photo: the silhouette, no warning
        card(8, good),  # the same photo again: embedded once
    ]
    result = write(tmp_path / "cards.pdf", members)
    assert len(result.warnings) == 2
    assert "Сүрөтсүз" in result.warnings[0] and "1004" in result.warnings[0]
    assert "Жарымсүрөт" in result.warnings[1] and "1005" in result.warnings[1]
    images = images_on(PdfReader(tmp_path / "cards.pdf").pages[0])
    assert len(images) == 4  # good (once), CMYK, huge, PNG
    for image in images:
        assert image["/ColorSpace"] in ("/DeviceRGB", "/DeviceGray")  # CMYK converted
        assert int(image["/Width"]) <= 450 and int(image["/Height"]) <= 600  # huge scaled


def test_photos_are_freed_as_the_job_goes_not_at_its_end() -> None:
    """A thousand cards must not hold a thousand decoded photos (~0.8 MB each)."""
    photos = cards.Photos()
    gc.disable()  # freed by reference counting alone, without the cyclic collector
    try:
        count = cards.Photos.KEEP + 5
        readers = [photos.reader(jpeg(color=(15 * i, 100, 100))) for i in range(count)]
        alive = [weakref.ref(r) for r in readers if r is not None]
        del readers
        assert len(alive) == count
        assert sum(ref() is not None for ref in alive) == cards.Photos.KEEP
        photos.close()
        assert all(ref() is None for ref in alive)
    finally:
        gc.enable()


def test_a_photo_turned_by_its_exif_stands_upright(tmp_path: Path) -> None:
    image = Image.new("RGB", (400, 300), (150, 150, 150))  # stored lying on its side
    exif = Image.Exif()
    exif[0x0112] = 6  # "turn 90° to show"
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    write(tmp_path / "cards.pdf", [card(1, out.getvalue())])
    (embedded,) = images_on(PdfReader(tmp_path / "cards.pdf").pages[0])
    assert (int(embedded["/Width"]), int(embedded["/Height"])) == (300, 400)


def test_centred_names_wrap_into_even_lines() -> None:
    regular, bold = register_fonts()
    name = "Бишкек шаарындагы №5 «Жаңы Үмүт» орто мектебинин баштапкы профсоюз уюму"
    width = card_art.stringWidth(name, bold, 7) - 5  # greedily, "уюму" alone on line two
    greedy = fit_block([Paragraph(name, bold)], width, 20 * mm, 7)
    even = fit_block([Paragraph(name, bold)], width, 20 * mm, 7, balance=True)
    assert len(greedy.lines) == len(even.lines) == 2 and greedy.size == even.size == 7
    assert greedy.lines[1].text == "уюму"

    def spread(block: card_art.Block) -> float:
        widths = [card_art.stringWidth(ln.text, ln.font, ln.size) for ln in block.lines]
        return max(widths) - min(widths)

    assert spread(even) < spread(greedy) / 3
    assert " ".join(ln.text for ln in even.lines) == name


def test_a_missing_organization_name_is_said_not_hidden(tmp_path: Path) -> None:
    org = cards.CardOrganization("", "", "", "")
    result = cards.write_cards_pdf(tmp_path / "cards.pdf", [card(1)], org)
    assert len(result.warnings) == 1
    assert org.qr_identifier == ""
    assert cards.organization_from_settings({"org.name_ru": "Профком"}).qr_identifier == "Профком"


def test_qr_payload_holds_the_card_number_and_the_organization() -> None:
    payload = cards.qr_payload("1001", ORG.qr_identifier)
    assert cards.parse_qr_payload(payload) == ("1001", "02103199910087")
    named = cards.CardOrganization("«Жаңы Үмүт»", "Жаны Умут")
    assert cards.parse_qr_payload(cards.qr_payload("7", named.qr_identifier)) == (
        "7", "«Жаңы Үмүт»")  # no org.id: the name, Kyrgyz first
    code = card_art.make_qr(payload)
    assert not code.is_micro and code.error in ("M", "Q", "H")
    with pytest.raises(ValueError):
        cards.parse_qr_payload("https://example.org")


def _render_qr_area(pdf: Path, index: int, folder: Path, dpi: int = 600) -> tuple[Any, float]:
    """The QR square of card ``index`` on the front sheet as a picture, and pixels per point."""
    x, y, size = cards.qr_square(index)
    scale = dpi / 72
    left, top = int(x * scale), int((cards.PAGE_H - y - size) * scale)
    side = int(size * scale) + 2
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1", "-x", str(left), "-y",
                    str(top), "-W", str(side), "-H", str(side), "-png", "-singlefile",
                    str(pdf), str(folder / f"qr{index}")], check=True)
    return Image.open(folder / f"qr{index}.png").convert("L"), scale


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler) not installed")
def test_the_drawn_qr_code_is_segnos_symbol_of_the_card(tmp_path: Path) -> None:
    """Rendered at 600 dpi, every module of the drawn code has the colour segno gives it."""
    pdf = tmp_path / "cards.pdf"
    write(pdf, [card(1), card(2, jpeg())])
    for index in range(2):
        matrix = card_art.make_qr(cards.qr_payload(f"{1001 + index}", ORG.qr_identifier)).matrix
        image, scale = _render_qr_area(pdf, index, tmp_path)
        x, y, size = cards.qr_square(index)
        left, top = int(x * scale), int((cards.PAGE_H - y - size) * scale)
        module = size * scale / len(matrix)
        wrong = 0
        for r, row in enumerate(matrix):
            for c, dark in enumerate(row):
                px = (x * scale - left) + (c + 0.5) * module
                py = ((cards.PAGE_H - y - size) * scale - top) + (r + 0.5) * module
                wrong += (image.getpixel((int(px), int(py))) < 128) != bool(dark)
        assert wrong == 0


@pytest.mark.skipif(shutil.which("zbarimg") is None,
                    reason="zbarimg (zbar-tools) not installed: the module-by-module "
                           "comparison with segno's symbol stands in for a decode")
def test_the_qr_code_decodes_to_the_card_number(tmp_path: Path) -> None:
    pdf = tmp_path / "cards.pdf"
    write(pdf, [card(1)])
    subprocess.run(["pdftoppm", "-r", "300", "-f", "1", "-l", "1", "-png", "-singlefile",
                    str(pdf), str(tmp_path / "front")], check=True)
    done = subprocess.run(["zbarimg", "--raw", "-q", str(tmp_path / "front.png")],
                          capture_output=True, check=True)
    assert cards.parse_qr_payload(done.stdout.decode().strip()) == ("1001", "02103199910087")


def test_segno_matrix_has_no_quiet_zone_and_the_card_keeps_one() -> None:
    """The drawn modules fill ``QR_BOX``; four modules of white around them stay on the card."""
    code = card_art.make_qr(cards.qr_payload("1001", ORG.qr_identifier))
    matrix = code.matrix
    assert len(matrix) == code.symbol_size(border=0)[0] == 17 + 4 * int(code.version)
    module = cards.QR_SIZE / len(matrix)
    assert module >= 0.4 * mm  # coarse enough for a 300-dpi office printer and a phone
    qx, qy, size = cards.QR_BOX
    quiet = card_art.QR_QUIET_MODULES * module
    assert qx + size + quiet <= cards.CARD_W and qy - quiet >= 0


def test_progress_and_cancel_leave_no_half_written_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "cards.pdf"
    target.parent.mkdir()
    target.write_bytes(b"the old file")
    seen: list[tuple[int, int]] = []
    with pytest.raises(PrintCancelled):
        write(target, [card(i) for i in range(1, 31)], progress=lambda d, t: seen.append((d, t)),
              cancelled=lambda: len(seen) >= 12)
    assert target.read_bytes() == b"the old file"
    assert [p.name for p in target.parent.iterdir()] == ["cards.pdf"]  # no temporary left
    seen.clear()
    write(target, [card(i) for i in range(1, 31)], progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (30, 30) and len(seen) == 30
    assert target.read_bytes().startswith(b"%PDF")


def test_nothing_to_print_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError):
        write(tmp_path / "cards.pdf", [])
    assert not (tmp_path / "cards.pdf").exists()
