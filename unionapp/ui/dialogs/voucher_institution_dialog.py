"""One place of the vouchers catalogue: its name, kind and, for a camp, the children's ages.

The ages matter: a voucher for a child outside them is refused and the queue weighs a child's
age against them, so they are asked for a camp only (other kinds have none).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import institutions
from unionapp.core.codes import VOUCHER_KINDS
from unionapp.core.i18n import N_, _
from unionapp.core.institutions import InstitutionInput
from unionapp.ui.state import AppState
from unionapp.ui.widgets.code_combo import CodeCombo
from unionapp.ui.widgets.field_form import FieldForm
from unionapp.ui.widgets.save_buttons import SaveCancelButtons

LABELS = {
    "name": N_("Institution"),
    "kind": N_("Kind"),
    "min_child_age": N_("Children's ages"),
    "note": N_("Note"),
}
NO_AGE = -1


def _age_box() -> QSpinBox:
    box = QSpinBox()
    box.setRange(NO_AGE, institutions.MAX_AGE)
    box.setSpecialValueText("—")
    box.setValue(NO_AGE)
    return box


class AgeRange(QWidget):
    """From … to … years; «—» when not limited."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.low, self.high = _age_box(), _age_box()
        self.low.setObjectName("minAge")
        self.high.setObjectName("maxAge")
        self.dash = QLabel("–")
        self.unit = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.low, self.dash, self.high, self.unit):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.setFocusProxy(self.low)
        self.mark_targets = (self.low, self.high)

    def ages(self) -> tuple[int | None, int | None]:
        return tuple(None if b.value() == NO_AGE else b.value()  # type: ignore[return-value]
                     for b in (self.low, self.high))

    def set_ages(self, low: int | None, high: int | None) -> None:
        self.low.setValue(NO_AGE if low is None else low)
        self.high.setValue(NO_AGE if high is None else high)


class InstitutionDialog(QDialog):
    def __init__(
        self, state: AppState, parent: QWidget | None = None, *,
        institution_id: int | None = None, kind: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.institution_id = institution_id
        self.saved_id: int | None = None
        self.setObjectName("InstitutionDialog")
        self.form = FieldForm()
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.name.setMaxLength(institutions.NAME_LIMIT)
        self.kind = CodeCombo(VOUCHER_KINDS.labels)
        self.kind.setObjectName("kind")
        self.ages = AgeRange()
        self.note = QLineEdit()
        for name, widget in (("name", self.name), ("kind", self.kind),
                             ("min_child_age", self.ages), ("note", self.note)):
            self.form.add(name, widget)
        self.form.errors["max_child_age"] = self.form.errors["min_child_age"]
        self.form.widgets["max_child_age"] = self.ages
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.buttons = SaveCancelButtons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.form.general)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        if institution_id is not None:
            data = institutions.get_institution(state.db, institution_id)
            self.name.setText(data.name)
            self.kind.set_code(data.kind)
            self.ages.set_ages(data.min_child_age, data.max_child_age)
            self.note.setText(data.note or "")
        elif kind is not None:
            self.kind.set_code(kind)
        self._kind_changed()
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Institution") if self.institution_id is None
                            else _("Edit institution"))
        self.form.retranslate({name: _(label) for name, label in LABELS.items()})
        self.kind.retranslate()
        self.ages.unit.setText(_("years"))
        self.name.setPlaceholderText(_("e.g. Sanatorium «Ysyk-Köl Avrora»"))
        self.buttons.retranslate()

    def _kind_changed(self) -> None:
        camp = self.kind.code() == "children_camp"
        self.ages.setEnabled(camp)
        if not camp:
            self.ages.set_ages(None, None)

    def data(self) -> InstitutionInput:
        low, high = self.ages.ages()
        return InstitutionInput(self.name.text(), self.kind.code() or "", low, high,
                                self.note.text())

    def save(self) -> bool:
        self.form.clear_errors()
        def store() -> None:
            if self.institution_id is None:
                self.saved_id = institutions.create_institution(self.state.db, self.data())
            else:
                institutions.update_institution(self.state.db, self.institution_id, self.data())
                self.saved_id = self.institution_id

        if not self.form.run_save(store):
            return False
        self.state.notify_changed("vouchers")
        self.accept()
        return True

    def error_text(self, name: str) -> str:
        return self.form.error_text(name)
