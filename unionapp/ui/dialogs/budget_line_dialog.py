"""The plan of one budget line: its planned amount, or a new line with its own wording.

Editing a line shows which line it is and how much it has taken so far, so the planned sum is
typed against the facts; a new line («Нооруз майрамы» under cultural and sports events) gets
its category and wording. Every mistake is marked on its field (``FieldForm``), nothing is
saved until all are put right.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import budget_edit
from unionapp.core.budget import CATEGORIES, LineRow
from unionapp.core.errors import ValidationError
from unionapp.core.formatting import format_money, format_money_input
from unionapp.core.i18n import N_, _
from unionapp.ui.state import AppState
from unionapp.ui.widgets.code_combo import CodeCombo
from unionapp.ui.widgets.field_form import FieldForm, money_of
from unionapp.ui.widgets.save_buttons import SaveCancelButtons

LABELS = {"line": N_("Line"), "category": N_("Category"), "name": N_("Wording"),
          "planned": N_("Planned, som")}
HINT_STYLE = "color:#5c6670;"


class BudgetLineDialog(QDialog):
    def __init__(self, state: AppState, year: int, line: LineRow | None = None,
                 parent: QWidget | None = None) -> None:
        """``line``: change its plan; None: a new line with its own wording."""
        super().__init__(parent)
        self.state, self.year, self.line = state, year, line
        self.saved_id: int | None = None
        self.setObjectName("BudgetLineDialog")
        self.setSizeGripEnabled(True)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.form = FieldForm()
        self.line_label = QLabel()
        self.line_label.setObjectName("line")
        self.line_label.setWordWrap(True)
        self.category = CodeCombo({c.code: c.label for c in CATEGORIES}, empty=N_("—"))
        self.category.setObjectName("category")
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.planned = QLineEdit()
        self.planned.setObjectName("planned")
        if line is None:
            self.form.add("category", self.category)
            self.form.add("name", self.name)
        else:
            self.form.add("line", self.line_label)
            self.planned.setText(format_money_input(line.planned))
        self.form.add("planned", self.planned)
        self.hint = QLabel()
        self.hint.setObjectName("planHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(HINT_STYLE)
        self.buttons = SaveCancelButtons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.form)
        layout.addWidget(self.hint)
        layout.addWidget(self.form.general)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.retranslate()
        (self.planned if line is not None else self.category).setFocus()

    def retranslate(self) -> None:
        line = self.line
        if line is None:
            self.setWindowTitle(_("New budget line"))
            self.intro.setText(_(
                "A line with its own wording beside its category's line, e.g. a holiday under "
                "cultural and sports events. The budget of {year}."
            ).format(year=self.year))
            self.hint.hide()
        else:
            self.setWindowTitle(_("Plan of the line"))
            self.intro.setText(_("The planned amount of a line of the budget of {year}.")
                               .format(year=self.year))
            self.line_label.setText(line.label)
            self.hint.setText(_("Actual so far: {actual}.").format(
                actual=format_money(line.actual)))
            self.hint.show()
        self.form.retranslate({name: _(label) for name, label in LABELS.items()})
        self.category.retranslate()
        self.name.setPlaceholderText(_("e.g. Нооруз майрамы"))
        self.planned.setPlaceholderText(_("e.g. 5000"))
        self.buttons.retranslate()

    def read_input(self) -> tuple[str | None, str | None, int | None, list[ValidationError]]:
        """Category, wording and planned sum, and every mistake the form can see at once."""
        errors: list[ValidationError] = []
        planned: int | None = None
        try:
            planned = money_of(self.planned.text(), "planned", required=False)
        except ValidationError as exc:
            errors.append(exc)
        line = self.line
        code = line.category if line is not None else self.category.code()
        name = line.name if line is not None else self.name.text()
        errors += [e for e in budget_edit.line_problems(code, name, planned, new=line is None)
                   if e.field not in {x.field for x in errors}]
        return code, name, planned, errors

    def save(self) -> bool:
        """Check every field, mark each mistake in place; save only when all are right."""
        self.form.clear_errors()
        code, name, planned, errors = self.read_input()
        if errors:
            self.form.show_errors(errors)
            return False
        def store() -> None:
            if self.line is None:
                self.saved_id = budget_edit.add_line(self.state.db, self.year, code, name,
                                                     planned)
            else:
                self.saved_id = budget_edit.set_planned(self.state.db, self.year, code,
                                                        planned, name)

        if not self.form.run_save(store):
            return False
        self.state.notify_changed("budget")
        self.accept()
        return True

    def error_text(self, name: str) -> str:
        return self.form.error_text(name)
