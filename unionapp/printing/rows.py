"""Tables of any length: the header row on every page, money right-aligned, long text wrapped
inside its cell, an optional totals row kept with the last rows, progress and cancel.

Long lists are drawn as one small table per page, never one long table: ReportLab re-measures
a table's remaining rows at every page break, so one ``LongTable`` of 10k rows is ~4x slower
than 100-row pieces (DESIGN.md). Here each row's cells and height are made once, the rows
that fit a page are counted from those heights and handed to ``Table`` with their heights,
so nothing is measured twice (10k rows x 8 columns ~3 s). A piece that starts at the top of
a page gets the header row; one that continues mid-page (after ``CHUNK_ROWS`` rows, with a
tiny font) does not, so the reader never sees a header inside a page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table, TableStyle

from unionapp.core.errors import UserError
from unionapp.core.i18n import N_, _
from unionapp.printing.styles import Styles, paragraph, styles

CHUNK_ROWS = 100
PADDING = 3
TOP_PADDING, BOTTOM_PADDING = 2, 2.5
HEAD_GREY = colors.HexColor("#e6e6e6")
TOTAL_GREY = colors.HexColor("#f0f0f0")
STRIPE = colors.HexColor("#f7f7f7")
LINE_GREY = colors.HexColor("#8c8c8c")

EMPTY_LIST = N_("The list is empty.")
CANCELLED = N_("Printing cancelled; no file was written.")

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class PrintCancelled(UserError):
    """The user pressed Cancel while a printout was being made; nothing was written."""

    def __init__(self) -> None:
        super().__init__(CANCELLED)


@dataclass(frozen=True)
class Column:
    """One column of a printed table: its (translated) title and its share of the width."""

    title: str
    width: float = 1.0  # relative: the table fills the page's width
    money: bool = False  # right-aligned, never wrapped
    wrap: bool = True  # long text wraps inside the cell rather than running over


class Tracker:
    """Rows drawn so far, reported as progress; the place a cancel stops the build."""

    def __init__(self, progress: Progress | None, cancelled: Cancelled | None, total: int):
        self.progress, self.cancelled, self.total = progress, cancelled, total
        self.done = 0

    def check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise PrintCancelled()

    def advance(self, rows: int) -> None:
        self.done += rows
        if self.progress is not None and self.total:
            self.progress(min(self.done, self.total), self.total)


@dataclass
class _TableSpec:
    columns: Sequence[Column]
    rows: Sequence[Sequence[str | None]]
    totals: Sequence[str | None] | None
    font_size: float
    lead: Sequence[Flowable]  # drawn just above the first rows, never alone at a page's foot
    tracker: Tracker = field(default_factory=lambda: Tracker(None, None, 0))
    _styles: Styles | None = None
    _widths: list[float] = field(default_factory=list)  # what the caches below were made for
    _rows: dict[int, tuple[list[Any], float]] = field(default_factory=dict)  # cells, height
    _header: tuple[list[Any], float] | None = None

    @property
    def styles(self) -> Styles:
        if self._styles is None:
            self._styles = styles()
        return self._styles

    def widths(self, available: float) -> list[float]:
        """Shares of ``available``, but never narrower than a column title's longest word
        (a header must not break «Тизмедеги» in two): the room comes from the wider columns."""
        weight = sum(c.width for c in self.columns)
        widths = [available * c.width / weight for c in self.columns]
        bold = self.styles.bold
        least = [max((stringWidth(word, bold, self.font_size) for word in c.title.split()),
                     default=0.0) + 2 * PADDING + 1 for c in self.columns]
        short = sum(max(n - w, 0.0) for n, w in zip(least, widths, strict=True))
        slack = sum(max(w - n, 0.0) for n, w in zip(least, widths, strict=True))
        if 0 < short < slack:
            widths = [n if w < n else w - (w - n) * short / slack
                      for n, w in zip(least, widths, strict=True)]
        if widths != self._widths:
            self._widths, self._rows, self._header = widths, {}, None
        return widths

    def totals_span(self) -> int:
        """How many columns the totals row's label spans: up to the first figure."""
        assert self.totals is not None
        filled = [i for i, text in enumerate(self.totals) if i > 0 and text]
        return filled[0] if filled else len(self.columns)

    def _height(self, cells: list[Any], widths: Sequence[float], leading: float) -> float:
        """The row's height as ReportLab will make it: the tallest cell and the padding."""
        tallest = leading
        for cell, width in zip(cells, widths, strict=True):
            if isinstance(cell, Flowable):
                tallest = max(tallest, cell.wrap(width - 2 * PADDING, 0xFFFFFF)[1])
            elif "\n" in cell:
                tallest = max(tallest, leading * (cell.count("\n") + 1))
        return tallest + TOP_PADDING + BOTTOM_PADDING

    def header(self) -> tuple[list[Any], float]:
        if self._header is None:
            s = self.styles
            style = ParagraphStyle("head", fontName=s.bold, fontSize=self.font_size,
                                   leading=self.font_size + 2, alignment=TA_CENTER)
            cells: list[Any] = [paragraph(c.title, style) for c in self.columns]
            self._header = cells, self._height(cells, self._widths, self.font_size * 1.2)
        return self._header

    def row(self, index: int) -> tuple[list[Any], float]:
        """A row's cells and height, made once (a row that did not fit is measured again on
        the next page otherwise)."""
        if index not in self._rows:
            cells = self.cells(self.rows[index], self._widths, bold=False)
            self._rows[index] = cells, self._height(cells, self._widths, self.font_size * 1.2)
        return self._rows[index]

    def totals_row(self) -> tuple[list[Any], float, int]:
        assert self.totals is not None
        widths, span = self._widths, self.totals_span()
        label_widths = [sum(widths[:span]), *([0.0] * (span - 1)), *widths[span:]]
        cells = self.cells(self.totals, label_widths, bold=True)
        return cells, self._height(cells, label_widths, self.font_size * 1.2), span

    def cells(self, row: Sequence[str | None], widths: Sequence[float], bold: bool) -> list[Any]:
        """Plain strings (fast) unless a text is too wide for its column: then a Paragraph."""
        s = self.styles
        font = s.bold if bold else s.regular
        size = self.font_size
        out: list[Any] = []
        for text, column, width in zip(row, self.columns, widths, strict=True):
            text = text or ""
            room = width - 2 * PADDING
            # a letter is never wider than the font size: short texts skip the measuring
            if (text and column.wrap and len(text) * size > room
                    and stringWidth(text, font, size) > room):
                style = ParagraphStyle("cell", fontName=font, fontSize=size, leading=size + 2,
                                       alignment=TA_RIGHT if column.money else 0)
                out.append(paragraph(text, style))
            else:
                out.append(text)
        return out

    def fitting(self, start: int, header: bool, height: float) -> int:
        """The end of the rows from ``start`` that fit in ``height`` (at most ``CHUNK_ROWS``);
        the totals row comes with the last row, never alone on a page."""
        used = self.header()[1] if header else 0.0
        end, stop = start, min(start + CHUNK_ROWS, len(self.rows))
        while end < stop:
            used += self.row(end)[1]
            if used > height:
                break
            end += 1
        last = end == len(self.rows) > start and self.totals is not None
        if last and used + self.totals_row()[1] > height:
            end -= 1
        return end

    def table(self, start: int, end: int, header: bool) -> Table:
        s = self.styles
        data: list[list[Any]] = [self.header()[0]] if header else []
        heights = [self.header()[1]] if header else []
        body_start = len(data)
        for index in range(start, end):
            cells, height = self.row(index)
            data.append(cells)
            heights.append(height)
        for index in [i for i in self._rows if i < start]:  # drawn: let them go
            del self._rows[index]
        commands: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, -1), s.regular, self.font_size),
            ("GRID", (0, 0), (-1, -1), 0.4, LINE_GREY),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), TOP_PADDING),
            ("BOTTOMPADDING", (0, 0), (-1, -1), BOTTOM_PADDING),
            ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ]
        if header:
            commands.append(("BACKGROUND", (0, 0), (-1, 0), HEAD_GREY))
        if not self.rows:
            data.append([_(EMPTY_LIST)] + [""] * (len(self.columns) - 1))
            heights.append(self.font_size * 1.2 + TOP_PADDING + BOTTOM_PADDING)
            commands += [("SPAN", (0, body_start), (-1, body_start)),
                         ("ALIGN", (0, body_start), (-1, body_start), "CENTER"),
                         ("TEXTCOLOR", (0, body_start), (-1, body_start), colors.dimgrey)]
        elif end > start:
            commands.append(("ROWBACKGROUNDS", (0, body_start), (-1, len(data) - 1),
                             [colors.white, STRIPE] if start % 2 == 0 else [STRIPE, colors.white]))
        if self.totals is not None and self.rows and end >= len(self.rows):
            cells, height, span = self.totals_row()
            data.append(cells)
            heights.append(height)
            commands += [("FONT", (0, -1), (-1, -1), s.bold, self.font_size),
                         ("BACKGROUND", (0, -1), (-1, -1), TOTAL_GREY)]
            if span > 1:
                commands.append(("SPAN", (0, -1), (span - 1, -1)))
        for index, column in enumerate(self.columns):
            if column.money:
                commands.append(("ALIGN", (index, body_start), (index, -1), "RIGHT"))
        # the heights measured already: ReportLab need not wrap every paragraph again
        return Table(data, colWidths=self._widths, rowHeights=heights,
                     repeatRows=1 if header else 0, style=TableStyle(commands))


class _Rows(Flowable):  # type: ignore[misc]
    """The rows from ``start`` on, cut into pieces as the pages come (see the module docstring).

    ``wrap`` claims more height than any page so the frame always asks ``split``, which knows
    whether the piece starts at the top of a page (the frame tells it), measures the rows
    that fit (each row once, cached) and returns that piece followed by a ``_Rows`` for the
    rest: one table made and measured per page, never a long one cut again and again.
    """

    def __init__(self, spec: _TableSpec, start: int = 0, first: bool = True) -> None:
        super().__init__()
        self.spec, self.start, self.first = spec, start, first

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return available_width, 0xFFFFFF

    def draw(self) -> None:  # never drawn itself: always replaced by its pieces
        raise AssertionError("_Rows is split, never drawn")

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        spec = self.spec
        spec.tracker.check()
        at_top = bool(getattr(getattr(self, "_frame", None), "_atTop", True))
        lead = list(spec.lead) if self.first else []
        height = available_height
        for index, flowable in enumerate(lead):
            height -= flowable.wrap(available_width, height)[1] + flowable.getSpaceAfter()
            height -= 0 if index == 0 and at_top else flowable.getSpaceBefore()
        header = self.first or at_top
        spec.widths(available_width)
        total = len(spec.rows)
        end = spec.fitting(self.start, header, height) if total else 0
        # a title with a row or two under it at a page's foot reads badly: start on the next
        if total and (end <= self.start or (lead and not at_top
                                             and end - self.start < min(3, total))):
            return self._split_by_reportlab(available_width, height, header, lead, at_top)
        table = spec.table(self.start, end, header)
        if height <= 0 or table.wrap(available_width, height)[1] > height:
            return self._split_by_reportlab(available_width, height, header, lead, at_top)
        spec.tracker.advance(end - self.start)
        rest = [_Rows(spec, end, first=False)] if end < total else []
        return [*lead, table, *rest]

    def _split_by_reportlab(self, width: float, height: float, header: bool,
                            lead: list[Flowable], at_top: bool) -> list[Flowable]:
        """Not at the top of a page: try the next (return nothing). At the top, a row taller
        than a page: let ReportLab cut the table as it can."""
        if not at_top or height <= 0:
            return []
        spec = self.spec
        end = min(self.start + CHUNK_ROWS, len(spec.rows))
        parts = spec.table(self.start, end, header).split(width, height)
        taken = parts[0]._nrows - (1 if header else 0) if len(parts) == 2 else 0
        if taken <= 0:
            return []
        spec.tracker.advance(taken)
        return [*lead, parts[0], _Rows(spec, self.start + taken, first=False)]


def rows_table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str | None]],
    totals: Sequence[str | None] | None = None,
    *,
    lead: Sequence[Flowable] = (),
    font_size: float = 9,
) -> Flowable:
    """A table of ``rows`` (texts already formatted: money by ``format_money``) under a header
    of ``columns``; ``totals`` (a full row, e.g. ``[_("Total"), "", "1 234,50"]``) closes it in
    bold. ``lead`` (a list's title) stays with the first rows. An empty list prints its header
    and "The list is empty."."""
    if totals is not None and len(totals) != len(columns):
        raise ValueError("the totals row needs one cell per column")
    return _Rows(_TableSpec(columns, rows, totals, font_size, lead))


def track(story: Sequence[Flowable], progress: Progress | None,
          cancelled: Cancelled | None) -> Tracker:
    """One progress count over every table of ``story`` (their rows), and the cancel check."""
    tracker = Tracker(progress, cancelled, 0)
    for flowable in story:
        if isinstance(flowable, _Rows):
            flowable.spec.tracker = tracker
            tracker.total += len(flowable.spec.rows)
    return tracker
