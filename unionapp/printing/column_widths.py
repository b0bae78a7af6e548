"""Column widths that follow what a register holds, so that as few rows as possible wrap.

A register of members has ten or eleven columns on A4 landscape: not every text can have a
line of its own width. Columns that do not wrap (numbers, dates, money) get their widest
text; the room left is shared among the wrapping columns (names, department, position,
institution), none narrower than its longest word, so that the fewest rows need a second
line - a wrapped row is twice as tall, which decides whether 10k members take 270 pages or
360 - and then the fewest cells, a name's lines counting double (a name is read first).
Lines are counted by wrapping each sampled text word by word, as the paragraph will. The
sharing moves width between two columns at a time, on a 4-point grid, for as long as that
saves lines.

Only a sample is measured (ReportLab's ``stringWidth`` is pure Python without its optional
accelerator): ~200 rows spread over the list, and the longest texts by letter count for
each column's widest. The rows a width would wrap are kept as bits of one integer per
candidate width and extra line, so a sharing is judged by a few ORs and bit counts.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import replace
from math import ceil

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from unionapp.printing.fonts import register_fonts
from unionapp.printing.layout import Column, PageSetup

Cells = Sequence[str | None]

FRAME_PADDING = 6  # ReportLab's frames keep this much inside the page's margins, each side
AVAILABLE = PageSetup("", "").content_width - 2 * FRAME_PADDING  # A4 landscape, the frame
SAMPLE_ROWS = 200
LONGEST = 40  # texts measured for their letter count
CELL_SPARE = 2 * 3 + 2  # the table's cell padding (3 pt a side) and a point each way
MAX_COLUMN = 75 * mm  # a rare very long text wraps rather than starve the other columns
MIN_WRAPPED = 22 * mm  # narrower, a wrapping column reads as a word a line
MIN_TEXT = 4 * mm
GRID = 4.0  # points between the widths tried
ROW_WEIGHT = 4  # a row's extra line against a cell's
MAX_LINES = 5  # lines counted in a cell (more are as bad)


class _Measured:
    """One column: the least it may get, what its widest text needs, and per candidate width
    the sampled rows that width would wrap (as bits)."""

    def __init__(self, column: Column, texts: Sequence[str], sample: Sequence[int],
                 font_size: float) -> None:
        regular, bold = register_fonts()
        known: dict[str, float] = {}

        def width(text: str) -> float:
            if text not in known:
                known[text] = stringWidth(text, regular, font_size) + CELL_SPARE
            return known[text]

        title = max((stringWidth(w, bold, font_size) for w in column.title.split()),
                    default=0.0) + CELL_SPARE
        self.sampled = [width(texts[i]) for i in sample]
        longest = (width(t) for t in heapq.nlargest(LONGEST, texts, key=len))
        self.natural = max(title, MIN_TEXT + CELL_SPARE, *self.sampled, *longest)
        self.widest = self.natural  # before any cap
        self.floor = max(title, MIN_TEXT + CELL_SPARE)
        if column.wrap:  # never so narrow that a word must break (nor at its hyphen)
            words = {w for i in sample for w in texts[i].split()}
            self.floor = max([self.floor, *(width(w) for w in words)])
            self.natural = min(self.natural, max(MAX_COLUMN, self.floor))
            self.floor = min(max(self.floor, MIN_WRAPPED), self.natural)
        # the sampled texts as their words' widths, to wrap them as a paragraph would
        self._space = stringWidth(" ", regular, font_size)
        self._words = [[width(w) - CELL_SPARE for w in texts[i].split()] for i in sample]
        self._masks: dict[float, tuple[int, ...]] = {}

    def _lines(self, words: list[float], room: float) -> int:
        """The lines a text of these words takes at ``room``, wrapped word by word (a word
        wider than the line is cut, as ReportLab does)."""
        lines, used = 1, -1.0
        for word in words:
            if used < 0:
                used = word
            elif used + self._space + word <= room:
                used += self._space + word
            else:
                lines += 1
                used = word
            if used > room:  # a word longer than the line: broken across lines
                lines += ceil(used / room) - 1
                used = used % room
        return min(lines, MAX_LINES)

    def wraps(self, width: float) -> tuple[int, ...]:
        """Per extra line (a second, a third, …): the sampled rows (bit i: the i-th) whose
        text at ``width`` needs it."""
        masks = self._masks.get(width)
        if masks is None:
            room = max(width - CELL_SPARE + 2, 1.0)  # the cell's padding only
            lines = [self._lines(words, room) if w > width else 1
                     for w, words in zip(self.sampled, self._words, strict=True)]
            masks = tuple(sum(1 << i for i, n in enumerate(lines) if n >= level)
                          for level in range(2, MAX_LINES + 1))
            self._masks[width] = masks
        return masks


def _cost(measured: Sequence[_Measured], widths: Sequence[float], keep: Sequence[int]) -> int:
    """The sampled rows' lines beyond the first (a row is as tall as its tallest cell) weigh
    most; each cell's extra lines count too (so that unwrapping one column of a row that
    still wraps elsewhere is a step worth taking), a name's twice."""
    rows = [0] * (MAX_LINES - 1)
    cells = 0
    for index, (m, width) in enumerate(zip(measured, widths, strict=True)):
        weight = 2 if index in keep else 1
        for level, mask in enumerate(m.wraps(width)):
            rows[level] |= mask
            cells += mask.bit_count() * weight
    return ROW_WEIGHT * sum(mask.bit_count() for mask in rows) + cells


def _share(measured: Sequence[_Measured], room: float, keep: Sequence[int]) -> list[float]:
    """Widths for the wrapping columns filling ``room``, none under its floor (see the module
    docstring)."""
    floors = [m.floor for m in measured]
    extra = [max(m.natural - f, 0.0) for m, f in zip(measured, floors, strict=True)]
    spare = room - sum(floors)
    if spare <= 0 or not measured:
        return floors
    # start: the widest give way first, down to a common cap
    cap, left = 0.0, spare
    for index, need in enumerate(sorted(extra)):
        share = left / (len(extra) - index)
        if need > share:
            cap = share
            break
        left -= need
    widths = [f + min(e, cap) for f, e in zip(floors, extra, strict=True)]
    best = _cost(measured, widths, keep)
    improved = True
    while improved:
        improved = False
        for a in range(len(measured)):
            for b in range(len(measured)):
                if a == b:
                    continue
                pool = widths[a] + widths[b]
                step = floors[a]
                while step <= min(measured[a].natural, pool - floors[b]):
                    trial = list(widths)
                    trial[a], trial[b] = step, min(pool - step, measured[b].natural)
                    cost = _cost(measured, trial, keep)
                    if cost < best:
                        best, widths, improved = cost, trial, True
                    step += GRID
    return widths


def fit_widths(
    columns: Sequence[Column],
    rows: Sequence[Cells],
    font_size: float,
    keep: Sequence[int] = (),
    available: float = AVAILABLE,
    totals: Cells | None = None,
) -> list[Column]:
    """``columns`` with widths in points for ``rows`` within ``available`` (see the module
    docstring); ``keep``: the columns (names) that should rather not wrap; ``totals``: the
    totals row (bold), whose figures must fit their columns too - its label spans columns.
    When even the least widths do not fit, the layout scales every column to the page."""
    step = max(len(rows) // SAMPLE_ROWS, 1)
    sample = range(0, len(rows), step)
    measured = [_Measured(c, [row[i] or "" for row in rows], sample, font_size)
                for i, c in enumerate(columns)]
    if totals is not None:
        bold = register_fonts()[1]
        for index, (m, text) in enumerate(zip(measured, totals, strict=True)):
            if index and text:
                need = stringWidth(text, bold, font_size) + CELL_SPARE
                m.natural, m.widest = max(m.natural, need), max(m.widest, need)
                m.floor = max(m.floor, need) if not columns[index].wrap else m.floor
    widths = [m.natural for m in measured]
    wrapping = [i for i, c in enumerate(columns) if c.wrap]
    room = available - sum(widths[i] for i, c in enumerate(columns) if not c.wrap)
    if sum(widths[i] for i in wrapping) > room:
        kept = [n for n, i in enumerate(wrapping) if i in keep]
        shares = [measured[i] for i in wrapping]
        for index, width in zip(wrapping, _share(shares, room, kept), strict=True):
            widths[index] = width
    _spread(widths, [measured[i].widest - widths[i] for i in wrapping], wrapping, available)
    return [replace(c, width=w) for c, w in zip(columns, widths, strict=True)]


def _spread(widths: list[float], short: list[float], wrapping: list[int], available: float) -> None:
    """Room left over goes to the columns whose texts still wrap, by how much they lack (the
    layout would otherwise widen every column alike, dates and numbers too)."""
    spare = available - sum(widths)
    lacking = sum(max(s, 0.0) for s in short)
    if spare <= 0 or lacking <= 0:
        return
    for index, lack in zip(wrapping, short, strict=True):
        widths[index] += spare * max(lack, 0.0) / lacking if spare < lacking else max(lack, 0.0)
