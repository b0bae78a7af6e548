"""The member dialog's Card tab: the member's membership cards as the issue journal records
them (when, which number, first card or reprint) and "Print card…" for a new one.

The note under the button says that printing records the card as issued today, so the
journal never surprises the chairperson. The tab refreshes itself after any card printing
(``AppState.data_changed("cards")``), wherever it was started.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import cards
from unionapp.core.cards import CardIssueView
from unionapp.core.formatting import format_date
from unionapp.core.i18n import N_, _
from unionapp.ui.dialogs.cards_dialog import CHANGED, JOURNAL_NOTE, print_cards
from unionapp.ui.dialogs.pdf_preview import PdfPreviewDialog
from unionapp.ui.state import AppState
from unionapp.ui.widgets.member_table_tab import HINT_COLOR, MemberTableTab

CARD_COLUMNS = (N_("Issued on"), N_("Card no"), N_("Issue"))


class CardTab(MemberTableTab):
    COLUMNS = CARD_COLUMNS
    EMPTY = N_("No card has been printed for this member yet.")

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, "cards", parent)
        self.preview: PdfPreviewDialog | None = None
        self.print_button = QPushButton()
        self.print_button.setObjectName("printCard")
        self.print_button.clicked.connect(self.print_card)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color:{HINT_COLOR};")
        top = QHBoxLayout()
        top.addWidget(self.print_button)
        top.addWidget(self.note, 1)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(0, top)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        state.data_changed.connect(self._on_data_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.print_button.setText(_("Print card…"))
        self.note.setText(_(JOURNAL_NOTE))
        self._update_state()
        super().retranslate()

    def set_member(self, member_id: int | None) -> None:
        super().set_member(member_id)
        self._update_state()

    def _update_state(self) -> None:
        saved = self.member_id is not None
        self.print_button.setEnabled(saved)
        self.print_button.setToolTip("" if saved else _("Save the member first."))

    def _on_data_changed(self, what: str) -> None:
        if what in (CHANGED, "members", "all") and self.member_id is not None:
            self.reload()

    def load(self, member_id: int) -> list[CardIssueView]:
        return cards.journal(self.state.db, member_id)

    def rows(self) -> list[list[str]]:
        return [[format_date(issue.issued_on), issue.card_no,
                 _("Reprint") if issue.reprint else _("First card")] for issue in self.items]

    def fill_table(self, rows: list[list[str]]) -> None:
        for r, values in enumerate(rows):
            for c, text in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(text))

    def print_card(self) -> PdfPreviewDialog | None:
        """This member's card in the preview; recorded in the journal once it is made."""
        if self.member_id is None:
            return None
        self.preview = print_cards(self.window(), self.state, [self.member_id])
        return self.preview
