"""Award certificates read back from the PDF: A4 portrait, a page per award, a decision's awards
in one file, the Kyrgyz letters intact, the number and the decision in the certificate's
language, every font embedded; refusals say why and write nothing; the blank mode prints the
fields alone and the calibration sheet its ruler."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent))
from certificate_helpers import (  # noqa: E402
    CHAIR,
    DECIDED,
    IVANOVA,
    LONG_NAME,
    NURLANOV,
    ORG_KY,
    ORG_RU,
    REASON_KY,
    USONOVA,
    Built,
    build,
)

from unionapp.core import print_layouts  # noqa: E402
from unionapp.core.errors import UserError, ValidationError, ValidationGroup  # noqa: E402
from unionapp.core.i18n import translate_in  # noqa: E402
from unionapp.printing import certificates  # noqa: E402
from unionapp.printing.certificate_data import (  # noqa: E402
    AWARD_TITLE,
    BY_COMMITTEE,
    BY_GENERAL_MEETING,
    decision_text,
    load_certificates,
)
from unionapp.printing.layout import PrintCancelled  # noqa: E402
from unionapp.printing.text_fit import TextStyle, fit  # noqa: E402

A4 = (595.28, 841.89)


@pytest.fixture
def built(db) -> Built:  # type: ignore[no-untyped-def]
    return build(db)


def flat(page) -> str:  # type: ignore[no-untyped-def]
    return " ".join((page.extract_text() or "").split())


def pages_of(path: Path) -> list[str]:
    return [flat(page) for page in PdfReader(path).pages]


def assert_a4_portrait(path: Path) -> None:
    for page in PdfReader(path).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width, 1), round(height, 1)) == (595.3, 841.9)


def embedded_fonts(path: Path) -> set[str]:
    """Every font the pages use; each must carry its TrueType file (no base-14 font)."""
    names: set[str] = set()
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"] \
                if "/DescendantFonts" in font else font.get("/FontDescriptor")
            assert descriptor is not None, font["/BaseFont"]
            assert "/FontFile2" in descriptor.get_object(), font["/BaseFont"]
            names.add(str(font["/BaseFont"]).split("+")[-1])
    return names


def test_one_certificate_in_kyrgyz(db, built: Built, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "one.pdf"
    printed = certificates.print_certificates(db, path, award_ids=[built.certificate], lang="ky")
    assert [c.number for c in printed] == ["2026/017"]
    assert_a4_portrait(path)
    [text] = pages_of(path)
    assert USONOVA in text  # ү ө intact
    assert "АРДАК ГРАМОТА" in text
    assert ORG_KY.upper() in text
    assert "башталгыч класстардын мугалими" in text
    assert REASON_KY in text
    assert decision_text("committee", "7", DECIDED, "ky") in text
    assert "2026/017" in text
    assert CHAIR in text
    assert translate_in("ky", "Stamp place") in text
    assert embedded_fonts(path) >= {"DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic"}


def test_the_same_award_in_russian_takes_the_seeded_types_russian_name(  # type: ignore[no-untyped-def]
    db, built: Built, tmp_path: Path
) -> None:
    path = tmp_path / "ru.pdf"
    certificates.print_certificates(db, path, award_ids=[built.certificate], lang="ru")
    [text] = pages_of(path)
    assert "ПОЧЕТНАЯ ГРАМОТА" in text and "АРДАК" not in text
    assert ORG_RU.upper() in text
    assert USONOVA in text and "2026/017" in text
    sentence = translate_in("ru", BY_COMMITTEE).format(
        number="7", date=translate_in("ru", "{day} May {year}").format(day=14, year=2026))
    assert sentence in text
    assert decision_text("committee", "7", DECIDED, "ru") == sentence


def test_a_decisions_awards_are_one_file_a_page_each(db, built: Built, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "decision.pdf"
    progress: list[tuple[int, int]] = []
    printed = certificates.print_certificates(
        db, path, decision_id=built.decision, lang="ky",
        progress=lambda done, total: progress.append((done, total)))
    assert [c.number for c in printed] == ["2026/017", "2026/018", "2026/019"]
    texts = pages_of(path)
    assert len(texts) == 3
    assert_a4_portrait(path)
    assert USONOVA in texts[0] and IVANOVA in texts[1]
    assert "ЫРААЗЫЧЫЛЫК КАТ" in texts[1]  # the letter of gratitude's own title
    assert progress[-1] == (3, 3)
    # the long name is whole: shrunk and wrapped, never cut
    assert LONG_NAME in texts[2]
    assert "2026/019" in texts[2]


def test_badges_and_general_meetings_print_a_certificate_of_award(  # type: ignore[no-untyped-def]
    db, built: Built, tmp_path: Path
) -> None:
    path = tmp_path / "general.pdf"
    certificates.print_certificates(db, path, decision_id=built.general, lang="ru")
    badge, federation = pages_of(path)
    assert translate_in("ru", AWARD_TITLE).upper() in badge
    assert NURLANOV in badge
    assert "Отличник профсоюзного движения работников образования и науки" in badge
    assert translate_in("ru", BY_GENERAL_MEETING).format(
        number="2", date=translate_in("ru", "{day} March {year}").format(day=6, year=2026)
    ) in badge
    assert "ПОЧЕТНАЯ ГРАМОТА ФЕДЕРАЦИИ ПРОФСОЮЗОВ КЫРГЫЗСТАНА" in federation


@pytest.mark.usefixtures("source_strings")  # positions and labels in English
def test_an_award_without_a_decision_or_a_nomination_is_refused_and_nothing_is_written(  # type: ignore[no-untyped-def]
    db, built: Built, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    path = out / "refused.pdf"
    with pytest.raises(ValidationError) as caught:
        certificates.print_certificates(db, path, award_ids=[built.no_decision], lang="ky")
    assert USONOVA in caught.value.message() and "decision" in caught.value.message()
    with pytest.raises(ValidationGroup) as both:
        certificates.print_certificates(
            db, path, award_ids=[built.certificate, built.nomination, built.no_decision],
            lang="ru")
    assert len(both.value.errors) == 2
    assert NURLANOV in both.value.errors[0].message()
    with pytest.raises(UserError):
        certificates.print_certificates(db, path, award_ids=[9999], lang="ky")
    with pytest.raises(UserError):
        certificates.print_certificates(db, path, award_ids=[], lang="ky")
    with pytest.raises(UserError):
        certificates.print_certificates(db, path, award_ids=[built.certificate], lang="en")
    assert list(out.iterdir()) == []


def test_a_cancel_leaves_no_file_and_an_old_one_untouched(db, built: Built, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    out.mkdir()
    path = out / "cancelled.pdf"
    path.write_bytes(b"old")
    calls = iter([False, True])
    with pytest.raises(PrintCancelled):
        certificates.print_certificates(db, path, decision_id=built.decision, lang="ky",
                                        cancelled=lambda: next(calls))
    assert path.read_bytes() == b"old"
    assert [p.name for p in out.iterdir()] == ["cancelled.pdf"]


def test_blank_mode_prints_the_fields_alone_where_the_template_puts_them(  # type: ignore[no-untyped-def]
    db, built: Built, tmp_path: Path
) -> None:
    places = print_layouts.default_blank()
    places["award"] = places["award"].__class__(25, 114, 14, 160)  # this blank wants it
    print_layouts.save_blank(db, built.types["certificate"], places)
    path = tmp_path / "blank.pdf"
    certificates.print_certificates(db, path, decision_id=built.decision, lang="ky", blank=True)
    texts = pages_of(path)
    assert len(texts) == 3
    assert_a4_portrait(path)
    first = texts[0]
    for expected in (USONOVA, ORG_KY, REASON_KY, "2026/017", CHAIR, "Ардак грамота",
                     decision_text("committee", "7", DECIDED, "ky")):
        assert expected in first
    assert "ГРАМОТА" not in first  # no drawn title
    assert translate_in("ky", "is awarded to") not in first
    assert translate_in("ky", "Stamp place") not in first
    assert "Ыраазычылык кат" not in texts[1]  # the gratitude blank keeps its default: no award
    # no frame: the fields are text only, no path is painted
    content = PdfReader(path).pages[0].get_contents().get_data().decode("latin-1")
    assert not re.findall(r"^[-\d. ]+ (?:re|m|l|c)$", content, re.M)


def test_the_name_lands_where_the_blank_says(db, built: Built, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    places = print_layouts.default_blank()
    places["name"] = print_layouts.FieldPlace(20, 50, 20, 170)
    print_layouts.save_blank(db, built.types["certificate"], places)
    path = tmp_path / "placed.pdf"
    certificates.print_certificates(db, path, award_ids=[built.certificate], lang="ky",
                                    blank=True)
    found: list[float] = []

    def visit(text, _cm, tm, _font, _size) -> None:  # type: ignore[no-untyped-def]
        if "Үсөнова" in text:
            found.append(tm[5])

    PdfReader(path).pages[0].extract_text(visitor_text=visit)
    assert found
    top_mm = (A4[1] - found[0]) / 72 * 25.4  # the baseline, mm from the top
    assert 50 < top_mm < 50 + 20 * 1.2 * 25.4 / 72


@pytest.mark.usefixtures("source_strings")  # positions and labels in English
def test_calibration_sheet_has_its_ruler_and_every_field(db, built: Built, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "calibrate.pdf"
    sheets = certificates.print_calibration(db, path, decision_id=built.decision, lang="ky")
    assert [s.award_type_id for s in sheets] == [built.types["certificate"],
                                                 built.types["gratitude"]]
    texts = pages_of(path)
    assert len(texts) == 2
    assert_a4_portrait(path)
    words = texts[0].split()
    for label in ("10", "100", "200", "290"):
        assert label in words
    assert USONOVA in texts[0] and "2026/017" in texts[0]
    assert "x 25, y 124 mm, 20 pt" in texts[0]  # the name's box, as the dialog has it
    empty = tmp_path / "plain.pdf"
    certificates.write_calibration(empty, print_layouts.default_blank(), "Грамота")
    assert "x 25, y 124 mm, 20 pt" in pages_of(empty)[0]


def test_a_name_never_runs_out_of_its_box() -> None:
    from unionapp.printing.fonts import register_serif_fonts

    _serif, bold, _italic = register_serif_fonts()
    style = TextStyle(bold, 27, 16, 2)
    set_text = fit(LONG_NAME, style, 400)  # the certificate's name box, less its margins
    assert len(set_text.lines) == 2 and set_text.size < 27
    assert all(set_text.line_width(line) <= 400 for line in set_text.lines)
    assert " ".join(set_text.lines) == LONG_NAME
    # a word too wide even at the smallest size allowed breaks after its hyphens
    word = fit("Абдыкадырова-Тургунбаева-Кубанычбекова", style, 200)
    assert word.size == 16 and len(word.lines) > 1
    assert all(word.line_width(line) <= 200 for line in word.lines)
    assert "".join(word.lines) == "Абдыкадырова-Тургунбаева-Кубанычбекова"
    # and one with no hyphen shrinks below it rather than run over
    solid = fit("Абдыкадыроватургунбаевакубанычбекова", style, 200)
    assert solid.size < 16 and solid.line_width(solid.lines[0]) <= 200


def test_the_certificate_language_is_not_the_windows(db, built: Built) -> None:  # type: ignore[no-untyped-def]
    from unionapp.core import i18n

    i18n.set_language("ru")
    [cert] = load_certificates(db, award_ids=[built.certificate], lang="ky")
    assert cert.title == "Ардак грамота" and cert.organization == ORG_KY
    assert i18n.get_language() == "ru"
