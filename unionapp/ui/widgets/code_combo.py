"""A combo box of stored codes shown by their labels in the current language.

The database keeps ``voluntary`` or ``F``; the user sees «өз каалоосу менен» or «аял». The
combo keeps the code as item data and re-reads the labels on a language switch.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QComboBox, QWidget

from unionapp.core.i18n import _


class CodeCombo(QComboBox):
    def __init__(
        self, labels: Mapping[str, str], empty: str | None = None, parent: QWidget | None = None
    ) -> None:
        """``labels``: code -> English msgid; ``empty``: msgid of a first "no value" item."""
        super().__init__(parent)
        self._labels = dict(labels)
        self._empty = empty
        if empty is not None:
            self.addItem("", None)
        for code in self._labels:
            self.addItem("", code)
        self.retranslate()

    def retranslate(self) -> None:
        if self._empty is not None:
            self.setItemText(0, _(self._empty))
        for row in range(self.count()):
            code = self.itemData(row)
            if code is not None:
                self.setItemText(row, _(self._labels[code]))

    def code(self) -> str | None:
        value = self.currentData()
        return str(value) if value is not None else None

    def set_code(self, code: str | None) -> None:
        row = self.findData(code) if code is not None else (0 if self._empty is not None else -1)
        self.setCurrentIndex(max(row, 0))
