"""The Vouchers page: the queue in its order with the reasons, applications and vouchers through
their dialogs (mistakes on their fields), issuing from the queue, the year's list with totals,
delete behind a question, import and export, the catalogue, and both languages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from unionapp.core import decisions, members, voucher_applications, vouchers
from unionapp.core.decisions import DecisionInput
from unionapp.core.formatting import format_money
from unionapp.core.i18n import _
from unionapp.core.institutions import InstitutionInput, create_institution, list_institutions
from unionapp.core.voucher_applications import ApplicationInput
from unionapp.core.voucher_queue import load_queue
from unionapp.core.vouchers import VoucherInput
from unionapp.ui.dialogs.import_wizard import SUMMARY_PAGE
from unionapp.ui.dialogs.voucher_dialog import VoucherDialog
from unionapp.ui.pages.vouchers import VouchersPage
from unionapp.ui.state import AppState

TODAY = dt.date.today()
YEAR = TODAY.year


def card(state: AppState, card_no: str) -> int:
    member = members.find_by_card(state.db, card_no)
    assert member is not None
    return member


def apply(state: AppState, card_no: str, kind: str = "sanatorium", **extra: object) -> int:
    return voucher_applications.create_application(
        state.db, ApplicationInput(card(state, card_no), kind, TODAY - dt.timedelta(days=30),
                                   **extra))  # type: ignore[arg-type]


def open_page(qtbot, state: AppState) -> VouchersPage:  # type: ignore[no-untyped-def]
    page = VouchersPage(state)
    qtbot.addWidget(page)
    page.resize(900, 600)
    page.show()
    settle(qtbot, page)
    return page


def settle(qtbot, page: VouchersPage) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10000)


def column(table, model, title: str) -> list[str]:  # type: ignore[no-untyped-def]
    index = [c.title for c in model.columns].index(title)
    return [model.index(r, index).data() for r in range(model.rowCount())]


@pytest.mark.usefixtures("source_strings")  # the rule in its English words
def test_the_queue_shows_its_order_points_and_reasons(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState
) -> None:
    apply(app_state, "1001")
    apply(app_state, "1006", many_children=True)
    apply(app_state, "1002", disability=True)
    page = open_page(qtbot, app_state)
    tab = page.queue
    expected = load_queue(app_state.db, "sanatorium").positions
    assert column(tab.table, tab.model, "Member") == [p.applicant.member_name for p in expected]
    assert column(tab.table, tab.model, "Points") == [str(p.points) for p in expected]
    why = column(tab.table, tab.model, "Why")
    assert all("last voucher: never" in text for text in why)
    assert any("many children: +5" in text for text in why)
    tab.table.selectRow(0)
    assert expected[0].reasons_text() in tab.detail.text()
    assert tab.withdraw_button.isEnabled() and tab.issue_button.isEnabled()
    tab.search.setText("ҮСӨН")
    assert column(tab.table, tab.model, "Member") == ["Үсөнов Өмүр Токтогулович"]
    assert tab.count.text() == _("Shown: {shown} of {total}").format(shown=1, total=3)
    tab.rules_button.setChecked(True)
    assert "never had a voucher counts as 10 years" in tab.rules.text()
    tab.kind.set_code("tour")
    settle(qtbot, page)
    assert tab.model.rowCount() == 0


def test_a_new_application_marks_its_mistakes_then_joins_the_queue(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState
) -> None:
    page = open_page(qtbot, app_state)
    dialog = page.queue.new_application()
    qtbot.waitUntil(lambda: not dialog.picker.is_loading(), timeout=10000)
    dialog.applied_on.setText("31.02.2026")
    assert not dialog.save()
    assert dialog.error_text("member") and dialog.error_text("applied_on")
    dialog.picker.search.setText("1002")
    dialog.applied_on.set_date(TODAY)
    dialog.kind.set_code("children_camp")  # a camp needs a child
    assert not dialog.save()
    assert dialog.error_text("child") and not dialog.error_text("member")
    assert dialog.season.code() == "summer"
    dialog.kind.set_code("rest_home")
    dialog.many_children.setChecked(True)
    assert dialog.save()
    page.queue.kind.set_code("rest_home")
    settle(qtbot, page)
    assert column(page.queue.table, page.queue.model, "Member") == ["Сейит кызы Жаңыл"]


@pytest.mark.usefixtures("source_strings")  # the rule in its English words
def test_a_voucher_is_issued_from_the_queue(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState
) -> None:
    parent = card(app_state, "1001")
    child = members.get_member(app_state.db, parent).children[0]
    create_institution(app_state.db, InstitutionInput("Лагерь «Ала-Тоо»", "children_camp", 7, 10))
    app = apply(app_state, "1001", "children_camp", child_id=child.id, season="summer")
    page = open_page(qtbot, app_state)
    page.queue.kind.set_code("children_camp")
    settle(qtbot, page)
    page.queue.table.selectRow(0)
    page.queue.issue_button.click()  # the page opens the voucher dialog for the application
    [dialog] = page.findChildren(VoucherDialog)
    assert dialog.picker.search.isReadOnly() and not dialog.kind.isEnabled()
    assert dialog.child.current_id() == child.id and not dialog.child.isEnabled()
    start = dt.date(YEAR, 6, 1)
    dialog.start_date.set_date(start)
    dialog.end_date.set_date(start + dt.timedelta(days=20))
    dialog.place.combo.setCurrentIndex(1)
    dialog.cost.setText("15 000")
    dialog.copay.setText("16000")
    assert dialog.subsidy.text() == format_money(-100_000)
    assert not dialog.save()
    assert dialog.error_text("copay")
    assert "older than" in dialog.error_text("child")  # 14 years old, the camp takes up to 10
    dialog.place.combo.setCurrentIndex(0)  # no place named: no ages to check
    dialog.copay.setText("3000,50")
    assert dialog.subsidy.text() == format_money(1_199_950)
    assert not dialog.save()  # every voucher refers to the protocol that granted it
    assert dialog.error_text("decision")
    held = decisions.create_decision(app_state.db, DecisionInput("4", dt.date.today()))
    dialog.decision.reload(select=held)
    assert dialog.save()
    settle(qtbot, page)
    assert voucher_applications.application_status(app_state.db, app) == "granted"
    assert page.queue.model.rowCount() == 0
    issued = page.issued
    issued.year.setCurrentIndex(issued.year.findData(YEAR))
    settle(qtbot, page)
    assert column(issued.table, issued.model, "Child") == [child.full_name]
    assert format_money(1_199_950) in issued.totals.text()


def test_the_issued_list_filters_totals_exports_and_deletes(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState, tmp_path: Path
) -> None:
    db = app_state.db
    for card_no, start, cost in (("1001", dt.date(YEAR, 3, 1), 1_000_000),
                                 ("1006", dt.date(YEAR, 4, 1), 2_000_000),
                                 ("1002", dt.date(YEAR - 1, 5, 1), 500_000)):
        vouchers.issue_voucher(db, VoucherInput(card(app_state, card_no), "sanatorium", start,
                                                start + dt.timedelta(days=12), cost, 100_000))
    page = open_page(qtbot, app_state)
    issued = page.issued
    issued.year.setCurrentIndex(issued.year.findData(YEAR))
    settle(qtbot, page)
    assert issued.model.rowCount() == 2
    assert format_money(2_800_000) in issued.totals.text()  # subsidy: 3 000 000 − 200 000
    issued.search.setText("асан")
    assert column(issued.table, issued.model, "Member") == ["Асан уулу Бакыт"]
    assert format_money(900_000) in issued.totals.text()
    issued.search.clear()
    issued.year.setCurrentIndex(0)  # all years
    settle(qtbot, page)
    assert issued.model.rowCount() == 3
    target = tmp_path / "vouchers.xlsx"
    issued.export_to(target)
    qtbot.waitUntil(lambda: target.exists(), timeout=10000)
    assert openpyxl.load_workbook(target).active.max_row == 4  # type: ignore[union-attr]
    issued.table.selectRow(0)
    box = issued.ask_delete()
    assert box is not None
    box.button(QMessageBox.StandardButton.No).click()
    assert len(vouchers.list_vouchers(db)) == 3
    box = issued.ask_delete()
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    settle(qtbot, page)
    assert len(vouchers.list_vouchers(db)) == 2 and issued.model.rowCount() == 2


def test_withdrawing_takes_an_application_out_of_the_queue(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState
) -> None:
    app = apply(app_state, "1006")
    page = open_page(qtbot, app_state)
    page.queue.table.selectRow(0)
    box = page.queue.ask_withdraw()
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    settle(qtbot, page)
    assert page.queue.model.rowCount() == 0
    assert voucher_applications.application_status(app_state.db, app) == "withdrawn"


def test_the_catalogue_tab(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState
) -> None:
    page = open_page(qtbot, app_state)
    tab = page.places
    dialog = tab.new()
    dialog.name.setText("Лагерь «Ала-Тоо»")
    dialog.kind.set_code("children_camp")
    dialog.ages.set_ages(12, 8)
    assert not dialog.save()
    assert dialog.error_text("max_child_age")
    dialog.ages.set_ages(7, 14)
    assert dialog.save()
    dialog = tab.new()
    dialog.name.setText("лагерь «ала-тоо»")
    assert not dialog.save() and dialog.error_text("name")
    dialog.reject()
    assert column(tab.table, tab.model, "Children's ages") == [_("{low}–{high} years").format(
        low=7, high=14)]
    tab.table.selectRow(0)
    box = tab.ask_delete()
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    assert list_institutions(app_state.db) == [] and tab.model.rowCount() == 0


def test_import_wizard_for_vouchers_names_the_new_place(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState, tmp_path: Path
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Номер билета", "Вид", "Учреждение", "Дата начала", "Дата окончания",
                  "Стоимость", "Оплата работника"])
    sheet.append(["1006", "санаторий", "Санаторий «Ысык-Көл»", dt.datetime(YEAR, 2, 1),
                  dt.datetime(YEAR, 2, 12), 20000, 4000])
    path = tmp_path / "vouchers.xlsx"
    book.save(path)
    page = open_page(qtbot, app_state)
    wizard = page.issued.open_import()  # the page's child: closed with it
    assert wizard.windowTitle() == _("Import vouchers")
    wizard.set_file(path)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.job is None, timeout=15000)
    assert wizard.preview_page.preview is not None
    assert wizard.preview_page.preview.problems == []
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == SUMMARY_PAGE, timeout=15000)
    assert "«Санаторий „Ысык-Көл“»" in wizard.summary_page.text.text()
    wizard.accept()
    settle(qtbot, page)
    assert [r.name for r in list_institutions(app_state.db)] == ["Санаторий «Ысык-Көл»"]


def test_the_page_switches_language(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState
) -> None:
    apply(app_state, "1001")
    page = open_page(qtbot, app_state)
    for lang in ("ru", "ky"):
        app_state.set_language(lang)
        page.retranslate()
        assert page.heading.text() == _("Vouchers")
        assert page.tabs.tabText(0) == _("Queue")
        assert page.queue.print_button.text() == _("Print queue…")
        assert page.queue.model.headerData(0, Qt.Orientation.Horizontal) == _("No.")


def test_the_member_dialog_lists_the_vouchers_of_the_member_and_children(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState
) -> None:
    from unionapp.ui.dialogs.member_dialog import MemberDialog

    parent = card(app_state, "1001")
    child = members.get_member(app_state.db, parent).children[0]
    start = dt.date(YEAR, 6, 1)
    vouchers.issue_voucher(app_state.db, VoucherInput(
        parent, "children_camp", start, start + dt.timedelta(days=20), 1_500_000, 300_000,
        child_id=child.id))
    dialog = MemberDialog(app_state, parent)
    qtbot.addWidget(dialog)
    tab = dialog.vouchers_tab
    assert dialog.tabs.tabText(dialog.tabs.indexOf(tab)) == _("Vouchers")
    assert not tab.is_empty_shown()
    [row] = tab.rows()
    assert row[2] == child.full_name and row[4] == format_money(1_200_000)
    other = MemberDialog(app_state, card(app_state, "1006"))
    qtbot.addWidget(other)
    assert other.vouchers_tab.is_empty_shown()
