"""Small pieces the benefit pages share: the page heading's look, a read-only list and the
way its columns give way on a narrow window."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTreeWidget,
)

ID_ROLE = Qt.ItemDataRole.UserRole  # a list row's record id
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter  # money and counts


def style_heading(label: QLabel) -> None:
    """The page's title: larger and bold, never squeezed by the buttons beside it."""
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.35)
    font.setBold(True)
    label.setFont(font)
    label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)


def record_list(name: str, columns: int, stretch: int) -> QTreeWidget:
    """A flat, read-only list of records, whole rows selected; column ``stretch`` takes the
    spare width so the money columns line up at the right edge."""
    tree = QTreeWidget()
    tree.setObjectName(name)
    tree.setColumnCount(columns)
    tree.setRootIsDecorated(False)
    tree.setAlternatingRowColors(True)
    tree.setUniformRowHeights(True)
    tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return tree


class ColumnFit(QObject):
    """Keeps a record list's columns fitted to its width: each as wide as its texts while they
    fit; on a narrow window the columns in ``give_way`` shrink first, in that order, down to
    their minimum (texts elided, whole in the tooltip), and if that is not enough the columns
    in ``hide`` are hidden, in that order (800 px: the level and the protocol, which the row's
    dialog shows). Spare room goes to ``grow``. Without it the columns sized to their contents
    squeeze the names to nothing."""

    def __init__(self, tree: QTreeWidget, give_way: dict[int, int], hide: tuple[int, ...],
                 grow: tuple[int, ...]) -> None:
        super().__init__(tree)
        self.tree, self.give_way, self.hide, self.grow = tree, give_way, hide, grow
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        tree.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        header = self.tree.header()
        widths = {c: max(self.tree.sizeHintForColumn(c), header.sectionSizeHint(c)) + 8
                  for c in range(self.tree.columnCount())}
        over = sum(widths.values()) - self.tree.viewport().width()
        cuts: dict[int, int] = {}
        for column, minimum in self.give_way.items():
            cut = min(max(over, 0), max(0, widths[column] - minimum))
            widths[column] -= cut
            cuts[column] = cut
            over -= cut
        hidden: set[int] = set()
        for column in self.hide:
            if over <= 0:
                break
            hidden.add(column)
            over -= widths[column]
        for column, cut in cuts.items():  # room again once hidden: the cut get theirs back
            if over < 0 and column not in hidden:
                back = min(-over, cut)
                widths[column] += back
                over += back
        for column in range(self.tree.columnCount()):
            self.tree.setColumnHidden(column, column in hidden)
        if over < 0 and self.grow:
            extra, rest = divmod(-over, len(self.grow))
            for index, column in enumerate(self.grow):
                widths[column] += extra + (1 if index < rest else 0)
        for column, width in widths.items():
            if column not in hidden:
                header.resizeSection(column, width)
