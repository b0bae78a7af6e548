"""Regressions found by the benefits QA pass (issue 5) in the window, one test per defect fixed:
messages cut off under their fields, an award dated by the first protocol chosen, a protocol
of vouchers offering certificates, the queue's «Why» squeezed away, withdrawn applications
that could not be reopened, the voucher dialog without «New protocol…», and delete buttons
named unlike the other pages'."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QMessageBox, QWidget

from unionapp.core import aid, awards, decisions, members, voucher_applications, vouchers
from unionapp.core.aid import AidInput
from unionapp.core.awards import AwardInput
from unionapp.core.decisions import DecisionInput
from unionapp.core.i18n import _
from unionapp.core.institutions import InstitutionInput, create_institution
from unionapp.core.voucher_applications import ApplicationInput
from unionapp.core.vouchers import VoucherInput
from unionapp.ui.dialogs.award_grant_dialog import AwardGrantDialog
from unionapp.ui.dialogs.voucher_dialog import VoucherDialog
from unionapp.ui.pages.decisions import DecisionsPage
from unionapp.ui.pages.vouchers import VouchersPage
from unionapp.ui.pages.vouchers_table import STRETCH_ROOM
from unionapp.ui.state import AppState

TODAY = dt.date.today()


def card(state: AppState, card_no: str) -> int:
    member = members.find_by_card(state.db, card_no)
    assert member is not None
    return member


def open_vouchers(qtbot, state: AppState, width: int = 900) -> VouchersPage:  # type: ignore[no-untyped-def]
    page = VouchersPage(state)
    qtbot.addWidget(page)
    page.resize(width, 600)
    page.show()
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10000)
    return page


def overlaps(form_widget: QWidget, errors: dict[str, QWidget],
             widgets: dict[str, QWidget]) -> list[str]:
    """Fields whose shown message runs under another field of the form."""
    found = []
    for name, label in errors.items():
        if label.isHidden():
            continue
        box = label.geometry()
        for other, widget in widgets.items():
            if other != name and widget.parent() is label.parent() and \
                    widget.geometry().intersects(box):
                found.append(f"{name} under {other}")
    assert form_widget.height() >= form_widget.minimumSizeHint().height()
    return found


def test_every_message_of_the_voucher_dialog_shows_whole(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    dialog = VoucherDialog(app_state)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start_date.set_date(dt.date(2026, 12, 20))
    dialog.end_date.set_date(dt.date(2026, 12, 10))
    dialog.cost.setText("abc")
    dialog.copay.setText("-5")
    assert not dialog.save()
    qtbot.wait(50)
    assert dialog.error_text("end_date") and dialog.error_text("copay")
    assert overlaps(dialog.form, dialog.form.errors, dialog.form.widgets) == []


def test_the_grant_dialog_shows_a_long_refusal_whole(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    held = decisions.create_decision(app_state.db, DecisionInput("4", TODAY))
    first = awards.create_award(app_state.db, AwardInput(
        card(app_state, "1001"), _type(app_state), TODAY, decision_id=held, awarded_on=TODAY))
    assert first
    nomination = awards.create_award(app_state.db, AwardInput(
        card(app_state, "1002"), _type(app_state), TODAY))
    row = next(r for r in awards.list_awards(app_state.db, TODAY.year) if r.id == nomination)
    given = next(r for r in awards.list_awards(app_state.db, TODAY.year) if r.id == first)
    dialog = AwardGrantDialog(app_state, row)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.certificate_no.setText(given.certificate)
    assert not dialog.save()
    qtbot.wait(50)
    assert given.certificate in dialog.form.error_text("certificate_no")
    assert overlaps(dialog.form, dialog.form.errors, dialog.form.widgets) == []


def _type(state: AppState) -> int:
    from unionapp.core import award_types

    return award_types.list_types(state.db)[0].id


def test_the_award_date_follows_the_protocol_chosen_until_typed(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    early, late = dt.date(2025, 3, 4), dt.date(2025, 10, 1)
    decisions.create_decision(app_state.db, DecisionInput("2", early))
    decisions.create_decision(app_state.db, DecisionInput("9", late))
    nomination = awards.create_award(app_state.db, AwardInput(
        card(app_state, "1001"), _type(app_state), dt.date(2025, 2, 1)))
    row = next(r for r in awards.list_awards(app_state.db, 2025) if r.id == nomination)
    dialog = AwardGrantDialog(app_state, row)
    qtbot.addWidget(dialog)
    combo = dialog.decision.combo
    combo.setCurrentIndex(combo.findData(next(
        r.id for r in dialog.decision.rows if r.held_on == late)))
    assert dialog.awarded_on.date() == late
    combo.setCurrentIndex(combo.findData(next(
        r.id for r in dialog.decision.rows if r.held_on == early)))
    assert dialog.awarded_on.date() == early  # it kept 01.10.2025 before
    dialog.awarded_on.set_date(dt.date(2025, 3, 10))  # typed by the user: kept
    combo.setCurrentIndex(combo.findData(next(
        r.id for r in dialog.decision.rows if r.held_on == late)))
    assert dialog.awarded_on.date() == dt.date(2025, 3, 10)


def test_print_certificates_only_for_a_protocol_that_granted_an_award(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState
) -> None:
    only_aid = decisions.create_decision(app_state.db, DecisionInput("1", TODAY))
    with_award = decisions.create_decision(app_state.db, DecisionInput("2", TODAY))
    aid.add_aid(app_state.db, AidInput(card(app_state, "1001"), "illness", 300_000, TODAY,
                                       only_aid))
    awards.create_award(app_state.db, AwardInput(
        card(app_state, "1002"), _type(app_state), TODAY, decision_id=with_award,
        awarded_on=TODAY))
    page = DecisionsPage(app_state)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: len(page.rows) == 2, timeout=10000)
    for decision_id, enabled in ((only_aid, False), (with_award, True)):
        assert page.select_decision(decision_id)
        qtbot.waitUntil(lambda d=decision_id: page.granted_for == d, timeout=10000)
        assert page.certificates_button.isEnabled() is enabled


def test_the_camp_queue_keeps_room_for_why(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    parent = card(app_state, "1001")
    child = members.get_member(app_state.db, parent).children[0]
    create_institution(app_state.db, InstitutionInput("«Сокол» балдар лагери", "children_camp",
                                                      7, 16))
    voucher_applications.create_application(app_state.db, ApplicationInput(
        parent, "children_camp", TODAY, "summer", child.id))
    page = open_vouchers(qtbot, app_state, width=780)
    page.queue.kind.set_code("children_camp")
    qtbot.waitUntil(lambda: not page.is_loading() and page.queue.model.rowCount() == 1,
                    timeout=10000)
    why = [c.title for c in page.queue.model.columns].index("Why")
    assert page.queue.table.columnWidth(why) >= STRETCH_ROOM


def test_a_withdrawn_application_returns_to_the_queue(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    member = card(app_state, "1002")
    applied = TODAY - dt.timedelta(days=40)
    app_id = voucher_applications.create_application(
        app_state.db, ApplicationInput(member, "sanatorium", applied, many_children=True))
    page = open_vouchers(qtbot, app_state)
    page.queue.select(app_id)
    box = page.queue.ask_withdraw()
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: not page.is_loading() and page.queue.model.rowCount() == 0,
                    timeout=10000)
    dialog = page.queue.open_withdrawn()
    assert dialog.model.rowCount() == 1 and dialog.reopen_button.isEnabled()
    assert dialog.reopen(), dialog.problem.text()
    qtbot.waitUntil(lambda: not page.is_loading() and page.queue.model.rowCount() == 1,
                    timeout=10000)
    back = page.queue.model.record(0).applicant
    assert (back.application_id, back.applied_on, back.many_children) == (app_id, applied, True)
    assert dialog.model.rowCount() == 0 and dialog.empty.isVisibleTo(dialog)
    # a member waiting again already: refused in place, nothing changes
    voucher_applications.withdraw_application(app_state.db, app_id)
    voucher_applications.create_application(app_state.db, ApplicationInput(
        member, "sanatorium", TODAY))
    dialog.reload()
    assert not dialog.reopen()
    assert dialog.problem.isVisibleTo(dialog) and dialog.problem.text()
    assert voucher_applications.application_status(app_state.db, app_id) == "withdrawn"


def test_the_voucher_dialog_records_a_new_protocol_like_the_others(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState
) -> None:
    dialog = VoucherDialog(app_state)
    qtbot.addWidget(dialog)
    assert dialog.decision.new_button.toolTip() == _("Record a protocol that is not in the "
                                                     "register yet")
    assert dialog.decision.combo.currentText() == _("— choose the protocol —")
    held = decisions.create_decision(app_state.db, DecisionInput("5", TODAY))
    dialog.decision.reload(select=held)
    dialog.picker.set_fixed(card(app_state, "1004"), "1004")
    dialog.start_date.set_date(TODAY)
    dialog.end_date.set_date(TODAY + dt.timedelta(days=10))
    dialog.cost.setText("20000")
    assert dialog.save(), [dialog.error_text(n) for n in dialog.form.errors]
    assert dialog.saved_id is not None
    assert vouchers.get_voucher(app_state.db, dialog.saved_id).decision_id == held


def test_the_vouchers_delete_buttons_are_named_like_the_other_pages(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState
) -> None:
    voucher = vouchers.issue_voucher(app_state.db, VoucherInput(
        card(app_state, "1004"), "sanatorium", TODAY, TODAY + dt.timedelta(days=9), 1_000_000))
    page = open_vouchers(qtbot, app_state)
    assert page.issued.buttons["delete"].text() == _("Delete…")
    assert page.places.buttons["delete"].text() == _("Delete…")
    row = page.issued.model.row_of(lambda r: r.id == voucher)
    page.issued.table.selectRow(row)
    box = page.issued.ask_delete()
    assert box is not None
    assert box.button(QMessageBox.StandardButton.Yes).text() == _("Delete")
    assert box.button(QMessageBox.StandardButton.No).text() == _("Do not delete")
    box.button(QMessageBox.StandardButton.No).click()


def test_the_voucher_dialog_fits_an_800_px_screen_in_both_languages(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState
) -> None:
    from unionapp.core.i18n import set_language

    try:
        for lang in ("ky", "ru"):
            set_language(lang)
            dialog = VoucherDialog(app_state)
            qtbot.addWidget(dialog)
            dialog.show()
            assert dialog.minimumSizeHint().width() <= 790, lang  # it was 837 in Russian
            assert dialog.decision.new_button.text() == _("New…")
            dialog.close()
    finally:
        set_language("ky")


def test_the_decisions_year_choice_shows_all_years_whole_in_russian(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState
) -> None:
    from PySide6.QtWidgets import QComboBox

    from unionapp.core.i18n import set_language

    decisions.create_decision(app_state.db, DecisionInput("1", TODAY))
    page = DecisionsPage(app_state)
    qtbot.addWidget(page)
    page.resize(780, 560)
    page.show()
    qtbot.waitUntil(lambda: len(page.rows) == 1, timeout=10000)
    try:
        set_language("ru")
        page.retranslate()
        qtbot.wait(20)
        text = page.year.itemText(0)
        assert text == _("All years")
        fresh = QComboBox()  # a combo first shown with the Russian words
        qtbot.addWidget(fresh)
        for index in range(page.year.count()):
            fresh.addItem(page.year.itemText(index))
        assert page.year.width() >= fresh.sizeHint().width()
    finally:
        set_language("ky")


def test_an_award_type_has_a_title_not_a_persons_name(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    from unionapp.ui.dialogs.award_types_dialog import AwardTypesDialog

    dialog = AwardTypesDialog(app_state)
    qtbot.addWidget(dialog)
    label = dialog.form.labels["name"].text()
    assert label == _("Title of the award") + ":"
    assert label != _("Name") + ":"  # «Имя:» / «Аты:» was shown for a badge's name


def test_the_awards_list_needs_no_sideways_scrolling_at_800_px_in_kyrgyz(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState
) -> None:
    from unionapp.ui.pages.awards import AwardsPage

    held = decisions.create_decision(app_state.db, DecisionInput("3", TODAY))
    for card_no in ("1001", "1002", "1006"):
        awards.create_award(app_state.db, AwardInput(
            card(app_state, card_no), _type(app_state), TODAY, reason="Мугалимдер күнүнө карата",
            decision_id=held if card_no != "1006" else None,
            awarded_on=TODAY if card_no != "1006" else None))
    page = AwardsPage(app_state)
    qtbot.addWidget(page)
    page.resize(566, 520)  # the page's width in an 800 px window
    page.show()
    qtbot.waitUntil(lambda: not page.is_loading() and len(page.rows) == 3, timeout=10000)
    table = page.table
    assert table.header().length() <= table.viewport().width()
    status = table.columnCount() - 1
    assert table.columnWidth(status) >= table.sizeHintForColumn(status)  # «сыйлыкка көрсөтүлгөн»


def test_the_aid_list_keeps_the_names_readable_at_800_px(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    from unionapp.ui.pages.aid import MEMBER_COLUMN, AidPage

    held = decisions.create_decision(app_state.db, DecisionInput("9", TODAY))
    for card_no, reason in (("1001", "death"), ("1006", "birth"), ("1004", "wedding")):
        aid.add_aid(app_state.db, AidInput(card(app_state, card_no), reason, 500_000, TODAY,
                                           held))
    page = AidPage(app_state)
    qtbot.addWidget(page)
    page.resize(566, 520)  # the page's width in an 800 px window
    page.show()
    qtbot.waitUntil(lambda: not page.is_loading() and page.table.topLevelItemCount() == 3,
                    timeout=10000)
    table = page.table
    assert table.header().length() <= table.viewport().width()
    # the names were squeezed to «Үсөн…» beside a whole «…-жылдагы № 9»
    assert table.columnWidth(MEMBER_COLUMN) >= table.sizeHintForColumn(MEMBER_COLUMN)


def test_home_anniversaries_keep_the_names_readable_when_narrow(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    from unionapp.core.members import MemberInput
    from unionapp.ui.pages.home import HomePage

    soon = TODAY + dt.timedelta(days=3)
    members.create_member(app_state.db, MemberInput(
        card_no="3001", surname="Бекболотова", name="Жибек", patronymic="Жыргалбековна",
        join_date=dt.date(2001, 1, 1), birth_date=soon.replace(year=soon.year - 60),
        department="Факультет иностранных языков и международных отношений"))
    page = HomePage(app_state)
    qtbot.addWidget(page)
    page.resize(566, 700)
    page.show()
    qtbot.waitUntil(lambda: not page.is_loading() and page.data is not None, timeout=10000)
    tree = page.anniversaries
    assert tree.topLevelItemCount() == 1
    assert tree.columnWidth(1) >= tree.sizeHintForColumn(1)  # «Бекболотова Жибек Жыргалбековна»
    assert tree.header().length() <= tree.viewport().width()
