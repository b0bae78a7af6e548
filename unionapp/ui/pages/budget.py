"""The Budget page: a year's смета — each line planned, actual, remaining and % used — with the
manual entries under it.

The actual figures come from the registers (dues, vouchers, aid, awards) plus the entries, so the
page only plans and posts; it never asks for a sum the program already knows. A line spent over
its plan is red AND says «Overspent» (colour alone is lost on a grey printout or to a
colour-blind treasurer). A new year starts from last year's plan with one button. The year is
read on the thread pool, and again when the data changes while the page is shown.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import budget_edit, i18n
from unionapp.core.budget import Budget, LineRow, budget, budget_years, planned_years
from unionapp.core.formatting import format_date, format_money
from unionapp.core.i18n import _
from unionapp.ui.operations import Work, ask_save_path
from unionapp.ui.pages import register_base as rb
from unionapp.ui.pages.budget_tables import EntryTable, LineTable
from unionapp.ui.pages.register_base import RegisterPage
from unionapp.ui.widgets.flow_layout import FlowLayout

if TYPE_CHECKING:
    from unionapp.ui.state import AppState

RELOAD_ON = frozenset({"budget", "dues", "vouchers", "aid", "awards", "settings", "all"})
SUMMARY_STYLE = "color:#5c6670;"
OVER_STYLE = "color:#b71c1c; font-weight:600;"


class BudgetPage(RegisterPage):
    key = "budget"
    reload_on = RELOAD_ON
    read_when_hidden = False

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.result: Budget | None = None
        self.planned: list[int] = []  # the years with a plan

        self.heading = rb.heading("budgetHeading")
        self.copy_button = self._button("copyPlan", self.copy_plan)
        self.print_button = self._button("printBudget", self.print_budget)
        self.export_button = self._button("exportBudget", self.ask_export)
        top = rb.top_row((self.copy_button, self.print_button, self.export_button),
                         title=self.heading)

        self.year_label = QLabel()
        self.year = rb.year_combo("budgetYear", self.year_label, self.reload)
        self.summary = QLabel()
        self.summary.setObjectName("budgetSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        year_row = QHBoxLayout()
        year_row.addWidget(self.year_label)
        year_row.addWidget(self.year)
        year_row.addSpacing(12)
        year_row.addWidget(self.summary, 1)

        self.lines = LineTable()
        self.lines.itemActivated.connect(lambda _item, _c: self.edit_plan())
        self.lines.currentItemChanged.connect(lambda _now, _before: self._update_buttons())
        self.plan_button = self._button("editPlan", self.edit_plan)
        self.new_line_button = self._button("newLine", self.new_line)
        self.delete_line_button = self._button("deleteLine", self.ask_delete_line)
        line_actions = FlowLayout()
        for button in (self.plan_button, self.new_line_button, self.delete_line_button):
            line_actions.addWidget(button)

        self.entries_label = QLabel()
        self.entries_label.setObjectName("entriesHeading")
        self.entries = EntryTable()
        self.entries.itemActivated.connect(lambda _item, _c: self.open_entry(self.entry_id()))
        self.entries.currentItemChanged.connect(lambda _now, _before: self._update_buttons())
        self.new_entry_button = self._button("newEntry", lambda: self.open_entry(None))
        self.edit_entry_button = self._button("editEntry",
                                              lambda: self.open_entry(self.entry_id()))
        self.delete_entry_button = self._button("deleteEntry", self.ask_delete_entry)
        entry_actions = FlowLayout()
        for button in (self.new_entry_button, self.edit_entry_button, self.delete_entry_button):
            entry_actions.addWidget(button)

        upper, lower = QWidget(), QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.lines, 1)
        upper_layout.addLayout(line_actions)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.entries_label)
        lower_layout.addWidget(self.entries, 1)
        lower_layout.addLayout(entry_actions)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(year_row)
        layout.addWidget(self.splitter, 1)
        rb.fill_years(self.year, budget_years_guess())
        self.retranslate()
        self.reload()

    def _button(self, name: str, slot: Any) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # -- texts --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(_("Budget"))
        self.copy_button.setText(_("Copy last year's plan"))
        self.print_button.setText(_("Print…"))
        self.export_button.setText(_("Export to Excel…"))
        self.year_label.setText(_("&Year:"))
        self.plan_button.setText(_("Edit plan…"))
        self.new_line_button.setText(_("New line…"))
        self.delete_line_button.setText(_("Delete line…"))
        self.entries_label.setText(_("Manual entries"))
        self.new_entry_button.setText(_("New entry…"))
        self.edit_entry_button.setText(_("Edit…"))
        self.delete_entry_button.setText(_("Delete…"))
        self.lines.retranslate()
        self.entries.retranslate()
        self.show_result()

    # -- data ---------------------------------------------------------------------------------
    def chosen_year(self) -> int:
        return rb.chosen_year(self.year)

    def set_year(self, year: int) -> None:
        rb.set_year(self.year, year)

    def read(self) -> Work:
        """The chosen year's budget and the years to choose, read on the thread pool."""
        db, year = self.state.db, self.chosen_year()
        return lambda _progress, _cancelled: (budget(db, year), budget_years(db),
                                              planned_years(db))

    def show_read(self, loaded: tuple[Budget, list[int], list[int]]) -> None:
        self.result, years, self.planned = loaded
        rb.fill_years(self.year, years)
        self.show_result()

    def show_result(self) -> None:
        result = self.result
        if result is None:
            self.summary.setText(_("Reading…"))
            self._update_buttons()
            return
        self.lines.show_budget(result)
        self.entries.show_entries(result.entries)
        self.summary.setText(self.summary_html(result))
        self._update_buttons()

    @staticmethod
    def summary_text(result: Budget) -> tuple[str, str]:
        """The year in a sentence, and (apart, to be shown in red) how many lines are over."""
        if result.is_empty:
            return _("Nothing is planned or recorded for {year}.").format(year=result.year), ""
        text = _("Income: planned {income_planned}, received {income_actual}. Expenses: "
                 "planned {expense_planned}, spent {expense_actual}.").format(
            income_planned=format_money(result.income.planned),
            income_actual=format_money(result.income.actual),
            expense_planned=format_money(result.expense.planned),
            expense_actual=format_money(result.expense.actual))
        over = len(result.overspent)
        warning = i18n.ngettext("{count} line is overspent.", "{count} lines are overspent.",
                                over).format(count=over) if over else ""
        return text, warning

    def summary_html(self, result: Budget) -> str:
        text, warning = self.summary_text(result)
        html = f'<span style="{SUMMARY_STYLE}">{escape(text)}</span>'
        return html + (f' <span style="{OVER_STYLE}">{escape(warning)}</span>' if warning
                       else "")

    def selected_line(self) -> LineRow | None:
        return self.lines.selected_line()

    def entry_id(self) -> int | None:
        return self.entries.selected_id()

    def _update_buttons(self) -> None:
        line = self.selected_line()
        loaded = self.result is not None and self.result.year == self.chosen_year()
        self.plan_button.setEnabled(loaded and line is not None)
        removable = line is not None and line.name is not None and line.entries == 0
        self.delete_line_button.setEnabled(loaded and removable)
        self.delete_line_button.setToolTip(
            "" if removable else _("Only a line with its own wording and no entries can be "
                                   "deleted; set a plan to zero instead."))
        for button in (self.new_line_button, self.new_entry_button, self.print_button,
                       self.export_button):
            button.setEnabled(loaded)
        chosen = self.entry_id() is not None
        self.edit_entry_button.setEnabled(loaded and chosen)
        self.delete_entry_button.setEnabled(loaded and chosen)
        year = self.chosen_year()
        can_copy = loaded and year not in self.planned and year - 1 in self.planned
        self.copy_button.setEnabled(can_copy)
        self.copy_button.setToolTip(
            _("Plan {year} with the amounts of {last}").format(year=year, last=year - 1)
            if can_copy else _("Only a year with no plan yet, after a planned year, starts "
                               "from last year's plan."))

    # -- actions ------------------------------------------------------------------------------
    def edit_plan(self) -> QDialog | None:
        """The selected line's plan in its dialog (not blocking); None without a line."""
        line = self.selected_line()
        if line is None or self.result is None:
            return None
        from unionapp.ui.dialogs.budget_line_dialog import BudgetLineDialog

        return self.show_dialog(BudgetLineDialog(self.state, self.result.year, line, self))

    def new_line(self) -> QDialog | None:
        if self.result is None:
            return None
        from unionapp.ui.dialogs.budget_line_dialog import BudgetLineDialog

        return self.show_dialog(BudgetLineDialog(self.state, self.result.year, None, self))

    def open_entry(self, entry_id: int | None) -> QDialog | None:
        """An entry (``None``: a new one, on the selected line) in its dialog, not blocking."""
        result = self.result
        if result is None:
            return None
        from unionapp.ui.dialogs.budget_entry_dialog import BudgetEntryDialog

        dialog = BudgetEntryDialog(self.state, result.year, result.lines, self,
                                   entry_id=entry_id,
                                   line=self.selected_line() if entry_id is None else None)
        return self.show_dialog(dialog)

    def ask_delete_line(self) -> QMessageBox | None:
        line = self.selected_line()
        if line is None or line.id is None or line.name is None or line.entries:
            return None
        line_id = line.id
        return self.ask(_("Delete the line «{line}» from the budget?").format(line=line.label),
                        lambda: budget_edit.delete_line(self.state.db, line_id), "budget")

    def ask_delete_entry(self) -> QMessageBox | None:
        entry_id = self.entry_id()
        entry = next((e for e in (self.result.entries if self.result else ())
                      if e.id == entry_id), None)
        if entry is None:
            return None
        return self.ask(
            _("Delete the entry of {amount} of {date} ({document})?").format(
                amount=format_money(entry.amount), date=format_date(entry.entry_date),
                document=entry.document_no or ""),
            lambda: budget_edit.delete_entry(self.state.db, entry.id), "budget")

    def copy_plan(self) -> int:
        """Plan the chosen year with last year's amounts; returns the lines copied (0: none)."""
        year = self.chosen_year()
        return rb.run_change(self, self.state, "budget",
                             lambda: budget_edit.copy_plan(self.state.db, year - 1, year)) or 0

    def print_budget(self) -> QDialog:
        """The chosen year's смета in the preview (made off the GUI thread)."""
        from unionapp.ui.dialogs.pdf_preview import open_pdf_preview  # QtPdf only when asked

        db, year = self.state.db, self.chosen_year()

        def make_pdf(path: Path, progress: Any, cancelled: Any) -> None:
            from unionapp.printing.budget import write_pdf

            organization, chair = self._organization_of(db)
            write_pdf(budget(db, year), organization, chair, path, progress=progress,
                      cancelled=cancelled)

        return open_pdf_preview(self, _("Budget of {year}").format(year=year), make_pdf,
                                file_name=_("budget-{year}.pdf").format(year=year))

    @staticmethod
    def _organization_of(db: Any) -> tuple[str, str]:
        from unionapp.core import settings
        from unionapp.printing.layout import organization_name

        values = settings.get_all(db)
        return organization_name(values, i18n.get_language()), values.get("org.chairperson", "")

    def ask_export(self) -> None:
        year = self.chosen_year()
        target = ask_save_path(self, _("Export to Excel"),
                               _("budget-{year}.xlsx").format(year=year), csv=False)
        if target is not None:
            self.export_to(target)

    def export_to(self, target: Path) -> None:
        """The chosen year's смета to an .xlsx, off the GUI thread; a note says where."""
        db, year = self.state.db, self.chosen_year()

        def work() -> Path:
            from unionapp.printing.budget import write_xlsx

            write_xlsx(budget(db, year), self._organization_of(db)[0], target)
            return target

        rb.export_in_background(self, work, lambda _path: self.tell(
            _("Export"), _("The budget of {year} was saved to {path}.").format(
                year=year, path=str(target))))


def budget_years_guess() -> list[int]:
    """This year and next before the database has answered (the combo is never empty)."""
    now = dt.date.today().year
    return [now + 1, now]
