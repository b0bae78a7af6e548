"""The Material aid page: a year's payments, who got how much and by which protocol.

The year's list is read on the thread pool (one query, but the GUI thread never waits for the
database) and then filtered in memory as the user types; the count and the sum under the list
follow the filter, so «how much did we pay for funerals this year?» is one word typed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import aid
from unionapp.core.aid import AidRow
from unionapp.core.formatting import format_date, format_money, format_number
from unionapp.core.i18n import N_, _
from unionapp.core.member_list import query_words, search_text
from unionapp.ui.operations import Work, ask_save_path
from unionapp.ui.pages import register_base as rb
from unionapp.ui.pages.page_parts import ID_ROLE, RIGHT, ColumnFit, record_list
from unionapp.ui.pages.register_base import RegisterPage

if TYPE_CHECKING:
    from unionapp.ui.dialogs.aid_dialog import AidDialog
    from unionapp.ui.dialogs.import_wizard import ImportWizard
    from unionapp.ui.state import AppState

RELOAD_ON = frozenset({"aid", "decisions", "members", "settings", "all"})
COLUMNS = (N_("Member"), N_("Reason"), N_("Amount"), N_("Date paid"), N_("Protocol"))
MEMBER_COLUMN, REASON_COLUMN, AMOUNT_COLUMN, PROTOCOL_COLUMN = 0, 1, 2, 4


class AidPage(RegisterPage):
    key = "aid"
    reload_on = RELOAD_ON

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.rows: list[AidRow] = []
        self.keys: list[str] = []
        self.loaded_year: int | None = None

        self.heading = rb.heading("aidHeading")
        self.new_button = QPushButton()
        self.new_button.setObjectName("newAid")
        self.new_button.clicked.connect(lambda: self.open_aid(None))
        self.edit_button = QPushButton()
        self.edit_button.setObjectName("editAid")
        self.edit_button.clicked.connect(lambda: self.open_aid(self.selected_id()))
        self.delete_button = QPushButton()
        self.delete_button.setObjectName("deleteAid")
        self.delete_button.clicked.connect(self.ask_delete)
        self.import_button = QPushButton()
        self.import_button.setObjectName("importAid")
        self.import_button.clicked.connect(self.open_import)
        self.export_button = QPushButton()
        self.export_button.setObjectName("exportAid")
        self.export_button.clicked.connect(self.ask_export)
        self.print_button = QPushButton()
        self.print_button.setObjectName("printAid")
        self.print_button.clicked.connect(self.print_list)
        top = rb.top_row((self.new_button, self.edit_button, self.delete_button,
                          self.import_button, self.export_button, self.print_button),
                         title=self.heading)

        self.year_label = QLabel()
        self.year = rb.year_combo("aidYear", self.year_label, self.reload)
        self.search = rb.search_box("aidSearch", lambda _text: self.apply_filter())
        search_row = QHBoxLayout()
        search_row.addWidget(self.year_label)
        search_row.addWidget(self.year)
        search_row.addSpacing(12)
        search_row.addWidget(self.search, 1)

        self.table = record_list("aidTable", len(COLUMNS), stretch=0)
        self.table.setSortingEnabled(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        # 800 px: the name was squeezed to «Сорок…» beside a whole «17.11.2026-жылдагы № 9»;
        # now the name and the reason give way first, then the protocol hides whole (cut, the
        # Kyrgyz «…-жылдагы № 9» would lose its number; the payment's dialog shows it)
        self.columns = ColumnFit(
            self.table, {MEMBER_COLUMN: 150, REASON_COLUMN: 100},
            hide=(PROTOCOL_COLUMN,), grow=(MEMBER_COLUMN,))
        self.table.itemActivated.connect(lambda item, _c: self.open_aid(item.data(0, ID_ROLE)))
        self.table.currentItemChanged.connect(lambda _now, _before: self._update_buttons())
        rb.DeleteKey(self.table, self.ask_delete)
        self.totals = QLabel()
        self.totals.setObjectName("aidTotals")
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.totals.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(search_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)
        self.retranslate()
        self.reload()

    # -- texts --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(_("Material aid"))
        self.new_button.setText(_("New payment…"))
        self.edit_button.setText(_("Edit…"))
        self.delete_button.setText(_("Delete…"))
        self.import_button.setText(_("Import…"))
        self.export_button.setText(_("Export to Excel…"))
        self.export_button.setToolTip(_("Write every aid payment to a file that imports back"))
        self.print_button.setText(_("Print list…"))
        self.print_button.setToolTip(_("The chosen year's material aid as a printable register"))
        self.year_label.setText(_("&Year:"))
        self.search.setPlaceholderText(_("Search: name, card number, reason or protocol"))
        self.search.setToolTip(_("Every word must match, e.g. “асан той”."))
        self.table.setHeaderLabels([_(c) for c in COLUMNS])
        self._prepare_keys()
        self.apply_filter()

    # -- data ---------------------------------------------------------------------------------
    def print_list(self) -> QWidget:
        from unionapp.ui.dialogs.register_print import print_register

        return print_register(self, self.state, "aid", self.chosen_year())

    def chosen_year(self) -> int:
        return rb.chosen_year(self.year)

    def set_year(self, year: int) -> None:
        rb.set_year(self.year, year)

    def read(self) -> Work:
        """The chosen year's payments and which years there are, read on the thread pool."""
        db, year = self.state.db, self.chosen_year()
        return lambda _progress, _cancelled: (year, aid.list_aid(db, year), aid.aid_years(db))

    def show_read(self, result: tuple[int, list[AidRow], list[int]]) -> None:
        self.loaded_year, self.rows, years = result
        rb.fill_years(self.year, years)
        self._prepare_keys()
        self.apply_filter()

    def _prepare_keys(self) -> None:
        self.keys = [
            search_text(f"{r.card_no} {r.member_name} {r.reason_label} № {r.decision_number} "
                        f"{r.decision_label} {format_date(r.paid_on)} {r.note or ''}")
            for r in self.rows
        ]

    def shown_rows(self) -> list[AidRow]:
        words = query_words(self.search.text())
        return [row for row, key in zip(self.rows, self.keys, strict=True)
                if all(w in key for w in words)]

    def apply_filter(self) -> None:
        chosen = self.selected_id()
        shown = self.shown_rows()
        self.table.blockSignals(True)
        self.table.clear()
        keep: QTreeWidgetItem | None = None
        items = []
        for row in shown:
            item = QTreeWidgetItem([
                row.member_name, row.reason_label, format_money(row.amount),
                format_date(row.paid_on), row.decision_label,
            ])
            item.setData(0, ID_ROLE, row.id)
            item.setTextAlignment(AMOUNT_COLUMN, RIGHT)
            item.setToolTip(0, _("Card No {card_no}").format(card_no=row.card_no))
            item.setToolTip(REASON_COLUMN, "\n".join(t for t in (row.reason_label, row.note)
                                                      if t))
            item.setToolTip(PROTOCOL_COLUMN, row.decision_label)
            items.append(item)
            if row.id == chosen:
                keep = item
        self.table.addTopLevelItems(items)
        self.columns.fit()
        if keep is not None:
            self.table.setCurrentItem(keep)
        self.table.blockSignals(False)
        self._update_buttons()
        total = sum(r.amount for r in shown)
        if self.loaded_year is None:
            self.totals.setText(_("Reading…"))
            return
        if len(shown) == len(self.rows):
            text = _("Payments in {year}: {count}, total {amount}")
        else:
            text = _("Payments in {year}: {count} of {all} shown, total {amount}")
        self.totals.setText(text.format(
            year=self.loaded_year, count=format_number(len(shown)),
            all=format_number(len(self.rows)), amount=format_money(total),
        ))

    def selected_id(self) -> int | None:
        item = self.table.currentItem()
        return None if item is None else int(item.data(0, ID_ROLE))

    def _update_buttons(self) -> None:
        chosen = self.table.currentItem() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    # -- actions ------------------------------------------------------------------------------
    def focus_filter(self) -> None:
        rb.focus_search(self.search)

    def open_aid(self, aid_id: int | None, member_id: int | None = None) -> AidDialog:
        """Opens a payment (``None``: a new one) without blocking and returns the dialog."""
        from unionapp.ui.dialogs.aid_dialog import AidDialog

        return self.show_dialog(AidDialog(self.state, self, aid_id=aid_id, member_id=member_id))

    def ask_delete(self) -> QMessageBox | None:
        row = next((r for r in self.rows if r.id == self.selected_id()), None)
        if row is None:
            return None
        return self.ask(
            _("Delete the aid payment of {amount} to {name} of {date}?").format(
                amount=format_money(row.amount), name=row.member_name,
                date=format_date(row.paid_on)),
            lambda: aid.delete_aid(self.state.db, row.id), "aid",
            info=_("Delete only a payment recorded by mistake."))

    def open_import(self) -> ImportWizard:
        return rb.open_import(self, self.state, "aid")

    def ask_export(self) -> None:
        target = ask_save_path(self, _("Export to Excel"), _("material-aid.xlsx"))
        if target is not None:
            self.export_to(target)

    def export_to(self, target: Path) -> None:
        """Every payment (all years) in the import's columns, off the GUI thread."""
        self.export_rows("aid", target)
