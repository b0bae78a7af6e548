"""Where each field goes on a pre-printed certificate blank, set in mm and saved per template
(award type): x and y of the field box's top-left corner from the page's top-left corner, the
font size and the box's width, and whether the field is printed at all.

The chairperson prints a test sheet on plain paper (Test print…: a ruler grid with each box
where it will print, made from the values in the dialog, saved or not), holds it over a blank
against the light, corrects the numbers and saves. The positions live in the database
(``core.print_layouts``), so every PC printing from it uses the same blank settings.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import print_layouts
from unionapp.core.errors import UserError, ValidationError, ValidationGroup
from unionapp.core.i18n import _
from unionapp.core.print_layouts import BLANK_FIELDS, FIELD_LABELS, BlankLayout, FieldPlace
from unionapp.ui.operations import show_error
from unionapp.ui.state import AppState

if TYPE_CHECKING:
    from unionapp.ui.dialogs.pdf_preview import PdfPreviewDialog

PARTS = ("x", "y", "size", "width")


class FieldRow:
    """One field's widgets: printed or not, x, y, font size, width."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.label = QLabel()
        self.shown = QCheckBox()
        self.shown.setObjectName(f"blank_{name}_shown")
        self.spins: dict[str, QDoubleSpinBox] = {}
        limits = {
            "x": (0.0, print_layouts.PAGE_WIDTH_MM - 1),
            "y": (0.0, print_layouts.PAGE_HEIGHT_MM - 1),
            "size": (print_layouts.MIN_SIZE, print_layouts.MAX_SIZE),
            "width": (print_layouts.MIN_WIDTH, print_layouts.PAGE_WIDTH_MM),
        }
        for part in PARTS:
            spin = QDoubleSpinBox()
            spin.setObjectName(f"blank_{name}_{part}")
            spin.setDecimals(1)
            spin.setSingleStep(0.5)
            spin.setRange(*limits[part])
            spin.setAccelerated(True)
            self.spins[part] = spin
        self.shown.toggled.connect(self._enable)

    def _enable(self, on: bool) -> None:
        for spin in self.spins.values():
            spin.setEnabled(on)

    def set_place(self, place: FieldPlace) -> None:
        for part in PARTS:
            self.spins[part].setValue(getattr(place, part))
        self.shown.setChecked(place.shown)
        self._enable(place.shown)

    def place(self) -> FieldPlace:
        x, y, size, width = (self.spins[part].value() for part in PARTS)
        return FieldPlace(x, y, size, width, self.shown.isChecked())

    def retranslate(self) -> None:
        self.label.setText(_(FIELD_LABELS[self.name]))
        self.shown.setToolTip(_("Print this field"))
        for part, suffix in (("x", _(" mm")), ("y", _(" mm")), ("size", _(" pt")),
                             ("width", _(" mm"))):
            self.spins[part].setSuffix(suffix)


class CertificateBlankDialog(QDialog):
    """Positions of the blank of one of ``templates`` (award type id, name); ``samples`` maps
    a type to an award whose texts fill the test print (else each field shows its name)."""

    def __init__(self, state: AppState, templates: list[tuple[int, str]],
                 parent: QWidget | None = None, *, samples: dict[int, int] | None = None,
                 lang: str = "ky") -> None:
        super().__init__(parent)
        self.setObjectName("certificateBlankDialog")
        self.state, self.templates, self.samples, self.lang = state, templates, samples or {}, lang
        self.preview: PdfPreviewDialog | None = None

        self.template_label = QLabel()
        self.template = QComboBox()
        self.template.setObjectName("blankTemplate")
        for type_id, name in templates:
            self.template.addItem(name, type_id)
        self.template_label.setBuddy(self.template)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.heads = [QLabel() for _ in range(5)]
        self.rows = [FieldRow(name) for name in BLANK_FIELDS]
        grid = QGridLayout()
        for column, head in enumerate(self.heads, start=1):
            head.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(head, 0, column)
        for index, row in enumerate(self.rows, start=1):
            grid.addWidget(row.label, index, 0)
            grid.addWidget(row.shown, index, 1, Qt.AlignmentFlag.AlignCenter)
            for column, part in enumerate(PARTS, start=2):
                grid.addWidget(row.spins[part], index, column)
        self.problem = QLabel()
        self.problem.setObjectName("blankProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        self.test_button = QPushButton()
        self.test_button.setObjectName("blankTestPrint")
        self.test_button.clicked.connect(self.test_print)
        self.defaults_button = QPushButton()
        self.defaults_button.clicked.connect(self.use_defaults)
        self.save_button = QPushButton()
        self.save_button.setObjectName("blankSave")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.template_label)
        top.addWidget(self.template, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.defaults_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addLayout(grid)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        self.retranslate()
        self.template.currentIndexChanged.connect(lambda _i: self.load())
        self.load()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Pre-printed blank: field positions"))
        self.template_label.setText(_("&Blank of:"))
        self.hint.setText(_("Positions in mm from the top-left corner of the sheet to the "
                            "top-left corner of each field. Print a test sheet on plain paper, "
                            "hold it over a blank against the light and correct the numbers."))
        for head, text in zip(self.heads, (_("Print"), _("From the left"), _("From the top"),
                                           _("Font size"), _("Width")), strict=True):
            head.setText(text)
        for row in self.rows:
            row.retranslate()
        self.test_button.setText(_("Test print…"))
        self.defaults_button.setText(_("Standard positions"))
        self.save_button.setText(_("Save"))
        self.close_button.setText(_("Close"))

    # -- values -------------------------------------------------------------------------------
    def type_id(self) -> int:
        return int(self.template.currentData())

    def places(self) -> BlankLayout:
        return {row.name: row.place() for row in self.rows}

    def set_places(self, places: BlankLayout) -> None:
        for row in self.rows:
            row.set_place(places[row.name])
        self.problem.clear()

    def load(self) -> None:
        self.set_places(print_layouts.load_blank(self.state.db, self.type_id()))

    def use_defaults(self) -> None:
        self.set_places(print_layouts.default_blank())

    def save(self) -> bool:
        try:
            print_layouts.save_blank(self.state.db, self.type_id(), self.places())
        except ValidationError as exc:
            errors = exc.errors if isinstance(exc, ValidationGroup) else [exc]
            self.problem.setText("\n".join(self._where(e) for e in errors))
            return False
        except UserError as exc:
            show_error(self, exc)
            return False
        self.problem.clear()
        self.state.notify_changed("print_layouts")
        return True

    def _where(self, error: ValidationError) -> str:
        name = error.field.split(".")[0]
        label = _(FIELD_LABELS[name]) if name in FIELD_LABELS else name
        return f"{label}: {error.message()}"  # punctuation only: the same in ky and ru

    # -- the test sheet -----------------------------------------------------------------------
    def test_pdf_maker(self) -> Callable[[Path, object, object], None] | None:
        """What makes the calibration sheet of the values shown now (saved or not), read here
        on the GUI thread; None (the problems shown) when a value is off the page."""
        from unionapp.printing import certificates

        places = self.places()
        problems = print_layouts.blank_problems(places)
        if problems:
            self.problem.setText("\n".join(self._where(e) for e in problems))
            return None
        db, lang, template = self.state.db, self.lang, self.template.currentText()
        award_id = self.samples.get(self.type_id())

        def make(path: Path, _progress: object, _cancelled: object) -> None:
            if award_id is not None:
                certificates.print_calibration(db, path, award_ids=[award_id], lang=lang,
                                               places=places)
            else:
                certificates.write_calibration(path, places, template)

        return make

    def test_print(self) -> PdfPreviewDialog | None:
        from unionapp.ui.dialogs.pdf_preview import open_pdf_preview  # QtPdf only when asked

        make = self.test_pdf_maker()
        if make is None:
            return None
        self.problem.clear()
        self.preview = open_pdf_preview(self, _("Test print of the blank"), make,
                                        file_name=_("blank-test.pdf"))
        return self.preview
