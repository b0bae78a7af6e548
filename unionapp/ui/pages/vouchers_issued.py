"""The Issued tab: the year's vouchers with their money and protocol, totals under the list.

Vouchers are counted in the year they start (DESIGN.md's year-end definition), so the totals
here are the year-end report's. The list is read on the thread pool; typing filters it in
memory and the totals follow what is shown. Import… uses the common import wizard, Export to
Excel… the common register export (every year, in the import's own columns).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import i18n, vouchers
from unionapp.core.codes import FUNDING_SOURCES, VOUCHER_KINDS
from unionapp.core.formatting import format_date, format_money, format_number
from unionapp.core.i18n import N_, _, ngettext
from unionapp.core.vouchers import VoucherRow
from unionapp.ui.operations import Work, ask_save_path
from unionapp.ui.pages import register_base as rb
from unionapp.ui.pages.vouchers_table import (
    Column,
    RecordsModel,
    records_view,
    selected_record,
    show_keeping_choice,
)
from unionapp.ui.state import AppState

if TYPE_CHECKING:
    from unionapp.ui.dialogs.import_wizard import ImportWizard
    from unionapp.ui.dialogs.voucher_dialog import VoucherDialog

ALL_YEARS = 0
def _dates(r: VoucherRow) -> str:
    """«01.06–14.06.2026»: one column for both dates, the year once when they share it."""
    if r.start_date.year == r.end_date.year:
        return f"{r.start_date:%d.%m}–{format_date(r.end_date)}"
    return f"{format_date(r.start_date)}–{format_date(r.end_date)}"


# the money right after who and what, so it shows on an 800 px screen without scrolling
COLUMNS = (
    Column(N_("Dates"), _dates),
    Column(N_("Member"), lambda r: r.member_name, max_width=200, tooltip=True),
    Column(N_("Kind"), lambda r: VOUCHER_KINDS.label(r.kind)),
    Column(N_("Cost"), lambda r: format_money(r.cost), right=True),
    Column(N_("Co-payment"), lambda r: format_money(r.copay), right=True),
    Column(N_("Subsidy"), lambda r: format_money(r.subsidy), right=True),
    Column(N_("Institution"), lambda r: r.institution, max_width=200, tooltip=True),
    Column(N_("Child"), lambda r: r.child_name, max_width=180, tooltip=True),
    Column(N_("Source"), lambda r: FUNDING_SOURCES.label(r.source), max_width=160,
           tooltip=True),
    Column(N_("Protocol"), lambda r: r.protocol),
    Column(N_("Place in the queue"), vouchers.queue_text, max_width=200, tooltip=True),
)


def _key(r: VoucherRow) -> str:
    return " ".join((r.member_name, r.card_no, r.child_name, r.institution,
                     VOUCHER_KINDS.label(r.kind), r.decision_number))


class IssuedTab(QWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.reader = rb.LatestRead(self, self._read, self._loaded)
        self.notice: QMessageBox | None = None
        self.year_label = QLabel()
        self.year = rb.year_combo("voucherYear", self.year_label, self.reload)
        self.search = rb.search_box("voucherSearch", self._filter)
        self.model = RecordsModel(COLUMNS, _key, self)
        self.table = records_view(self.model, "vouchersTable")
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selected())
        self.totals = QLabel()
        self.totals.setObjectName("voucherTotals")
        self.totals.setWordWrap(True)
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons: dict[str, QPushButton] = {}
        for name, slot in (("new", self.new), ("edit", self.edit), ("delete", self.ask_delete),
                           ("import", self.open_import), ("export", self.ask_export),
                           ("print", self.print_list)):
            button = QPushButton()
            button.setObjectName(f"voucher_{name}")
            button.clicked.connect(slot)
            self.buttons[name] = button
        top = rb.top_row(self.buttons.values(), left=(self.year_label, self.year))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)
        self.totals.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.year.addItem("", ALL_YEARS)  # the years are read with the list (``refresh``)
        self._first_year: int | None = dt.date.today().year
        self.retranslate()
        self._selected()

    # -- texts --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.year_label.setText(_("Year:"))
        if self.year.count():
            self.year.setItemText(0, _("All years"))
        self.search.setPlaceholderText(_("Search: name, card number, child, place or protocol"))
        for name, text in (("new", N_("Issue a voucher…")), ("edit", N_("Edit…")),
                           ("delete", N_("Delete…")), ("import", N_("Import…")),
                           ("export", N_("Export to Excel…")), ("print", N_("Print list…"))):
            self.buttons[name].setText(_(text))
        self.model.retranslate()
        self._show_totals()

    def _show_totals(self) -> None:
        shown = self.model.shown_records()
        t = vouchers.totals(shown)
        self.totals.setText(
            _("Vouchers: {count} of {total}. Cost {cost}, co-payment {copay}, subsidy {subsidy}.")
            .format(count=format_number(t.count), total=format_number(len(self.model.records)),
                    cost=format_money(t.cost), copay=format_money(t.copay),
                    subsidy=format_money(t.subsidy)))

    # -- years and loading --------------------------------------------------------------------
    def _fill_years(self, keep: int) -> None:
        years = sorted(set(vouchers.voucher_years(self.state.db)) | {dt.date.today().year},
                       reverse=True)
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem(_("All years"), ALL_YEARS)
        for year in years:
            self.year.addItem(str(year), year)
        row = self.year.findData(keep)
        self.year.setCurrentIndex(row if row >= 0 else 1)
        self.year.blockSignals(False)

    def chosen_year(self) -> int | None:
        year = self.year.currentData()
        return None if not year else int(year)

    def refresh(self) -> None:
        """Data changed: the years may have too; the list is read again. The first time, the
        current year is chosen."""
        keep = self._first_year if self._first_year is not None else self.year.currentData()
        self._first_year = None
        self._fill_years(keep or ALL_YEARS)
        self.reload()

    def reload(self) -> None:
        self.reader.start()

    def _read(self) -> Work:
        db, year = self.state.db, self.chosen_year()
        return lambda _progress, _cancelled: (year, vouchers.list_vouchers(db, year))

    def is_loading(self) -> bool:
        return self.reader.busy()

    def _loaded(self, result: tuple[int | None, list[VoucherRow]]) -> None:
        year, rows = result
        if year != self.chosen_year():
            self.reload()
            return
        show_keeping_choice(self.table, self.model, rows)
        self._show_totals()
        self._selected()

    def _filter(self, text: str) -> None:
        self.model.set_filter(text)
        self._show_totals()

    # -- actions ------------------------------------------------------------------------------
    def selected(self) -> VoucherRow | None:
        found: VoucherRow | None = selected_record(self.table, self.model)
        return found

    def _selected(self) -> None:
        chosen = self.selected() is not None
        self.buttons["edit"].setEnabled(chosen)
        self.buttons["delete"].setEnabled(chosen)

    def new(self) -> VoucherDialog:
        from unionapp.ui.dialogs.voucher_dialog import VoucherDialog

        dialog = VoucherDialog(self.state, self)
        dialog.open()
        return dialog

    def edit(self) -> VoucherDialog | None:
        from unionapp.ui.dialogs.voucher_dialog import VoucherDialog

        row = self.selected()
        if row is None:
            return None
        dialog = VoucherDialog(self.state, self, voucher_id=row.id)
        dialog.open()
        return dialog

    def ask_delete(self) -> QMessageBox | None:
        row = self.selected()
        if row is None:
            return None
        question = _("Delete the voucher of {name} ({kind}, from {date})? An application it "
                     "granted goes back to the queue.").format(
            name=row.member_name, kind=VOUCHER_KINDS.label(row.kind),
            date=format_date(row.start_date))
        return rb.confirm(self, _("Vouchers"), question, lambda: rb.run_change(
            self, self.state, "vouchers", lambda: vouchers.delete_voucher(self.state.db, row.id)))

    def open_import(self) -> ImportWizard:
        self.wizard = rb.open_import(self, self.state, "vouchers")
        return self.wizard

    def print_list(self) -> QWidget:
        """The year's vouchers as a register (this year when «All years» is chosen)."""
        from unionapp.ui.dialogs.register_print import print_register

        return print_register(self, self.state, "vouchers", self.chosen_year())

    def ask_export(self) -> None:
        target = ask_save_path(self, _("Export vouchers"), _("vouchers.xlsx"))
        if target is not None:
            self.export_to(target)

    def export_to(self, path: Path) -> None:
        from unionapp.core.exporting import export_register

        db, lang = self.state.db, i18n.get_language()

        def note(count: int) -> None:
            text = ngettext("{count} voucher written to {file}.",
                            "{count} vouchers written to {file}.", count)
            self.notice = QMessageBox(QMessageBox.Icon.Information, _("unionapp"),
                                      text.format(count=count, file=path.name), parent=self)
            self.notice.open()

        rb.export_in_background(self, lambda: export_register(db, "vouchers", path, lang), note)
