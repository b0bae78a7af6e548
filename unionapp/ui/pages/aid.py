"""The Material aid page: a year's payments, who got how much and by which protocol.

The year's list is read on the thread pool (one query, but the GUI thread never waits for the
database) and then filtered in memory as the user types; the count and the sum under the list
follow the filter, so «how much did we pay for funerals this year?» is one word typed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import aid, i18n
from unionapp.core.aid import AidRow
from unionapp.core.formatting import format_date, format_money, format_number
from unionapp.core.i18n import N_, _
from unionapp.core.member_list import query_words, search_text
from unionapp.ui.operations import (
    BackgroundJob,
    ask_save_path,
    run_in_background,
    show_error,
    start_job,
)
from unionapp.ui.pages.awards import ColumnFit
from unionapp.ui.pages.base import Page
from unionapp.ui.pages.page_parts import ID_ROLE, RIGHT, record_list, style_heading
from unionapp.ui.widgets.flow_layout import FlowLayout

if TYPE_CHECKING:
    from unionapp.ui.dialogs.aid_dialog import AidDialog
    from unionapp.ui.state import AppState

RELOAD_ON = frozenset({"aid", "decisions", "members", "settings", "all"})
COLUMNS = (N_("Member"), N_("Reason"), N_("Amount"), N_("Date paid"), N_("Protocol"))
MEMBER_COLUMN, REASON_COLUMN, AMOUNT_COLUMN, PROTOCOL_COLUMN = 0, 1, 2, 4


class AidPage(Page):
    key = "aid"

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.rows: list[AidRow] = []
        self.keys: list[str] = []
        self.loaded_year: int | None = None
        self.dialog: AidDialog | None = None
        self.box: QMessageBox | None = None
        self._job: BackgroundJob | None = None
        self._again = False

        self.heading = QLabel()
        self.heading.setObjectName("aidHeading")
        style_heading(self.heading)
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
        actions = FlowLayout(align_right=True)
        for button in (self.new_button, self.edit_button, self.delete_button,
                       self.import_button, self.export_button, self.print_button):
            actions.addWidget(button)
        top = QHBoxLayout()
        top.addWidget(self.heading, 0, Qt.AlignmentFlag.AlignTop)
        top.addSpacing(12)
        top.addLayout(actions, 1)

        self.year_label = QLabel()
        self.year = QComboBox()
        self.year.setObjectName("aidYear")
        self.year_label.setBuddy(self.year)
        self.year.currentIndexChanged.connect(lambda _i: self.reload())
        self.search = QLineEdit()
        self.search.setObjectName("aidSearch")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self.apply_filter())
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
        self.table.installEventFilter(self)
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
        value = self.year.currentData()
        return int(value) if value is not None else dt.date.today().year

    def _fill_years(self, years: list[int]) -> None:
        chosen = self.year.currentData() or dt.date.today().year
        self.year.blockSignals(True)
        self.year.clear()
        for year in sorted(set(years) | {chosen}, reverse=True):
            self.year.addItem(str(year), year)
        self.year.setCurrentIndex(max(self.year.findData(chosen), 0))
        self.year.blockSignals(False)

    def set_year(self, year: int) -> None:
        row = self.year.findData(year)
        if row < 0:
            self.year.addItem(str(year), year)
            row = self.year.count() - 1
        self.year.setCurrentIndex(row)

    def on_data_changed(self, what: str) -> None:
        if what in RELOAD_ON:
            self.reload()

    def is_loading(self) -> bool:
        return self._job is not None

    def reload(self) -> None:
        """Read the chosen year's payments (and which years there are) on the thread pool;
        one job at a time, the last request wins."""
        if self._job is not None:
            self._again = True
            return
        db, year = self.state.db, self.chosen_year()
        self._job = start_job(
            lambda _progress, _cancelled: (year, aid.list_aid(db, year), aid.aid_years(db)),
            self._loaded, on_error=self._failed,
        )

    def _finish(self) -> bool:
        if not shiboken6.isValid(self):
            return False
        self._job = None
        if self._again:
            self._again = False
            self.reload()
            return False
        return True

    def _loaded(self, result: tuple[int, list[AidRow], list[int]]) -> None:
        if self._finish():
            self.loaded_year, self.rows, years = result
            self._fill_years(years)
            self._prepare_keys()
            self.apply_filter()

    def _failed(self, exc: BaseException) -> None:
        if self._finish():
            show_error(self, exc)

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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Delete
        ):
            self.ask_delete()
            return True
        return super().eventFilter(watched, event)

    # -- actions ------------------------------------------------------------------------------
    def focus_filter(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def open_aid(self, aid_id: int | None, member_id: int | None = None) -> AidDialog:
        """Opens a payment (``None``: a new one) without blocking and returns the dialog."""
        from unionapp.ui.dialogs.aid_dialog import AidDialog

        dialog = AidDialog(self.state, self, aid_id=aid_id, member_id=member_id)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.dialog = dialog
        return dialog

    def ask_delete(self) -> QMessageBox | None:
        row = next((r for r in self.rows if r.id == self.selected_id()), None)
        if row is None:
            return None
        buttons = QMessageBox.StandardButton
        box = QMessageBox(
            QMessageBox.Icon.Question, _("Material aid"),
            _("Delete the aid payment of {amount} to {name} of {date}?").format(
                amount=format_money(row.amount), name=row.member_name,
                date=format_date(row.paid_on),
            ),
            buttons.Yes | buttons.No, self,
        )
        box.setInformativeText(_("Delete only a payment recorded by mistake."))
        box.button(buttons.Yes).setText(_("Delete"))
        box.button(buttons.No).setText(_("Do not delete"))
        box.setDefaultButton(buttons.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _r: self._delete_if_confirmed(box, row.id))
        box.open()
        self.box = box
        return box

    def _delete_if_confirmed(self, box: QMessageBox, aid_id: int) -> None:
        if box.clickedButton() != box.button(QMessageBox.StandardButton.Yes):
            return
        try:
            aid.delete_aid(self.state.db, aid_id)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            show_error(self, exc)
            return
        self.state.notify_changed("aid")

    def open_import(self) -> None:
        from unionapp.ui.dialogs.import_wizard import ImportWizard  # only when asked for

        wizard = ImportWizard(self.state, "aid", self)
        wizard.exec()
        self.state.notify_changed("aid")

    def ask_export(self) -> None:
        target = ask_save_path(self, _("Export to Excel"), _("material-aid.xlsx"))
        if target is not None:
            self.export_to(target)

    def export_to(self, target: Path) -> None:
        """Every payment (all years) in the import's columns, off the GUI thread."""
        from unionapp.core.exporting import export_register  # only when asked for

        db, lang = self.state.db, i18n.get_language()

        def done(count: object) -> None:
            if not shiboken6.isValid(self):
                return
            box = QMessageBox(
                QMessageBox.Icon.Information, _("Export"),
                _("{count} rows were saved to {path}.").format(
                    count=format_number(count if isinstance(count, int) else 0),
                    path=str(target),
                ),
                QMessageBox.StandardButton.Ok, self,
            )
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            self.box = box

        run_in_background(
            self, _("Exporting…"),
            lambda _progress, _cancelled: export_register(db, "aid", target, lang), done,
            cancellable=False,
        )
