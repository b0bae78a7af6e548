"""The statement for the higher union body, in the window: pick a year and a period, read the
table by month, save it as the PDF or the workbook the higher body asks for.

The figures are ``unionapp.core.dues_statement.dues_statement``'s, the same as
``unionapp dues statement`` prints and writes; the files are written by the same printing
functions. Computing and writing run on the thread pool; a result for a period no longer
chosen is dropped, so what is saved is always what is shown.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import shiboken6
from babel.dates import get_month_names
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import i18n, settings
from unionapp.core.dues_statement import Statement, dues_statement
from unionapp.core.formatting import format_money, format_number
from unionapp.core.i18n import N_, _
from unionapp.printing.statements import write_pdf, write_xlsx
from unionapp.ui.operations import BackgroundJob, Work, show_error, start_job
from unionapp.ui.pages.register_base import LatestRead
from unionapp.ui.state import AppState

# the printed statement's column names (one translation for the window and the paper)
COLUMNS = (
    N_("Month"), N_("Withheld on payroll"), N_("Paid in cash"), N_("Dues received"),
    N_("Passed to the higher body ({percent}%)"), N_("Retained"),
)
Period = tuple[int | None, int | None]  # (quarter, month): both None for the whole year
# the proposed file names, ending included, by file type: (whole year, quarter, month); each
# is one message, so the name is the language's own («справка-по-взносам-2026-кв-3.xlsx»)
FILE_NAMES = {
    ".pdf": (N_("dues-statement-{year}.pdf"), N_("dues-statement-{year}-quarter-{quarter}.pdf"),
             N_("dues-statement-{year}-{month}.pdf")),
    ".xlsx": (N_("dues-statement-{year}.xlsx"),
              N_("dues-statement-{year}-quarter-{quarter}.xlsx"),
              N_("dues-statement-{year}-{month}.xlsx")),
}
# the period list's entries, in its order: the whole year, the quarters, the months
PERIODS: list[Period] = [(None, None), *((q, None) for q in range(1, 5)),
                         *((None, m) for m in range(1, 13))]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class StatementDialog(QDialog):
    def __init__(
        self, state: AppState, parent: QWidget | None = None, *, month: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("StatementDialog")
        self.setSizeGripEnabled(True)
        self.statement: Statement | None = None
        self.reader = LatestRead(self, self._read, self._done)
        self._save_job: BackgroundJob | None = None
        shown = month or dt.date.today()
        # the share named in a column title until the first statement brings its own
        self._share = settings.get_decimal(state.db, "dues.higher_share_percent")

        self.year_label = QLabel()
        self.year = QSpinBox()
        self.year.setObjectName("statementYear")
        self.year.setRange(1900, 2100)
        self.year.setValue(shown.year)
        self.year.setGroupSeparatorShown(False)
        self.year_label.setBuddy(self.year)
        self.period_label = QLabel()
        self.period = QComboBox()
        self.period.setObjectName("statementPeriod")
        self.period_label.setBuddy(self.period)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("statementTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.sectionResized.connect(lambda *_args: self._fit_header())
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.status = QLabel()
        self.status.setObjectName("statementStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pdf_button = QPushButton()
        self.pdf_button.clicked.connect(self.ask_pdf)
        self.xlsx_button = QPushButton()
        self.xlsx_button.clicked.connect(self.ask_xlsx)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)

        choice = QHBoxLayout()
        choice.addWidget(self.year_label)
        choice.addWidget(self.year)
        choice.addSpacing(16)
        choice.addWidget(self.period_label)
        choice.addWidget(self.period)
        choice.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.xlsx_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(choice)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(860, 520)
        self.retranslate()
        self.year.valueChanged.connect(lambda _v: self.reload())
        self.period.currentIndexChanged.connect(lambda _i: self.reload())
        self.reload()

    # -- texts --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(_("Statement of membership dues"))
        self.year_label.setText(_("&Year:"))
        self.period_label.setText(_("&Period:"))
        self.pdf_button.setText(_("Save as PDF…"))
        self.xlsx_button.setText(_("Save as Excel…"))
        self.close_button.setText(_("Close"))
        chosen = max(self.period.currentIndex(), 0)
        self.period.blockSignals(True)
        self.period.clear()
        names = get_month_names("wide", context="stand-alone", locale=i18n.get_language())
        for quarter, month in PERIODS:
            self.period.addItem(
                _capital(str(names[month])) if month
                else _("Quarter {quarter}").format(quarter=quarter) if quarter
                else _("Whole year")
            )
        self.period.setCurrentIndex(chosen)
        self.period.blockSignals(False)
        self.show_statement()

    # -- choosing and computing ---------------------------------------------------------------
    def chosen(self) -> tuple[int, int | None, int | None]:
        quarter, month = PERIODS[max(self.period.currentIndex(), 0)]
        return self.year.value(), quarter, month

    def set_period(self, year: int, quarter: int | None = None, month: int | None = None) -> None:
        self.year.setValue(year)
        self.period.setCurrentIndex(PERIODS.index((quarter, month)))

    def is_busy(self) -> bool:
        return self.reader.busy() or self._save_job is not None

    def reload(self) -> None:
        """The chosen period's statement on the thread pool; one read at a time, the last
        wins."""
        self.statement = None
        self.show_statement()
        self.reader.start()

    def _read(self) -> Work:
        db, (year, quarter, month) = self.state.db, self.chosen()
        return lambda _progress, _cancelled: dues_statement(db, year, quarter, month)

    def _done(self, statement: Statement) -> None:
        self.statement = statement
        self.show_statement()

    # -- showing ------------------------------------------------------------------------------
    def rows(self) -> list[list[str]]:
        """The table's texts, the totals row last (also what tests compare)."""
        statement = self.statement
        if statement is None:
            return []
        names = get_month_names("wide", context="stand-alone", locale=i18n.get_language())
        lines = [
            [f"{_capital(str(names[r.month.month]))} {r.month.year}",
             *(format_money(m) for m in (r.payroll, r.cash, r.total, r.to_higher, r.retained))]
            for r in statement.rows
        ]
        lines.append([_("Total"), *(format_money(m) for m in (
            statement.payroll, statement.cash, statement.total, statement.to_higher,
            statement.retained))])
        return lines

    def _fit_header(self) -> None:
        """Qt keeps a header one line high: make it as high as its longest wrapped title."""
        header = self.table.horizontalHeader()
        metrics = header.fontMetrics()
        needed = metrics.height()
        for column in range(self.table.columnCount()):
            title = self.table.horizontalHeaderItem(column)
            if title is None:
                continue
            box = metrics.boundingRect(
                QRect(0, 0, max(header.sectionSize(column) - 12, 20), 10_000),
                int(Qt.TextFlag.TextWordWrap), title.text(),
            )
            needed = max(needed, box.height())
        header.setFixedHeight(needed + 10)

    def show_statement(self) -> None:
        statement = self.statement
        share = statement.share_percent if statement is not None else self._share
        percent = format_number(share.normalize())
        self.table.setHorizontalHeaderLabels([_(c).format(percent=percent) for c in COLUMNS])
        self._fit_header()
        lines = self.rows()
        self.table.setRowCount(len(lines))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for r, values in enumerate(lines):
            for c, text in enumerate(values):
                cell = QTableWidgetItem(text)
                if c:
                    cell.setTextAlignment(right)
                if r == len(lines) - 1:
                    font = cell.font()
                    font.setBold(True)
                    cell.setFont(font)
                self.table.setItem(r, c, cell)
        ready = statement is not None and self._save_job is None
        self.pdf_button.setEnabled(ready)
        self.xlsx_button.setEnabled(ready)
        if statement is None:
            self.status.setText(_("Counting…"))
        elif self._save_job is None:
            self.status.setText(_(
                "Dues received {total}; passed to the higher body {to_higher}; retained {retained}"
            ).format(total=format_money(statement.total),
                     to_higher=format_money(statement.to_higher),
                     retained=format_money(statement.retained)))

    # -- saving -------------------------------------------------------------------------------
    def file_name(self, suffix: str) -> str:
        """The name proposed for the chosen period's ``suffix`` (".pdf" or ".xlsx") file."""
        year, quarter, month = self.chosen()
        whole, by_quarter, by_month = FILE_NAMES[suffix]
        if month:
            return _(by_month).format(year=year, month=f"{month:02d}")
        if quarter:
            return _(by_quarter).format(year=year, quarter=quarter)
        return _(whole).format(year=year)

    def _ask(self, suffix: str, kind: str) -> Path | None:
        path, _filter = QFileDialog.getSaveFileName(self, _("Save the statement"),
                                                    self.file_name(suffix), kind)
        if not path:
            return None
        return Path(path) if path.lower().endswith(suffix) else Path(path + suffix)

    def ask_pdf(self) -> None:
        path = self._ask(".pdf", _("PDF document (*.pdf)"))
        if path is not None:
            self.save_pdf(path)

    def ask_xlsx(self) -> None:
        path = self._ask(".xlsx", _("Excel workbook (*.xlsx)"))
        if path is not None:
            self.save_xlsx(path)

    def save_pdf(self, path: Path) -> None:
        """Write the shown statement as the PDF for the higher body, off the GUI thread."""
        self._save(path, pdf=True)

    def save_xlsx(self, path: Path) -> None:
        self._save(path, pdf=False)

    def _save(self, path: Path, *, pdf: bool) -> None:
        statement = self.statement
        if statement is None or self._save_job is not None:
            return
        db = self.state.db

        def write(_progress: object, _cancelled: object) -> None:
            values = settings.get_all(db)
            own = values.get(f"org.name_{i18n.get_language()}")
            organization = own or values.get("org.name_ru", "")
            if pdf:
                write_pdf(statement, organization, values.get("org.chairperson", ""), path)
            else:
                write_xlsx(statement, organization, path)

        self._save_job = start_job(
            write, lambda _none: self._saved(path), on_error=self._save_failed
        )
        self.show_statement()
        self.status.setText(_("Writing {file}…").format(file=path))

    def _saved(self, path: Path) -> None:
        if shiboken6.isValid(self):
            self._save_job = None
            self.show_statement()
            self.status.setText(_("Written to {file}.").format(file=path))

    def _save_failed(self, exc: BaseException) -> None:
        if shiboken6.isValid(self):
            self._save_job = None
            self.show_statement()
            show_error(self, exc)
