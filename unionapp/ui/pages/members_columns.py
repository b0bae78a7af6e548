"""Column widths of the members table: every column on screen, the room going to the names.

A column's natural width is its widest text in a sample of rows (never all 50k) or the longest
word of its header, whichever is wider: a long header wraps onto two lines rather than widening
its column. When the natural widths do not fit the table, only the text columns (name,
department, position, reason) give way, each down to a floor and in proportion to what it can
spare, so dates, numbers and the pensioner mark are never cut; when they fit, the room left
goes to the name and the department. Refitted whenever the table's width changes, until the
user drags a column: from then on the widths are the user's.
"""

from __future__ import annotations

import heapq

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QTableView

from unionapp.core import i18n
from unionapp.core.member_list import COLUMNS
from unionapp.ui.models.members_model import MembersModel

SAMPLE_ROWS = 200
LONGEST = 12  # texts measured per column
CELL_PADDING = 12  # the item's margins
HEADER_PADDING = 10  # the section's margins
SORT_ARROW = 14  # the sorted column's header also shows the arrow
NARROWEST = 36
# Text columns: (narrowest they get when space is short, widest natural width, importance:
# a column twice as important gives up half as much of what it could spare).
FLEXIBLE = {
    "full_name": (130, 340, 2),
    "department": (90, 280, 1),
    "position": (64, 200, 1),
    "exit_reason": (64, 180, 1),
}
GROWING = {"full_name": 3, "department": 2}  # who gets the room left over
WHOLE = "full_name"  # kept whole when the table must scroll sideways anyway


def share(amount: int, weights: dict[int, int]) -> dict[int, int]:
    """``amount`` split in proportion to ``weights``, in whole pixels adding up exactly."""
    total = sum(weights.values())
    if total <= 0 or amount <= 0:
        return dict.fromkeys(weights, 0)
    parts = {k: amount * w // total for k, w in weights.items()}
    for k in list(weights)[: amount - sum(parts.values())]:
        parts[k] += 1
    return parts


def fit_widths(natural: dict[int, int], floors: dict[int, int], grow: dict[int, int],
               shrink: dict[int, int], room: int, whole: int | None = None) -> dict[int, int]:
    """Widths of the shown columns for a table ``room`` pixels wide.

    ``natural``: each shown column's width; ``floors``: how narrow a flexible column may get;
    ``shrink``: the importance of the columns that may give up room (each gives in proportion
    to what it can spare, divided by its importance); ``grow``: the weights of the columns
    that take the room left over; ``whole``: a
    column that keeps its natural width when even the floors do not fit (the table scrolls
    sideways then anyway, so cutting it would gain nothing).
    """
    widths = dict(natural)
    over = sum(natural.values()) - room
    if over <= 0:
        for column, extra in share(-over, {c: w for c, w in grow.items() if c in widths}).items():
            widths[column] += extra
        return widths
    flexible = [c for c in shrink if c in widths and widths[c] > floors[c]]
    while over > 0 and flexible:
        spare = {c: max((widths[c] - floors[c]) * 60 // shrink[c], 1) for c in flexible}
        for column, cut in share(over, spare).items():
            cut = min(cut, widths[column] - floors[column])
            widths[column] -= cut
            over -= cut
        flexible = [c for c in flexible if widths[c] > floors[c]]
    if over > 0 and whole in widths:
        widths[whole] = natural[whole]
    return widths


def two_lines_width(label: str, metrics: QFontMetrics) -> int:
    """How wide a header must be to show ``label`` on at most two lines (the header is two
    lines high): the best place to break it, or its longest word if that is wider."""
    words = label.split()
    if len(words) < 2:
        return metrics.horizontalAdvance(label)
    return min(
        max(metrics.horizontalAdvance(" ".join(words[:i])),
            metrics.horizontalAdvance(" ".join(words[i:])))
        for i in range(1, len(words))
    )


class ColumnFitter(QObject):
    """Keeps the members table's columns fitted to its width (see the module's docstring)."""

    def __init__(self, table: QTableView, model: MembersModel) -> None:
        super().__init__(table)
        self.table, self.model = table, model
        self.natural: dict[int, int] = {}
        self.heading: dict[int, int] = {}  # what each header needs (on at most two lines)
        self.user_sized = False  # the user dragged a column: leave the widths alone
        self._measured: tuple[object, str, int] | None = None  # what the widths were measured for
        self._fitting = False
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.sectionResized.connect(self._section_resized)
        header.sortIndicatorChanged.connect(lambda _column, _order: self.measure())
        table.viewport().installEventFilter(self)

    def measure(self) -> None:
        """Natural widths from the current texts (after a reload, a language switch or a new
        sort column); measured once for each, as the page is built and as the user waits."""
        header = self.table.horizontalHeader()
        members = self.model.members  # compared by identity: a new list is a reload
        lang, sorted_by = i18n.get_language(), header.sortIndicatorSection()
        done = self._measured
        if not self.model.total() or (
            done is not None and done[0] is members and done[1:] == (lang, sorted_by)
        ):
            return
        self._measured = (members, lang, sorted_by)
        metrics = QFontMetrics(self.table.font())
        header_metrics = QFontMetrics(header.font())
        for column, name in enumerate(COLUMNS):
            # the longest texts by letters are the widest ones, give or take a letter's width
            texts = heapq.nlargest(LONGEST, self.model.width_texts(column, SAMPLE_ROWS), key=len)
            widest = max((metrics.horizontalAdvance(t) for t in texts), default=0)
            label = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            arrow = SORT_ARROW if header.sortIndicatorSection() == column else 0
            heading = two_lines_width(label, header_metrics) + HEADER_PADDING + arrow
            width = max(widest + CELL_PADDING, heading, NARROWEST)
            if name in FLEXIBLE:
                width = min(width, max(FLEXIBLE[name][1], heading))
            self.natural[column] = width
            self.heading[column] = heading
        self.fit()

    def fit(self) -> None:
        if self.user_sized or not self.natural:
            return
        shown = {c: w for c, w in self.natural.items() if not self.table.isColumnHidden(c)}
        floors = {
            c: min(max(FLEXIBLE[COLUMNS[c]][0], self.heading[c]), w)
            if COLUMNS[c] in FLEXIBLE else w
            for c, w in shown.items()
        }
        shrink = {COLUMNS.index(n): spec[2] for n, spec in FLEXIBLE.items()}
        grow = {COLUMNS.index(n): w for n, w in GROWING.items()}
        room = self.table.viewport().width()
        widths = fit_widths(shown, floors, grow, shrink, room, COLUMNS.index(WHOLE))
        self._fitting = True
        try:
            for column, width in widths.items():
                if self.table.columnWidth(column) != width:
                    self.table.setColumnWidth(column, width)
        finally:
            self._fitting = False

    def _section_resized(self, _column: int, old: int, new: int) -> None:
        # a drag; hiding a column sizes it to 0 and showing it again sizes it from 0
        if not self._fitting and old > 0 and new > 0:
            self.user_sized = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False
