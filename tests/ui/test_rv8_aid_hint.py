"""Review 8 #31: the aid dialog's yearly-cap hint hides only refusals (a member deleted
meanwhile); a bug behind it is logged with its traceback instead of vanishing."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3

import pytest

from unionapp.core import aid, members, settings
from unionapp.ui.dialogs.aid_dialog import AidDialog
from unionapp.ui.state import AppState

TODAY = dt.date.today()


def dialog_for(qtbot, state: AppState, card_no: str) -> AidDialog:  # type: ignore[no-untyped-def]
    dialog = AidDialog(state)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.picker.is_loading(), timeout=10000)
    dialog.picker.search.setText(card_no)
    dialog.amount.setText("3000")
    dialog.paid_on.set_date(TODAY)
    return dialog


def test_a_bug_behind_the_hint_is_logged(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState, caplog: pytest.LogCaptureFixture
) -> None:
    settings.set_value(app_state.db, aid.CAP_KEY, "10000")
    dialog = dialog_for(qtbot, app_state, "1002")
    assert dialog.cap_check() is not None  # a cap is set: the hint has something to say
    # A value no service would store (written past them): reading the cap fails.
    with sqlite3.connect(app_state.db_path) as conn:
        conn.execute("UPDATE settings SET value = 'көп' WHERE key = ?", (aid.CAP_KEY,))
    caplog.clear()
    with caplog.at_level(logging.ERROR, logger="unionapp.ui.dialogs.aid_dialog"):
        assert dialog.cap_check() is None
    logged = [r for r in caplog.records if r.name == "unionapp.ui.dialogs.aid_dialog"]
    assert len(logged) == 1 and logged[0].exc_info is not None
    assert isinstance(logged[0].exc_info[1], ValueError)


def test_a_refusal_behind_the_hint_is_not_a_bug(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState, caplog: pytest.LogCaptureFixture
) -> None:
    settings.set_value(app_state.db, aid.CAP_KEY, "10000")
    dialog = dialog_for(qtbot, app_state, "1003")
    member_id = dialog.picker.member_id()
    assert member_id is not None
    members.delete_member(app_state.db, member_id)  # deleted on another PC meanwhile
    with caplog.at_level(logging.ERROR):
        assert dialog.cap_check() is None
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
