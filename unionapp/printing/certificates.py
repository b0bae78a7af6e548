"""Award certificates on A4 portrait: drawn whole (frame, title, text), printed onto a bought
blank (the fields only, where the blank's template puts them), or a calibration sheet.

A drawn certificate is set like a print shop's: the organization in spaced capitals, the title
large, a divider, then the member's name (the largest text after the title), position, what
for and the decision, centred as one group in the space between the title and the signature
line; the registration number and the stamp place at the foot. Texts shrink and wrap into
their boxes (``text_fit``), so a long name or organization never runs over the frame.

A calibration sheet is for setting a blank's positions (``core.print_layouts``): a ruler grid
in mm over the whole sheet with each field's box drawn where it will print, so the chairperson
lays it over a blank against the light and reads off how far to move each one. A 100 mm bar
shows at once whether the printer scaled the page.

Every file is written beside its target and renamed into place: a failure or a cancel never
leaves half a PDF (as ``layout.write_pdf``). ReportLab loads with this module: import it where
a certificate is made, not on the start-up path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from unionapp.core import print_layouts
from unionapp.core.atomic_files import atomic_output
from unionapp.core.db import Database
from unionapp.core.formatting import format_decimal
from unionapp.core.i18n import N_, _, translate_in
from unionapp.core.print_layouts import BlankLayout, FieldPlace
from unionapp.printing import frames
from unionapp.printing.certificate_data import Certificate, load_certificates
from unionapp.printing.fonts import register_fonts, register_serif_fonts
from unionapp.printing.layout import Cancelled, PrintCancelled, Progress
from unionapp.printing.text_fit import SetText, TextStyle, fit, text_width

PAGE_W, PAGE_H = float(A4[0]), float(A4[1])
INK = colors.HexColor("#1b1b1b")
SOFT = colors.HexColor("#3d4a5c")
GRID_10, GRID_5 = colors.HexColor("#a8a8a8"), colors.HexColor("#dadada")
CONTENT_X = 31 * mm  # the text's box inside the frame
CONTENT_W = PAGE_W - 2 * CONTENT_X
BODY_BOTTOM = 232  # mm from the top: the body group is centred above this
NAME_W = 44 * mm  # the chairperson's name right of the signature rule
CHAIR_TITLE = N_("Chairperson of the trade union committee")
STAMP = N_("Stamp place")
REG_NO = N_("Reg. No. {number}")
CALIBRATION_TITLE = N_("Test print of the blank «{template}»")
CALIBRATION_HINT = N_("Hold this sheet over the blank against the light and move each field "
                      "by the mm the grid shows.")
BAR_HINT = N_("This bar must measure exactly 100 mm; if not, print at actual size.")


def _y(top_mm: float) -> float:
    """A distance from the top of the page in mm as ReportLab's y (from the bottom)."""
    return PAGE_H - top_mm * float(mm)


class _Fonts:
    def __init__(self) -> None:
        self.sans, self.sans_bold = register_fonts()
        self.serif, self.bold, self.italic = register_serif_fonts()


# -- the whole certificate ---------------------------------------------------------------------
def draw_certificate(c: Canvas, cert: Certificate) -> None:
    f = _Fonts()
    style = frames.frame_style(cert.form)
    frames.place_frame(c, PAGE_W, PAGE_H, style)
    top = PAGE_H - 35 * mm
    if cert.organization:
        org = fit(cert.organization, TextStyle(f.serif, 12.5, 9, 3, 1.35, frames.NAVY, 1.1,
                                               upper=True), CONTENT_W)
        top = org.draw(c, CONTENT_X, top, CONTENT_W) - 9 * mm
    title = _title(f, cert.title)
    top = min(top, PAGE_H - 62 * mm + title.height / 2)
    bottom = title.draw(c, CONTENT_X, top, CONTENT_W)
    frames.draw_divider(c, PAGE_W / 2, bottom - 5 * mm, 42 * mm, style)
    _body(c, f, cert, bottom - 14 * mm)
    _signature(c, f, cert)


def _title(f: _Fonts, text: str) -> SetText:
    """On one line, spaced, when it fits at 30 pt or more; else on up to three lines."""
    width = CONTENT_W - 8 * mm
    one = fit(text, TextStyle(f.bold, 40, 30, 1, 1.15, frames.NAVY, 2.0, upper=True), width)
    if len(one.lines) == 1 and one.size >= 30:
        return one
    return fit(text, TextStyle(f.bold, 28, 16, 3, 1.18, frames.NAVY, 0.8, upper=True), width)


def _name(f: _Fonts, text: str, width: float) -> SetText:
    """On one line down to 24 pt (a name reads whole), else on two lines."""
    one = fit(text, TextStyle(f.bold, 30, 24, 1, 1.2, INK), width)
    if len(one.lines) == 1 and one.size >= 24:
        return one
    return fit(text, TextStyle(f.bold, 26, 16, 2, 1.2, INK), width)


def _body(c: Canvas, f: _Fonts, cert: Certificate, top: float) -> None:
    """The lead, name, position, award, reason and decision, centred as a group."""
    width = CONTENT_W - 10 * mm
    blocks = [
        (fit(cert.lead, TextStyle(f.italic, 15, 11, 2, color=SOFT), width), 4),
        (_name(f, cert.name, width), 3),
        (fit(cert.position, TextStyle(f.italic, 14, 10, 2, color=SOFT), width), 10),
        (fit(cert.award_line, TextStyle(f.serif, 15, 10, 4, 1.3, INK), width), 7),
        (fit(cert.reason, TextStyle(f.serif, 15, 10, 6, 1.35, INK), width), 10),
        (fit(cert.decision, TextStyle(f.italic, 12.5, 9, 3, 1.3, SOFT), width), 0),
    ]
    shown = [(set_text, gap * mm) for set_text, gap in blocks if set_text.lines]
    total = sum(s.height + gap for s, gap in shown) - (shown[-1][1] if shown else 0)
    room = top - _y(BODY_BOTTOM)
    y = top - max((room - total) / 2.1, 0)  # a hair above the middle: the eye's centre
    for set_text, gap in shown:
        y = set_text.draw(c, CONTENT_X, y, CONTENT_W) - gap


def _signature(c: Canvas, f: _Fonts, cert: Certificate) -> None:
    lang = cert.lang
    baseline = _y(244)
    label = fit(translate_in(lang, CHAIR_TITLE),
                TextStyle(f.serif, 11.5, 9, 2, 1.25, INK, align="left"), 66 * mm)
    label.draw(c, CONTENT_X + 2 * mm, baseline + label.height - 1.6 * mm, 66 * mm)
    c.saveState()
    c.setStrokeColor(INK)
    c.setLineWidth(0.6)
    c.line(103 * mm, baseline - 1 * mm, 133 * mm, baseline - 1 * mm)
    c.restoreState()
    if cert.chairperson:
        # a full name («Павлов Вячеслав Борисович») takes two lines at a readable size rather
        # than one line shrunk to 8 pt and wrapped anyway; the last line sits on the rule
        name = fit(cert.chairperson, TextStyle(f.serif, 11.5, 10, 2, 1.2, INK, align="left"),
                   NAME_W)
        name.draw(c, 135 * mm, baseline + name.height - 1.6 * mm, NAME_W)
    c.saveState()
    c.setFont(f.serif, 10)
    c.setFillColor(SOFT)
    c.drawString(CONTENT_X + 24 * mm, _y(257), translate_in(lang, STAMP))
    if cert.number:
        c.setFont(f.serif, 9.5)
        c.drawCentredString(PAGE_W / 2, _y(268.5),
                            translate_in(lang, REG_NO).format(number=cert.number))
    c.restoreState()


# -- the fields only, onto a bought blank ------------------------------------------------------
def blank_texts(cert: Certificate) -> dict[str, str]:
    """What each field of a blank holds (no title, no lead: the blank has its own print)."""
    return {
        "organization": cert.organization, "award": cert.award_name, "name": cert.name,
        "position": cert.position, "reason": cert.reason, "decision": cert.decision,
        "chairperson": cert.chairperson, "number": cert.number,
    }


def _field_style(f: _Fonts, name: str, place: FieldPlace) -> TextStyle:
    font = {"name": f.bold, "position": f.italic, "decision": f.italic}.get(name, f.serif)
    align = "left" if name in print_layouts.LEFT_ALIGNED else "center"
    return TextStyle(font, place.size, None, None, 1.2, colors.black, align=align)


def draw_blank(c: Canvas, texts: dict[str, str], places: BlankLayout) -> None:
    f = _Fonts()
    for name in print_layouts.BLANK_FIELDS:
        place = places[name]
        text = texts.get(name, "")
        if place.shown and text:
            fit(text, _field_style(f, name, place), place.width * mm).draw(
                c, place.x * mm, _y(place.y), place.width * mm)


# -- the calibration sheet ---------------------------------------------------------------------
def draw_calibration(c: Canvas, texts: dict[str, str], places: BlankLayout,
                     template: str) -> None:
    f = _Fonts()
    _grid(c, f)
    c.saveState()
    c.setFillColor(colors.white)
    c.rect(30 * mm, _y(21.5), PAGE_W - 60 * mm, 12 * mm, stroke=0, fill=1)
    head = fit(_(CALIBRATION_TITLE).format(template=template),
               TextStyle(f.sans_bold, 10, 7, 1), PAGE_W - 64 * mm)
    head.draw(c, 32 * mm, _y(10.5), PAGE_W - 64 * mm)
    hint = fit(_(CALIBRATION_HINT), TextStyle(f.sans, 7.5, 6, 2), PAGE_W - 64 * mm)
    hint.draw(c, 32 * mm, _y(15), PAGE_W - 64 * mm)
    c.restoreState()
    for name in print_layouts.BLANK_FIELDS:
        place = places[name]
        if place.shown:
            text = texts.get(name) or _(print_layouts.FIELD_LABELS[name])
            _calibration_field(c, f, name, place, text)
    _hundred_mm_bar(c, f)


def _grid(c: Canvas, f: _Fonts) -> None:
    """Hairlines every 5 mm, stronger every 10 mm, numbers every 10 mm on all four edges."""
    c.saveState()
    width_mm, height_mm = int(print_layouts.PAGE_WIDTH_MM), int(print_layouts.PAGE_HEIGHT_MM)
    for x in range(0, width_mm + 1, 5):
        c.setStrokeColor(GRID_10 if x % 10 == 0 else GRID_5)
        c.setLineWidth(0.3 if x % 10 == 0 else 0.2)
        c.line(x * mm, 0, x * mm, PAGE_H)
    for y in range(0, height_mm + 1, 5):
        c.setStrokeColor(GRID_10 if y % 10 == 0 else GRID_5)
        c.setLineWidth(0.3 if y % 10 == 0 else 0.2)
        c.line(0, _y(y), PAGE_W, _y(y))
    c.setFont(f.sans, 5.5)
    c.setFillColor(colors.HexColor("#555555"))
    for x in range(10, width_mm, 10):
        for top in (6.5, 293):
            c.drawCentredString(x * mm, _y(top), str(x))
    for y in range(10, height_mm, 10):
        c.drawString(6.2 * mm, _y(y) + 0.6 * mm, str(y))
        c.drawRightString(PAGE_W - 6.2 * mm, _y(y) + 0.6 * mm, str(y))
    c.restoreState()


def _calibration_field(c: Canvas, f: _Fonts, name: str, place: FieldPlace, text: str) -> None:
    set_text = fit(text, _field_style(f, name, place), place.width * mm)
    left, top, width = place.x * mm, _y(place.y), place.width * mm
    height = max(set_text.height, place.size * 1.2)
    c.saveState()
    c.setFillColor(colors.white)
    c.rect(left, top - height, width, height, stroke=0, fill=1)
    set_text.draw(c, left, top, width)
    c.setStrokeColor(frames.NAVY)
    c.setLineWidth(0.6)
    c.setDash(2, 1.5)
    c.rect(left, top - height, width, height, stroke=1, fill=0)
    c.setDash()
    c.setLineWidth(0.9)  # the corner the numbers measure: x, y
    c.line(left - 2 * mm, top, left + 3 * mm, top)
    c.line(left, top + 2 * mm, left, top - 3 * mm)
    caption = _("{field}: x {x}, y {y} mm, {size} pt").format(
        field=_(print_layouts.FIELD_LABELS[name]), x=_number(place.x), y=_number(place.y),
        size=_number(place.size))
    c.setFillColor(colors.white)
    c.rect(left + 0.5 * mm, top + 0.4 * mm, text_width(caption, f.sans, 6) + 1 * mm, 2.9 * mm,
           stroke=0, fill=1)
    c.setFont(f.sans, 6)
    c.setFillColor(frames.NAVY)
    c.drawString(left + 1 * mm, top + 0.9 * mm, caption)
    c.restoreState()


def _number(value: float) -> str:
    """«12» or «12,5» mm: the language's decimal sign, a whole number without one."""
    return format_decimal(value, 0 if value == int(value) else 1)


def _hundred_mm_bar(c: Canvas, f: _Fonts) -> None:
    left, y = 55 * mm, _y(283)
    c.saveState()
    c.setFillColor(colors.white)
    c.rect(left - 3 * mm, y - 3.5 * mm, 106 * mm, 9.5 * mm, stroke=0, fill=1)
    c.setStrokeColor(colors.black)
    c.setLineWidth(0.8)
    c.line(left, y, left + 100 * mm, y)
    for tick in range(0, 101, 10):
        c.line(left + tick * mm, y, left + tick * mm, y + (2.5 if tick % 50 == 0 else 1.5) * mm)
    c.setFillColor(colors.black)
    c.setFont(f.sans, 6.5)
    c.drawCentredString(left + 50 * mm, y - 2.9 * mm, _(BAR_HINT))
    c.restoreState()


# -- files -------------------------------------------------------------------------------------
@contextmanager
def _pdf(path: Path, title: str) -> Iterator[Canvas]:
    """A canvas writing beside ``path``, renamed into place only when the block succeeds."""
    fonts = _Fonts()
    with atomic_output(path) as temp:
        c = Canvas(str(temp), pagesize=A4, initialFontName=fonts.serif, pageCompression=1)
        c.setTitle(title)
        c.setCreator("unionapp")
        yield c
        c.save()


def _pages(c: Canvas, items: list[Certificate], draw: Callable[[Canvas, Certificate], None],
           progress: Progress | None, cancelled: Cancelled | None) -> None:
    for index, cert in enumerate(items):
        if cancelled is not None and cancelled():
            raise PrintCancelled()
        draw(c, cert)
        c.showPage()
        if progress is not None:
            progress(index + 1, len(items))


def write_certificates(
    path: Path,
    items: list[Certificate],
    *,
    blanks: dict[int, BlankLayout] | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> None:
    """One page per certificate; with ``blanks`` (award type id -> positions) the fields only,
    each on its type's blank."""
    title = ", ".join(cert.number or cert.name for cert in items[:3])

    def draw(c: Canvas, cert: Certificate) -> None:
        if blanks is None:
            draw_certificate(c, cert)
        else:
            draw_blank(c, blank_texts(cert), blanks[cert.award_type_id])

    with _pdf(path, title) as c:
        _pages(c, items, draw, progress, cancelled)


def print_certificates(
    db: Database,
    path: Path,
    *,
    award_ids: list[int] | None = None,
    decision_id: int | None = None,
    lang: str,
    blank: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> list[Certificate]:
    """The one call of the window and the command line: load, check and write."""
    items = load_certificates(db, award_ids=award_ids, decision_id=decision_id, lang=lang)
    blanks = ({t: print_layouts.load_blank(db, t) for t in {i.award_type_id for i in items}}
              if blank else None)
    write_certificates(path, items, blanks=blanks, progress=progress, cancelled=cancelled)
    return items


def print_calibration(
    db: Database,
    path: Path,
    *,
    award_ids: list[int] | None = None,
    decision_id: int | None = None,
    lang: str,
    places: BlankLayout | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> list[Certificate]:
    """A calibration sheet per award type among the awards, filled with the first award of
    each type; ``places`` (positions not saved yet, from the dialog) replace the saved ones."""
    items = load_certificates(db, award_ids=award_ids, decision_id=decision_id, lang=lang)
    by_type: dict[int, Certificate] = {}
    for cert in items:
        by_type.setdefault(cert.award_type_id, cert)
    firsts = list(by_type.values())

    def draw(c: Canvas, cert: Certificate) -> None:
        layout = places or print_layouts.load_blank(db, cert.award_type_id)
        draw_calibration(c, blank_texts(cert), layout, cert.award_name)

    with _pdf(path, _(CALIBRATION_TITLE).format(template=firsts[0].award_name)) as c:
        _pages(c, firsts, draw, progress, cancelled)
    return firsts


def write_calibration(path: Path, places: BlankLayout, template: str,
                      texts: dict[str, str] | None = None) -> None:
    """A calibration sheet with no award at hand: each field shows its own name."""
    with _pdf(path, _(CALIBRATION_TITLE).format(template=template)) as c:
        draw_calibration(c, texts or {}, places, template)
        c.showPage()
