"""Printing award certificates from the window: one award's, several, or all a decision
granted. The chairperson chooses the certificate's language (Kyrgyz unless she says
otherwise: it does not follow the window's) and whether the whole certificate is printed on
plain paper or only the fields onto a pre-printed blank (positions a button away); Preview…
shows the PDF before it goes to the printer.

An award that cannot have a certificate (a nomination, an award with no decision) is named in
the dialog and Preview is unavailable, so nothing half-right is printed. The Awards and
Decisions pages open this with ``open_certificate_print``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from unionapp.core.errors import UserError
from unionapp.core.i18n import _, ngettext
from unionapp.ui.i18n import LANGUAGE_NAMES
from unionapp.ui.state import AppState

if TYPE_CHECKING:
    from unionapp.printing.certificate_data import Certificate
    from unionapp.ui.dialogs.certificate_blank_dialog import CertificateBlankDialog
    from unionapp.ui.dialogs.pdf_preview import PdfPreviewDialog

DEFAULT_LANGUAGE = "ky"


class CertificatePrintDialog(QDialog):
    def __init__(self, state: AppState, parent: QWidget | None = None, *,
                 award_ids: list[int] | None = None, decision_id: int | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("certificatePrintDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.state, self.award_ids, self.decision_id = state, award_ids, decision_id
        self.items: list[Certificate] = []
        self.refusal = ""
        self.preview: PdfPreviewDialog | None = None
        self.blank_dialog: CertificateBlankDialog | None = None

        self.summary = QLabel()
        self.summary.setObjectName("certificateSummary")
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("certificateList")
        self.problem = QLabel()
        self.problem.setObjectName("certificateProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        self.language_label = QLabel()
        self.language = QComboBox()
        self.language.setObjectName("certificateLanguage")
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(DEFAULT_LANGUAGE))
        self.language_label.setBuddy(self.language)
        self.whole = QRadioButton()
        self.whole.setObjectName("certificateWhole")
        self.whole.setChecked(True)
        self.blank = QRadioButton()
        self.blank.setObjectName("certificateBlank")
        self.mode = QButtonGroup(self)
        self.mode.addButton(self.whole)
        self.mode.addButton(self.blank)
        self.positions_button = QPushButton()
        self.positions_button.setObjectName("certificatePositions")
        self.positions_button.clicked.connect(self.edit_positions)
        self.preview_button = QPushButton()
        self.preview_button.setObjectName("certificatePreview")
        self.preview_button.setDefault(True)
        self.preview_button.clicked.connect(self.show_preview)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)

        language_row = QHBoxLayout()
        language_row.addWidget(self.language_label)
        language_row.addWidget(self.language, 1)
        blank_row = QHBoxLayout()
        blank_row.addWidget(self.blank)
        blank_row.addStretch(1)
        blank_row.addWidget(self.positions_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.problem)
        layout.addLayout(language_row)
        layout.addWidget(self.whole)
        layout.addLayout(blank_row)
        layout.addLayout(buttons)
        self.resize(560, 420)
        self.retranslate()
        self.language.currentIndexChanged.connect(lambda _i: self.reload())
        self.blank.toggled.connect(lambda _on: self._enable())
        self.reload()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Print certificates"))
        self.language_label.setText(_("Certificate &language:"))
        self.whole.setText(_("The whole certificate, on plain paper"))
        self.blank.setText(_("Only the fields, onto a pre-printed blank"))
        self.positions_button.setText(_("Blank positions…"))
        self.preview_button.setText(_("Preview…"))
        self.close_button.setText(_("Close"))
        self._show()

    # -- what is printed ----------------------------------------------------------------------
    def lang(self) -> str:
        return str(self.language.currentData())

    def set_language(self, lang: str) -> None:
        self.language.setCurrentIndex(self.language.findData(lang))

    def is_blank(self) -> bool:
        return self.blank.isChecked()

    def reload(self) -> None:
        """The certificates in the chosen language, or the reason there can be none (a few
        rows read: quick enough for the GUI thread)."""
        from unionapp.printing.certificate_data import load_certificates

        try:
            self.items = load_certificates(self.state.db, award_ids=self.award_ids,
                                           decision_id=self.decision_id, lang=self.lang())
            self.refusal = ""
        except UserError as exc:
            self.items, self.refusal = [], exc.message()
        self._show()

    def _show(self) -> None:
        self.list.clear()
        for cert in self.items:
            parts = [cert.number, cert.name, cert.title]
            self.list.addItem(" — ".join(p for p in parts if p))
        count = len(self.items)
        self.summary.setText(
            ngettext("{count} certificate to print:", "{count} certificates to print:", count)
            .format(count=count) if count else _("Nothing can be printed:"))
        self.problem.setText(self.refusal)
        self.problem.setVisible(bool(self.refusal))
        self._enable()

    def _enable(self) -> None:
        ready = bool(self.items)
        self.preview_button.setEnabled(ready)
        self.positions_button.setEnabled(ready and self.is_blank())

    # -- actions ------------------------------------------------------------------------------
    def pdf_maker(self) -> Callable[[Path, Any, Any], None]:
        """What makes the PDF of the choices made now (read here, on the GUI thread)."""
        from unionapp.printing import certificates

        db, lang, blank = self.state.db, self.lang(), self.is_blank()
        award_ids, decision_id = self.award_ids, self.decision_id

        def make(path: Path, progress: Any, cancelled: Any) -> None:
            certificates.print_certificates(db, path, award_ids=award_ids,
                                            decision_id=decision_id, lang=lang, blank=blank,
                                            progress=progress, cancelled=cancelled)

        return make

    def file_name(self) -> str:
        numbers = [cert.number.replace("/", "-") for cert in self.items if cert.number]
        if len(self.items) == 1 and numbers:
            return _("certificate-{number}.pdf").format(number=numbers[0])
        return _("certificates.pdf")

    def show_preview(self) -> PdfPreviewDialog | None:
        from unionapp.ui.dialogs.pdf_preview import open_pdf_preview  # QtPdf only when asked

        if not self.items:
            return None
        self.preview = open_pdf_preview(self, self.windowTitle(), self.pdf_maker(),
                                        file_name=self.file_name())
        return self.preview

    def edit_positions(self) -> CertificateBlankDialog | None:
        """The positions of the blanks of the award types among these certificates."""
        from unionapp.ui.dialogs.certificate_blank_dialog import CertificateBlankDialog

        if not self.items:
            return None
        templates: dict[int, str] = {}
        samples: dict[int, int] = {}
        for cert in self.items:
            templates.setdefault(cert.award_type_id, cert.award_name)
            samples.setdefault(cert.award_type_id, cert.award_id)
        dialog = CertificateBlankDialog(self.state, list(templates.items()), self,
                                        samples=samples, lang=self.lang())
        self.blank_dialog = dialog
        dialog.open()
        return dialog


def open_certificate_print(parent: QWidget | None, state: AppState,
                           award_ids: list[int] | None = None,
                           decision_id: int | None = None) -> CertificatePrintDialog:
    """Show the dialog for ``award_ids`` or for every award of ``decision_id`` (not modal:
    the register stays usable while the preview is open); returns it."""
    dialog = CertificatePrintDialog(state, parent, award_ids=award_ids,
                                    decision_id=decision_id)
    dialog.show()
    return dialog
