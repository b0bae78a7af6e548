"""A manual entry of the budget: which line, the date, the amount, the document and a note.

Money the registers do not know — other income, a holiday, the bank's fee — is posted here
with its document (an act, a receipt order), so the audit commission can find the paper
behind every som. Every mistake is marked on its field in one round: the core's
``budget_edit.entry_problems`` plus what only a form can get wrong (a date or an amount that
does not read).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import budget_edit
from unionapp.core.budget import LineRow, line_label
from unionapp.core.budget_edit import EntryInput
from unionapp.core.errors import ValidationError
from unionapp.core.formatting import format_money_input
from unionapp.core.i18n import N_, _
from unionapp.ui.state import AppState
from unionapp.ui.widgets.date_edit import DateEdit
from unionapp.ui.widgets.field_form import FieldForm, money_of
from unionapp.ui.widgets.save_buttons import SaveCancelButtons

LABELS = {
    "category": N_("Line"),
    "entry_date": N_("Date"),
    "amount": N_("Amount, som"),
    "document_no": N_("Document No"),
    "note": N_("Note"),
}
LineKey = tuple[str, str | None]  # category, the line's own wording


def default_date(year: int, today: dt.date | None = None) -> dt.date | None:
    """Today in the year under way, its last day in a year gone by, none in a year to come."""
    today = today or dt.date.today()
    if year == today.year:
        return today
    return dt.date(year, 12, 31) if year < today.year else None


class BudgetEntryDialog(QDialog):
    def __init__(
        self,
        state: AppState,
        year: int,
        lines: Sequence[LineRow],
        parent: QWidget | None = None,
        *,
        entry_id: int | None = None,
        line: LineRow | None = None,
    ) -> None:
        """``lines``: the year's lines to choose from; ``entry_id``: edit that entry;
        ``line``: a new entry on that line."""
        super().__init__(parent)
        self.state, self.year, self.entry_id = state, year, entry_id
        self.saved_id: int | None = None
        self.setObjectName("BudgetEntryDialog")
        self.setSizeGripEnabled(True)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.form = FieldForm()
        self.line = QComboBox()
        self.line.setObjectName("line")
        self._keys: list[LineKey] = [(x.category, x.name) for x in lines]
        for _key in self._keys:
            self.line.addItem("")
        self.entry_date = DateEdit()
        self.amount = QLineEdit()
        self.amount.setObjectName("amount")
        self.document_no = QLineEdit()
        self.document_no.setObjectName("document_no")
        self.note = QLineEdit()
        self.note.setObjectName("note")
        for name, widget in (("category", self.line), ("entry_date", self.entry_date),
                             ("amount", self.amount), ("document_no", self.document_no),
                             ("note", self.note)):
            self.form.add(name, widget)
        self.buttons = SaveCancelButtons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.form)
        layout.addWidget(self.form.general)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.entry_date.set_date(default_date(year))
        if entry_id is not None:
            self.set_input(budget_edit.get_entry(state.db, entry_id)[1])
        elif line is not None:
            self.choose_line(line.category, line.name)
        self.retranslate()
        self.amount.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Budget entry") if self.entry_id is None
                            else _("Change the budget entry"))
        self.intro.setText(_(
            "Money received or spent that no register holds, with its document (an act, a "
            "receipt order). The budget of {year}."
        ).format(year=self.year))
        self.form.retranslate({name: _(label) for name, label in LABELS.items()})
        for row, (code, name) in enumerate(self._keys):
            self.line.setItemText(row, line_label(code, name))
        self.entry_date.retranslate()
        self.amount.setPlaceholderText(_("e.g. 5000"))
        self.document_no.setPlaceholderText(_("e.g. Акт № 12"))
        self.buttons.retranslate()

    # -- the fields ---------------------------------------------------------------------------
    def choose_line(self, code: str | None, name: str | None) -> None:
        key = (code or "", name)
        if key not in self._keys:  # a line not in the list (deleted meanwhile): still shown
            self._keys.append(key)
            self.line.addItem(line_label(key[0], name))
        self.line.setCurrentIndex(self._keys.index(key))

    def chosen_line(self) -> LineKey | None:
        row = self.line.currentIndex()
        return self._keys[row] if 0 <= row < len(self._keys) else None

    def set_input(self, data: EntryInput) -> None:
        self.choose_line(data.category, data.name)
        self.entry_date.set_date(data.entry_date)
        self.amount.setText(
            format_money_input(data.amount) if data.amount is not None else "")
        self.document_no.setText(data.document_no or "")
        self.note.setText(data.note or "")

    def read_input(self) -> tuple[EntryInput, list[ValidationError]]:
        """The fields as an EntryInput, and every mistake saving it would meet, all at once."""
        errors: list[ValidationError] = []
        day: dt.date | None = None
        try:
            day = self.entry_date.date("entry_date")
        except ValidationError as exc:
            errors.append(exc)
        amount: int | None = None
        try:
            amount = money_of(self.amount.text(), "amount", required=False)
        except ValidationError as exc:
            errors.append(exc)
        code, name = self.chosen_line() or (None, None)
        data = EntryInput(code, name, day, amount, self.document_no.text(), self.note.text())
        marked = {e.field for e in errors}
        errors += [e for e in budget_edit.entry_problems(self.state.db, self.year, data)
                   if e.field not in marked]
        return data, errors

    # -- saving -------------------------------------------------------------------------------
    def save(self) -> bool:
        self.form.clear_errors()
        data, errors = self.read_input()
        if errors:
            self.form.show_errors(errors)
            return False
        def store() -> None:
            if self.entry_id is None:
                self.saved_id = budget_edit.add_entry(self.state.db, self.year, data)
            else:
                budget_edit.update_entry(self.state.db, self.entry_id, data)
                self.saved_id = self.entry_id

        if not self.form.run_save(store):
            return False
        self.state.notify_changed("budget")
        self.accept()
        return True

    def error_text(self, name: str) -> str:
        return self.form.error_text(name)
