"""The printer offset editor (Settings → Printer offsets…) and the lookup the preview prints with.

Office printers drift: a sheet comes out a millimetre or two to one side. Per printer the
user enters how far to move the print back (x to the right, y down, ±10 mm), checks it with a
test page (two lines 20 mm from the edges), and every printout sent to that printer from the
preview is moved by it (``pdf_preview.print_to``). PDFs themselves stay true to size.

The printers come from Qt's list of this computer's printers; the name can also be typed
(a printer that is switched off now), and printers saved earlier are listed too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import print_offsets
from unionapp.core.errors import UserError
from unionapp.core.i18n import _
from unionapp.ui.operations import perform, show_error
from unionapp.ui.state import AppState

STEP_MM = 0.5


def find_state(widget: QWidget | None) -> AppState | None:
    """The window's ``AppState``, from a widget inside it: pages and dialogs keep it as
    ``state``; the first one up the parents wins."""
    while widget is not None:
        state = getattr(widget, "state", None)
        if isinstance(state, AppState):
            return state
        widget = widget.parentWidget()
    return None


def offset_for(widget: QWidget | None, printer: str) -> print_offsets.Offset:
    """The offset saved for ``printer`` (mm), (0, 0) when none is or no database is at hand
    (a PDF printer has no name: files are never shifted)."""
    state = find_state(widget)
    if state is None or not printer:
        return (0.0, 0.0)
    try:
        return print_offsets.printer_offset(state.db, printer)
    except UserError:
        return (0.0, 0.0)


def available_printers() -> list[str]:
    from PySide6.QtPrintSupport import QPrinterInfo  # only when the editor opens

    return list(QPrinterInfo.availablePrinterNames())


def default_printer() -> str:
    from PySide6.QtPrintSupport import QPrinterInfo

    return str(QPrinterInfo.defaultPrinterName())


class PrinterOffsetDialog(QDialog):
    """Choose a printer, set its x/y offset in mm, print a test page, save."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printerOffsets")
        self.state = state
        self.preview: Any = None  # the test page's preview, once opened

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.printer = QComboBox()
        self.printer.setObjectName("offsetPrinter")
        self.printer.setEditable(True)
        self.printer.setMinimumContentsLength(28)
        self.printer.currentIndexChanged.connect(lambda _index: self._load())
        self.x_mm = self._spin("offsetX")
        self.y_mm = self._spin("offsetY")
        self.saved = QLabel()
        self.saved.setObjectName("offsetSaved")
        self.saved.setStyleSheet("color:#1e6b34;")
        self.x_mm.valueChanged.connect(lambda _v: self.saved.clear())
        self.y_mm.valueChanged.connect(lambda _v: self.saved.clear())

        self.form = QFormLayout()
        self.printer_label, self.x_label, self.y_label = QLabel(), QLabel(), QLabel()
        self.form.addRow(self.printer_label, self.printer)
        self.form.addRow(self.x_label, self.x_mm)
        self.form.addRow(self.y_label, self.y_mm)

        self.test_button = QPushButton()
        self.test_button.setObjectName("offsetTestPage")
        self.test_button.clicked.connect(self.print_test_page)
        self.save_button = QPushButton()
        self.save_button.setObjectName("offsetSave")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ApplyRole)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.saved)
        layout.addWidget(self.buttons)
        self._fill_printers()
        self.retranslate()
        self.resize(560, self.sizeHint().height())

    def _spin(self, name: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setObjectName(name)
        spin.setRange(-print_offsets.LIMIT_MM, print_offsets.LIMIT_MM)
        spin.setDecimals(1)
        spin.setSingleStep(STEP_MM)
        spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        return spin

    def retranslate(self) -> None:
        self.setWindowTitle(_("Printer offsets"))
        self.intro.setText(_(
            "If a printer puts everything a little to one side, enter how far to move the print "
            "back: x moves it to the right, y down (negative: left, up), up to {limit} mm. "
            "Print the test page, measure the two lines from the paper's edges, correct, save."
        ).format(limit=print_offsets.LIMIT_MM))
        self.printer_label.setText(_("Printer:"))
        self.x_label.setText(_("Across (x):"))
        self.y_label.setText(_("Down (y):"))
        # one message with the number's place in it: the unit's side and spacing are the
        # translation's (a spin box takes the text before and after the number)
        before, _number, after = _("{number} mm").partition("{number}")
        for spin in (self.x_mm, self.y_mm):
            spin.setPrefix(before)
            spin.setSuffix(after)
        self.test_button.setText(_("Print a test page…"))
        self.save_button.setText(_("Save"))

    # -- data ---------------------------------------------------------------------------------
    def _fill_printers(self) -> None:
        saved = perform(self, print_offsets.printer_offsets, self.state.db) or {}
        names = list(dict.fromkeys([*available_printers(), *sorted(saved)]))
        self.printer.blockSignals(True)
        self.printer.clear()
        self.printer.addItems(names)
        default = default_printer()
        self.printer.setCurrentIndex(max(self.printer.findText(default), 0) if names else -1)
        self.printer.blockSignals(False)
        self._load()

    def printer_name(self) -> str:
        return self.printer.currentText().strip()

    def offset(self) -> print_offsets.Offset:
        return (round(self.x_mm.value(), 1), round(self.y_mm.value(), 1))

    def _load(self) -> None:
        x, y = offset_for(self, self.printer_name()) if self.printer_name() else (0.0, 0.0)
        self.x_mm.setValue(x)
        self.y_mm.setValue(y)
        self.saved.clear()

    def save(self) -> bool:
        name = self.printer_name()
        try:
            print_offsets.set_printer_offset(self.state.db, name, *self.offset())
        except Exception as exc:  # noqa: BLE001 - shown to the user, nothing saved
            show_error(self, exc)
            return False
        if self.printer.findText(name) < 0:  # listed from now on, the values kept
            self.printer.blockSignals(True)
            self.printer.addItem(name)
            self.printer.setCurrentIndex(self.printer.findText(name))
            self.printer.blockSignals(False)
        self.state.notify_changed("settings")
        self.saved.setText(_("Saved: {printer}").format(printer=name))
        return True

    def print_test_page(self) -> Any:
        """Save the offset shown, then the test page in the preview: its Print moves it by the
        offset saved for the printer chosen in the print dialog."""
        from unionapp.printing.offset_test import TITLE, write_test_page
        from unionapp.ui.dialogs.pdf_preview import open_pdf_preview

        if not self.save():
            return None
        name, offset = self.printer_name(), self.offset()

        def make(path: Path, _progress: Any, _cancelled: Any) -> None:
            write_test_page(path, name, offset)

        self.preview = open_pdf_preview(self, _(TITLE), make, file_name=_("offset-test.pdf"))
        return self.preview


class PrintingBox(QGroupBox):
    """The Settings page's «Printing» group: what the offsets are for, and the editor."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printingBox")
        self.state = state
        self.dialog: PrinterOffsetDialog | None = None
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.button = QPushButton()
        self.button.setObjectName("printerOffsetsButton")
        self.button.clicked.connect(self.open_editor)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_("Printing"))
        self.text.setText(_("Printouts are printed at their actual size, never fitted to the "
                            "page. If a printer shifts its sheets, set its offset here."))
        self.button.setText(_("Printer offsets…"))

    def open_editor(self) -> PrinterOffsetDialog:
        """Opens the editor without blocking and returns it."""
        if self.dialog is not None and shiboken6.isValid(self.dialog):
            self.dialog.close()
        self.dialog = PrinterOffsetDialog(self.state, self)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.open()
        return self.dialog
