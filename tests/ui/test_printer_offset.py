"""Per-printer offsets: saved by the editor on the Settings page, checked by the setting's parser,
and applied when the preview prints - the drawing moves by exactly the offset, at actual
size; a PDF file written by the printouts never moves."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox

from unionapp.core import print_offsets, settings
from unionapp.core.errors import ValidationError
from unionapp.core.i18n import _, set_language
from unionapp.printing.offset_test import MARK_MM, write_test_page
from unionapp.ui.dialogs.pdf_preview import PdfPreviewDialog, on_white, open_pdf_preview
from unionapp.ui.dialogs.printer_offsets import PrinterOffsetDialog, find_state, offset_for
from unionapp.ui.pages.settings import SettingsPage
from unionapp.ui.state import AppState

DPI = 144  # the test renders pages at 2 pixels a point


def _first_dark_column_and_row(path: Path) -> tuple[int, int]:
    """Where the test page's vertical and horizontal lines are, in pixels at ``DPI``."""
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    document.load(str(path))
    points = document.pagePointSize(0)
    image = on_white(document.render(0, QSize(round(points.width() * 2),
                                              round(points.height() * 2))))
    document.close()
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width = gray.width()
    middle = bytes(gray.constScanLine(gray.height() * 3 // 4))[:width]  # type: ignore[call-overload]
    column = next(x for x, value in enumerate(middle) if value < 128)
    row = next(y for y in range(gray.height())
               if bytes(gray.constScanLine(y))[width * 3 // 4] < 128)  # type: ignore[call-overload]
    return column, row


def test_the_setting_is_checked_and_stored_sorted(app_state: AppState) -> None:
    db = app_state.db
    print_offsets.set_printer_offset(db, "Принтер 2", -1.25, 0.5)
    print_offsets.set_printer_offset(db, "HP LaserJet", 1.5, -0.04)
    assert print_offsets.printer_offsets(db) == {"HP LaserJet": (1.5, 0.0),
                                                 "Принтер 2": (-1.2, 0.5)}
    assert list(json.loads(settings.get(db, "print.offsets"))) == ["HP LaserJet", "Принтер 2"]
    print_offsets.set_printer_offset(db, "Принтер 2", 0, 0)  # back to zero: forgotten
    assert print_offsets.printer_offsets(db) == {"HP LaserJet": (1.5, 0.0)}
    assert print_offsets.printer_offset(db, "Canon") == (0.0, 0.0)
    for bad in ('{"HP": [11, 0]}', '{"HP": [1]}', '{"HP": ["1", 2]}', "[1, 2]", "{", '{"": [1, 1]}',
                '{"HP": [NaN, 0]}', '{"HP": [true, 0]}'):
        with pytest.raises(ValidationError) as refused:
            settings.set_value(db, "print.offsets", bad)
        assert refused.value.field == "print.offsets"
    with pytest.raises(ValidationError):
        print_offsets.set_printer_offset(db, " ", 1, 1)
    assert print_offsets.printer_offsets(db) == {"HP LaserJet": (1.5, 0.0)}  # nothing changed


def test_device_shift_converts_mm_to_the_printers_dots() -> None:
    assert print_offsets.device_shift((25.4, -12.7), 600) == pytest.approx((600.0, -300.0))
    assert print_offsets.device_shift((2.0, 1.0), 300, 600) == pytest.approx((23.622, 23.622),
                                                                              abs=1e-3)


def _preview(qtbot: Any, parent: Any, tmp_path: Path) -> PdfPreviewDialog:
    def make(path: Path, _progress: Any, _cancelled: Any) -> None:
        write_test_page(path, "x", (0.0, 0.0))

    dialog = open_pdf_preview(parent, "offset", make)
    qtbot.waitUntil(dialog.isVisible, timeout=15000)
    return dialog


@pytest.mark.parametrize("offset", [(3.0, -2.0), (-1.5, 4.0)])
def test_printing_moves_the_drawing_by_the_offset(
    qtbot: Any, app_state: AppState, tmp_path: Path, offset: tuple[float, float]
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    dialog = _preview(qtbot, None, tmp_path)
    assert dialog.path is not None
    original = _first_dark_column_and_row(dialog.path)
    # the line is MARK_MM from the edges in the file
    assert original == pytest.approx((MARK_MM / 25.4 * DPI,) * 2, abs=2)

    printed = []
    for shift in ((0.0, 0.0), offset):
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        out = tmp_path / f"printed-{shift}.pdf"
        printer.setOutputFileName(str(out))
        dialog.prepare_printer(printer)
        assert dialog.print_to(printer, offset_mm=shift)
        printed.append(_first_dark_column_and_row(out))
    plain, moved = printed
    assert plain == pytest.approx(original, abs=1)  # no offset: where the file has it
    expected = (original[0] + offset[0] / 25.4 * DPI, original[1] + offset[1] / 25.4 * DPI)
    assert moved == pytest.approx(expected, abs=1.5)  # within 0.25 mm
    dialog.close()


def test_the_preview_finds_the_offset_saved_for_its_printer(
    qtbot: Any, app_state: AppState, tmp_path: Path
) -> None:
    page = SettingsPage(app_state)
    qtbot.addWidget(page)
    print_offsets.set_printer_offset(app_state.db, "Office HP", 2.5, -1.0)
    dialog = _preview(qtbot, page, tmp_path)
    assert find_state(dialog) is app_state
    assert offset_for(dialog, "Office HP") == (2.5, -1.0)
    assert offset_for(dialog, "") == (0.0, 0.0)  # a PDF printer: files never move
    assert offset_for(None, "Office HP") == (0.0, 0.0)  # no window: nothing to read
    dialog.close()


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The messages ``show_error`` would show (Qt's modal box, which would block the test)."""
    shown: list[str] = []

    def record(_parent: object, _title: str, text: str, *_a: object) -> object:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(record))
    return shown


def test_the_editor_on_the_settings_page_saves_an_offset(
    qtbot: Any, app_state: AppState, warnings: list[str]
) -> None:
    set_language("ru")
    page = SettingsPage(app_state)
    qtbot.addWidget(page)
    page.show()
    assert page.printing.isVisible()
    editor = page.printing.open_editor()
    qtbot.waitUntil(editor.isVisible)
    assert isinstance(editor, PrinterOffsetDialog)
    assert editor.x_mm.minimum() == -10 and editor.x_mm.maximum() == 10
    editor.printer.setEditText("Kyocera ECOSYS")
    editor.x_mm.setValue(1.5)
    editor.y_mm.setValue(-0.5)
    changed: list[str] = []
    app_state.data_changed.connect(changed.append)
    assert editor.save()
    assert print_offsets.printer_offsets(app_state.db) == {"Kyocera ECOSYS": (1.5, -0.5)}
    assert changed == ["settings"]
    assert "Kyocera ECOSYS" in editor.saved.text()

    again = page.printing.open_editor()  # lists the saved printer and shows its values
    assert again.printer.findText("Kyocera ECOSYS") >= 0
    again.printer.setCurrentIndex(again.printer.findText("Kyocera ECOSYS"))
    assert again.offset() == (1.5, -0.5)
    again.printer.setEditText(" ")  # no printer named: refused, said why, nothing saved
    assert not again.save()
    assert warnings == [_("Choose the printer the offset is for.")]
    assert print_offsets.printer_offsets(app_state.db) == {"Kyocera ECOSYS": (1.5, -0.5)}
    again.close()


def test_a_test_page_is_previewed_with_the_offset_saved(
    qtbot: Any, app_state: AppState
) -> None:
    from pypdf import PdfReader

    set_language("ky")
    page = SettingsPage(app_state)
    qtbot.addWidget(page)
    editor = page.printing.open_editor()
    editor.printer.setEditText("Office HP")
    editor.x_mm.setValue(-2.0)
    preview = editor.print_test_page()
    qtbot.waitUntil(lambda: preview.isVisible(), timeout=15000)
    assert print_offsets.printer_offset(app_state.db, "Office HP") == (-2.0, 0.0)
    text = PdfReader(preview.path).pages[0].extract_text()
    assert "Office HP" in text and "-2,0" in text  # the language's decimal sign (ky)
    preview.close()
    editor.close()
