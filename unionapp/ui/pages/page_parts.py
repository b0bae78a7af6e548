"""Small pieces the benefit pages share: the page heading's look and a read-only list."""

from __future__ import annotations

from PySide6.QtCore import Qt
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
