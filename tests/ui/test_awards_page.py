"""The Awards page: a nomination through its dialog (mistakes on their fields), Award… with the
protocol and the number given, a typed duplicate refused in place, edit by double-click,
delete behind a question, the year's list filtered as one types with its counts, the award
types catalogue, the import wizard for awards and the export, texts in both languages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QMessageBox

from unionapp.core import award_types, awards, decisions, members
from unionapp.core.awards import AwardInput, Grant
from unionapp.core.decisions import DecisionInput
from unionapp.core.i18n import _, set_language, translate_in
from unionapp.ui.dialogs.award_dialog import AwardDialog
from unionapp.ui.dialogs.award_grant_dialog import AwardGrantDialog
from unionapp.ui.dialogs.award_types_dialog import AwardTypesDialog
from unionapp.ui.dialogs.import_wizard import SUMMARY_PAGE, ImportWizard
from unionapp.ui.pages.awards import AwardsPage
from unionapp.ui.state import AppState

TODAY = dt.date.today()
YEAR = TODAY.year


def card(state: AppState, card_no: str) -> int:
    member = members.find_by_card(state.db, card_no)
    assert member is not None
    return member


def gramota(state: AppState) -> int:
    return next(t.id for t in award_types.list_types(state.db) if t.name == "Ардак грамота")


def open_page(qtbot, state: AppState) -> AwardsPage:  # type: ignore[no-untyped-def]
    page = AwardsPage(state)
    qtbot.addWidget(page)
    page.resize(800, 600)
    page.show()
    settle(qtbot, page)
    return page


def settle(qtbot, page: AwardsPage) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not page.is_loading() and page.loaded_year is not None,
                    timeout=10000)


def cells(page: AwardsPage) -> list[list[str]]:
    table = page.table
    return [[table.topLevelItem(i).text(c) for c in range(table.columnCount())]
            for i in range(table.topLevelItemCount())]


def select(page: AwardsPage, row: int) -> None:
    page.table.setCurrentItem(page.table.topLevelItem(row))


def nominate(state: AppState, card_no: str, on: dt.date = TODAY) -> int:
    return awards.nominate(state.db, AwardInput(card(state, card_no), gramota(state), on, "иш"))


def test_a_nomination_through_the_dialog_then_award(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    protocol = decisions.create_decision(app_state.db, DecisionInput("7", TODAY, agenda="Сыйлык"))
    page = open_page(qtbot, app_state)
    assert cells(page) == []
    assert not page.buttons["grantAward"].isEnabled()
    dialog = page.open_nomination()
    assert isinstance(dialog, AwardDialog)
    qtbot.waitUntil(lambda: not dialog.picker.is_loading(), timeout=10000)
    assert "decision" not in dialog.form.widgets  # a nomination has no protocol yet
    dialog.picker.search.setText("1001")
    dialog.award_type.set_type(gramota(app_state))
    dialog.reason.setText("Көп жылдык эмгеги үчүн")
    dialog.cost.setText("1 500,50")
    assert dialog.save()
    settle(qtbot, page)
    assert cells(page) == [["", "Асан уулу Бакыт", "Ардак грамота", _("primary organization"),
                            TODAY.strftime("%d.%m.%Y"), "", _("nominated")]]
    select(page, 0)
    assert page.buttons["grantAward"].isEnabled()

    grant = page.open_grant()
    assert isinstance(grant, AwardGrantDialog)
    assert grant.decision.decision_id() == protocol  # the protocol held since the nomination
    assert grant.awarded_on.date() == TODAY  # its date
    assert grant.certificate_no.placeholderText() == _("given on saving: {number}").format(
        number=f"{YEAR}/001")
    assert grant.save()
    settle(qtbot, page)
    assert cells(page)[0][0] == f"{YEAR}/001" and cells(page)[0][6] == _("awarded")
    assert cells(page)[0][5] == decisions.label("7", TODAY)
    assert page.notice.text() == _("Certificate {number} is given.").format(number=f"{YEAR}/001")
    [row] = awards.list_awards(app_state.db)
    assert (row.cost, row.reason) == (150_050, "Көп жылдык эмгеги үчүн")


def test_mistakes_are_shown_on_their_fields(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, app_state)
    dialog = page.open_nomination()
    assert isinstance(dialog, AwardDialog)
    qtbot.waitUntil(lambda: not dialog.picker.is_loading(), timeout=10000)
    dialog.cost.setText("көп")
    dialog.nominated_on.set_date(TODAY + dt.timedelta(days=4))
    assert not dialog.save()
    form = dialog.form
    assert form.error_text("member") == _("Choose the member from the list.")
    assert form.error_text("award_type") == _("This field is required.")
    assert form.error_text("cost") == _("Not an amount of money: {value}.").format(value="көп")
    assert form.error_text("nominated_on")
    assert form.is_marked("member") and form.is_marked("award_type")
    # Ёлкина left in 2020: not a member today
    dialog.picker.search.setText("1005")
    dialog.award_type.set_type(gramota(app_state))
    dialog.cost.setText("")
    dialog.nominated_on.set_date(TODAY)
    assert not dialog.save()
    assert "Ёлкина" in form.error_text("nominated_on")
    assert not form.error_text("cost") and not form.error_text("member")
    assert dialog.isVisible() and awards.list_awards(app_state.db) == []


def test_a_typed_duplicate_number_is_refused_in_place(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    protocol = decisions.create_decision(app_state.db, DecisionInput("7", TODAY))
    first = nominate(app_state, "1001")
    awards.grant(app_state.db, first, Grant(TODAY, protocol, certificate_no=f"{YEAR}/017"))
    nominate(app_state, "1006")
    page = open_page(qtbot, app_state)
    select(page, [r[1] for r in cells(page)].index("Үсөнов Өмүр Токтогулович"))
    grant = page.open_grant()
    assert isinstance(grant, AwardGrantDialog)
    assert grant.certificate_no.placeholderText().endswith(f"{YEAR}/018")
    grant.certificate_no.setText(f"{YEAR}/17")
    assert not grant.save()
    assert "Асан уулу Бакыт" in grant.form.error_text("certificate_no")
    assert grant.form.is_marked("certificate_no") and grant.isVisible()
    grant.decision.set_decision(None)
    grant.certificate_no.setText("")
    assert not grant.save()
    assert grant.form.error_text("decision")
    grant.decision.set_decision(protocol)
    assert grant.save()
    settle(qtbot, page)
    assert sorted(r[0] for r in cells(page)) == [f"{YEAR}/017", f"{YEAR}/018"]


def test_edit_by_double_click_and_delete_behind_a_question(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    protocol = decisions.create_decision(app_state.db, DecisionInput("7", TODAY))
    awards.grant(app_state.db, nominate(app_state, "1001"), Grant(TODAY, protocol))
    page = open_page(qtbot, app_state)
    page.table.itemActivated.emit(page.table.topLevelItem(0), 1)
    dialog = page.dialog
    assert isinstance(dialog, AwardDialog) and dialog.isVisible()
    assert dialog.certificate_no.text() == f"{YEAR}/001"  # an award shows its number
    assert dialog.decision.decision_id() == protocol
    dialog.reason.setText("Мыкты иши үчүн")
    assert dialog.save()
    settle(qtbot, page)
    assert awards.list_awards(app_state.db)[0].reason == "Мыкты иши үчүн"

    select(page, 0)
    box = page.ask_delete()
    assert box is not None and f"{YEAR}/001" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    assert len(awards.list_awards(app_state.db)) == 1
    box = page.ask_delete()
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    settle(qtbot, page)
    assert cells(page) == [] and awards.list_awards(app_state.db) == []
    assert awards.next_certificate(app_state.db, YEAR) == f"{YEAR}/002"  # never reused


@pytest.mark.usefixtures("source_strings")  # positions and labels in English
def test_filter_as_you_type_with_counts_and_the_year(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    protocol = decisions.create_decision(app_state.db, DecisionInput("7", TODAY))
    awards.grant(app_state.db, nominate(app_state, "1001"), Grant(TODAY, protocol))
    nominate(app_state, "1006")
    nominate(app_state, "2")
    last_year = dt.date(YEAR - 1, 6, 1)
    nominate(app_state, "1004", last_year)
    page = open_page(qtbot, app_state)
    assert len(cells(page)) == 3
    page.search.setText("үсөн")
    assert [r[1] for r in cells(page)] == ["Үсөнов Өмүр Токтогулович"]
    assert page.totals.text().startswith(f"{YEAR}: 1 ")
    page.search.setText(f"{YEAR}/001")
    assert [r[1] for r in cells(page)] == ["Асан уулу Бакыт"]
    page.search.setText("ЕЛЕНА")  # case aside; ё and е alike
    assert [r[1] for r in cells(page)] == ["Иванова Елена Петровна"]
    page.search.clear()
    assert page.totals.text() == _(
        "{year}: awarded {awarded}, nominated {nominated}; gifts and prizes {cost}"
    ).format(year=YEAR, awarded=1, nominated=2, cost="0,00")
    page.set_year(YEAR - 1)
    settle(qtbot, page)
    assert [r[1] for r in cells(page)] == ["Петров Алексей Сергеевич"]


def test_the_award_types_catalogue(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, app_state)
    dialog = page.open_types()
    assert isinstance(dialog, AwardTypesDialog)
    names = [dialog.table.topLevelItem(i).text(0) for i in range(dialog.table.topLevelItemCount())]
    assert names[:2] == ["Ардак грамота", "Ыраазычылык кат"]
    dialog.name.setText("Ардак грамота")
    assert dialog.add() is None
    assert dialog.form.error_text("name")
    dialog.name.setText("Жылдын мыкты мугалими")
    dialog.level.set_code("title")
    dialog.kind.set_code("title")
    added = dialog.add()
    assert added is not None and dialog.selected_id() == added
    dialog.name.setText("Жылдын мыкты мугалими наамы")
    dialog.active.setChecked(False)
    assert dialog.save() == added
    row = next(t for t in award_types.list_types(app_state.db) if t.id == added)
    assert (row.name, row.level, row.active) == ("Жылдын мыкты мугалими наамы", "title", False)
    nomination = page.open_nomination()
    assert isinstance(nomination, AwardDialog)
    offered = [nomination.award_type.itemData(i) for i in range(nomination.award_type.count())]
    assert added not in offered and gramota(app_state) in offered  # inactive: not offered


def test_import_wizard_and_export(qtbot, app_state: AppState, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    decisions.create_decision(app_state.db, DecisionInput("7", TODAY))
    path = tmp_path / "awards.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Номер билета", "Награда", "Дата", "Номер протокола"])
    sheet.append(["1001", "Почетная грамота", TODAY, "7"])
    sheet.append(["1002", "Грамота района", TODAY, "7"])
    book.save(path)
    page = open_page(qtbot, app_state)
    wizard = ImportWizard(app_state, "awards", page)
    qtbot.addWidget(wizard)
    assert wizard.windowTitle() == _("Import awards")
    wizard.set_file(path)
    wizard.show()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.job is None, timeout=15000)
    preview = wizard.preview_page.preview
    assert preview is not None and preview.problems == []
    assert [w.row for w in preview.warnings] == [3]  # the new type, a row worth a look
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == SUMMARY_PAGE, timeout=15000)
    assert "«Грамота района»" in wizard.summary_page.text.text()
    wizard.accept()
    settle(qtbot, page)
    assert sorted(r[0] for r in cells(page)) == [f"{YEAR}/001", f"{YEAR}/002"]

    target = tmp_path / "out.xlsx"
    page.export_to(target)
    qtbot.waitUntil(lambda: page.box is not None and page.box.isVisible(), timeout=15000)
    exported = openpyxl.load_workbook(target).active
    assert exported is not None and exported.max_row == 3
    page.box.accept()


def test_texts_follow_the_language(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, app_state)
    set_language("ru")
    page.retranslate()
    header = page.table.headerItem()
    assert header.text(0) == translate_in("ru", "Certificate no")
    assert page.buttons["newNomination"].text() == translate_in("ru", "New nomination…")
    assert page.year_label.text() == translate_in("ru", "&Year:")
    set_language("ky")
    page.retranslate()
    assert page.heading.text() == translate_in("ky", "Awards")


def test_the_member_dialogs_awards_tab(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    from unionapp.ui.dialogs.member_dialog import MemberDialog

    protocol = decisions.create_decision(app_state.db, DecisionInput("7", TODAY))
    awards.grant(app_state.db, nominate(app_state, "1001"), Grant(TODAY, protocol))
    nominate(app_state, "1001")
    dialog = MemberDialog(app_state, card(app_state, "1001"))
    qtbot.addWidget(dialog)
    tab = dialog.award_tab
    assert dialog.tabs.tabText(dialog.tabs.indexOf(tab)) == _("Awards")
    assert [row[3] for row in tab.rows()] == [
        f"{YEAR}/001", _("nominated on {date}").format(date=TODAY.strftime("%d.%m.%Y"))]
    assert tab.rows()[0][4] == decisions.label("7", TODAY)
    empty = MemberDialog(app_state, card(app_state, "1002"))
    qtbot.addWidget(empty)
    assert empty.award_tab.is_empty_shown()
