"""A cash receipt typed in by hand: from the Dues page (the member chosen in the register's
search) and from the member's own Dues tab; bad input marked on its fields and nothing
saved; a receipt entered by mistake deleted after a question."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from test_dues_page import EARLIER, MONTH, group_names, known_month, open_page, settle

from unionapp.core import dues, members
from unionapp.core.formatting import format_date, format_money
from unionapp.core.i18n import _
from unionapp.ui.dialogs.cash_dialog import CashDialog
from unionapp.ui.dialogs.member_dialog import MemberDialog
from unionapp.ui.state import AppState

UMUR = "Үсөнов Өмүр Токтогулович"


def cash_group(page) -> list[str]:  # type: ignore[no-untyped-def]
    return group_names(page.lists["missing"].topLevelItem(2))


def ready(qtbot, dialog: CashDialog, *, own: bool = True) -> CashDialog:  # type: ignore[no-untyped-def]
    """``own``: a dialog made by the test (one opened by the program deletes itself)."""
    if own:
        qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.picker.is_loading(), timeout=10000)
    return dialog


def save_button(dialog: CashDialog):  # type: ignore[no-untyped-def]
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_a_receipt_added_by_hand_takes_the_member_off_the_months_list(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState, tmp_path: Path
) -> None:
    known_month(app_state, tmp_path)
    page = open_page(qtbot, app_state)
    assert cash_group(page) == [UMUR]  # his receipt covers only the month before

    qtbot.mouseClick(page.add_cash_button, Qt.MouseButton.LeftButton)
    dialog = page.cash_dialog
    assert dialog is not None and dialog.isVisible()
    ready(qtbot, dialog, own=False)
    assert dialog.period.months() == (MONTH, MONTH)  # the page's month by default
    assert dialog.paid_on.date() == dt.date.today()
    dialog.picker.search.setText("үсөн")  # (keyClicks takes ASCII only)
    assert dialog.picker.matches() == [f"1006 · {UMUR} · Математика кафедрасы"]
    umur = members.find_by_card(app_state.db, "1006")
    assert dialog.picker.member_id() == umur  # the one match is chosen
    dialog.receipt_no.setText("К-7")
    dialog.amount.setText("1 250,5")
    dialog.note.setText("пенсия")
    with qtbot.waitSignal(app_state.data_changed, timeout=5000) as changed:
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert changed.args == ["dues"]

    assert umur is not None
    newest = dues.member_cash_payments(app_state.db, umur)[0]
    assert (newest.receipt_no, newest.amount, newest.note) == ("К-7", 125_050, "пенсия")
    assert (newest.period_from, newest.period_to, newest.paid_on) == (MONTH, MONTH, dt.date.today())
    # the page heard of it and reconciled the month again
    qtbot.waitUntil(lambda: cash_group(page) == [], timeout=10000)
    settle(qtbot, page, MONTH)


def test_a_card_number_typed_in_full_chooses_that_member(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    dialog = ready(qtbot, CashDialog(app_state, month=MONTH))
    dialog.show()
    dialog.activateWindow()
    qtbot.keyClicks(dialog.picker.search, "10")  # also inside 1001 ... 1008
    assert len(dialog.picker.matches()) > 1
    assert dialog.picker.member_id() == members.find_by_card(app_state.db, "10")
    # Enter with a member chosen goes on to the receipt, not to Save
    qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.error_text("amount") == ""
    assert dialog.focusWidget() is dialog.receipt_no
    dialog.picker.search.setFocus()
    qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Down)  # into the matches
    assert dialog.focusWidget() is dialog.picker.results
    dialog.picker.search.setText("ёлкина")  # ё or е, any case; left members are listed too
    assert dialog.picker.matches() == [
        _("{who} (left on {date})").format(
            who="1005 · Ёлкина Ольга Ивановна · Бухгалтерия", date=format_date(dt.date(2020, 6, 30))
        )
    ]
    dialog.picker.search.setText("бакиев")
    assert dialog.picker.member_id() == members.find_by_card(app_state.db, "10")
    dialog.picker.search.setText("бак")  # the choice stays while it is still listed
    assert dialog.picker.member_id() == members.find_by_card(app_state.db, "10")
    dialog.picker.search.setText("нет такого")
    assert dialog.picker.matches() == [] and dialog.picker.member_id() is None
    dialog.picker.search.setText("а")  # many: nobody chosen until one is picked
    assert dialog.picker.member_id() is None
    dialog.picker.results.setCurrentRow(1)
    assert dialog.picker.member_id() is not None


def test_bad_input_is_marked_all_at_once_and_nothing_is_saved(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState, ui_db_path: Path
) -> None:
    dialog = ready(qtbot, CashDialog(app_state, month=MONTH))
    dialog.show()
    dialog.picker.search.setText("нет такого")
    dialog.paid_on.setText("31.02.2026")
    dialog.amount.setText("-5")
    dialog.period.set_months(MONTH, EARLIER)
    heard: list[str] = []
    app_state.data_changed.connect(heard.append)

    assert dialog.save() is False
    assert dialog.isVisible()
    assert dialog.error_text("member") == _("Choose the member from the list.")
    assert dialog.error_text("paid_on") == _("There is no such date: {value}.").format(
        value="31.02.2026")
    assert dialog.error_text("amount") == _("The amount must be more than zero.")
    assert dialog.error_text("period") == _(
        "The period ends before it starts: {first} - {last}."
    ).format(first=MONTH.strftime("%m.%Y"), last=EARLIER.strftime("%m.%Y"))
    assert dialog.form.is_marked("period") and dialog.form.is_marked("member")

    # text for an amount, no date: their own messages; the rest now right
    dialog.picker.search.setText("1006")
    dialog.amount.setText("бир жүз")
    dialog.paid_on.setText("")
    dialog.period.set_months(EARLIER, MONTH)
    assert dialog.save() is False
    assert dialog.error_text("member") == "" and dialog.error_text("period") == ""
    assert dialog.error_text("amount") == _("Not an amount of money: {value}.").format(
        value="бир жүз")
    assert dialog.error_text("paid_on") == _("This field is required.")
    dialog.amount.setText("")
    dialog.paid_on.setText("01.10.2026")
    assert dialog.save() is False
    assert dialog.error_text("amount") == _("This field is required.")
    assert dialog.error_text("paid_on") == ""

    umur = members.find_by_card(app_state.db, "1006")
    assert umur is not None and dues.member_cash_payments(app_state.db, umur) == []
    assert heard == []
    dialog.reject()


def test_the_members_dues_tab_adds_and_deletes_a_receipt(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState, tmp_path: Path
) -> None:
    known_month(app_state, tmp_path)
    umur = members.find_by_card(app_state.db, "1006")
    assert umur is not None
    member_dialog = MemberDialog(app_state, umur)
    qtbot.addWidget(member_dialog)
    member_dialog.show()
    tab = member_dialog.dues_tab
    assert tab.receipt_rows() == [
        ["R-1", format_date(EARLIER), format_money(50_000), EARLIER.strftime("%m.%Y"), ""]
    ]

    dialog = tab.add_payment()
    assert dialog is not None
    assert dialog.picker.member_id() == umur and dialog.picker.search.isReadOnly()
    assert not dialog.picker.results.isVisible()
    dialog.receipt_no.setText("К-8")
    dialog.amount.setText("900.00")  # paid today, after R-1
    dialog.period.set_months(EARLIER, MONTH)
    assert dialog.save() is True
    # the tab heard of it: the new receipt first (paid later), the months share it
    qtbot.waitUntil(lambda: len(tab.receipt_rows()) == 2, timeout=5000)
    first, _older = tab.receipt_rows()
    assert first[:3] == ["К-8", format_date(dt.date.today()), format_money(90_000)]
    assert first[3] == dues.compact_period(EARLIER, MONTH)
    assert tab.rows()[0][3] == format_money(45_000)

    # deleting needs a chosen receipt and a Yes
    assert not tab.delete_button.isEnabled() and tab.ask_delete() is None
    tab.select_receipt(0)
    assert tab.delete_button.isEnabled()
    box = tab.ask_delete()
    assert box is not None
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    assert len(dues.member_cash_payments(app_state.db, umur)) == 2
    tab.select_receipt(0)
    box = tab.ask_delete()
    assert box is not None
    assert "К-8" in box.text()
    with qtbot.waitSignal(app_state.data_changed, timeout=5000):
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert [p.receipt_no for p in dues.member_cash_payments(app_state.db, umur)] == ["R-1"]
    assert [r[0] for r in tab.receipt_rows()] == ["R-1"]
    member_dialog.reject()


def test_a_new_member_cannot_get_a_receipt_yet(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    dialog = MemberDialog(app_state)
    qtbot.addWidget(dialog)
    assert not dialog.dues_tab.add_button.isEnabled()
    assert dialog.dues_tab.add_payment() is None
    assert dialog.dues_tab.add_button.toolTip() == _("Save the member first.")
