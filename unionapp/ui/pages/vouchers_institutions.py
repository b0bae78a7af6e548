"""The Institutions tab: the catalogue of places vouchers go to, with each camp's ages.

A short list (tens of places), read directly. A place vouchers went to is not deleted: the
core refuses and the message says how many went there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import institutions
from unionapp.core.codes import VOUCHER_KINDS
from unionapp.core.formatting import format_number
from unionapp.core.i18n import N_, _
from unionapp.core.institutions import InstitutionRow
from unionapp.ui.pages import register_base as rb
from unionapp.ui.pages.vouchers_table import (
    Column,
    RecordsModel,
    records_view,
    selected_record,
    show_keeping_choice,
)
from unionapp.ui.state import AppState
from unionapp.ui.widgets.flow_layout import FlowLayout

if TYPE_CHECKING:
    from unionapp.ui.dialogs.voucher_institution_dialog import InstitutionDialog


def _ages(r: InstitutionRow) -> str:
    if r.min_child_age is None and r.max_child_age is None:
        return ""
    low = "…" if r.min_child_age is None else str(r.min_child_age)
    high = "…" if r.max_child_age is None else str(r.max_child_age)
    return _("{low}–{high} years").format(low=low, high=high)


COLUMNS = (
    Column(N_("Institution"), lambda r: r.name, stretch=True),
    Column(N_("Kind"), lambda r: VOUCHER_KINDS.label(r.kind)),
    Column(N_("Children's ages"), _ages),
    Column(N_("Vouchers"), lambda r: format_number(r.vouchers), right=True),
    Column(N_("Note"), lambda r: r.note, tooltip=True),
)


class InstitutionsTab(QWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.search = QLineEdit()
        self.search.setObjectName("institutionSearch")
        self.search.setClearButtonEnabled(True)
        self.model = RecordsModel(COLUMNS, lambda r: f"{r.name} {VOUCHER_KINDS.label(r.kind)}",
                                  self)
        self.search.textChanged.connect(self._filter)
        self.table = records_view(self.model, "institutionsTable")
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selected())
        self.count = QLabel()
        self.count.setObjectName("institutionCount")
        self.buttons: dict[str, QPushButton] = {}
        bar = FlowLayout(align_right=True)
        for name, slot in (("new", self.new), ("edit", self.edit), ("delete", self.ask_delete)):
            button = QPushButton()
            button.setObjectName(f"institution_{name}")
            button.clicked.connect(slot)
            bar.addWidget(button)
            self.buttons[name] = button
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addLayout(bar)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.retranslate()  # the list is read when the page is first shown (``reload``)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(_("Search: name or kind"))
        for name, text in (("new", N_("New institution…")), ("edit", N_("Edit…")),
                           ("delete", N_("Delete…"))):
            self.buttons[name].setText(_(text))
        self.model.retranslate()
        self._show_count()

    def _show_count(self) -> None:
        self.count.setText(_("Shown: {shown} of {total}").format(
            shown=format_number(len(self.model.shown)),
            total=format_number(len(self.model.records))))

    def reload(self) -> None:
        show_keeping_choice(self.table, self.model, institutions.list_institutions(self.state.db))
        self._show_count()
        self._selected()

    def _filter(self, text: str) -> None:
        self.model.set_filter(text)
        self._show_count()

    def selected(self) -> InstitutionRow | None:
        found: InstitutionRow | None = selected_record(self.table, self.model)
        return found

    def _selected(self) -> None:
        chosen = self.selected() is not None
        self.buttons["edit"].setEnabled(chosen)
        self.buttons["delete"].setEnabled(chosen)

    def new(self) -> InstitutionDialog:
        from unionapp.ui.dialogs.voucher_institution_dialog import InstitutionDialog

        dialog = InstitutionDialog(self.state, self)
        dialog.open()
        return dialog

    def edit(self) -> InstitutionDialog | None:
        from unionapp.ui.dialogs.voucher_institution_dialog import InstitutionDialog

        row = self.selected()
        if row is None:
            return None
        dialog = InstitutionDialog(self.state, self, institution_id=row.id)
        dialog.open()
        return dialog

    def ask_delete(self) -> QMessageBox | None:
        row = self.selected()
        if row is None:
            return None
        question = _("Delete «{name}» from the catalogue?").format(name=row.name)
        return rb.confirm(self, _("Vouchers"), question, lambda: rb.run_change(
            self, self.state, "vouchers",
            lambda: institutions.delete_institution(self.state.db, row.id)))
