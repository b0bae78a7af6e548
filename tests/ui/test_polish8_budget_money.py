"""The budget dialogs show an amount for editing as the other forms do (core's
format_money_input: the language's decimal sign, no grouping, no trailing zeros), and what
they show reads back to the same tyiyn."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from unionapp.core import budget
from unionapp.core.budget import LineRow
from unionapp.core.budget_edit import EntryInput
from unionapp.core.i18n import set_language
from unionapp.ui.dialogs.budget_entry_dialog import BudgetEntryDialog
from unionapp.ui.dialogs.budget_line_dialog import BudgetLineDialog
from unionapp.ui.state import AppState
from unionapp.ui.widgets.field_form import money_of

YEAR = dt.date.today().year


def _lines(state: AppState) -> tuple[LineRow, ...]:
    return budget.budget(state.db, YEAR).lines


def _other_expense(state: AppState, planned: int) -> LineRow:
    line = next(x for x in _lines(state) if x.category == "other_expense" and x.name is None)
    return dataclasses.replace(line, planned=planned)


@pytest.mark.parametrize(("lang", "tyiyn", "shown"), [
    ("ru", 4_000_000, "40000"),
    ("ru", 1_234_550, "12345,5"),
    ("ky", 123_456_789, "1234567,89"),
    ("ky", 5, "0,05"),
])
def test_the_plan_is_shown_as_typed_and_reads_back(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState, lang: str, tyiyn: int, shown: str
) -> None:
    set_language(lang)
    dialog = BudgetLineDialog(app_state, YEAR, _other_expense(app_state, tyiyn))
    qtbot.addWidget(dialog)
    assert dialog.planned.text() == shown
    assert money_of(dialog.planned.text(), "planned") == tyiyn


def test_an_entrys_amount_is_shown_as_typed_and_reads_back(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState
) -> None:
    set_language("ru")
    dialog = BudgetEntryDialog(app_state, YEAR, _lines(app_state))
    qtbot.addWidget(dialog)
    dialog.set_input(EntryInput(category="other_expense", name=None,
                                entry_date=dt.date(YEAR, 1, 1), amount=1_234_550,
                                document_no="Акт № 12"))
    assert dialog.amount.text() == "12345,5"
    data, errors = dialog.read_input()
    assert not errors and data.amount == 1_234_550
