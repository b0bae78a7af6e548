"""The catalogue of award types: add one, rename it or change its level and form, deactivate
one no longer given (types are never deleted: awards keep pointing at them).

The name is stored exactly as it is printed on the award, in the organization's own language;
the level and the form are codes shown in the user's language.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import award_types
from unionapp.core.award_types import AwardTypeInput, AwardTypeRow
from unionapp.core.codes import AWARD_FORMS, AWARD_LEVELS
from unionapp.core.formatting import format_number
from unionapp.core.i18n import N_, _
from unionapp.ui.state import AppState
from unionapp.ui.widgets.code_combo import CodeCombo
from unionapp.ui.widgets.field_form import FieldForm

ID_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = (N_("Award"), N_("Level"), N_("Form"), N_("Recorded"))
# «Name» is a person's first name (Имя, Аты); an award has a title (Название, Аталышы)
LABELS = {"name": N_("Title of the award"), "level": N_("Level"), "form": N_("Form")}


class AwardTypesDialog(QDialog):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.rows: list[AwardTypeRow] = []
        self.changed = False
        self.setObjectName("AwardTypesDialog")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = QTreeWidget()
        self.table.setObjectName("awardTypes")
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setColumnCount(len(COLUMNS))
        self.table.header().setStretchLastSection(False)
        self.table.header().setSectionResizeMode(0, self.table.header().ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            self.table.header().setSectionResizeMode(
                column, self.table.header().ResizeMode.ResizeToContents)
        self.table.currentItemChanged.connect(lambda _now, _before: self._chosen())
        self.form = FieldForm()
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.level = CodeCombo(AWARD_LEVELS.labels)
        self.level.setObjectName("level")
        self.kind = CodeCombo(AWARD_FORMS.labels)
        self.kind.setObjectName("form")
        for name, widget in (("name", self.name), ("level", self.level), ("form", self.kind)):
            self.form.add(name, widget)
        self.active = QCheckBox()
        self.active.setObjectName("active")
        self.add_button = QPushButton()
        self.add_button.setObjectName("addType")
        self.add_button.clicked.connect(self.add)
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveType")
        self.save_button.clicked.connect(self.save)
        self.new_button = QPushButton()
        self.new_button.setObjectName("clearType")
        self.new_button.clicked.connect(self.clear)
        buttons = QHBoxLayout()
        buttons.addWidget(self.active)
        buttons.addStretch(1)
        for button in (self.new_button, self.add_button, self.save_button):
            buttons.addWidget(button)
        self.close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.form)
        layout.addWidget(self.form.general)
        layout.addLayout(buttons)
        layout.addWidget(self.close_buttons)
        self.resize(760, 520)
        self.reload()
        self.clear()
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Award types"))
        self.intro.setText(_("Write each name as it is printed on the award. A type no longer "
                             "given is made inactive: the awards of past years keep it."))
        self.table.setHeaderLabels([_(c) for c in COLUMNS])
        self.form.retranslate({name: _(label) for name, label in LABELS.items()})
        self.level.retranslate()
        self.kind.retranslate()
        self.active.setText(_("Given now (active)"))
        self.add_button.setText(_("Add as new"))
        self.save_button.setText(_("Save changes"))
        self.new_button.setText(_("Clear"))
        self.close_buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        self._fill()

    # -- the list -----------------------------------------------------------------------------
    def reload(self, select: int | None = None) -> None:
        self.rows = award_types.list_types(self.state.db)
        self._fill(select)

    def _fill(self, select: int | None = None) -> None:
        chosen = select if select is not None else self.selected_id()
        self.table.blockSignals(True)
        self.table.clear()
        for row in self.rows:
            item = QTreeWidgetItem([row.name, AWARD_LEVELS.label(row.level),
                                    AWARD_FORMS.label(row.form), format_number(row.used)])
            item.setData(0, ID_ROLE, row.id)
            item.setTextAlignment(3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if not row.active:
                item.setToolTip(0, _("Inactive: no longer given"))
                for column in range(len(COLUMNS)):
                    item.setForeground(column, Qt.GlobalColor.gray)
            self.table.addTopLevelItem(item)
            if row.id == chosen:
                self.table.setCurrentItem(item)
        self.table.blockSignals(False)
        self._update_buttons()

    def selected_id(self) -> int | None:
        item = self.table.currentItem()
        return None if item is None else int(item.data(0, ID_ROLE))

    def _chosen(self) -> None:
        row = next((r for r in self.rows if r.id == self.selected_id()), None)
        self.form.clear_errors()
        if row is not None:
            self.name.setText(row.name)
            self.level.set_code(row.level)
            self.kind.set_code(row.form)
            self.active.setChecked(row.active)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(self.selected_id() is not None)

    def clear(self) -> None:
        """Empty fields for a new type."""
        self.table.setCurrentIndex(QModelIndex())
        self.table.clearSelection()
        self.name.clear()
        self.level.set_code("own")
        self.kind.set_code("certificate")
        self.active.setChecked(True)
        self.form.clear_errors()
        self._update_buttons()
        self.name.setFocus()

    # -- changes ------------------------------------------------------------------------------
    def _input(self) -> AwardTypeInput:
        return AwardTypeInput(self.name.text(), self.level.code() or "own",
                              self.kind.code() or "other", self.active.isChecked())

    def add(self) -> int | None:
        return self._apply(lambda: award_types.create_type(self.state.db, self._input()))

    def save(self) -> int | None:
        type_id = self.selected_id()
        if type_id is None:
            return None

        def update() -> int:
            award_types.update_type(self.state.db, type_id, self._input())
            return type_id

        return self._apply(update)

    def _apply(self, change: Callable[[], int]) -> int | None:
        self.form.clear_errors()
        changed: list[int] = []
        if not self.form.run_save(lambda: changed.append(change())):
            return None
        type_id = changed[0]
        self.changed = True
        self.state.notify_changed("awards")
        self.reload(select=type_id)
        return type_id
