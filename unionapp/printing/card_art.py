"""The drawing pieces of a membership card: text fitted into a box, the QR code as one path,
the neutral photo silhouette and the crop marks. ReportLab only (no Qt), no layout decisions:
``cards.py`` says where each piece goes.

Text is never cut off: ``fit_block`` lowers the font size until every word of every paragraph
fits the box (wrapping at spaces), however long a name is. The QR code is drawn as a single
path of filled rectangles (one per run of dark modules in a row) written as raw PDF operators:
ReportLab's QR widget costs ~14 ms a code, this ~0.3 ms, and the PDF stays small.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import segno
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

QR_ERROR = "m"  # 15% of the code may be scuffed and it still reads; boosted when room allows
QR_QUIET_MODULES = 4  # the light margin a scanner needs around the code (ISO/IEC 18004)
LEADING = 1.18  # line height as a multiple of the font size
SIZE_STEP = 0.25  # points: how finely a text shrinks to fit
SMALLEST_SIZE = 1.0  # points: below this nothing is legible, but nothing is cut either


@dataclass(frozen=True)
class Paragraph:
    """One piece of text of a block, in its own face; ``scale`` relative to the block's size."""

    text: str
    font: str
    scale: float = 1.0
    space_before: float = 0.0  # as a multiple of the block's size (none before the first)


@dataclass(frozen=True)
class Line:
    text: str
    font: str
    size: float
    space_before: float = 0.0  # points


@dataclass(frozen=True)
class Block:
    """Lines fitted into a box: drawn top down, ``LEADING`` apart."""

    lines: tuple[Line, ...]
    size: float  # the block's size (paragraphs scale from it)

    @property
    def height(self) -> float:
        return sum(line.size * LEADING + line.space_before for line in self.lines)


def _wrap(words: Sequence[str], widths: Sequence[float], space: float, room: float
          ) -> list[str] | None:
    """Words (with their widths at the size being tried) into lines no wider than ``room``;
    None when a single word is wider than the room."""
    lines: list[str] = []
    current: list[str] = []
    used = 0.0
    for word, width in zip(words, widths, strict=True):
        if width > room:
            return None
        if current and used + space + width > room:
            lines.append(" ".join(current))
            current, used = [], 0.0
        used += (space if current else 0.0) + width
        current.append(word)
    if current:
        lines.append(" ".join(current))
    return lines


def _balanced(words: Sequence[str], widths: Sequence[float], space: float, room: float,
              lines: list[str]) -> list[str]:
    """The same number of lines as ``lines`` but as even as they can be: the narrowest room
    that still needs no more lines (a centred title then never leaves one word alone)."""
    low, high = max(widths), room
    best = lines
    for _step in range(12):  # to within room / 4096: far below a letter's width
        middle = (low + high) / 2
        tried = _wrap(words, widths, space, middle)
        if tried is not None and len(tried) <= len(lines):
            best, high = tried, middle
        else:
            low = middle
    return best


def fit_block(paragraphs: Sequence[Paragraph], width: float, height: float, max_size: float,
              *, max_lines: int | None = None, balance: bool = False) -> Block:
    """The largest size (at most ``max_size``) at which every paragraph, wrapped at spaces,
    fits ``width`` x ``height`` in at most ``max_lines`` lines; smaller sizes are tried until
    it fits, so no word is ever cut or runs over. ``balance``: lines of a paragraph as even
    as possible (for centred text)."""
    parts = [(p, p.text.split()) for p in paragraphs if p.text.strip()]
    # widths at 1 pt: a string's width is proportional to the size
    unit = [([stringWidth(w, p.font, 1.0) for w in words], stringWidth(" ", p.font, 1.0))
            for p, words in parts]
    size = max_size
    while True:
        lines: list[Line] = []
        fits = True
        for (paragraph, words), (widths, space) in zip(parts, unit, strict=True):
            own = size * paragraph.scale
            scaled = [w * own for w in widths]
            wrapped = _wrap(words, scaled, space * own, width)
            if wrapped is None:
                fits = False
                break
            if balance and len(wrapped) > 1:
                wrapped = _balanced(words, scaled, space * own, width, wrapped)
            gap = paragraph.space_before * size if lines else 0.0
            lines += [Line(text, paragraph.font, own, gap if i == 0 else 0.0)
                      for i, text in enumerate(wrapped)]
        block = Block(tuple(lines), size)
        if fits and block.height <= height and (max_lines is None or len(lines) <= max_lines):
            return block
        if size <= SMALLEST_SIZE:
            return block if fits else _one_line_each(parts, unit, width, size)
        size = max(size - SIZE_STEP, SMALLEST_SIZE)


def _one_line_each(parts: list[tuple[Paragraph, list[str]]],
                   unit: list[tuple[list[float], float]], width: float, size: float) -> Block:
    """The last resort (a word wider than the box even at the smallest size): each paragraph
    on one line at the size that makes it fit the width."""
    lines: list[Line] = []
    for (paragraph, words), (widths, space) in zip(parts, unit, strict=True):
        natural = (sum(widths) + space * (len(words) - 1)) * paragraph.scale
        own = min(size * paragraph.scale, width / natural if natural else size)
        gap = paragraph.space_before * size if lines else 0.0
        lines.append(Line(" ".join(words), paragraph.font, own, gap))
    return Block(tuple(lines), size)


def draw_block(canvas: Canvas, block: Block, x: float, top: float, width: float,
               align: str = "left") -> float:
    """Draw ``block`` with its first line's top at ``top``; returns the y under its last line.
    ``align``: left, centre or right within ``width`` from ``x``."""
    y = top
    for line in block.lines:
        y -= line.size * LEADING + line.space_before
        baseline = y + line.size * (LEADING - 1.0) / 2 + line.size * 0.22  # optically centred
        canvas.setFont(line.font, line.size)
        if align == "centre":
            canvas.drawCentredString(x + width / 2, baseline, line.text)
        elif align == "right":
            canvas.drawRightString(x + width, baseline, line.text)
        else:
            canvas.drawString(x, baseline, line.text)
    return y


# --- QR code ----------------------------------------------------------------------------------


def make_qr(payload: str) -> segno.QRCode:
    """The code a card carries: a regular QR code (never Micro QR), error level M or better."""
    return segno.make_qr(payload, error=QR_ERROR, boost_error=True)


def qr_operators(matrix: Sequence[Sequence[int]], x: float, y: float, size: float) -> str:
    """PDF operators filling the dark modules of ``matrix`` (no quiet zone) as one path in the
    square ``size`` wide whose lower left corner is (x, y). Each row's runs of dark modules are
    one rectangle; coordinates are whole modules, scaled once by the matrix ``cm``."""
    count = len(matrix)
    module = size / count
    ops = [f"q 0 g {module:.5f} 0 0 {module:.5f} {x:.3f} {y:.3f} cm"]
    append = ops.append
    for r, row in enumerate(matrix):
        top = count - 1 - r
        col = 0
        while col < count:
            if row[col]:
                start = col
                while col < count and row[col]:
                    col += 1
                append(f"{start} {top} {col - start} 1 re")
            else:
                col += 1
    append("f Q")
    return "\n".join(ops)


# --- photo silhouette and crop marks ----------------------------------------------------------

SILHOUETTE_BACK = (0.90, 0.92, 0.94)
SILHOUETTE_FIGURE = (0.70, 0.74, 0.79)


def draw_silhouette(canvas: Canvas, x: float, y: float, width: float, height: float) -> None:
    """A neutral head and shoulders on a light ground, for a member with no (readable) photo."""
    canvas.saveState()
    canvas.setFillColorRGB(*SILHOUETTE_BACK)
    canvas.rect(x, y, width, height, stroke=0, fill=1)
    canvas.setFillColorRGB(*SILHOUETTE_FIGURE)
    cx = x + width / 2
    head_r = width * 0.21
    head_cy = y + height * 0.60
    canvas.circle(cx, head_cy, head_r, stroke=0, fill=1)
    shoulders = canvas.beginPath()
    half = width * 0.42
    neck_y = head_cy - head_r * 1.25
    shoulders.moveTo(x + width / 2 - half, y)
    shoulders.curveTo(cx - half, neck_y - height * 0.05, cx - half * 0.55, neck_y,
                      cx, neck_y)
    shoulders.curveTo(cx + half * 0.55, neck_y, cx + half, neck_y - height * 0.05,
                      cx + half, y)
    shoulders.close()
    canvas.drawPath(shoulders, stroke=0, fill=1)
    canvas.restoreState()


def draw_crop_marks(canvas: Canvas, xs: Sequence[float], ys: Sequence[float],
                    box: tuple[float, float, float, float], offset: float, length: float,
                    inner: Sequence[tuple[float, float]] = ()) -> None:
    """Marks outside ``box`` (x0, y0, x1, y1: the cards' outer edges) in line with every cut:
    vertical marks above and below for each x in ``xs``, horizontal ones left and right for
    each y in ``ys``; ``inner``: (x_from, x_to) gaps between columns that get horizontal
    marks too. Registration black, hairline, as a print shop draws them."""
    x0, y0, x1, y1 = box
    canvas.saveState()
    canvas.setLineWidth(0.25)
    canvas.setStrokeColorRGB(0, 0, 0)
    path = canvas.beginPath()
    for x in xs:
        path.moveTo(x, y1 + offset)
        path.lineTo(x, y1 + offset + length)
        path.moveTo(x, y0 - offset)
        path.lineTo(x, y0 - offset - length)
    for y in ys:
        path.moveTo(x0 - offset, y)
        path.lineTo(x0 - offset - length, y)
        path.moveTo(x1 + offset, y)
        path.lineTo(x1 + offset + length, y)
        for left, right in inner:
            path.moveTo(left + offset, y)
            path.lineTo(right - offset, y)
    canvas.drawPath(path, stroke=1, fill=0)
    canvas.restoreState()
