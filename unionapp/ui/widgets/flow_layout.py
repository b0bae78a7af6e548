"""A layout that lines its widgets up like words in a paragraph, wrapping onto more lines.

Russian labels are often twice as long as the Kyrgyz or English ones; a row of buttons that
fits a wide window does not fit an 800 px screen. Squeezing them clips their texts ("Экспорт
дет…"); a flow layout keeps every widget at its full size hint and moves what does not fit
onto the next line instead (Qt's own "Flow Layout" example, plus right alignment).
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    """Items keep their size hint; a line that is full continues on the next one.

    ``align_right``: each line is pushed to the right edge (a toolbar beside a heading).
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        spacing: int = 6,
        line_spacing: int = 6,
        align_right: bool = False,
    ) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._line_spacing = line_spacing
        self.align_right = align_right
        self.setContentsMargins(0, 0, 0, 0)

    # -- QLayout's item list ------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt's name
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt's name
        return Qt.Orientation(0)

    # -- sizes --------------------------------------------------------------------------------
    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Everything on one line."""
        shown = self._shown()
        width = sum(i.sizeHint().width() for i in shown) + self._spacing * max(len(shown) - 1, 0)
        height = max((i.sizeHint().height() for i in shown), default=0)
        return QSize(width, height).grownBy(self.contentsMargins())

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt's name
        """The widest item alone on its line: never narrower than that."""
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.sizeHint())
        return size.grownBy(self.contentsMargins())

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt's name
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    # -- placing ------------------------------------------------------------------------------
    def _shown(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]

    def _lines(self, width: int) -> list[list[QLayoutItem]]:
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._shown():
            item_width = item.sizeHint().width()
            if lines[-1] and used + self._spacing + item_width > width:
                lines.append([])
                used = 0
            used += (self._spacing if lines[-1] else 0) + item_width
            lines[-1].append(item)
        return [line for line in lines if line]

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        """Places the items (if ``apply``) and returns the height they take."""
        margins: QMargins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        y = area.y()
        for line in self._lines(area.width()):
            line_height = max(i.sizeHint().height() for i in line)
            line_width = sum(i.sizeHint().width() for i in line) + self._spacing * (len(line) - 1)
            x = area.x() + (max(area.width() - line_width, 0) if self.align_right else 0)
            for item in line:
                hint = item.sizeHint()
                if apply:
                    top = y + (line_height - hint.height()) // 2  # centred on the line
                    width = min(hint.width(), max(area.right() + 1 - x, 0))
                    item.setGeometry(QRect(QPoint(x, top), QSize(width, hint.height())))
                x += hint.width() + self._spacing
            y += line_height + self._line_spacing
        used = y - self._line_spacing - area.y() if y > area.y() else 0
        return used + margins.top() + margins.bottom()

