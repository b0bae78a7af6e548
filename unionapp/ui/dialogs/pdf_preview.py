"""A printout shown inside the program before it goes to paper: every page, zoom, «Бет 1/5»,
Print… and Save as PDF….

The PDF is made by a plain callable ``make_pdf(path, progress, cancelled)`` (the printing
modules are Qt-free) on the thread pool, into a temporary folder the dialog removes when it
closes; the window stays responsive and a long register can be cancelled. Printing draws each
page at its physical size on the paper, never "fit to page": a card or a pre-printed blank
must land where it was measured. QtPdf is imported only when a preview is made, so the
start-up path never loads it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF, Qt, Signal
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from unionapp.core.errors import UserError
from unionapp.core.i18n import N_, _
from unionapp.ui.operations import BackgroundJob, run_in_background, show_error

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

MakePdf = Callable[[Path, Callable[[int, int], None], Callable[[], bool]], Any]
MAX_RENDER_DPI = 300  # sharper than any office printer needs; a 1200-dpi page would be 0.5 GB
ZOOM_STEP = 1.25


class PdfPreviewDialog(QDialog):
    """Shows one PDF file; ``loaded`` fires once its pages can be seen."""

    loaded = Signal()

    def __init__(self, title: str, parent: QWidget | None = None,
                 file_name: str = "") -> None:
        from PySide6.QtPdf import QPdfDocument  # heavy: only when a preview opens
        from PySide6.QtPdfWidgets import QPdfView

        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # the name Save as PDF proposes, in the user's language («распечатка.pdf»)
        self.title, self.file_name = title, file_name or _("printout.pdf")
        self.path: Path | None = None
        self.job: BackgroundJob | None = None
        self._folder: Path | None = None  # the temporary folder this dialog removes

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.pageNavigator().currentPageChanged.connect(lambda _page: self._show_page())

        self.page_label = QLabel()
        self.page_label.setObjectName("pdfPage")
        self.zoom_out = QToolButton()
        self.zoom_out.setText("−")
        self.zoom_out.clicked.connect(lambda: self.zoom(1 / ZOOM_STEP))
        self.zoom_in = QToolButton()
        self.zoom_in.setText("+")
        self.zoom_in.clicked.connect(lambda: self.zoom(ZOOM_STEP))
        self.fit_width = QToolButton()
        self.fit_width.clicked.connect(self.fit_to_width)
        self.print_button = QPushButton()
        self.print_button.setObjectName("pdfPrint")
        self.print_button.clicked.connect(self.ask_print)
        self.save_button = QPushButton()
        self.save_button.setObjectName("pdfSave")
        self.save_button.clicked.connect(self.ask_save)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)

        tools = QHBoxLayout()
        tools.addWidget(self.page_label)
        tools.addStretch(1)
        for button in (self.zoom_out, self.zoom_in, self.fit_width):
            tools.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)
        self._size_to_screen(parent)
        self.retranslate()

    def retranslate(self) -> None:
        self.zoom_out.setToolTip(_("Zoom out"))
        self.zoom_in.setToolTip(_("Zoom in"))
        self.fit_width.setText(_("Fit to width"))
        self.print_button.setText(_("Print…"))
        self.save_button.setText(_("Save as PDF…"))
        self._show_page()

    def _size_to_screen(self, parent: QWidget | None) -> None:
        screen = (parent.screen() if parent is not None else None) or QApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry()
            self.resize(min(1000, room.width() * 9 // 10), room.height() * 9 // 10)

    # -- the file -----------------------------------------------------------------------------
    def load(self, path: Path, *, owned_folder: Path | None = None) -> None:
        """Show ``path``; ``owned_folder`` (a temporary folder holding it) goes when we close."""
        from PySide6.QtPdf import QPdfDocument

        self._folder = owned_folder
        status = self.document.load(str(path))
        if status != QPdfDocument.Error.None_:
            raise UserError(N_("The printout {file} cannot be shown."), file=path.name)
        self.path = path
        self._show_page()
        self.loaded.emit()

    def page_count(self) -> int:
        return int(self.document.pageCount())

    def current_page(self) -> int:
        """1-based, as the label shows it."""
        return int(self.view.pageNavigator().currentPage()) + 1

    def _show_page(self) -> None:
        count = self.page_count()
        self.page_label.setText(
            _("Page {page} of {pages}").format(page=self.current_page(), pages=count)
            if count else "")
        for button in (self.print_button, self.save_button, self.zoom_in, self.zoom_out,
                       self.fit_width):
            button.setEnabled(count > 0)

    def zoom(self, factor: float) -> None:
        from PySide6.QtPdfWidgets import QPdfView

        current = self.view.zoomFactor()
        if self.view.zoomMode() != QPdfView.ZoomMode.Custom:  # from the fitted size on
            page = self.document.pagePointSize(max(self.current_page() - 1, 0))
            viewport = self.view.viewport().width()
            current = viewport / max(page.width() * self.logicalDpiX() / 72, 1.0)
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.1, min(current * factor, 8.0)))

    def fit_to_width(self) -> None:
        from PySide6.QtPdfWidgets import QPdfView

        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    # -- save ---------------------------------------------------------------------------------
    def proposed_path(self) -> Path:
        """Where Save as PDF proposes to write: the file's name in the home folder."""
        return Path.home() / self.file_name

    def ask_save(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save as PDF"), str(self.proposed_path()), _("PDF document (*.pdf)"))
        if name:
            target = Path(name if name.lower().endswith(".pdf") else name + ".pdf")
            try:
                self.save_to(target)
            except UserError as exc:
                show_error(self, exc)

    def save_to(self, target: Path) -> None:
        """A copy of the shown file, written beside the target and renamed into place."""
        if self.path is None:
            return
        handle, temp_name = tempfile.mkstemp(prefix=".print-", suffix=".pdf",
                                             dir=target.parent if target.parent.is_dir() else None)
        os.close(handle)
        temp = Path(temp_name)
        try:
            shutil.copyfile(self.path, temp)
            os.replace(temp, target)
        except OSError as exc:
            temp.unlink(missing_ok=True)
            raise UserError(N_("{file} could not be written: {reason}"), file=target.name,
                            reason=exc.strerror or str(exc)) from exc

    # -- print --------------------------------------------------------------------------------
    def ask_print(self) -> None:
        from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.prepare_printer(printer)
        dialog = QPrintDialog(printer, self)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setMinMax(1, max(self.page_count(), 1))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def prepare_printer(self, printer: QPrinter) -> None:
        """The paper and orientation of the document's first page, no margins, full page:
        the painter's origin is the sheet's corner, so nothing is shifted or scaled."""
        size = self.document.pagePointSize(0)
        short, long = sorted((size.width(), size.height()))
        orientation = (QPageLayout.Orientation.Landscape if size.width() > size.height()
                       else QPageLayout.Orientation.Portrait)
        printer.setDocName(self.title)
        printer.setFullPage(True)
        printer.setPageLayout(QPageLayout(
            QPageSize(QSizeF(short, long), QPageSize.Unit.Point), orientation,
            QMarginsF(0, 0, 0, 0)))

    def print_to(self, printer: QPrinter, offset_mm: tuple[float, float] | None = None) -> bool:
        """Each page rendered at the printer's resolution (at most ``MAX_RENDER_DPI``) and
        painted at the page's physical size in points, moved by the printer's offset (mm,
        Settings; ``offset_mm`` overrides it); False when cancelled or refused."""
        from unionapp.core.print_offsets import device_shift
        from unionapp.ui.dialogs.printer_offsets import offset_for

        if offset_mm is None:
            offset_mm = offset_for(self, printer.printerName())
        count = self.page_count()
        first, last = printer.fromPage(), printer.toPage()
        pages = range(first - 1, last) if first > 0 and last >= first else range(count)
        pages = range(max(pages.start, 0), min(pages.stop, count))
        progress = QProgressDialog(_("Printing…"), _("Cancel"), 0, len(pages), self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        painter = QPainter()
        if not painter.begin(printer):
            show_error(self, UserError(N_("The printer cannot be used.")))
            return False
        try:
            dpi = printer.resolution()
            scale = min(dpi, MAX_RENDER_DPI) / 72
            dx, dy = device_shift(offset_mm, dpi)
            for done, index in enumerate(pages):
                if progress.wasCanceled():
                    printer.abort()
                    return False
                if done:
                    printer.newPage()
                points = self.document.pagePointSize(index)
                image = on_white(self.document.render(
                    index, QSize(round(points.width() * scale), round(points.height() * scale))))
                painter.drawImage(
                    QRectF(dx, dy, points.width() * dpi / 72, points.height() * dpi / 72), image)
                progress.setValue(done + 1)
                QApplication.processEvents()
        finally:
            painter.end()
            progress.deleteLater()
        return True

    # -- closing ------------------------------------------------------------------------------
    def done(self, result: int) -> None:
        self.cleanup()
        super().done(result)

    def cleanup(self) -> None:
        """Close the file, then remove the temporary folder (Windows cannot delete an open
        file)."""
        self.document.close()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None


def on_white(image: QImage) -> QImage:
    """The page on white paper: QtPdf leaves the background transparent, which some printer
    drivers turn into black or rasterize slowly."""
    page = QImage(image.size(), QImage.Format.Format_RGB32)
    page.fill(Qt.GlobalColor.white)
    painter = QPainter(page)
    painter.drawImage(0, 0, image)
    painter.end()
    return page


def open_pdf_preview(
    parent: QWidget | None, title: str, make_pdf: MakePdf, *, file_name: str = ""
) -> PdfPreviewDialog:
    """Make the PDF off the GUI thread (a progress dialog with Cancel after 200 ms), then show
    it. The dialog returned appears only when the file is ready (``loaded``); if making it
    fails, the error is shown and the dialog is discarded unseen; a cancel shows nothing.
    ``file_name`` (translated by the caller) is what Save as PDF proposes."""
    dialog = PdfPreviewDialog(title, parent, file_name)
    folder = Path(tempfile.mkdtemp(prefix="unionapp-print-"))
    path = folder / dialog.file_name

    def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Path:
        make_pdf(path, progress, cancelled)
        return path

    def made(result: Path) -> None:
        if not shiboken6.isValid(dialog):
            shutil.rmtree(folder, ignore_errors=True)
            return
        try:
            dialog.load(result, owned_folder=folder)
        except UserError as exc:
            failed(exc)
            return
        dialog.show()

    def failed(exc: BaseException) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        cancelled = dialog.job is not None and dialog.job.is_cancelled()
        if shiboken6.isValid(dialog):
            dialog.deleteLater()
        if not cancelled:
            show_error(parent, exc)

    dialog.job = run_in_background(parent, _("Preparing the printout…"), work, made,
                                   on_error=failed)
    return dialog
