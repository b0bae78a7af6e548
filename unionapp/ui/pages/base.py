"""What every sidebar page provides: a title, a retranslate() and a refresh on data change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from unionapp.core.i18n import _
from unionapp.ui.pages import page_entry

if TYPE_CHECKING:
    from unionapp.ui.state import AppState


class Page(QWidget):
    key = ""  # stable name, remembered as the last page shown

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        state.data_changed.connect(self.on_data_changed)

    def title(self) -> str:
        """The sidebar's title for this page (declared in ``unionapp.ui.pages.PAGES``)."""
        entry = page_entry(self.key)
        return _(entry.title) if entry is not None else self.key

    def retranslate(self) -> None:
        """Set every visible text again in the current language (called on a switch)."""

    def on_data_changed(self, what: str) -> None:
        """Reload what this page shows when ``what`` concerns it."""
