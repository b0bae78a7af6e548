"""The Dues page: pick a month, import its payroll list or cash receipts, see what is wrong.

The reconciliation runs on the thread pool (a 10k-member month is a few flat queries, but
the GUI thread never waits for the database); the lists keep showing the previous month
until the new result arrives, and a result for a month no longer chosen is dropped.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from unionapp.core.dues import Reconciliation, latest_payroll_month, reconcile
from unionapp.core.dues_workbook import write_arrears_workbook, write_reconciliation
from unionapp.core.formatting import format_money, format_number
from unionapp.core.i18n import _
from unionapp.ui.operations import BackgroundJob, Work, show_error, start_job
from unionapp.ui.pages import register_base as rb
from unionapp.ui.pages.base import Page
from unionapp.ui.pages.dues_arrears import ArrearsTab
from unionapp.ui.pages.dues_chart import YearChart
from unionapp.ui.pages.dues_lists import (
    COLUMNS,
    MEMBER_ROLE,
    TAB_TIPS,
    TAB_TITLES,
    fill_lists,
    reconciliation_list,
)

if TYPE_CHECKING:
    from unionapp.ui.dialogs.cash_dialog import CashDialog
    from unionapp.ui.dialogs.import_wizard import ImportWizard
    from unionapp.ui.dialogs.member_dialog import MemberDialog
    from unionapp.ui.dialogs.pdf_preview import PdfPreviewDialog
    from unionapp.ui.dialogs.statement_dialog import StatementDialog
    from unionapp.ui.state import AppState

RELOAD_ON = frozenset({"members", "all", "settings", "departments", "dues"})

NO_LIST_STYLE = "color:#8a5a00;"
CHART_HEIGHTS = (72, 140)  # the chart's least and most height: the lists get the rest


def _month_of(date: QDate) -> dt.date:
    return dt.date(date.year(), date.month(), 1)


class DuesPage(Page):
    key = "dues"

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.dialog: MemberDialog | None = None
        self.cash_dialog: CashDialog | None = None
        self.statement_dialog: StatementDialog | None = None
        self.result: Reconciliation | None = None
        self.reader = rb.LatestRead(self, self._read, self._done)
        self.preview: PdfPreviewDialog | None = None
        self._export_job: BackgroundJob | None = None
        self._build_month()
        self._build_buttons()
        self._build_lists()
        self._lay_out()
        self.retranslate()
        self.reload()

    # -- building -----------------------------------------------------------------------------
    def _build_month(self) -> None:
        """The heading and the month checked (the newest with a payroll list)."""
        self.heading = rb.heading("duesHeading")
        self.month_label = QLabel()
        self.month = QDateEdit()
        self.month.setObjectName("duesMonth")
        self.month.setDisplayFormat("MM.yyyy")
        self.month.setCalendarPopup(False)
        shown = self.first_month(self.state)
        self.month.setDate(QDate(shown.year, shown.month, 1))
        self.month_label.setBuddy(self.month)
        self.month.dateChanged.connect(lambda _d: self.reload())

    def _build_buttons(self) -> None:
        """Imports, the cash receipt, the statement, and export and print of the shown list
        (off until a month's result is shown)."""
        self.payroll_button = QPushButton()
        self.payroll_button.clicked.connect(lambda: self.open_import("payroll"))
        self.cash_button = QPushButton()
        self.cash_button.clicked.connect(lambda: self.open_import("cash"))
        self.add_cash_button = QPushButton()
        self.add_cash_button.setObjectName("duesAddCash")
        self.add_cash_button.clicked.connect(lambda: self.open_cash_dialog())
        self.statement_button = QPushButton()
        self.statement_button.setObjectName("duesStatement")
        self.statement_button.clicked.connect(lambda: self.open_statement())
        self.export_button = QPushButton()
        self.export_button.setObjectName("duesExport")
        self.export_button.setEnabled(False)  # until a month's result is shown
        self.export_button.clicked.connect(self.ask_export)
        self.print_button = QPushButton()
        self.print_button.setObjectName("duesPrint")
        self.print_button.setEnabled(False)  # until a month's result is shown
        self.print_button.clicked.connect(self.open_print_preview)

    def _build_lists(self) -> None:
        """The year's chart, the reconciliation's lists and the arrears, in tabs."""
        # the year's received dues by month (issue 4 part 7), on its own job
        self.chart = YearChart()
        self.chart.setMinimumHeight(CHART_HEIGHTS[0])
        self.chart.setMaximumHeight(CHART_HEIGHTS[1])
        self.chart_caption = QLabel()
        self.chart_caption.setObjectName("duesChartCaption")
        self.chart_caption.setStyleSheet("color:#5c6670;")
        self.chart_caption.setWordWrap(True)
        self.tabs = QTabWidget()
        self.lists: dict[str, QTreeWidget] = {}
        for name, columns in COLUMNS.items():
            tree = reconciliation_list(name, len(columns))
            tree.itemActivated.connect(
                lambda item, _col: self.open_member(item.data(0, MEMBER_ROLE))
            )
            self.lists[name] = tree
            self.tabs.addTab(tree, "")
        self.arrears = ArrearsTab(self.state)
        self.arrears.member_requested.connect(self.open_member)
        self.arrears.counted.connect(
            lambda: self.tabs.setTabText(self.tabs.indexOf(self.arrears), self.arrears.title())
        )
        self.tabs.addTab(self.arrears, "")
        self.totals = QLabel()
        self.totals.setObjectName("duesTotals")
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def _lay_out(self) -> None:
        """The buttons on top, the month with the chart's caption, the chart, the tabs, the
        totals."""
        top = rb.top_row((self.payroll_button, self.cash_button, self.add_cash_button,
                          self.export_button, self.print_button, self.statement_button),
                         title=self.heading)
        month_row = QHBoxLayout()
        month_row.addWidget(self.month_label)
        month_row.addWidget(self.month)
        month_row.addSpacing(16)
        month_row.addWidget(self.chart_caption, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(month_row)
        layout.addWidget(self.chart)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.totals)

    # -- texts --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(_("Dues"))
        self.month_label.setText(_("&Month:"))
        self.month.setToolTip(_("The month checked: the payroll list against the register"))
        self.payroll_button.setText(_("Import payroll…"))
        self.cash_button.setText(_("Import cash payments…"))
        self.export_button.setText(_("Export to Excel…"))
        self.export_button.setToolTip(
            _("Write the shown list to an .xlsx file: the month's reconciliation or the arrears")
        )
        self.print_button.setText(_("Print…"))
        self.print_button.setToolTip(
            _("Preview and print the shown list: the month's reconciliation or the arrears")
        )
        self.add_cash_button.setText(_("Add cash payment…"))
        self.add_cash_button.setToolTip(_("Type in a receipt for dues paid in cash"))
        self.statement_button.setText(_("Statement…"))
        self.statement_button.setToolTip(
            _("Dues received, passed to the higher body and retained, for a month, quarter or year")
        )
        self.arrears.retranslate()
        self.tabs.setTabText(self.tabs.indexOf(self.arrears), self.arrears.title())
        for index, tip in enumerate(TAB_TIPS):
            self.tabs.setTabToolTip(index, _(tip))
        self.tabs.setTabToolTip(self.tabs.indexOf(self.arrears), self.arrears.rule_text())
        self._caption()
        for name, columns in COLUMNS.items():
            self.lists[name].setHeaderLabels([_(c) for c in columns])
        self.show_result()

    # -- data ---------------------------------------------------------------------------------
    @staticmethod
    def first_month(state: AppState) -> dt.date:
        """The newest month with a payroll list, else last month: the current month's list
        comes only after it ends, so opening on it would show everyone as unpaid."""
        latest = latest_payroll_month(state.db)
        if latest is not None:
            return latest
        return (dt.date.today().replace(day=1) - dt.timedelta(days=1)).replace(day=1)

    def chosen_month(self) -> dt.date:
        return _month_of(self.month.date())

    def _caption(self) -> None:
        self.chart_caption.setText(
            _("Dues received in {year}, by month; point at a bar for its figures.").format(
                year=self.chosen_month().year
            )
        )

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        """A low window gives the lists the height: the chart takes a fifth of it at most."""
        low, high = CHART_HEIGHTS
        self.chart.setMaximumHeight(max(low, min(high, event.size().height() // 5)))
        super().resizeEvent(event)

    def set_month(self, month: dt.date) -> None:
        self.month.setDate(QDate(month.year, month.month, 1))

    def on_data_changed(self, what: str) -> None:
        if what in RELOAD_ON:
            self.chart.invalidate()  # the figures may have changed: recompute the year
            self.arrears.mark_stale()
            self.reload()

    def is_loading(self) -> bool:
        return self.reader.busy() or self.chart.is_loading() or self.arrears.is_loading()

    def reload(self) -> None:
        """Reconcile the chosen month on the thread pool; one job at a time, the last wins."""
        self.reload_chart()
        self.reader.start()

    def _read(self) -> Work:
        db, month = self.state.db, self.chosen_month()
        return lambda _progress, _cancelled: reconcile(db, month)

    def reload_chart(self) -> None:
        self.chart.show_month(self.state.db, self.chosen_month())
        self._caption()

    def _done(self, result: Reconciliation) -> None:
        self.result = result
        self.show_result()

    def show_result(self) -> None:
        result = self.result
        counts = fill_lists(self.lists, result)
        for index, (title, count) in enumerate(zip(TAB_TITLES, counts, strict=True)):
            self.tabs.setTabText(index, _(title).format(count=format_number(count)))
        self.export_button.setEnabled(result is not None and self._export_job is None)
        self.print_button.setEnabled(result is not None)
        self.totals.setStyleSheet("")
        if result is None:
            self.totals.setText(_("Reconciling…"))
            return
        if result.rows == 0:  # say so, or «Unpaid (106)» reads as if nobody paid
            self.totals.setStyleSheet(NO_LIST_STYLE)
            self.totals.setText(_(
                "No payroll list for {month} has been imported yet, so every member counts as "
                "unpaid. Import it with «Import payroll…», or choose another month."
            ).format(month=result.month.strftime("%m.%Y")))
            return
        self.totals.setText(
            _("Payroll list of {month}: {rows} rows, wages {wage}, withheld {withheld}").format(
                month=result.month.strftime("%m.%Y"),
                rows=format_number(result.rows),
                wage=format_money(result.wage_total),
                withheld=format_money(result.withheld_total),
            )
        )

    # -- actions ------------------------------------------------------------------------------
    def open_member(self, member_id: int | None) -> MemberDialog | None:
        """The member of a row (a payroll row that matched nobody opens nothing)."""
        if member_id is None:
            return None
        from unionapp.ui.dialogs.member_dialog import MemberDialog  # not needed at start-up

        previous = self.dialog
        if previous is not None and shiboken6.isValid(previous) and not previous.isVisible():
            previous.deleteLater()
        dialog = MemberDialog(self.state, member_id, self)
        dialog.open()
        self.dialog = dialog
        return dialog

    def open_print_preview(self) -> PdfPreviewDialog | None:
        """The arrears when that tab is shown and counted, else the month's three lists."""
        from unionapp.ui.pages import dues_print

        arrears = self.arrears
        if self._arrears_shown() and arrears.rows is not None:
            assert arrears.shown_as_of is not None
            self.preview = dues_print.print_arrears(
                self, self.state.db, arrears.rows, arrears.shown_as_of
            )
        elif self.result is not None:
            self.preview = dues_print.print_reconciliation(self, self.state.db, self.result)
        return self.preview

    def _arrears_shown(self) -> bool:
        """The Arrears tab is in front and counted: Export and Print take its list."""
        return self.tabs.currentWidget() is self.arrears and self.arrears.rows is not None

    def ask_export(self) -> None:
        result = self.result
        if result is None:
            return
        if self._arrears_shown():
            assert self.arrears.shown_as_of is not None
            name = _("arrears-{date}.xlsx").format(date=self.arrears.shown_as_of.isoformat())
        else:
            name = _("dues-{month}.xlsx").format(month=result.month.strftime("%Y-%m"))
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export to Excel"), name, _("Excel workbook (*.xlsx)")
        )
        if path:
            self.export_to(Path(path) if path.lower().endswith(".xlsx") else Path(path + ".xlsx"))

    def export_to(self, path: Path) -> None:
        """Write the shown list with the CLI's writer, off the GUI thread: the arrears when
        that tab is in front (as Print… does), else the month's reconciliation."""
        result = self.result
        if result is None or self._export_job is not None:
            return
        rows = self.arrears.rows if self._arrears_shown() else None

        def work(_progress: Any, _cancelled: Any) -> None:
            if rows is not None:
                write_arrears_workbook(rows, path)
            else:
                write_reconciliation(result, path)

        self.export_button.setEnabled(False)
        self._export_job = start_job(
            work, lambda _none: self._exported(path), on_error=self._export_failed,
        )

    def _exported(self, path: Path) -> None:
        if shiboken6.isValid(self):
            self._export_job = None
            self.export_button.setEnabled(self.result is not None)
            self.totals.setText(_("Written to {file}.").format(file=path))

    def _export_failed(self, exc: BaseException) -> None:
        if shiboken6.isValid(self):
            self._export_job = None
            self.export_button.setEnabled(self.result is not None)
            show_error(self, exc)

    def open_cash_dialog(self, member_id: int | None = None) -> CashDialog:
        """A receipt typed in by hand, for the chosen month by default (opened, not waited for)."""
        from unionapp.ui.dialogs.cash_dialog import CashDialog

        dialog = CashDialog(self.state, self, member_id=member_id, month=self.chosen_month())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.cash_dialog = dialog
        return dialog

    def open_statement(self) -> StatementDialog:
        from unionapp.ui.dialogs.statement_dialog import StatementDialog

        dialog = StatementDialog(self.state, self, month=self.chosen_month())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.statement_dialog = dialog
        return dialog

    def open_import(self, kind: str) -> None:
        from unionapp.ui.dialogs.import_wizard import ImportWizard  # only when asked for

        wizard = ImportWizard(self.state, kind, self, month=self.chosen_month())
        wizard.exec()
        self.after_import(wizard)

    def after_import(self, wizard: ImportWizard) -> None:
        """A payroll list imported for another month than the shown one: show its month."""
        summary = wizard.result_summary
        if summary is not None and summary.kind == "payroll" and summary.month is not None:
            self.set_month(summary.month)
