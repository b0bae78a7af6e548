"""The import wizard's check page: every row of the file as it would be imported, and every
problem and warning with its FILE:ROW:COLUMN; a click on one shows its row.

The file is read and checked off the GUI thread (the core's ``preview_import``: nothing is
written); nothing can be imported while a problem is listed, warnings (in amber) only ask the
chairperson to look.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from unionapp.core import importing
from unionapp.core.errors import UserError
from unionapp.core.formatting import format_number
from unionapp.core.i18n import _
from unionapp.ui.dialogs.import_preview import (
    OTHER_MONTH,
    WARNING_ROW_COLOR,
    PreviewModel,
    payroll_counts,
    problem_line,
)
from unionapp.ui.operations import BackgroundJob, show_error, start_job

if TYPE_CHECKING:
    from unionapp.ui.dialogs.import_wizard import ImportWizard

ERROR_STYLE = "color:#b3261e;"
WARNING_STYLE = "color:#8a5a00;"
# What a line of the problems list stands for: (PROBLEM or WARNING, index in its list).
LINE_ROLE = Qt.ItemDataRole.UserRole
PROBLEM, WARNING = "problem", "warning"


class PreviewPage(QWizardPage):
    """Reads and checks the file off the GUI thread, then shows every row and problem."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.preview: importing.ImportPreview | None = None
        self.job: BackgroundJob | None = None
        self.setTitle(_("Check what will be imported"))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, _("Import"))

        self.status = QLabel()
        self.status.setObjectName("previewStatus")
        self.status.setWordWrap(True)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.counts = QLabel()
        self.counts.setObjectName("counts")
        self.counts.setStyleSheet("font-weight:600;")
        self.counts.setWordWrap(True)  # a payroll list's line names its month and what it replaces
        self.table = QTableView()
        self.table.setObjectName("previewTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # A selected cell keeps its red: the selection only tints it.
        palette = self.table.palette()
        palette.setColor(QPalette.ColorRole.Highlight, QColor(26, 79, 139, 70))
        palette.setColor(QPalette.ColorRole.HighlightedText, QColor("black"))
        self.table.setPalette(palette)
        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        self.problems = QListWidget()
        self.problems.setObjectName("problems")
        # Long messages (how to save a CSV as UTF-8…) wrap instead of running off the edge.
        self.problems.setWordWrap(True)
        self.problems.setUniformItemSizes(False)
        self.problems.setResizeMode(QListView.ResizeMode.Adjust)
        self.problems.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.problems.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.problems.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.problems.itemActivated.connect(self._show_problem)
        self.problems.itemClicked.connect(self._show_problem)
        self.reread = QPushButton(_("Read the file again"))
        self.reread.setObjectName("reread")
        self.reread.clicked.connect(self.start_preview)

        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.problems_label, 1)
        head.addWidget(self.reread)
        bottom_layout.addLayout(head)
        bottom_layout.addWidget(self.problems)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.busy)
        layout.addWidget(self.counts)
        layout.addWidget(self.splitter, 1)

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        self.start_preview()

    def start_preview(self) -> None:
        self.preview = None
        self.table.setModel(None)
        self.problems.clear()
        self.counts.clear()
        self.problems_label.clear()
        self.reread.hide()
        self.status.setStyleSheet("")
        self.status.setText(_("Reading and checking {file}…").format(file=self.owner.path().name))
        self.busy.show()
        self.completeChanged.emit()
        db, kind, path = self.owner.state.db, self.owner.kind, self.owner.path()
        month = self.owner.month

        def work(_progress: Any, _cancelled: Any) -> importing.ImportPreview:
            return importing.preview_import(db, kind, path, month=month)

        self.job = start_job(work, self._shown, on_error=self._refused)

    def _shown(self, preview: importing.ImportPreview) -> None:
        if self.owner.closed:
            return
        self.job = None
        self.preview = preview
        self.busy.hide()
        self.reread.show()
        self.status.setText(_("File: {file}").format(file=preview.file_name))
        model = PreviewModel(preview)
        self.table.setModel(model)
        self.table.resizeColumnsToContents()
        for column in range(model.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 260))
        c = preview.counts
        counts = {key: format_number(c.get(key, 0)) for key in ("add", "update", "same", "error")}
        to_check = len({w.row for w in preview.warnings})
        if preview.kind == "payroll" and preview.details.get("month") is not None:
            self.counts.setText(payroll_counts(preview, to_check))
        elif to_check:
            self.counts.setText(
                _(
                    "{add} to add, {update} to update, {same} unchanged, {error} with errors, "
                    "{check} to check"
                ).format(check=format_number(to_check), **counts)
            )
        else:
            self.counts.setText(
                _("{add} to add, {update} to update, {same} unchanged, {error} with errors").format(
                    **counts
                )
            )
        self._list_problems(preview)
        if preview.problems and any(p.msgid in OTHER_MONTH for p in preview.problems):
            self.problems_label.setText(
                _(
                    "Problems: {count}. The file is for another month than the one chosen: go "
                    "Back and choose the month of the list, or choose another file."
                ).format(count=format_number(len(preview.problems)))
            )
            self.problems_label.setStyleSheet(ERROR_STYLE)
        elif preview.problems:
            self.problems_label.setText(
                _(
                    "Problems: {count}. Nothing can be imported until they are fixed: correct "
                    "the file, save it, and read it again."
                ).format(count=format_number(len(preview.problems)))
            )
            self.problems_label.setStyleSheet(ERROR_STYLE)
        elif not preview.rows:
            self.problems_label.setText(_("The file has no rows to import."))
            self.problems_label.setStyleSheet(ERROR_STYLE)
        elif to_check:
            self.problems_label.setText(
                _(
                    "No errors found. Rows to check: {count} (in yellow). They can be imported, "
                    "but look at them first."
                ).format(count=format_number(to_check))
            )
            self.problems_label.setStyleSheet(WARNING_STYLE)
        else:
            self.problems_label.setText(_("No problems found."))
            self.problems_label.setStyleSheet("color:#1e6b34;")
        self.problems.setVisible(bool(preview.problems or preview.warnings))
        self.completeChanged.emit()

    def _list_problems(self, preview: importing.ImportPreview) -> None:
        """Problems first (they stop the import), then warnings, each marked as what it is."""
        style = self.style()
        error_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        warning_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for index, problem in enumerate(preview.problems):
            item = QListWidgetItem(error_icon, problem_line(problem))
            item.setData(LINE_ROLE, (PROBLEM, index))
            self.problems.addItem(item)
        for index, warning in enumerate(preview.warnings):
            item = QListWidgetItem(
                warning_icon, _("Warning: {line}").format(line=problem_line(warning))
            )
            item.setData(LINE_ROLE, (WARNING, index))
            item.setBackground(QBrush(WARNING_ROW_COLOR))
            self.problems.addItem(item)

    def _refused(self, exc: BaseException) -> None:
        """A file that cannot be read at all: say why, in place, and offer to read it again."""
        if self.owner.closed:
            return
        self.job = None
        self.busy.hide()
        self.reread.show()
        if not isinstance(exc, UserError):
            show_error(self, exc)
            return
        self.status.setText(exc.message())
        self.status.setStyleSheet(ERROR_STYLE)

    def _show_problem(self, item: QListWidgetItem) -> None:
        model = self.table.model()
        if self.preview is None or not isinstance(model, PreviewModel):
            return
        kind, number = item.data(LINE_ROLE)
        problem = (self.preview.problems if kind == PROBLEM else self.preview.warnings)[number]
        index = model.cell_index(problem)
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return self.preview is not None and not self.preview.problems and bool(self.preview.rows)
