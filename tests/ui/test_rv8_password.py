"""Review 8 #10: the password's PBKDF2 (200,000 rounds) never runs on the GUI thread - neither
the check before the register opens nor setting or changing it in Settings."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QDialogButtonBox

from unionapp.core import password
from unionapp.core.i18n import _
from unionapp.ui.dialogs.password_box import SetPasswordDialog
from unionapp.ui.dialogs.password_dialog import PasswordDialog
from unionapp.ui.state import AppState


def test_the_start_password_is_checked_on_the_thread_pool(qtbot) -> None:  # type: ignore[no-untyped-def]
    release, threads = threading.Event(), []

    def slow_check(given: str) -> bool:
        threads.append(threading.get_ident())
        release.wait(10)
        return given == "right"

    dialog = PasswordDialog(slow_check)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.field.setText("wrong")
    dialog.try_password()  # returns while the check still runs
    qtbot.waitUntil(lambda: len(threads) == 1, timeout=5000)
    assert dialog.checking is not None
    ok, cancel = (dialog.buttons.button(b) for b in (QDialogButtonBox.StandardButton.Ok,
                                                      QDialogButtonBox.StandardButton.Cancel))
    assert not ok.isEnabled() and not dialog.field.isEnabled() and cancel.isEnabled()
    dialog.try_password()  # a second Enter meanwhile starts no second check
    release.set()
    qtbot.waitUntil(lambda: dialog.checking is None, timeout=5000)
    assert threads[0] != threading.main_thread().ident and len(threads) == 1
    assert dialog.error.text() == _("The password is not right.") and dialog.attempts == 1
    assert ok.isEnabled() and dialog.field.text() == ""
    dialog.field.setText("right")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.try_password()


def test_a_check_cancelled_meanwhile_opens_nothing(qtbot) -> None:  # type: ignore[no-untyped-def]
    release = threading.Event()
    dialog = PasswordDialog(lambda _given: release.wait(10))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.try_password()
    dialog.reject()  # Esc while checking: the program closes
    with qtbot.assertNotEmitted(dialog.accepted):
        release.set()
        qtbot.waitUntil(lambda: dialog.checking is None, timeout=5000)


def test_setting_a_password_hashes_it_off_the_gui_thread(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    dialog = SetPasswordDialog(app_state)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.new.setText("Ош-2026")
    dialog.again.setText("Ош-2026")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.save()
        # the GUI thread went on at once: the dialog waits for the job, its buttons off
        assert dialog.saving is not None and not dialog.buttons.isEnabled()
    assert password.check(app_state.db, "Ош-2026")
