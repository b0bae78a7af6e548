"""The import wizard: choose a file, see what would happen row by row, import, read the summary.

Both the preview and the import run off the GUI thread (a 10,000-row workbook takes seconds);
the import's Cancel sets a flag the core checks between rows and once more just before it
commits, so a cancelled import leaves the database exactly as it was. Nothing can be imported
while the preview shows a problem: the chairperson fixes the file and reads it again. Warnings
(rows to check) are listed after the problems, in amber, and do not stop the import.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from unionapp.core import importing
from unionapp.core.formatting import format_money, format_number
from unionapp.core.i18n import N_, _
from unionapp.ui.dialogs.import_preview_page import ERROR_STYLE, WARNING_STYLE, PreviewPage
from unionapp.ui.operations import BackgroundJob, show_error, start_job
from unionapp.ui.state import AppState

KIND_TITLES = {
    "members": N_("Import members"),
    "children": N_("Import children"),
    "payroll": N_("Import payroll"),
    "cash": N_("Import cash payments"),
    "aid": N_("Import material aid"),
    "vouchers": N_("Import vouchers"),
    "awards": N_("Import awards"),
}
KIND_HINTS = {
    "awards": N_(
        "Choose an Excel (.xlsx) or CSV file with one row per award: card number, award, "
        "date, the number of the protocol that granted it (with its date, if the file has it) "
        "and the certificate number, if it has one. An award the catalogue does not know is "
        "added to it. Importing the same file again adds nothing."
    ),
    "vouchers": N_(
        "Choose an Excel (.xlsx) or CSV file with one row per voucher: card number, kind, "
        "institution, start and end dates, cost, the member's co-payment and, for a children's "
        "camp, the child's name. A place the catalogue does not know is added to it."
    ),
    "members": N_(
        "Choose an Excel (.xlsx) or CSV file with one row per member. The columns are found by "
        "their names in Kyrgyz, Russian or English (card number, surname, name, join date…). "
        "A member already in the register is matched by card number, else by personnel number."
    ),
    "children": N_(
        "Choose an Excel (.xlsx) or CSV file with one row per child: the parent's card number, "
        "the child's full name and date of birth."
    ),
    "payroll": N_(
        "Choose the accounting office's dues list for the month (Excel or CSV): personnel "
        "number or full name, wage and dues withheld. Importing a month again replaces it."
    ),
    "cash": N_(
        "Choose an Excel (.xlsx) or CSV file with one row per cash receipt: card number, "
        "receipt number, date, amount and the months it covers."
    ),
    "aid": N_(
        "Choose an Excel (.xlsx) or CSV file with one row per aid payment: card number, "
        "reason, amount, date and the number of the protocol that granted it (with the "
        "protocol's date, if the file has it). Importing the same file again adds nothing."
    ),
}
FILE_PAGE, PREVIEW_PAGE, IMPORT_PAGE, SUMMARY_PAGE = range(4)
__all__ = ["ERROR_STYLE", "IMPORT_PAGE", "PREVIEW_PAGE", "SUMMARY_PAGE", "WARNING_STYLE",
           "ImportWizard"]


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard, month: dt.date | None = None) -> None:
        super().__init__()
        self.hint = QLabel(_(KIND_HINTS[wizard.kind]))
        self.hint.setWordWrap(True)
        # A payroll list's month is chosen here, in sight: it used to be the Dues page's month,
        # silently, so October's list refused «for November» with no way to say otherwise.
        self.month_edit: QDateEdit | None = None
        if wizard.kind == "payroll":
            shown = month or dt.date.today().replace(day=1)
            self.month_edit = QDateEdit(QDate(shown.year, shown.month, 1))
            self.month_edit.setObjectName("payrollMonth")
            self.month_edit.setDisplayFormat("MM.yyyy")
            self.month_edit.setCalendarPopup(False)
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("path")
        self.path_edit.textChanged.connect(self.completeChanged)
        self.browse = QPushButton(_("Choose a file…"))
        self.browse.setObjectName("browse")
        self.browse.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addSpacing(8)
        if self.month_edit is not None:
            month_label = QLabel(_("&Month of the list:"))
            month_label.setBuddy(self.month_edit)
            month_row = QHBoxLayout()
            month_row.addWidget(month_label)
            month_row.addWidget(self.month_edit)
            month_row.addStretch(1)
            layout.addLayout(month_row)
            layout.addSpacing(8)
        layout.addWidget(QLabel(_("File:")))
        layout.addLayout(row)
        layout.addStretch(1)
        self.setTitle(_("Choose a file"))

    def month(self) -> dt.date | None:
        """The payroll list's month as chosen (None for other kinds)."""
        if self.month_edit is None:
            return None
        date = self.month_edit.date()
        return dt.date(date.year(), date.month(), 1)

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose a file to import"),
            str(Path(self.path_edit.text()).parent) if self.path_edit.text() else str(Path.home()),
            _("Excel or CSV files (*.xlsx *.csv);;All files (*)"),
        )
        if path:
            self.path_edit.setText(path)

    def path(self) -> Path:
        return Path(self.path_edit.text().strip())

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        text = self.path_edit.text().strip()
        return bool(text) and self.path().is_file()


class ImportPage(QWizardPage):
    """Runs the import with a progress bar; moves on to the summary by itself when done."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.job: BackgroundJob | None = None
        self.summary: importing.ImportSummary | None = None
        self.setTitle(_("Importing"))
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setObjectName("importProgress")
        self.bar.setRange(0, 100)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        self.summary = None
        self.bar.setValue(0)
        self.label.setText(_("Importing {file}…").format(file=self.owner.path().name))
        db, kind, path = self.owner.state.db, self.owner.kind, self.owner.path()
        month = self.owner.month

        def work(progress: Any, cancelled: Any) -> importing.ImportSummary:
            return importing.run_import(
                db, kind, path, progress=progress, cancelled=cancelled, month=month
            )

        self.job = start_job(work, self._done, on_error=self._failed, on_progress=self._progress)

    def _progress(self, done: int, total: int) -> None:
        self.bar.setMaximum(max(total, 1))
        self.bar.setValue(min(done, total))

    def _done(self, summary: importing.ImportSummary) -> None:
        self.job = None
        self.summary = summary
        self.owner.imported(summary)

    def _failed(self, exc: BaseException) -> None:
        job, self.job = self.job, None
        if job is not None and job.is_cancelled():  # the core rolled everything back
            self.owner.import_cancelled()
            return
        self.owner.failed(exc)

    def stop(self) -> None:
        """Ask the running import to stop; the wizard closes when the core has rolled back."""
        if self.job is not None:
            self.job.cancel()
            self.label.setText(_("Stopping the import; nothing will be changed…"))

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return self.summary is not None


class SummaryPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("Import finished"))
        self.text = QLabel()
        self.text.setObjectName("summary")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addStretch(1)

    def show_summary(self, summary: importing.ImportSummary) -> None:
        lines = [
            _("File: {file}").format(file=summary.file_name),
            _("Rows read: {count}").format(count=format_number(summary.rows_read)),
            _("Added: {count}").format(count=format_number(summary.added)),
            _("Updated: {count}").format(count=format_number(summary.updated)),
            _("Unchanged: {count}").format(count=format_number(summary.unchanged)),
            _("Skipped (empty rows): {count}").format(count=format_number(summary.skipped)),
        ]
        if summary.departments_added:
            lines.append(_("New departments: {count}").format(
                count=format_number(summary.departments_added)))
        lines.extend(summary.note_lines())  # what a kind adds: new institutions, award types
        if summary.kind == "payroll" and summary.month is not None:
            lines[2:5] = [
                _("Month: {month}").format(month=summary.month.strftime("%m.%Y")),
                _("Matched to members: {count}").format(count=format_number(summary.matched)),
                _("Not matched: {count}").format(count=format_number(summary.unmatched)),
                _("Rows replaced from the earlier import: {count}").format(
                    count=format_number(summary.replaced)
                ),
                _("Total wages: {amount}").format(amount=format_money(summary.total_wage)),
                _("Total withheld: {amount}").format(
                    amount=format_money(summary.total_withheld)
                ),
            ]
        if summary.warnings:
            lines.append("")
            lines.append(
                _("Imported, but worth a look ({count}):").format(
                    count=format_number(len(summary.warnings)))
            )
            lines.extend(f"{w.row}:{w.column}: {w.message()}" for w in summary.warnings)
        self.text.setText("\n".join(lines))


class ImportWizard(QWizard):
    """``ImportWizard(state, "members" | "children", parent).exec()``."""

    def __init__(
        self,
        state: AppState,
        kind: str,
        parent: QWidget | None = None,
        *,
        month: dt.date | None = None,
    ) -> None:
        """``month``: the payroll list's month (the Dues page's); other kinds ignore it."""
        super().__init__(parent)
        if kind not in KIND_TITLES:
            raise ValueError(f"unknown import kind: {kind}")
        self.state = state
        self.kind = kind
        self.closed = False
        self.result_summary: importing.ImportSummary | None = None
        self.setObjectName("ImportWizard")
        self.setWindowTitle(_(KIND_TITLES[kind]))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.file_page = FilePage(self, month if kind == "payroll" else None)
        self.preview_page = PreviewPage(self)
        self.import_page = ImportPage(self)
        self.summary_page = SummaryPage()
        for number, page in enumerate(
            (self.file_page, self.preview_page, self.import_page, self.summary_page)
        ):
            self.setPage(number, page)
        self.resize(1000, 680)

    def path(self) -> Path:
        return self.file_page.path()

    @property
    def month(self) -> dt.date | None:
        """The payroll list's month, as chosen on the first page; None for other kinds."""
        return self.file_page.month()

    def set_month(self, month: dt.date) -> None:
        if self.file_page.month_edit is not None:
            self.file_page.month_edit.setDate(QDate(month.year, month.month, 1))

    def set_file(self, path: Path) -> None:
        """Start with a file already chosen (a file dropped on the window, and the tests)."""
        self.file_page.path_edit.setText(str(path))

    # -- reports from the import page ---------------------------------------------------------
    def imported(self, summary: importing.ImportSummary) -> None:
        self.result_summary = summary
        self.state.notify_changed("dues" if self.kind in ("payroll", "cash") else "members")
        if self.closed:
            return
        self.summary_page.show_summary(summary)
        self.next()

    def failed(self, exc: BaseException) -> None:
        """Refused at import time (the file changed after the preview): say why, close."""
        show_error(self, exc)
        self.closed = True
        super().reject()

    def import_cancelled(self) -> None:
        self.closed = True
        super().reject()

    # -- closing --------------------------------------------------------------------------------
    def reject(self) -> None:
        """Cancel. An import under way is asked to stop and the wizard waits until the core
        has rolled it back (or, if it had already finished, shows the summary)."""
        if self.import_page.job is not None:
            self.import_page.stop()
            cancel = self.button(QWizard.WizardButton.CancelButton)
            cancel.setEnabled(False)
            return
        self.closed = True
        super().reject()

    def done(self, result: int) -> None:
        self.closed = True
        super().done(result)
