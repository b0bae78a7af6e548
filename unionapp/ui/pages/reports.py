"""The Reports page: choose a year, read its year-end figures beside the previous year's, preview
the PDF, save it as PDF, Excel or JSON.

The figures are ``core.yearend_report``'s, the same as ``unionapp report year-end`` writes; the
files come from the same writers. Counting and writing run on the thread pool (the window
never waits for the database); a result for a year no longer chosen is dropped, so what is
saved is always what is shown. The page reads its data when first shown, not at start-up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from unionapp.core.i18n import N_, _
from unionapp.core.yearend import FIRST_YEAR, write_json
from unionapp.core.yearend_report import (
    YearEndReport,
    format_change,
    format_value,
    sections,
    summary_lines,
    year_end_report,
)
from unionapp.ui.operations import BackgroundJob, Work, show_error, start_job
from unionapp.ui.pages.base import Page
from unionapp.ui.pages.register_base import LatestRead
from unionapp.ui.widgets.flow_layout import FlowLayout

if TYPE_CHECKING:
    from unionapp.ui.dialogs.pdf_preview import PdfPreviewDialog
    from unionapp.ui.state import AppState

RELOAD_ON = frozenset({"members", "dues", "vouchers", "aid", "awards", "settings", "children",
                       "all"})
FIGURE_COLUMN = N_("Figure")
DIFFERENCE_COLUMN = N_("Difference")
# what each save button writes: (suffix, the file dialog's filter, the proposed name - one
# message with its ending, so the name is the language's own)
KINDS = {
    "pdf": (".pdf", N_("PDF document (*.pdf)"), N_("year-end-report-{year}.pdf")),
    "xlsx": (".xlsx", N_("Excel workbook (*.xlsx)"), N_("year-end-report-{year}.xlsx")),
    "json": (".json", N_("JSON file (*.json)"), N_("year-end-report-{year}.json")),
}


def _write(report: YearEndReport, kind: str, path: Path) -> None:
    """The report to ``path`` by ``kind`` (the same writers as the command line)."""
    if kind == "json":
        write_json(report.current, report.previous, path)
    elif kind == "xlsx":
        from unionapp.core.yearend_workbook import write_xlsx

        write_xlsx(report, path)
    else:
        from unionapp.printing.yearend import write_pdf

        write_pdf(report, path)


class ReportsPage(Page):
    key = "reports"

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.report: YearEndReport | None = None
        self.preview: PdfPreviewDialog | None = None
        self._save_job: BackgroundJob | None = None
        self.reader = LatestRead(self, self._read, self._done,
                                 lambda _exc: self.show_report())
        self._stale = True  # read when first shown: nothing runs for it at start-up

        self.heading = QLabel()
        self.heading.setObjectName("reportsHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.year_label = QLabel()
        self.year = QSpinBox()
        self.year.setObjectName("reportsYear")
        self.year.setGroupSeparatorShown(False)
        this_year = dt.date.today().year
        self.year.setRange(FIRST_YEAR, this_year)  # a year to come has nothing to report
        self.year.setValue(this_year - 1)  # the last whole year: what is reported in spring
        self.year_label.setBuddy(self.year)
        self.year.valueChanged.connect(lambda _v: self.reload())

        self.preview_button = QPushButton()
        self.preview_button.setObjectName("reportsPreview")
        self.preview_button.clicked.connect(lambda: self.open_preview())
        self.save_buttons: dict[str, QPushButton] = {}
        for kind in KINDS:
            button = QPushButton()
            button.setObjectName(f"reportsSave_{kind}")
            button.clicked.connect(lambda _c=False, k=kind: self.ask_save(k))
            self.save_buttons[kind] = button

        self.notes = QLabel()
        self.notes.setObjectName("reportsNotes")
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet(
            "background:#fff6dc; border:1px solid #d9b44a; border-radius:3px; padding:6px;")
        self.table = QTreeWidget()
        self.table.setObjectName("reportsTable")
        self.table.setColumnCount(4)
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setStyleSheet("QTreeView::item { padding: 0px 8px 0px 2px; }")
        header = self.table.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.status = QLabel()
        self.status.setObjectName("reportsStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addSpacing(16)
        top.addWidget(self.year_label)
        top.addWidget(self.year)
        top.addStretch(1)
        buttons = FlowLayout(align_right=True)  # Russian labels wrap at 800 px, never clip
        buttons.addWidget(self.preview_button)
        for button in self.save_buttons.values():
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notes)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.retranslate()

    # -- texts --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(_("Year-end report"))
        self.year_label.setText(_("&Year:"))
        self.preview_button.setText(_("Preview…"))
        self.save_buttons["pdf"].setText(_("Save as PDF…"))
        self.save_buttons["xlsx"].setText(_("Save as Excel…"))
        self.save_buttons["json"].setText(_("Save as JSON…"))
        self.show_report()

    # -- reading ------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self.reload()

    def on_data_changed(self, what: str) -> None:
        if what not in RELOAD_ON:
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True  # read again when shown

    def chosen_year(self) -> int:
        return int(self.year.value())

    def set_year(self, year: int) -> None:
        self.year.setValue(year)

    def is_busy(self) -> bool:
        return self.reader.busy() or self._save_job is not None

    def reload(self) -> None:
        """The chosen year's report on the thread pool; one read at a time, the last wins."""
        self._stale = False
        self.report = None
        self.show_report()
        self.reader.start()

    def _read(self) -> Work:
        db, year = self.state.db, self.chosen_year()
        return lambda _progress, _cancelled: year_end_report(db, year)

    def _done(self, report: YearEndReport) -> None:
        if report.year == self.chosen_year():
            self.report = report
            self.show_report()

    # -- showing ------------------------------------------------------------------------------
    def rows(self) -> list[list[str]]:
        """The table's texts, a section's title as a row of its own (also what tests read)."""
        report = self.report
        if report is None:
            return []
        lines: list[list[str]] = []
        for section in sections(report):
            lines.append([section.title, "", "", ""])
            lines += [[row.label, format_value(row.previous, row.kind),
                       format_value(row.current, row.kind), format_change(row)]
                      for row in section.rows]
        return lines

    def show_report(self) -> None:
        report = self.report
        year = report.year if report is not None else self.chosen_year()
        self.table.setHeaderLabels([_(FIGURE_COLUMN), str(year - 1), str(year),
                                    _(DIFFERENCE_COLUMN)])
        self.table.clear()
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if report is not None:
            for section in sections(report):
                head = QTreeWidgetItem(self.table, [section.title])
                font = head.font(0)
                font.setBold(True)
                head.setFont(0, font)
                head.setFirstColumnSpanned(True)
                for row in section.rows:
                    item = QTreeWidgetItem(self.table, [
                        ("      " if row.sub else "   ") + row.label,
                        format_value(row.previous, row.kind), format_value(row.current, row.kind),
                        format_change(row)])
                    item.setToolTip(0, row.label)  # the whole label where a narrow window cuts it
                    for column in (1, 2, 3):
                        item.setTextAlignment(column, right)
        notes = report.current.note_texts() if report is not None else []
        self.notes.setText("\n".join(notes))
        self.notes.setVisible(bool(notes))
        ready = report is not None and self._save_job is None
        self.preview_button.setEnabled(ready)
        for button in self.save_buttons.values():
            button.setEnabled(ready)
        if report is None:
            self.status.setText(_("Counting…"))
        elif self._save_job is None:
            self.status.setText("\n".join(summary_lines(report.current)[:2]))

    # -- the PDF preview ------------------------------------------------------------------------
    def open_preview(self) -> PdfPreviewDialog | None:
        """The shown year's PDF, made off the GUI thread, in the preview."""
        report = self.report
        if report is None:
            return None
        from unionapp.printing.yearend import title
        from unionapp.ui.dialogs.pdf_preview import open_pdf_preview  # QtPdf only when asked

        def make_pdf(path: Path, progress: Callable[[int, int], None],
                     cancelled: Callable[[], bool]) -> None:
            from unionapp.printing.yearend import write_pdf

            write_pdf(report, path, progress=progress, cancelled=cancelled)

        self.preview = open_pdf_preview(self, title(report), make_pdf,
                                        file_name=self.file_name("pdf"))
        return self.preview

    # -- saving -------------------------------------------------------------------------------
    def file_name(self, kind: str) -> str:
        """The name proposed for the shown year's ``kind`` ("pdf", "xlsx" or "json") file."""
        return _(KINDS[kind][2]).format(year=self.chosen_year())

    def ask_save(self, kind: str) -> None:
        suffix, file_filter, _name = KINDS[kind]
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save the year-end report"), self.file_name(kind), _(file_filter))
        if name:
            self.save(kind, Path(name if name.lower().endswith(suffix) else name + suffix))

    def save(self, kind: str, path: Path) -> None:
        """Write the shown report as ``kind`` ("pdf", "xlsx" or "json") off the GUI thread."""
        report = self.report
        if report is None or self._save_job is not None:
            return

        def write(_progress: Any, _cancelled: Any) -> None:
            _write(report, kind, path)

        self._save_job = start_job(write, lambda _none: self._saved(path),
                                   on_error=self._save_failed)
        self.show_report()
        self.status.setText(_("Writing {file}…").format(file=path))

    def _saved(self, path: Path) -> None:
        if shiboken6.isValid(self):
            self._save_job = None
            self.show_report()
            self.status.setText(_("Written to {file}.").format(file=path))

    def _save_failed(self, exc: BaseException) -> None:
        if shiboken6.isValid(self):
            self._save_job = None
            self.show_report()
            show_error(self, exc)
