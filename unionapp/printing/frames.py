"""The ornamental frame of an award certificate, drawn with ReportLab's vector primitives.

No bitmap and no borrowed artwork: every stroke is made here, so the frame prints sharp at any
resolution and its licence is the program's own. The design is a print shop's classic: a
heavy and a hairline rule outside, a band with a repeated motif, a hairline and a gold rule
inside whose corners are cut in quarter circles, and a rosette covering each corner of the
band. The band's motif tells the forms apart at a glance - a braid (guilloche) on a
certificate of honour, a chain of lozenges on a letter of gratitude, a row of beads on a
certificate of award - in a restrained navy and old gold that photocopy well.

Everything sits at least 10 mm inside the sheet: office printers cannot print the edge.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

NAVY = colors.HexColor("#1f3a68")
GOLD = colors.HexColor("#b08a35")
GOLD_PALE = colors.HexColor("#efe3bf")

EDGE = 10 * mm  # the outer rule's distance from the sheet's edge
BAND_OUT = 12.2 * mm  # the band lies between these two distances
BAND_IN = 19.8 * mm
INNER = 21.6 * mm  # the inner gold rule
CORNER_CUT = 7 * mm  # the radius of the inner rule's cut corners
FRAME_DEPTH = INNER  # content should keep clear of this much on every side


@dataclass(frozen=True)
class FrameStyle:
    motif: str  # "braid", "lozenges" or "beads"
    rule: Color = NAVY
    accent: Color = GOLD


STYLES = {
    "certificate": FrameStyle("braid"),
    "gratitude": FrameStyle("lozenges"),
    "award": FrameStyle("beads"),
}


def frame_style(form: str) -> FrameStyle:
    """The style of a form's frame: certificate, gratitude, else the certificate of award."""
    return STYLES.get(form, STYLES["award"])


def place_frame(c: Canvas, width: float, height: float, style: FrameStyle) -> None:
    """The frame on this page, drawn once per document as a form (PDF XObject) and reused:
    a decision's thirty certificates carry one copy of its thousands of strokes."""
    name = f"frame_{style.motif}_{int(width)}x{int(height)}"
    drawn: set[str] = c.__dict__.setdefault("_unionapp_frames", set())
    if name not in drawn:
        c.beginForm(name)
        draw_frame(c, width, height, style)
        c.endForm()
        drawn.add(name)
    c.doForm(name)


def draw_frame(c: Canvas, width: float, height: float, style: FrameStyle) -> None:
    """The whole frame on a ``width`` x ``height`` page."""
    c.saveState()
    c.setLineJoin(1)
    c.setLineCap(1)
    _rules(c, width, height, style)
    _band(c, width, height, style)
    for corner in _corners(width, height):
        _rosette(c, *corner, style)
    c.restoreState()


def _rules(c: Canvas, width: float, height: float, style: FrameStyle) -> None:
    c.setStrokeColor(style.rule)
    c.setLineWidth(2.0)
    c.rect(EDGE, EDGE, width - 2 * EDGE, height - 2 * EDGE)
    c.setLineWidth(0.5)
    inset = EDGE + 1.3 * mm
    c.rect(inset, inset, width - 2 * inset, height - 2 * inset)
    c.rect(BAND_IN + 0.6 * mm, BAND_IN + 0.6 * mm, width - 2 * (BAND_IN + 0.6 * mm),
           height - 2 * (BAND_IN + 0.6 * mm))
    c.setStrokeColor(style.accent)
    c.setLineWidth(1.1)
    _cut_corner_rect(c, INNER, INNER, width - INNER, height - INNER, CORNER_CUT)
    # a small lozenge in each cut corner
    c.setFillColor(style.accent)
    for x, y, sx, sy in ((INNER, INNER, 1, 1), (width - INNER, INNER, -1, 1),
                         (INNER, height - INNER, 1, -1), (width - INNER, height - INNER, -1, -1)):
        _lozenge(c, x + sx * 2.4 * mm, y + sy * 2.4 * mm, 1.1 * mm, 1.1 * mm)


def _cut_corner_rect(c: Canvas, x0: float, y0: float, x1: float, y1: float, r: float) -> None:
    """A rectangle whose corners are quarter circles cut inwards (centred on each corner)."""
    p = c.beginPath()
    p.moveTo(x0 + r, y0)
    p.lineTo(x1 - r, y0)
    p.arcTo(x1 - r, y0 - r, x1 + r, y0 + r, startAng=180, extent=-90)
    p.lineTo(x1, y1 - r)
    p.arcTo(x1 - r, y1 - r, x1 + r, y1 + r, startAng=270, extent=-90)
    p.lineTo(x0 + r, y1)
    p.arcTo(x0 - r, y1 - r, x0 + r, y1 + r, startAng=0, extent=-90)
    p.lineTo(x0, y0 + r)
    p.arcTo(x0 - r, y0 - r, x0 + r, y0 + r, startAng=90, extent=-90)
    p.close()
    c.drawPath(p, stroke=1, fill=0)


def _corners(width: float, height: float) -> list[tuple[float, float]]:
    mid = (BAND_OUT + BAND_IN) / 2
    return [(mid, mid), (width - mid, mid), (mid, height - mid), (width - mid, height - mid)]


def _sides(width: float, height: float) -> list[tuple[float, float, float, float, float]]:
    """Each side of the band between its corner rosettes: start x, y, direction dx, dy and
    length along the band's centre line."""
    mid = (BAND_OUT + BAND_IN) / 2
    gap = 6.5 * mm  # half a rosette, so a motif starts where the rosette ends
    horizontal = width - 2 * mid - 2 * gap
    vertical = height - 2 * mid - 2 * gap
    return [
        (mid + gap, mid, 1.0, 0.0, horizontal),
        (mid + gap, height - mid, 1.0, 0.0, horizontal),
        (mid, mid + gap, 0.0, 1.0, vertical),
        (width - mid, mid + gap, 0.0, 1.0, vertical),
    ]


def _band(c: Canvas, width: float, height: float, style: FrameStyle) -> None:
    draw = {"braid": _braid, "lozenges": _lozenges, "beads": _beads}[style.motif]
    for x, y, dx, dy, length in _sides(width, height):
        draw(c, x, y, dx, dy, length, style)


def _repeat(length: float, target: float) -> tuple[int, float]:
    """How many motifs of about ``target`` fill ``length`` exactly, and their pitch: each
    side ends on a whole motif, so the four corners look alike."""
    count = max(1, round(length / target))
    return count, length / count


def _braid(c: Canvas, x: float, y: float, dx: float, dy: float, length: float,
           style: FrameStyle) -> None:
    """Three phase-shifted waves twisted like a cord."""
    count, pitch = _repeat(length, 7.5 * mm)
    amplitude = (BAND_IN - BAND_OUT) / 2 - 0.9 * mm
    steps = count * 24
    c.setStrokeColor(style.accent)
    c.setLineWidth(0.65)
    for strand in range(3):
        phase = strand * 2 * math.pi / 3
        p = c.beginPath()
        for i in range(steps + 1):
            t = length * i / steps
            offset = amplitude * math.sin(2 * math.pi * t / pitch + phase)
            px, py = x + dx * t - dy * offset, y + dy * t + dx * offset
            if i == 0:
                p.moveTo(px, py)
            else:
                p.lineTo(px, py)
        c.drawPath(p, stroke=1, fill=0)
    c.setStrokeColor(style.rule)
    c.setLineWidth(0.35)
    for sign in (-1, 1):  # the cord's edges
        off = sign * (amplitude + 0.5 * mm)
        c.line(x - dy * off, y + dx * off, x + dx * length - dy * off, y + dy * length + dx * off)


def _lozenges(c: Canvas, x: float, y: float, dx: float, dy: float, length: float,
              style: FrameStyle) -> None:
    """Gold lozenges outlined in navy, a navy dot between each two."""
    count, pitch = _repeat(length, 6.0 * mm)
    half_long, half_short = pitch * 0.34, (BAND_IN - BAND_OUT) / 2 - 1.0 * mm
    c.setLineWidth(0.45)
    for i in range(count):
        t = pitch * (i + 0.5)
        cx, cy = x + dx * t, y + dy * t
        c.setFillColor(GOLD_PALE)
        c.setStrokeColor(style.accent)
        along_x = half_long if dx else half_short
        along_y = half_short if dx else half_long
        _lozenge(c, cx, cy, along_x, along_y, stroke=True)
        c.setFillColor(style.accent)
        _lozenge(c, cx, cy, along_x * 0.38, along_y * 0.38)
        if i:
            c.setFillColor(style.rule)
            c.circle(x + dx * pitch * i, y + dy * pitch * i, 0.45 * mm, stroke=0, fill=1)


def _beads(c: Canvas, x: float, y: float, dx: float, dy: float, length: float,
           style: FrameStyle) -> None:
    """A string of beads: a gold bead, a small navy one, between two hairlines."""
    count, pitch = _repeat(length, 4.0 * mm)
    c.setStrokeColor(style.accent)
    c.setLineWidth(0.35)
    for sign in (-1, 1):
        off = sign * 2.2 * mm
        c.line(x - dy * off, y + dx * off, x + dx * length - dy * off, y + dy * length + dx * off)
    for i in range(count):
        t = pitch * (i + 0.5)
        c.setFillColor(style.accent)
        c.circle(x + dx * t, y + dy * t, 1.0 * mm, stroke=0, fill=1)
        if i:
            c.setFillColor(style.rule)
            c.circle(x + dx * pitch * i, y + dy * pitch * i, 0.35 * mm, stroke=0, fill=1)


def _lozenge(c: Canvas, cx: float, cy: float, rx: float, ry: float, *, stroke: bool = False
             ) -> None:
    p = c.beginPath()
    p.moveTo(cx - rx, cy)
    p.lineTo(cx, cy + ry)
    p.lineTo(cx + rx, cy)
    p.lineTo(cx, cy - ry)
    p.close()
    c.drawPath(p, stroke=1 if stroke else 0, fill=1)


def _rosette(c: Canvas, cx: float, cy: float, style: FrameStyle) -> None:
    """A square plate over the band's corner with an eight-petal rosette."""
    half = 5.6 * mm
    c.setFillColor(colors.white)
    c.setStrokeColor(style.rule)
    c.setLineWidth(0.9)
    c.rect(cx - half, cy - half, 2 * half, 2 * half, stroke=1, fill=1)
    c.setLineWidth(0.35)
    c.rect(cx - half + 0.9 * mm, cy - half + 0.9 * mm, 2 * half - 1.8 * mm, 2 * half - 1.8 * mm)
    c.setFillColor(style.accent)
    c.setStrokeColor(style.accent)
    for i in range(8):
        c.saveState()
        c.translate(cx, cy)
        c.rotate(i * 45)
        c.ellipse(-0.75 * mm, 0.4 * mm, 0.75 * mm, 3.9 * mm, stroke=0, fill=1)
        c.restoreState()
    c.setFillColor(colors.white)
    c.circle(cx, cy, 1.15 * mm, stroke=0, fill=1)
    c.setFillColor(style.rule)
    c.circle(cx, cy, 0.7 * mm, stroke=0, fill=1)


def draw_divider(c: Canvas, cx: float, y: float, half_width: float, style: FrameStyle) -> None:
    """The ornament under a title: hairlines running out of a lozenge flanked by two curls."""
    c.saveState()
    c.setLineCap(1)
    c.setStrokeColor(style.accent)
    c.setFillColor(style.accent)
    c.setLineWidth(0.7)
    gap = 9 * mm
    c.line(cx - half_width, y, cx - gap, y)
    c.line(cx + gap, y, cx + half_width, y)
    for sign in (-1, 1):
        c.circle(cx + sign * half_width, y, 0.6 * mm, stroke=0, fill=1)
        _curl(c, cx + sign * 2.2 * mm, y, sign)
    _lozenge(c, cx, y, 1.7 * mm, 1.7 * mm)
    c.restoreState()


def _curl(c: Canvas, x: float, y: float, sign: int) -> None:
    """A pair of ram's-horn scrolls (the Kyrgyz «кочкор мүйүз»), curling up and down away
    from the centre: each an Archimedean spiral of 1.4 turns."""
    for up in (1, -1):
        centre_x, centre_y = x + sign * 3.6 * mm, y + up * 1.9 * mm
        p = c.beginPath()
        p.moveTo(x, y)
        steps = 40
        for i in range(steps + 1):
            t = i / steps
            angle = -math.pi / 2 + t * 1.4 * 2 * math.pi
            radius = (1.9 - 1.45 * t) * mm
            px = centre_x + sign * radius * math.cos(angle)
            py = centre_y + up * radius * math.sin(angle)
            p.lineTo(px, py)
        c.drawPath(p, stroke=1, fill=0)
