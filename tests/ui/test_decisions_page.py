"""The Decisions page: a protocol recorded through its dialog (mistakes shown on their fields),
the list filtered as one types and by year, what a protocol granted with its member opened
by a double-click, deleting behind a question (refused for a protocol that granted aid), and
the protocols written to Excel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtWidgets import QMessageBox

from unionapp.core import aid, decisions, members
from unionapp.core.aid import AidInput
from unionapp.core.decisions import DecisionInput
from unionapp.core.i18n import _, translate_in
from unionapp.ui.dialogs.member_dialog import MemberDialog
from unionapp.ui.operations import running_jobs
from unionapp.ui.pages.decisions import DecisionsPage
from unionapp.ui.state import AppState

TODAY = dt.date.today()
LAST_YEAR = dt.date(TODAY.year - 1, 3, 15)


def open_page(qtbot, state: AppState) -> DecisionsPage:  # type: ignore[no-untyped-def]
    page = DecisionsPage(state)
    qtbot.addWidget(page)
    page.resize(900, 600)
    page.show()
    settle(qtbot, page)
    return page


def settle(qtbot, page: DecisionsPage) -> None:  # type: ignore[no-untyped-def]
    """The list and the chosen protocol's annex are read on the thread pool."""
    qtbot.waitUntil(lambda: page.loaded and not page.is_loading(), timeout=10000)


def numbers(page: DecisionsPage) -> list[str]:
    return [page.table.topLevelItem(i).text(1) for i in range(page.table.topLevelItemCount())]


def test_a_protocol_is_recorded_through_the_dialog(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    decisions.create_decision(app_state.db, DecisionInput("20", TODAY))
    page = open_page(qtbot, app_state)
    assert numbers(page) == ["20"]
    dialog = page.open_decision(None)
    dialog.kind.set_code("general")
    dialog.number.setText(" 12 ")
    dialog.held_on.set_date(LAST_YEAR)
    dialog.agenda.setPlainText("Жолдомолорду бөлүштүрүү\nМатериалдык жардам")
    assert dialog.save()
    settle(qtbot, page)
    assert numbers(page) == ["20", "12"]
    item = page.table.currentItem()  # the protocol just saved is the chosen one
    assert item is not None and item.text(1) == "12"
    assert item.text(3) == "Жолдомолорду бөлүштүрүү"  # the first item of the agenda
    assert item.text(0) == _("general meeting")
    stored = decisions.list_decisions(app_state.db)[1]
    assert stored.agenda == "Жолдомолорду бөлүштүрүү\nМатериалдык жардам"


def test_mistakes_are_shown_on_their_fields(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    decisions.create_decision(app_state.db, DecisionInput("7", TODAY))
    page = open_page(qtbot, app_state)
    dialog = page.open_decision(None)
    dialog.number.setText("")
    dialog.held_on.setText((TODAY + dt.timedelta(days=2)).strftime("%d.%m.%Y"))
    assert not dialog.save()
    assert dialog.error_text("number") == _("This field is required.")
    assert dialog.error_text("held_on")
    assert dialog.form.is_marked("number") and dialog.form.is_marked("held_on")
    dialog.held_on.setText("31.02.2026")
    assert not dialog.save()
    assert "31.02.2026" in dialog.error_text("held_on")
    dialog.number.setText("7")  # No. 7 of today is already there
    dialog.held_on.set_date(TODAY)
    assert not dialog.save()
    assert "7" in dialog.error_text("number") and not dialog.error_text("held_on")
    assert dialog.isVisible()
    assert [r.number for r in decisions.list_decisions(app_state.db)] == ["7"]


def test_filter_as_you_type_and_by_year(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    db = app_state.db
    decisions.create_decision(db, DecisionInput("1", LAST_YEAR, agenda="Жолдомолор"))
    decisions.create_decision(db, DecisionInput("2", TODAY, agenda="Ардак грамота"))
    decisions.create_decision(db, DecisionInput("3", TODAY, agenda="Путевки в санаторий"))
    page = open_page(qtbot, app_state)
    assert numbers(page) == ["3", "2", "1"]  # newest first
    page.search.setText("ЖОЛДОМО")
    assert numbers(page) == ["1"]
    page.search.setText("путевки лагерь")  # every word must match
    assert numbers(page) == []
    page.search.setText("санаторий")
    assert numbers(page) == ["3"]
    assert page.count.text() == _("Shown: {shown} of {total}").format(shown=1, total=3)
    page.search.clear()
    page.year.setCurrentIndex(page.year.findData(LAST_YEAR.year))
    assert numbers(page) == ["1"]
    settle(qtbot, page)
    assert page.granted_for == page.selected_id()  # its annex follows the chosen protocol


def test_what_a_protocol_granted_opens_its_member(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    db = app_state.db
    member = members.find_by_card(db, "1001")
    assert member is not None
    granting = decisions.create_decision(db, DecisionInput("4", TODAY))
    aid.add_aid(db, AidInput(member, "birth", 500_000, TODAY, granting))
    page = open_page(qtbot, app_state)
    assert page.selected_id() == granting
    assert page.table.currentItem().text(4) == "1"
    assert page.granted.topLevelItemCount() == 1
    line = page.granted.topLevelItem(0)
    assert line.text(0) == "Асан уулу Бакыт"
    assert _("birth of a child") in line.text(1)
    assert line.text(2) == "5\u00a0000,00"
    page.granted.itemActivated.emit(line, 0)  # a double-click or Enter
    dialog = page.member_dialog
    assert isinstance(dialog, MemberDialog) and dialog.member_id == member
    assert dialog.aid_tab.rows()[0][2] == "5\u00a0000,00"
    dialog.reject()


def test_deleting_asks_first_and_a_granting_protocol_is_refused(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    db = app_state.db
    member = members.find_by_card(db, "1002")
    assert member is not None
    granting = decisions.create_decision(db, DecisionInput("5", LAST_YEAR))
    aid.add_aid(db, AidInput(member, "wedding", 300_000, LAST_YEAR, granting))
    lonely = decisions.create_decision(db, DecisionInput("6", TODAY))
    page = open_page(qtbot, app_state)
    page.select_decision(granting)
    settle(qtbot, page)
    box = page.ask_delete()
    assert box is not None and box.icon() == QMessageBox.Icon.Warning
    assert "5" in box.text()
    box.accept()
    page.select_decision(lonely)
    box = page.ask_delete()
    assert box is not None
    box.button(QMessageBox.StandardButton.No).click()  # «Do not delete»
    assert len(decisions.list_decisions(db)) == 2
    page.select_decision(lonely)
    box = page.ask_delete()
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    settle(qtbot, page)
    assert numbers(page) == ["5"]


def test_export_writes_the_protocols(qtbot, app_state: AppState, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    decisions.create_decision(app_state.db, DecisionInput("8", TODAY, agenda="Жыйын"))
    page = open_page(qtbot, app_state)
    target = tmp_path / "protocols.xlsx"
    page.export_to(target)
    qtbot.waitUntil(lambda: running_jobs() == 0 and page.box is not None, timeout=15000)
    sheet = load_workbook(target).worksheets[0]
    assert sheet.cell(2, 2).value == "8" and sheet.cell(2, 4).value == "Жыйын"
    page.box.accept()


def test_the_page_speaks_russian(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, app_state)
    app_state.set_language("ru")
    page.retranslate()
    assert page.heading.text() == translate_in("ru", "Decisions")
    assert page.export_button.text() == translate_in("ru", "Export to Excel…")
    assert page.year.itemText(0) == translate_in("ru", "All years")
