"""Printing membership cards from the window: the member dialog's Card tab prints that member's
card into the preview and shows the journal (first card, then a reprint); the cards dialog
prints the selected member or everyone shown, a test print records nothing; a former member
is refused with a message and no preview; unreadable photos are listed once the preview is up.
No modal dialog blocks: the tests call the methods the buttons call."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import shiboken6
from known_register import ACTIVE
from pypdf import PdfReader
from PySide6.QtWidgets import QMessageBox

from unionapp.core import cards, members, settings
from unionapp.core.i18n import _
from unionapp.ui.dialogs.cards_dialog import JOURNAL_NOTE, CardsDialog, open_cards_dialog
from unionapp.ui.dialogs.member_dialog import MemberDialog
from unionapp.ui.dialogs.pdf_preview import PdfPreviewDialog
from unionapp.ui.state import AppState


@pytest.fixture(autouse=True)
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "tmp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def record(_parent: object, _title: str, text: str, *_a: object) -> object:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(record))
    return shown


def _id(state: AppState, card_no: str) -> int:
    member_id = members.find_by_card(state.db, card_no)
    assert member_id is not None
    return member_id


def _shown(qtbot, preview: PdfPreviewDialog) -> Path:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(preview.isVisible, timeout=15000)
    assert preview.path is not None
    return preview.path


def test_card_tab_prints_the_members_card_and_shows_the_journal(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState
) -> None:
    member_id = _id(app_state, "1006")
    dialog = MemberDialog(app_state, member_id)
    qtbot.addWidget(dialog)
    tab = dialog.card_tab
    assert dialog.tabs.tabText(dialog.tabs.indexOf(tab)) == _("Card")
    assert tab.is_empty_shown() and tab.print_button.isEnabled()

    preview = tab.print_card()
    assert preview is not None
    path = _shown(qtbot, preview)
    reader = PdfReader(path)
    assert len(reader.pages) == 2
    assert "Үсөнов" in reader.pages[0].extract_text()
    qtbot.waitUntil(lambda: not tab.is_empty_shown(), timeout=5000)  # refreshed by the signal
    assert tab.rows()[0][1:] == ["1006", _("First card")]
    preview.close()

    again = tab.print_card()
    assert again is not None
    _shown(qtbot, again)
    qtbot.waitUntil(lambda: len(tab.rows()) == 2, timeout=5000)
    assert [row[2] for row in tab.rows()] == [_("Reprint"), _("First card")]
    assert [j.reprint for j in cards.journal(app_state.db, member_id)] == [True, False]
    again.close()


def test_a_new_member_prints_after_saving(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    dialog = MemberDialog(app_state, None)
    qtbot.addWidget(dialog)
    assert not dialog.card_tab.print_button.isEnabled()
    assert dialog.card_tab.print_card() is None


def test_cards_dialog_prints_everyone_shown_as_a_test_print(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState
) -> None:
    everyone = [_id(app_state, person[0]) for person in ACTIVE] + [_id(app_state, "1005")]
    dialog = open_cards_dialog(None, app_state, everyone[0], everyone)
    qtbot.addWidget(dialog)
    assert dialog.one.isChecked() and dialog.chosen_ids() == [everyone[0]]
    assert dialog.note.text() == _(JOURNAL_NOTE)  # says that printing records issue
    dialog.all.setChecked(True)
    dialog.test_print.setChecked(True)
    preview = dialog.make_preview()
    assert not dialog.isVisible()
    path = _shown(qtbot, preview)
    pages = 2 * -(-len(ACTIVE) // 10)  # the one who left (1005) gets no card
    assert len(PdfReader(path).pages) == pages
    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    assert "Ёлкина" not in text and "Үсөнов" in text
    assert cards.journal(app_state.db) == []  # a test print records nothing
    preview.close()


def test_the_selected_member_is_recorded(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    member_id = _id(app_state, "1002")
    dialog = CardsDialog(app_state, member_id, [member_id, _id(app_state, "1001")])
    qtbot.addWidget(dialog)
    preview = dialog.make_preview()
    _shown(qtbot, preview)
    assert [(j.card_no, j.reprint) for j in cards.journal(app_state.db)] == [("1002", False)]
    preview.close()


def test_a_former_member_is_refused_with_no_preview(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState, warnings: list[str]
) -> None:
    left = _id(app_state, "1005")
    dialog = CardsDialog(app_state, left, [left])
    qtbot.addWidget(dialog)
    preview = dialog.make_preview()
    qtbot.waitUntil(lambda: bool(warnings), timeout=15000)
    assert "1005" in warnings[0] and "Ёлкина" in warnings[0]
    qtbot.waitUntil(lambda: not shiboken6.isValid(preview), timeout=5000)  # never shown
    assert cards.journal(app_state.db) == []


def test_unreadable_photos_are_listed_after_the_preview(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState
) -> None:
    settings.set_value(app_state.db, "org.name_ky", "«Жаңы Үмүт» баштапкы профсоюз уюму")
    member_id = _id(app_state, "1004")
    members.set_photo(app_state.db, member_id, b"not a picture")
    dialog = MemberDialog(app_state, member_id)
    qtbot.addWidget(dialog)
    preview = dialog.card_tab.print_card()
    assert preview is not None
    _shown(qtbot, preview)
    qtbot.waitUntil(lambda: bool(preview.property("cardWarnings")), timeout=5000)
    problems = preview.property("cardWarnings")
    assert len(problems) == 1 and "Петров" in problems[0]
    box = preview.findChild(QMessageBox, "cardWarnings")
    assert box is not None and "Петров" in box.informativeText()
    box.close()
    preview.close()


def test_members_page_prints_the_selected_or_everyone_shown(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState
) -> None:
    from unionapp.ui.pages.members import MembersPage

    page = MembersPage(app_state)
    qtbot.addWidget(page)
    assert page.cards_button.text() == _("Print cards…")
    page.search.setText("Асан")  # the filter narrows what "everyone shown" means
    shown = [page.model.member_id(row) for row in range(page.model.rowCount())]
    assert 1 <= len(shown) < len(ACTIVE)
    page.select_member(shown[0])
    dialog = page.print_cards()
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and dialog.one.isChecked()
    assert dialog.chosen_ids() == [shown[0]]
    dialog.all.setChecked(True)
    assert dialog.chosen_ids() == shown
    dialog.reject()
