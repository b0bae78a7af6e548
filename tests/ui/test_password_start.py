"""A register with a password (issue 8 part 5): the window asks before any page is made, a
wrong password is refused in place, the right one opens the register, Cancel closes."""

from __future__ import annotations

import argparse
from pathlib import Path

from unionapp.core import password
from unionapp.core.i18n import _
from unionapp.core.store import open_database
from unionapp.ui import app as ui_app


def _protect(path: Path, secret: str) -> None:
    db = open_database(path)
    try:
        password.set_password(db, secret)
    finally:
        db.close()


def _start(qapp, path: Path) -> ui_app.Running:  # type: ignore[no-untyped-def]
    result = ui_app.start(argparse.Namespace(db=str(path), lang=None, demo=False), qapp)
    assert isinstance(result, ui_app.Running)
    return result


def test_the_register_opens_only_after_the_right_password(qtbot, qapp, ui_db_path: Path) -> None:  # type: ignore[no-untyped-def]
    _protect(ui_db_path, "Бишкек-2026")
    running = _start(qapp, ui_db_path)
    qtbot.addWidget(running.window)
    qtbot.waitUntil(lambda: running.password_dialog is not None, timeout=20_000)
    dialog = running.password_dialog
    assert dialog.isVisible() and not running.is_ready()
    assert running.window.pages == []  # no page (no member's name) before the password
    dialog.field.setText("wrong")
    dialog.try_password()  # checked on the thread pool
    qtbot.waitUntil(lambda: dialog.checking is None, timeout=10_000)
    assert dialog.error.text() == _("The password is not right.") and not running.is_ready()
    dialog.field.setText("Бишкек-2026")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.try_password()
    qtbot.waitUntil(running.is_ready, timeout=10_000)
    assert running.window.members_page.model.rowCount() > 0
    running.window.close()
    ui_app.finish(running)


def test_cancel_closes_without_showing_the_register(qtbot, qapp, ui_db_path: Path) -> None:  # type: ignore[no-untyped-def]
    _protect(ui_db_path, "secret")
    running = _start(qapp, ui_db_path)
    qtbot.addWidget(running.window)
    qtbot.waitUntil(lambda: running.password_dialog is not None, timeout=20_000)
    running.password_dialog.reject()
    qtbot.waitUntil(lambda: not running.window.isVisible(), timeout=5_000)
    assert not running.is_ready()
    ui_app.finish(running)


def test_the_settings_page_sets_changes_and_removes_the_password(  # type: ignore[no-untyped-def]
    qtbot, app_state
) -> None:
    from unionapp.ui.pages.settings import SettingsPage

    page = SettingsPage(app_state)
    qtbot.addWidget(page)
    assert page.password.button.text() == _("Set a password…")
    dialog = page.password.open_dialog()
    dialog.new.setText("абв1")
    dialog.again.setText("абв2")
    dialog.save()  # refused at once: nothing to hash
    assert dialog.saving is None and dialog.error.isVisibleTo(dialog)
    assert not password.is_protected(app_state.db)
    dialog.again.setText("абв1")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.save()  # hashed on the thread pool
    assert password.check(app_state.db, "абв1") and not password.check(app_state.db, "x")
    assert page.password.button.text() == _("Change the password…")
    change = page.password.open_dialog()
    change.current.setText("wrong")
    change.save()  # the current one is asked
    qtbot.waitUntil(lambda: change.saving is None, timeout=10_000)
    assert change.error.text() == _("The password is not right.") and change.isVisible()
    change.current.setText("абв1")
    with qtbot.waitSignal(change.accepted, timeout=10_000):
        change.save()  # new left empty: removed
    assert not password.is_protected(app_state.db)
