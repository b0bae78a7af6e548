"""Set text into a box the way a typesetter would: wrapped at spaces into balanced lines,
shrunk when it must be, never cut off and never running over the box's edge.

A long Kyrgyz name («Тургунбаева Айжаркын Кубанычбековна») or an organization's full
official name must fit a certificate without a word being chopped: the size steps down until
the text takes at most ``max_lines`` lines and its longest word fits; below ``min_size`` more
lines are allowed rather than a smaller size. A single word wider than the box at
``min_size`` is broken after its hyphens («Тургунбаева-» / «Абдыкадырова»); only a piece still
too wide shrinks further. Centred lines are balanced (two lines of similar length, not a full
line over a lone word), as a title is set by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlab.lib.colors import Color, black
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

STEP = 0.5  # points: how finely a size is reduced
SMALLEST = 4.0
ASCENT = 0.76  # the part of the size above the baseline that capitals use (DejaVu)


@dataclass(frozen=True)
class TextStyle:
    font: str
    size: float
    min_size: float | None = None  # None: the size is kept (words still never run over)
    max_lines: int | None = None
    leading: float = 1.25  # line pitch as a multiple of the size
    color: Color = black
    char_space: float = 0.0  # extra points between letters (a spaced title)
    upper: bool = False
    align: str = "center"  # "center" or "left"


@dataclass(frozen=True)
class SetText:
    """Text set for a box: its lines, the size chosen and the height it takes."""

    lines: list[str]
    style: TextStyle
    size: float

    @property
    def pitch(self) -> float:
        return self.size * self.style.leading

    @property
    def height(self) -> float:
        return self.pitch * len(self.lines)

    def line_width(self, line: str) -> float:
        return text_width(line, self.style.font, self.size, self.style.char_space)

    def draw(self, c: Canvas, x: float, top: float, width: float) -> float:
        """Draw in the box whose left edge is ``x`` and top ``top``; returns the bottom."""
        c.saveState()
        c.setFillColor(self.style.color)
        c.setFont(self.style.font, self.size)
        for index, line in enumerate(self.lines):
            baseline = top - index * self.pitch - (self.pitch - self.size) / 2 - ASCENT * self.size
            left = x if self.style.align == "left" else x + (width - self.line_width(line)) / 2
            c.drawString(left, baseline, line, charSpace=self.style.char_space)
        c.restoreState()
        return top - self.height


def text_width(text: str, font: str, size: float, char_space: float = 0.0) -> float:
    return float(stringWidth(text, font, size)) + char_space * max(len(text) - 1, 0)


Word = tuple[str, bool]  # a word, and whether it joins the one before with no space


def _words(text: str, at_hyphens: bool) -> list[Word]:
    words: list[Word] = []
    for word in text.split():
        pieces = re.findall(r"[^-]+-*|-+", word) if at_hyphens else [word]
        words += [(piece, i > 0) for i, piece in enumerate(pieces)]
    return words


def _wrap(words: list[Word], style: TextStyle, size: float, width: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for word, joined in words:
        trial = f"{current}{'' if joined else ' '}{word}" if current else word
        if current and text_width(trial, style.font, size, style.char_space) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


def _balanced(words: list[Word], style: TextStyle, size: float, width: float) -> list[str]:
    """The same number of lines as a greedy wrap, each as even as the words allow."""
    lines = _wrap(words, style, size, width)
    if len(lines) < 2 or style.align != "center":
        return lines
    widest = max(text_width(w, style.font, size, style.char_space) for w, _joined in words)
    low, high = widest, width
    for _ in range(12):
        middle = (low + high) / 2
        if len(_wrap(words, style, size, middle)) <= len(lines):
            high = middle
        else:
            low = middle
    return _wrap(words, style, size, high)


def fit(text: str, style: TextStyle, width: float) -> SetText:
    """``text`` set for a box ``width`` wide (see the module docstring)."""
    if style.upper:
        text = text.upper()
    words = _words(text, at_hyphens=False)
    if not words:
        return SetText([], style, style.size)
    size = style.size
    floor = style.min_size if style.min_size is not None else style.size
    while True:
        widest = max(text_width(w, style.font, size, style.char_space) for w, _joined in words)
        if widest > width and size <= floor and any("-" in w[:-1] for w, _joined in words):
            words = _words(text, at_hyphens=True)  # «Тургунбаева-» ends a line, not the size
            continue
        lines = _balanced(words, style, size, width) if widest <= width else []
        fits = bool(lines) and (style.max_lines is None or len(lines) <= style.max_lines)
        if fits or (size <= floor and lines) or size <= SMALLEST:
            return SetText(lines or _wrap(words, style, size, width), style, size)
        size = max(size - STEP, SMALLEST)
