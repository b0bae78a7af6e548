"""Save as PDF proposes a name in the window's language («реестр-путевок-2026.pdf»,
«жолдомолор-2026.pdf»), never an English one, and the spin boxes of the printer offsets say
«мм» where the translation puts it.

The name is read where Save as PDF takes it (``PdfPreviewDialog.proposed_path``). The expected
names are the catalog's words; a catalog without the message yet (its translations are merged
by the lead from /work/notes/tr/*-rv8c.out.json) skips instead of asserting English.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from unionapp.core import i18n
from unionapp.ui.dialogs.pdf_preview import PdfPreviewDialog
from unionapp.ui.dialogs.printer_offsets import PrinterOffsetDialog
from unionapp.ui.dialogs.register_print import print_register
from unionapp.ui.pages.vouchers import VouchersPage
from unionapp.ui.state import AppState

PREVIEW_TIMEOUT = 20000


def _merged(lang: str, msgid: str) -> None:
    if i18n.translate_in(lang, msgid) == msgid:
        pytest.skip(f"{lang} catalog lacks {msgid!r} (merge *-rv8c.out.json)")


def _shown(qtbot, dialog: PdfPreviewDialog) -> PdfPreviewDialog:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(dialog.isVisible, timeout=PREVIEW_TIMEOUT)
    return dialog


@pytest.mark.parametrize(("lang", "kind", "expected"), [
    ("ru", "vouchers", "реестр-путевок-2026.pdf"),
    ("ky", "vouchers", "жолдомолор-2026.pdf"),
    ("ru", "aid", "материальная-помощь-2026.pdf"),
    ("ky", "awards", "сыйлыктар-2026.pdf"),
    ("ru", "members", "реестр-членов-профсоюза.pdf"),
    ("ky", "children", "балдар.pdf"),
])
def test_a_register_proposes_its_name_in_the_window_language(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState, lang: str, kind: str, expected: str
) -> None:
    _merged(lang, "vouchers-{year}.pdf")
    i18n.set_language(lang)
    dialog = _shown(qtbot, print_register(None, app_state, kind, 2026))
    try:
        assert dialog.proposed_path() == Path.home() / expected
        assert dialog.path is not None and dialog.path.name == expected  # the preview's file
    finally:
        dialog.reject()


def test_a_printout_without_a_name_is_not_called_printout(qtbot) -> None:  # type: ignore[no-untyped-def]
    _merged("ru", "printout.pdf")
    for lang, expected in (("ru", "документ.pdf"), ("ky", "басылма.pdf")):
        i18n.set_language(lang)
        dialog = PdfPreviewDialog("—")  # no name given: the dialog's own, in the language
        qtbot.addWidget(dialog)
        assert dialog.proposed_path() == Path.home() / expected


def test_the_queue_printout_names_its_kind(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState
) -> None:
    _merged("ru", "queue-{kind}.pdf")
    i18n.set_language("ru")
    page = VouchersPage(app_state)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=PREVIEW_TIMEOUT)
    page.queue.print_queue()
    dialog = _shown(qtbot, page.queue.preview)
    try:
        assert dialog.proposed_path().name == "очередь-санаторий.pdf"
    finally:
        dialog.reject()


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_offsets_are_in_millimetres_of_the_language(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState, lang: str
) -> None:
    _merged(lang, "{number} mm")
    i18n.set_language(lang)
    dialog = PrinterOffsetDialog(app_state)
    qtbot.addWidget(dialog)
    for spin in (dialog.x_mm, dialog.y_mm):  # «1,5 мм»: the unit after the number, spaced
        assert (spin.prefix(), spin.suffix()) == ("", " мм")
