"""A member's children: a small table with add, edit and remove, each saved at once.

Each change is its own service call (one transaction, written to the member's history), like
in the import of children; the member's main fields are saved separately with the dialog.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import members
from unionapp.core.codes import SEXES, sex_label
from unionapp.core.errors import ValidationError
from unionapp.core.formatting import format_date
from unionapp.core.i18n import N_, _
from unionapp.core.member_fields import field_label
from unionapp.core.members import ChildInput, ChildView
from unionapp.ui.operations import show_error
from unionapp.ui.state import AppState
from unionapp.ui.widgets.code_combo import CodeCombo
from unionapp.ui.widgets.date_edit import DateEdit
from unionapp.ui.widgets.field_form import FieldForm
from unionapp.ui.widgets.member_table_tab import HINT_COLOR

CHILD_COLUMNS = ("full_name", "birth_date", "sex")


class ChildDialog(QDialog):
    """Add or edit one child; mistakes are marked on the field and nothing is saved."""

    def __init__(
        self,
        state: AppState,
        member_id: int,
        child: ChildView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.state, self.member_id, self.child = state, member_id, child
        self.form = FieldForm()
        self.full_name = QLineEdit()
        self.birth_date = DateEdit()
        self.sex = CodeCombo(SEXES, empty=N_("—"))
        self.form.add("full_name", self.full_name)
        self.form.add("birth_date", self.birth_date)
        self.form.add("sex", self.sex)
        if child is not None:
            self.full_name.setText(child.full_name)
            self.birth_date.set_date(child.birth_date)
            self.sex.set_code(child.sex)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.form.general)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self.setWindowTitle(_("Child") if child is None else child.full_name)
        self.form.retranslate()

    def save(self) -> bool:
        self.form.clear_errors()
        try:
            data = ChildInput(
                full_name=self.full_name.text(),
                birth_date=self.birth_date.date("birth_date"),
                sex=self.sex.code(),
            )
            if self.child is None:
                members.add_child(self.state.db, self.member_id, data)
            else:
                members.update_child(self.state.db, self.child.id, data)
        except ValidationError as exc:
            self.form.show_errors([exc])
            return False
        except Exception as exc:  # noqa: BLE001 - shown to the user, nothing saved
            show_error(self, exc)
            return False
        self.accept()
        return True


class ChildrenTab(QWidget):
    changed = Signal()  # a child was added, changed or removed

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.member_id: int | None = None
        self.child_views: list[ChildView] = []
        self.table = QTableWidget(0, len(CHILD_COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.add_button = QPushButton()
        self.edit_button = QPushButton()
        self.remove_button = QPushButton()
        self.add_button.clicked.connect(lambda: self.open_child_dialog())
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        # a new member has no record to hang children on yet: say so instead of greying out
        self.hint = QLabel()
        self.hint.setObjectName("childrenHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color:{HINT_COLOR};")
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.dialog: ChildDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([field_label(c) for c in CHILD_COLUMNS])
        self.add_button.setText(_("Add child…"))
        self.edit_button.setText(_("Edit…"))
        self.remove_button.setText(_("Remove"))
        self.hint.setText(_("Save the member first to add children."))
        self._fill()

    def set_member(self, member_id: int | None) -> None:
        self.member_id = member_id
        self.reload()

    def reload(self) -> None:
        if self.member_id is None:
            self.child_views = []
        else:
            self.child_views = members.get_member(self.state.db, self.member_id).children
        self._fill()

    def _fill(self) -> None:
        self.table.setRowCount(len(self.child_views))
        for row, child in enumerate(self.child_views):
            for column, text in enumerate(
                (child.full_name, format_date(child.birth_date), sex_label(child.sex))
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnToContents(1)
        self.table.resizeColumnToContents(2)
        self._update_buttons()

    def _selected(self) -> ChildView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.child_views[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        has_member = self.member_id is not None
        self.hint.setVisible(not has_member)
        self.add_button.setEnabled(has_member)
        self.add_button.setToolTip("" if has_member else self.hint.text())
        self.edit_button.setEnabled(self._selected() is not None)
        self.remove_button.setEnabled(self._selected() is not None)

    # -- actions ------------------------------------------------------------------------------
    def open_child_dialog(self, child: ChildView | None = None) -> ChildDialog | None:
        """Opens (without blocking) the dialog that adds ``child`` or, with None, a new one."""
        if self.member_id is None:
            return None
        dialog = ChildDialog(self.state, self.member_id, child, self)
        dialog.accepted.connect(self._after_change)
        dialog.open()
        self.dialog = dialog
        return dialog

    def edit_selected(self) -> None:
        child = self._selected()
        if child is not None:
            self.open_child_dialog(child)

    def remove_selected(self) -> QMessageBox | None:
        """Asks first (without blocking); removes the child on Yes."""
        child = self._selected()
        if child is None:
            return None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Remove child"),
            _("Remove {name} from this member's children?").format(name=child.full_name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)

        def answered(_result: int) -> None:
            if box.clickedButton() == box.button(QMessageBox.StandardButton.Yes):
                try:
                    members.delete_child(self.state.db, child.id)
                except Exception as exc:  # noqa: BLE001 - shown to the user
                    show_error(self, exc)
                    return
                self._after_change()

        box.finished.connect(answered)
        box.open()
        self.confirm_box = box
        return box

    def _after_change(self) -> None:
        self.reload()
        self.state.notify_changed("children")
        self.changed.emit()
