"""The Budget page: a year's lines with planned / actual / remaining / % used, overspent lines
red AND worded, the plan edited and lines added through dialogs that mark mistakes in place,
manual entries added, changed and deleted, last year's plan copied into a new year, the
preview and the Excel export — every dialog opened without blocking."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtWidgets import QMessageBox

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "core"))
from budget_helpers import YEAR, fill_registers, plan_and_post  # noqa: E402

from unionapp.core import budget_edit  # noqa: E402
from unionapp.core.budget import EXPENSE, INCOME, OVERSPENT, budget, category_label  # noqa: E402
from unionapp.core.formatting import format_money  # noqa: E402
from unionapp.core.i18n import _, ngettext, set_language  # noqa: E402
from unionapp.ui.dialogs.budget_entry_dialog import BudgetEntryDialog  # noqa: E402
from unionapp.ui.dialogs.budget_line_dialog import BudgetLineDialog  # noqa: E402
from unionapp.ui.operations import running_jobs  # noqa: E402
from unionapp.ui.pages.budget import BudgetPage  # noqa: E402
from unionapp.ui.pages.budget_tables import LINE_ROLE, OVERSPENT_BRUSH  # noqa: E402
from unionapp.ui.state import AppState  # noqa: E402


def open_page(qtbot, state: AppState, year: int = YEAR) -> BudgetPage:  # type: ignore[no-untyped-def]
    page = BudgetPage(state)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    settle(qtbot, page)
    page.set_year(year)
    settle(qtbot, page, year)
    return page


def settle(qtbot, page: BudgetPage, year: int | None = None) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not page.is_loading() and page.result is not None
                    and (year is None or page.result.year == year), timeout=10000)


def row(page: BudgetPage, category: str, name: str | None = None) -> list[str]:
    for item in page.lines.items:
        side, code, wording = item.data(0, LINE_ROLE)
        if code == category and wording == name:
            return [item.text(c) for c in range(6)]
    raise AssertionError(category)


def choose(page: BudgetPage, category: str, name: str | None = None) -> None:
    side = INCOME if category in ("dues_retained", "other_income") else EXPENSE
    assert page.lines.select_line((side, category, name))


def test_lines_show_plan_actual_remaining_and_overspending(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    fill_registers(app_state.db)
    plan_and_post(app_state.db)
    page = open_page(qtbot, app_state)
    assert row(page, "dues_retained") == [
        category_label("dues_retained"), format_money(300_000), format_money(266_000),
        format_money(34_000), "88,7\u00a0%", ""]
    recreation = row(page, "recreation")
    assert recreation[3] == format_money(-700_000) and recreation[4] == "117,5\u00a0%"
    assert recreation[5] == _(OVERSPENT)  # said in words ...
    item = next(i for i in page.lines.items if i.text(0) == category_label("recreation"))
    assert item.foreground(0).color() == OVERSPENT_BRUSH.color()  # ... and in colour
    fine = next(i for i in page.lines.items if i.text(0) == category_label("aid"))
    assert fine.foreground(0).color() != OVERSPENT_BRUSH.color() and fine.text(5) == ""
    assert row(page, "other_expense")[4] == "—"  # nothing planned
    expenses = page.lines.topLevelItem(1)
    assert expenses is not None and expenses.text(1) == format_money(7_800_000)
    over = ngettext("{count} line is overspent.", "{count} lines are overspent.", 1)
    assert over.format(count=1) in page.summary.text()
    assert [page.entries.topLevelItem(i).text(2)  # type: ignore[union-attr]
            for i in range(page.entries.topLevelItemCount())] == ["Акт № 12", "ПКО № 1"]
    # the language switches under the page
    set_language("ru")
    page.retranslate()
    assert page.heading.text() == _("Budget")
    assert row(page, "aid")[0] == _("Material aid")


def test_the_plan_is_edited_in_a_dialog_with_mistakes_in_place(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    fill_registers(app_state.db)
    plan_and_post(app_state.db)
    page = open_page(qtbot, app_state)
    choose(page, "recreation")
    assert page.plan_button.isEnabled() and not page.delete_line_button.isEnabled()
    dialog = page.edit_plan()
    assert isinstance(dialog, BudgetLineDialog) and dialog.isVisible()
    assert dialog.planned.text() == "40000"  # as typed back: no trailing zeros, no grouping
    for typed in ("сорок", "-5"):
        dialog.planned.setText(typed)
        assert not dialog.save()
        assert dialog.error_text("planned") and dialog.isVisible()
    dialog.planned.setText("50 000")
    assert dialog.save()
    settle(qtbot, page)
    qtbot.waitUntil(lambda: row(page, "recreation")[1] == format_money(5_000_000), timeout=5000)
    assert row(page, "recreation")[5] == ""  # no longer overspent


def test_a_new_line_and_its_deletion(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, app_state)
    dialog = page.new_line()
    assert isinstance(dialog, BudgetLineDialog)
    dialog.planned.setText("x")
    assert not dialog.save()
    assert dialog.error_text("category") and dialog.error_text("name")
    assert dialog.error_text("planned")
    dialog.category.set_code("events")
    dialog.name.setText("Спорттук мелдеш")
    dialog.planned.setText("3000")
    assert dialog.save()
    qtbot.waitUntil(lambda: any(i.text(0).endswith("Спорттук мелдеш")
                                for i in page.lines.items), timeout=5000)
    choose(page, "events", "Спорттук мелдеш")
    assert page.delete_line_button.isEnabled()
    box = page.ask_delete_line()
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: not any(i.text(0).endswith("Спорттук мелдеш")
                                    for i in page.lines.items), timeout=5000)


def test_manual_entries_are_added_changed_and_deleted(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, app_state)
    choose(page, "events")
    dialog = page.open_entry(None)
    assert isinstance(dialog, BudgetEntryDialog) and dialog.isVisible()
    assert dialog.chosen_line() == ("events", None)  # the chosen line comes with it
    dialog.entry_date.set_date(dt.date(2024, 12, 31))
    dialog.amount.setText("много")
    dialog.document_no.setText("Акт № " + "1" * 50)
    assert not dialog.save()
    for field in ("entry_date", "amount", "document_no"):
        assert dialog.error_text(field), field  # every mistake at once, each in its place
    assert "2025" in dialog.error_text("entry_date")
    dialog.entry_date.set_date(dt.date(2025, 3, 21))
    dialog.amount.setText("12 345,50")
    dialog.document_no.setText("Акт № 12")
    dialog.note.setText("Нооруз майрамы")
    assert dialog.save()
    qtbot.waitUntil(lambda: page.entries.topLevelItemCount() == 1, timeout=5000)
    assert row(page, "events")[2] == format_money(1_234_550)

    page.entries.setCurrentItem(page.entries.topLevelItem(0))
    edit = page.open_entry(page.entry_id())
    assert isinstance(edit, BudgetEntryDialog)
    assert edit.amount.text() == "12345,5" and edit.document_no.text() == "Акт № 12"
    edit.choose_line("other_expense", None)
    assert edit.save()
    qtbot.waitUntil(lambda: row(page, "other_expense")[2] == format_money(1_234_550),
                    timeout=5000)
    assert row(page, "events")[2] == format_money(0)

    page.entries.setCurrentItem(page.entries.topLevelItem(0))
    box = page.ask_delete_entry()
    assert box is not None
    box.button(QMessageBox.StandardButton.No).click()
    assert len(budget(app_state.db, YEAR).entries) == 1
    box = page.ask_delete_entry()
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: page.entries.topLevelItemCount() == 0, timeout=5000)


def test_last_years_plan_starts_a_new_year(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    plan_and_post(app_state.db)
    page = open_page(qtbot, app_state, YEAR + 1)
    assert page.copy_button.isEnabled()
    assert page.copy_plan() == 6
    qtbot.waitUntil(lambda: row(page, "recreation")[1] == format_money(4_000_000),
                    timeout=5000)
    assert not page.copy_button.isEnabled()  # planned now
    page.set_year(YEAR)
    settle(qtbot, page, YEAR)
    assert not page.copy_button.isEnabled()  # no plan in the year before it


def test_print_preview_and_excel_export(qtbot, app_state: AppState, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fill_registers(app_state.db)
    plan_and_post(app_state.db)
    page = open_page(qtbot, app_state)
    preview = page.print_budget()
    qtbot.waitUntil(lambda: preview.page_count() > 0, timeout=15000)
    copy = tmp_path / "preview.pdf"
    preview.save_to(copy)  # type: ignore[attr-defined]
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(copy).pages)
    assert "Акт № 12" in text and _(OVERSPENT) in text
    preview.close()

    target = tmp_path / "smeta.xlsx"
    page.export_to(target)
    qtbot.waitUntil(lambda: running_jobs() == 0 and target.exists(), timeout=15000)
    labels = [r[0] for r in load_workbook(target).worksheets[0].iter_rows(values_only=True)]
    assert category_label("recreation") in labels
    qtbot.waitUntil(lambda: page.box is not None and page.box.isVisible(), timeout=5000)
    assert str(target) in page.box.text()  # type: ignore[union-attr]
    page.box.close()  # type: ignore[union-attr]
    budget_edit.set_planned(app_state.db, YEAR, "aid", 0)  # a change elsewhere: page follows
    app_state.notify_changed("budget")
    qtbot.waitUntil(lambda: row(page, "aid")[1] == format_money(0), timeout=5000)
