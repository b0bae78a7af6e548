"""The print preview: the PDF made off the GUI thread, its pages shown with «Бет 1/N», a copy
saved, printed at actual size; a failure shows its message and no dialog, a cancel nothing."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import pytest
import shiboken6
from pypdf import PdfReader
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox

from unionapp.core import settings
from unionapp.core.dues import reconcile
from unionapp.core.errors import UserError
from unionapp.core.i18n import N_, _
from unionapp.printing.layout import PrintCancelled, organization_name
from unionapp.printing.reconciliation import write_reconciliation_pdf
from unionapp.ui.dialogs.pdf_preview import PdfPreviewDialog, on_white, open_pdf_preview
from unionapp.ui.operations import running_jobs
from unionapp.ui.state import AppState

Progress = Callable[[int, int], None]


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the preview's temporary folders go, so a test can see them removed."""
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


def _reconciliation(state: AppState) -> Callable[[Path, Progress, Callable[[], bool]], None]:
    db = state.db

    def make(path: Path, progress: Progress, cancelled: Callable[[], bool]) -> None:
        result = reconcile(db, dt.date(2026, 10, 1))
        organization = organization_name(settings.get_all(db), "ky")
        write_reconciliation_pdf(result, organization, path, progress=progress,
                                 cancelled=cancelled)

    return make


def _open(qtbot, state: AppState) -> PdfPreviewDialog:  # type: ignore[no-untyped-def]
    dialog = open_pdf_preview(None, "Сверка", _reconciliation(state), file_name="october.pdf")
    qtbot.waitUntil(dialog.isVisible, timeout=15000)
    return dialog


def test_preview_shows_every_page_and_saves_a_copy(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState, tmp_path: Path, temp_root: Path
) -> None:
    dialog = _open(qtbot, app_state)
    assert dialog.path is not None and dialog.path.parent.parent == temp_root
    pages = len(PdfReader(dialog.path).pages)
    assert dialog.page_count() == pages >= 1
    assert dialog.page_label.text() == f"Бет 1/{pages}"
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()

    copy = tmp_path / "saved" / "copy.pdf"
    copy.parent.mkdir()
    dialog.save_to(copy)
    assert copy.read_bytes() == dialog.path.read_bytes()
    assert sorted(p.name for p in copy.parent.iterdir()) == ["copy.pdf"]  # no temporary left

    dialog.close()
    qtbot.waitUntil(lambda: not list(temp_root.iterdir()), timeout=5000)


def test_saving_into_a_missing_folder_is_refused(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState, tmp_path: Path, temp_root: Path
) -> None:
    dialog = _open(qtbot, app_state)
    with pytest.raises(UserError):
        dialog.save_to(tmp_path / "no-such-folder" / "copy.pdf")
    dialog.close()


def _ink_box(path: Path) -> tuple[int, int, int, int]:
    """Where the page's ink is (left, top, right, bottom), in pixels at 144 dpi."""
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    document.load(str(path))
    points = document.pagePointSize(0)
    image = on_white(document.render(0, QSize(round(points.width() * 2),
                                              round(points.height() * 2))))
    document.close()
    image = image.convertToFormat(QImage.Format.Format_Grayscale8)
    dark = re.compile(rb"[\x00-\x7f]")
    left, right, rows = image.width(), -1, []
    for y in range(image.height()):
        row = bytes(cast(Any, image.constScanLine(y)))[: image.width()]
        first = dark.search(row)
        if first is not None:
            rows.append(y)
            left = min(left, first.start())
            right = max(right, len(row) - 1 - dark.search(row[::-1]).start())  # type: ignore[union-attr]
    return left, rows[0], right, rows[-1]


def test_printing_keeps_the_actual_size(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState, tmp_path: Path, temp_root: Path
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    dialog = _open(qtbot, app_state)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    dialog.prepare_printer(printer)
    assert dialog.print_to(printer)
    reader = PdfReader(printed)
    assert len(reader.pages) == dialog.page_count()
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 landscape
    assert dialog.path is not None
    # the ink lands where the PDF puts it, to a pixel at 144 dpi (0.2 mm): not shrunk to the
    # printable area, not moved by a margin
    original, paper = _ink_box(dialog.path), _ink_box(printed)
    assert all(abs(a - b) <= 1 for a, b in zip(original, paper, strict=True)), (original, paper)
    dialog.close()


def test_a_failure_shows_its_message_and_no_dialog(  # type: ignore[no-untyped-def]
    qtbot, temp_root: Path, warnings: list[str]
) -> None:
    def make(_path: Path, _progress: Progress, _cancelled: Callable[[], bool]) -> None:
        raise UserError(N_("There is no member with id {id}."), id=77)

    dialog = open_pdf_preview(None, "x", make)
    qtbot.waitUntil(lambda: bool(warnings), timeout=10000)
    assert warnings == [_("There is no member with id {id}.").format(id=77)]
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=5000)  # never shown, gone
    assert not list(temp_root.iterdir())


def test_a_cancel_shows_nothing(  # type: ignore[no-untyped-def]
    qtbot, temp_root: Path, warnings: list[str]
) -> None:
    started = threading.Event()

    def make(_path: Path, _progress: Progress, cancelled: Callable[[], bool]) -> None:
        started.set()
        while not cancelled():
            threading.Event().wait(0.01)
        raise PrintCancelled()

    dialog = open_pdf_preview(None, "x", make)
    assert started.wait(10)
    assert dialog.job is not None
    dialog.job.cancel()
    qtbot.waitUntil(lambda: running_jobs() == 0 and not shiboken6.isValid(dialog),
                    timeout=10000)
    assert warnings == []
    assert not list(temp_root.iterdir())


def test_the_label_follows_the_page_shown(qtbot, temp_root: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPointF

    from unionapp.printing import layout

    def make(path: Path, progress: Progress, cancelled: Callable[[], bool]) -> None:
        rows = [[str(i), f"Өмүрбеков Ңаалы {i}"] for i in range(120)]
        table = layout.rows_table([layout.Column("№"), layout.Column("Аты-жөнү", 4)], rows)
        layout.write_pdf(path, [table], layout.PageSetup("", "x"), progress=progress,
                         cancelled=cancelled)

    dialog = open_pdf_preview(None, "x", make)
    qtbot.waitUntil(dialog.isVisible, timeout=15000)
    pages = dialog.page_count()
    assert pages > 2 and dialog.page_label.text() == f"Бет 1/{pages}"
    dialog.view.pageNavigator().jump(pages - 1, QPointF())
    qtbot.waitUntil(lambda: dialog.page_label.text() == f"Бет {pages}/{pages}", timeout=5000)
    dialog.close()
