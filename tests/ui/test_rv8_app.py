"""Review 8 on the window's life: closing never waits for ever on stuck background work (#12),
a failure is told in the user's language with the details in the log (#13), and an exception
escaping a slot reaches the log and the bug box (#30)."""

from __future__ import annotations

import argparse
import logging
import re
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from unionapp.core import backup
from unionapp.core.errors import UserError
from unionapp.core.i18n import N_, _
from unionapp.core.lock import DatabaseLock
from unionapp.logfile import log_file
from unionapp.ui import app as ui_app
from unionapp.ui.operations import error_text, running_jobs, start_job


def started(qtbot, qapp, path: Path) -> ui_app.Running:  # type: ignore[no-untyped-def]
    running = ui_app.start(argparse.Namespace(db=str(path), lang=None, demo=False), qapp)
    assert isinstance(running, ui_app.Running)
    qtbot.addWidget(running.window)
    qtbot.waitUntil(running.is_ready, timeout=20_000)
    return running


def test_closing_waits_for_background_work_only_so_long(  # type: ignore[no-untyped-def]
    qtbot, qapp, ui_db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    running = started(qtbot, qapp, ui_db_path)
    running.window.close()
    stuck = threading.Event()  # e.g. a read from a server that stopped answering
    start_job(lambda _p, _c: stuck.wait(30), lambda _r: None, on_error=lambda _e: None)
    try:
        begun = time.monotonic()
        with caplog.at_level(logging.WARNING, logger="unionapp.ui.app"):
            assert ui_app.finish(running, wait_ms=300) is False
        assert time.monotonic() - begun < 10
        assert any("still running" in r.getMessage() for r in caplog.records)
        lock = DatabaseLock(ui_db_path)  # closed and let go all the same
        lock.acquire()
        lock.release()
    finally:
        stuck.set()
        qtbot.waitUntil(lambda: running_jobs() == 0, timeout=5000)


def test_a_bug_is_named_in_words_and_its_details_logged(caplog: pytest.LogCaptureFixture) -> None:
    try:
        raise ValueError("invalid literal for int() with base 10: 'x'")
    except ValueError as exc:
        bug = exc
    with caplog.at_level(logging.ERROR):
        text = error_text(bug)
    assert "invalid literal" not in text
    assert text == _("an error inside the program (the details are in {file})").format(
        file=str(log_file()))
    assert [r.exc_info[1] for r in caplog.records if r.exc_info] == [bug]
    refusal = UserError(N_("There is no file {path}."), path="x.sqlite")
    assert error_text(refusal) == refusal.message()


def test_the_daily_backup_s_failure_is_told_in_the_user_s_words(  # type: ignore[no-untyped-def]
    qtbot, qapp, ui_db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    running = started(qtbot, qapp, ui_db_path)
    (ui_db_path.parent / "backups").write_text("a file where the backups folder should be")
    with pytest.raises(UserError) as refused:
        backup.make_backup(running.state.db, backup.DAILY)
    running.window.start_daily_backup(delay_ms=0)
    bar = running.window.statusBar()
    qtbot.waitUntil(lambda: bool(bar.currentMessage()), timeout=10_000)
    assert same(bar.currentMessage()) == same(_("The daily backup failed: {error}").format(
        error=refused.value.message()))
    running.window.close()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda _p, _t, text, *a: shown.append(text)))
    assert ui_app.finish(running)
    # the backup on closing failed the same way: told in words, the refusal's own message
    assert len(shown) == 1 and same(refused.value.message()) in same(shown[0])


def same(text: str) -> str:
    """A backup's message without its file's time stamp (each attempt names its own file)."""
    return re.sub(r"\d{8}-\d{6}-\d{6}_[a-z-]+", "STAMP", text)


class _Emitter(QObject):
    poked = Signal()


@pytest.mark.qt_no_exception_capture
def test_an_exception_escaping_a_slot_reaches_the_log_and_the_bug_box(  # type: ignore[no-untyped-def]
    qtbot, qapp, caplog: pytest.LogCaptureFixture
) -> None:
    boxes: list[str] = []

    def answer_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            boxes.append(box.text())
            box.accept()
        else:
            QTimer.singleShot(20, answer_box)

    def slot() -> None:
        raise RuntimeError("a slot that nobody wrapped")

    emitter = _Emitter()
    emitter.poked.connect(slot)
    previous = ui_app.install_excepthook()
    try:
        QTimer.singleShot(0, answer_box)
        with caplog.at_level(logging.ERROR):
            emitter.poked.emit()
    finally:
        sys.excepthook = previous
    assert boxes == [_("Something went wrong inside the program. Nothing was saved.")]
    logged = [r for r in caplog.records if r.exc_info]
    assert len(logged) == 1 and isinstance(logged[0].exc_info[1], RuntimeError)
    assert logged[0].exc_info[2] is not None  # with its traceback
