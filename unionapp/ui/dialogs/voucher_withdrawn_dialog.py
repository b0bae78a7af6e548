"""The applications withdrawn from a queue, and the way back into it.

Withdrawing asks «It leaves the queue (it stays on record and can be reopened)»: this is where
it is reopened, with its own date applied and flags, so a withdrawal by mistake costs the
member nothing. The core refuses a return when the member already waits again for the same
kind (and child); the refusal is shown, nothing changes.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import voucher_applications
from unionapp.core.codes import SEASONS, VOUCHER_KINDS
from unionapp.core.errors import UserError
from unionapp.core.formatting import format_date
from unionapp.core.i18n import N_, _
from unionapp.core.voucher_applications import ApplicationRow
from unionapp.ui.operations import show_error
from unionapp.ui.pages.vouchers_table import Column, RecordsModel, records_view, selected_record
from unionapp.ui.state import AppState

COLUMNS = (
    Column(N_("Card no"), lambda r: r.card_no),
    Column(N_("Member"), lambda r: r.member_name, stretch=True, tooltip=True),
    Column(N_("Child"), lambda r: r.child_name, max_width=180, tooltip=True),
    Column(N_("Season"), lambda r: SEASONS.label(r.season)),
    Column(N_("Applied on"), lambda r: format_date(r.applied_on)),
)


class WithdrawnDialog(QDialog):
    """Withdrawn applications of one kind; «Return to the queue» reopens the chosen one."""

    def __init__(self, state: AppState, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state, self.kind = state, kind
        self.setObjectName("WithdrawnDialog")
        self.setSizeGripEnabled(True)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.model = RecordsModel(COLUMNS, lambda r: f"{r.member_name} {r.card_no}", self)
        self.table = records_view(self.model, "withdrawnTable")
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selected())
        self.table.doubleClicked.connect(lambda _i: self.reopen())
        self.empty = QLabel()
        self.empty.setObjectName("withdrawnEmpty")
        self.empty.setStyleSheet("color:#5c6670;")
        self.problem = QLabel()  # a refused return, said in place
        self.problem.setObjectName("withdrawnProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color:#c62828;")
        self.problem.hide()
        self.reopen_button = QPushButton()
        self.reopen_button.setObjectName("reopenApplication")
        self.reopen_button.clicked.connect(self.reopen)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.reopen_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(740, 360)
        self.retranslate()  # first: its model reset would clear the row chosen by reload()
        self.reload()

    def retranslate(self) -> None:
        kind = VOUCHER_KINDS.label(self.kind)
        self.setWindowTitle(_("Withdrawn applications: {kind}").format(kind=kind))
        self.intro.setText(_("A withdrawn application returns to the queue with its own date "
                             "and flags, and its points are counted again."))
        self.empty.setText(_("No application of this kind was withdrawn."))
        self.reopen_button.setText(_("Return to the queue"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        self.model.retranslate()

    def reload(self) -> None:
        rows = voucher_applications.list_applications(self.state.db, kind=self.kind,
                                                      status="withdrawn")
        self.model.set_records(rows)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        if rows:  # selectRow() chooses nothing while the table is not laid out yet
            flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                     | QItemSelectionModel.SelectionFlag.Rows)
            self.table.selectionModel().setCurrentIndex(self.model.index(0, 0), flags)
        self._selected()

    def selected(self) -> ApplicationRow | None:
        found: ApplicationRow | None = selected_record(self.table, self.model)
        return found

    def _selected(self) -> None:
        self.reopen_button.setEnabled(self.selected() is not None)
        self.problem.hide()

    def reopen(self) -> bool:
        """Back into the queue (one service call); the queue re-reads itself on the signal."""
        row = self.selected()
        if row is None:
            return False
        try:
            voucher_applications.reopen_application(self.state.db, row.id)
        except UserError as exc:  # e.g. the member waits again already: said in place
            self.problem.setText(exc.message())
            self.problem.show()
            return False
        except Exception as exc:  # noqa: BLE001 - shown to the user, nothing changed
            show_error(self, exc)
            return False
        self.state.notify_changed("vouchers")
        self.reload()
        return True


def open_withdrawn(parent: QWidget, state: AppState, kind: str) -> WithdrawnDialog:
    dialog = WithdrawnDialog(state, kind, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
