"""Printing membership cards from the window: choose whose (the member selected, or everyone
shown in the list), then the preview with Print… and Save as PDF….

Making the cards records them in the issue journal as issued today (a member who had a card
before gets a reprint line), and the dialog says so before anything is made; "Test print"
records nothing. The cards are made off the GUI thread (a thousand take a few seconds), the
journal written there too, right after the file was written — never for a failed or cancelled
printout. Photos that could not be read are listed once the preview is up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import cards, members, settings
from unionapp.core.formatting import format_number
from unionapp.core.i18n import N_, _
from unionapp.ui.dialogs.pdf_preview import PdfPreviewDialog, open_pdf_preview
from unionapp.ui.state import AppState

JOURNAL_NOTE = N_("Making the cards records them in the card journal as issued today; a "
                  "member who had a card before gets a reprint line. A test print records "
                  "nothing.")
CHANGED = "cards"  # what ``AppState.data_changed`` says after the journal was written


def print_cards(parent: QWidget | None, state: AppState, member_ids: Sequence[int] | None,
                *, record: bool = True, skip_former: bool = False) -> PdfPreviewDialog:
    """Make the cards of ``member_ids`` (None: every active member) off the GUI thread and show
    the preview; the journal is written once the PDF exists (unless ``record`` is off)."""
    db = state.db
    ids = list(member_ids) if member_ids is not None else None
    outcome: dict[str, Any] = {}

    def make(path: Path, progress: Callable[[int, int], None],
             cancelled: Callable[[], bool]) -> None:
        from unionapp.printing.cards import organization_from_settings, write_cards_pdf

        chosen = (cards.members_to_print(db) if ids is None else
                  cards.members_to_print(db, member_ids=ids, skip_former=skip_former))
        org = organization_from_settings(settings.get_all(db))
        outcome["result"] = write_cards_pdf(path, chosen, org, progress=progress,
                                            cancelled=cancelled)
        if record:
            outcome["issues"] = cards.record_issues(db, chosen)

    dialog = open_pdf_preview(parent, _("Membership cards"), make,
                              file_name=_("membership-cards.pdf"))
    dialog.loaded.connect(lambda: _made(state, dialog, outcome))
    return dialog


def _made(state: AppState, dialog: PdfPreviewDialog, outcome: dict[str, Any]) -> None:
    """On the GUI thread once the preview shows: refresh the journals, list unreadable photos."""
    if "issues" in outcome:
        state.notify_changed(CHANGED)
    result = outcome.get("result")
    problems: list[str] = list(result.warnings) if result is not None else []
    dialog.setProperty("cardWarnings", problems)
    if problems:
        box = QMessageBox(QMessageBox.Icon.Warning, _("Membership cards"),
                          _("Some cards need a look:"), QMessageBox.StandardButton.Ok, dialog)
        box.setObjectName("cardWarnings")
        box.setInformativeText("\n".join(problems))
        box.open()


class CardsDialog(QDialog):
    """Whose cards: the selected member or everyone shown; a note that printing records issue."""

    def __init__(self, state: AppState, selected: int | None, shown: Sequence[int],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardsDialog")
        self.state, self.selected, self.shown = state, selected, list(shown)
        self.preview: PdfPreviewDialog | None = None
        name = members.get_member(state.db, selected).full_name if selected is not None else ""
        self.one = QRadioButton(_("The selected member: {name}").format(name=name))
        self.one.setObjectName("cardsSelected")
        self.one.setEnabled(selected is not None)
        self.all = QRadioButton(
            _("Every member shown in the list ({count}); those who left are skipped")
            .format(count=format_number(len(self.shown))))
        self.all.setObjectName("cardsShown")
        self.all.setEnabled(bool(self.shown))
        (self.one if selected is not None else self.all).setChecked(True)
        self.note = QLabel(_(JOURNAL_NOTE))
        self.note.setWordWrap(True)
        self.test_print = QCheckBox(_("Test print: do not record in the card journal"))
        self.test_print.setObjectName("cardsTestPrint")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.preview_button = QPushButton(_("Preview…"))
        self.preview_button.setObjectName("cardsPreview")
        self.preview_button.setDefault(True)
        self.preview_button.setEnabled(selected is not None or bool(self.shown))
        self.buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.make_preview)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Print membership cards for:")))
        layout.addWidget(self.one)
        layout.addWidget(self.all)
        layout.addSpacing(8)
        layout.addWidget(self.note)
        layout.addWidget(self.test_print)
        layout.addWidget(self.buttons)
        self.setWindowTitle(_("Print cards"))
        self.setMinimumWidth(480)

    def chosen_ids(self) -> list[int]:
        if self.one.isChecked() and self.selected is not None:
            return [self.selected]
        return self.shown

    def make_preview(self) -> PdfPreviewDialog:
        """Close this dialog and make the cards in the preview."""
        ids = self.chosen_ids()
        self.accept()
        self.preview = print_cards(self.parentWidget(), self.state, ids,
                                   record=not self.test_print.isChecked(),
                                   skip_former=not self.one.isChecked())
        return self.preview


def open_cards_dialog(parent: QWidget | None, state: AppState, selected: int | None,
                      shown: Sequence[int]) -> CardsDialog:
    """Opens (without blocking) the choice of whose cards to print."""
    dialog = CardsDialog(state, selected, shown, parent)
    dialog.open()
    return dialog
