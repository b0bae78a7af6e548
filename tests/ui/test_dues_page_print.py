"""The Dues page's "Print…": the shown month's lists, or the arrears tab's list, in the preview."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from test_dues_page import known_month, open_page

from unionapp.core.i18n import _
from unionapp.ui.state import AppState


def _text(dialog, tmp_path: Path, name: str) -> str:  # type: ignore[no-untyped-def]
    copy = tmp_path / name
    dialog.save_to(copy)
    return "\n".join(page.extract_text() for page in PdfReader(copy).pages)


def test_print_shows_the_month_then_the_arrears(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState, tmp_path: Path
) -> None:
    known_month(app_state, tmp_path)
    page = open_page(qtbot, app_state)
    assert page.print_button.isEnabled()
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    dialog = page.preview
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.page_count() > 0, timeout=15000)
    text = _text(dialog, tmp_path, "month.pdf")
    assert _("Reconciliation of dues") in text
    assert "Сейит кызы Жаңыл" in text  # list (c), Kyrgyz letters intact
    dialog.close()

    page.tabs.setCurrentWidget(page.arrears)
    qtbot.waitUntil(lambda: page.arrears.rows is not None, timeout=15000)
    page.open_print_preview()
    arrears = page.preview
    assert arrears is not None and arrears is not dialog
    qtbot.waitUntil(lambda: arrears.page_count() > 0, timeout=15000)
    assert _("Arrears of membership dues") in _text(arrears, tmp_path, "arrears.pdf")
    arrears.close()
