"""The backup made when the window closes: a failure is told to the user in words (the window is
gone by then, so a box says it), and the register itself is untouched; the window has its icon."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from unionapp.core import backup
from unionapp.core.i18n import _
from unionapp.ui import app as ui_app


@pytest.fixture
def warnings_shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def record(_parent, _title, text, *_args, **_kwargs):  # type: ignore[no-untyped-def]
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(record))
    return shown


def _start(qtbot, qapp, path: Path) -> ui_app.Running:  # type: ignore[no-untyped-def]
    running = ui_app.start(argparse.Namespace(db=str(path), lang=None, demo=False), qapp)
    assert isinstance(running, ui_app.Running)
    qtbot.addWidget(running.window)
    qtbot.waitUntil(running.is_ready, timeout=20_000)
    return running


def test_a_failed_backup_on_closing_is_told(  # type: ignore[no-untyped-def]
    qtbot, qapp, ui_db_path: Path, warnings_shown: list[str]
) -> None:
    running = _start(qtbot, qapp, ui_db_path)
    folder = ui_db_path.parent / "backups"
    running.window.close()
    shutil.rmtree(folder, ignore_errors=True)
    folder.write_text("not a folder")  # the backups folder cannot be made
    ui_app.finish(running)
    assert len(warnings_shown) == 1
    intro = _(
        "The backup on closing was not made: {error}\n\nEverything entered is saved in "
        "the register. Make a backup in Settings once the backups folder has room."
    ).split("{error}")[0]
    assert warnings_shown[0].startswith(intro) and str(folder) in warnings_shown[0]
    assert "Errno" not in warnings_shown[0]  # why, in the user's words, not the OS's
    assert not running.lock or not running.lock.held


def test_a_backup_on_closing_that_works_says_nothing(  # type: ignore[no-untyped-def]
    qtbot, qapp, ui_db_path: Path, warnings_shown: list[str]
) -> None:
    running = _start(qtbot, qapp, ui_db_path)
    assert not QApplication.windowIcon().isNull()  # resources/icons/unionapp.png
    running.window.close()
    ui_app.finish(running)
    assert warnings_shown == []
    assert backup.ON_CLOSE in [b.reason for b in backup.list_backups(ui_db_path)]
