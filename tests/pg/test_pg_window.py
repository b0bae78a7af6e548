"""The desktop window on a PostgreSQL URL (issue 8 part 4: "every capability"): it opens the
server's register in the language stored there, takes no file lock (several PCs work on one
server at once), shows every page without an error, makes no file backups, and its Settings
offer a verified copy of the whole register to a file instead of the backups list."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from unionapp.cli import main
from unionapp.core import demo, i18n, members
from unionapp.core.errors import UserError
from unionapp.core.i18n import translate_in
from unionapp.core.store import open_database
from unionapp.core.target import shown_name
from unionapp.ui import app as ui_app
from unionapp.ui.operations import running_jobs
from unionapp.ui.pages import PAGES
from unionapp.ui.pages.settings_server_copy import ServerCopyBox


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every message box the window would show (an error on any page would land here)."""
    shown: list[str] = []

    def record(_parent, _title, text, *_a, **_k):  # type: ignore[no-untyped-def]
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    for name in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(record))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    return shown


@pytest.fixture
def server_demo(pg_url: str) -> str:
    db = open_database(pg_url)
    try:
        demo.generate_demo(db, members=60, years=2, seed=8)
    finally:
        db.close()
    return pg_url


def _start(qtbot, qapp, url: str, lang: str | None = None) -> ui_app.Running:  # type: ignore[no-untyped-def]
    running = ui_app.start(argparse.Namespace(db=url, lang=lang, demo=False), qapp)
    assert isinstance(running, ui_app.Running)
    qtbot.addWidget(running.window)
    qtbot.waitUntil(running.is_settled, timeout=30_000)
    assert running.exit_code is None
    return running


def _close(running: ui_app.Running) -> None:
    running.window.close()
    ui_app.finish(running)


def test_the_window_opens_a_server_register_and_every_page_works(  # type: ignore[no-untyped-def]
    qtbot, qapp, server_demo: str, boxes: list[str], caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
) -> None:
    assert main(["--db", server_demo, "config", "set", "ui.language", "ru"]) == 0
    i18n.set_language("ky")
    running = _start(qtbot, qapp, server_demo)
    try:
        state = running.state
        assert state.on_server and state.db_path is None and running.lock is None
        assert i18n.get_language() == "ru"  # the server's stored language, read once open
        shown = shown_name(server_demo)
        assert running.window.db_label.text() == translate_in("ru", "Database: {path}").format(
            path=shown
        )
        assert "unionapp:unionapp@" not in running.window.db_label.text()  # no password
        page = running.window.members_page
        assert 0 < page.model.rowCount() <= members.count_members(state.db)  # the active ones
        assert members.get_member(state.db, page.model.member_id(0)).data.exit_date is None
        with caplog.at_level(logging.ERROR):
            for entry in PAGES:
                running.window.show_page(entry.key)
                assert running.window.current_key() == entry.key
                qtbot.waitUntil(lambda: running_jobs() == 0, timeout=30_000)
        assert boxes == [] and [r for r in caplog.records if r.levelno >= logging.ERROR] == []
        settings_page = running.window.settings_page
        assert isinstance(settings_page.backups, ServerCopyBox)
        assert shown in settings_page.backups.intro.text()
    finally:
        _close(running)
    home = Path(os.environ["UNIONAPP_HOME"])
    assert not list(home.rglob("*.sqlite"))  # no daily or on-close file backup of a server


def test_two_windows_share_one_server_register(  # type: ignore[no-untyped-def]
    qtbot, qapp, server_demo: str, boxes: list[str]
) -> None:
    first = _start(qtbot, qapp, server_demo, "ky")
    second = _start(qtbot, qapp, server_demo, "ky")  # a second PC: not refused
    try:
        member_id = first.window.members_page.model.member_id(0)
        assert second.window.members_page.model.member_id(0) == member_id
        version = members.get_member(second.state.db, member_id).version  # the second's card
        shown = members.get_member(first.state.db, member_id).version
        members.leave(first.state.db, member_id, dt.date(2026, 11, 1), "voluntary",
                      expected_version=shown)
        # the second PC saves over the card it showed, now stale: refused in words
        with pytest.raises(UserError):
            members.leave(second.state.db, member_id, dt.date(2026, 11, 2), "voluntary",
                          expected_version=version)
        assert members.get_member(second.state.db, member_id).data.exit_date == dt.date(2026, 11, 1)
        assert boxes == []
    finally:
        _close(second)
        _close(first)


def test_a_copy_of_the_server_register_is_saved_to_a_file(  # type: ignore[no-untyped-def]
    qtbot, qapp, server_demo: str, boxes: list[str], tmp_path: Path
) -> None:
    running = _start(qtbot, qapp, server_demo, "ky")
    target = tmp_path / "көчүрмө.sqlite"
    try:
        box = running.window.settings_page.backups
        assert isinstance(box, ServerCopyBox)
        box.save_copy(target)
        qtbot.waitUntil(lambda: box.copy_button.isEnabled(), timeout=60_000)
        assert boxes == []
        assert str(target) in box.status.text()
        box.save_copy(target)  # again onto the same, now non-empty file: refused, kept
        qtbot.waitUntil(lambda: box.copy_button.isEnabled(), timeout=60_000)
        assert len(boxes) == 1 and str(target) in boxes[0]
        expected = members.count_members(running.state.db)
    finally:
        _close(running)
    copy = open_database(target)
    try:
        assert members.count_members(copy) == expected > 0
    finally:
        copy.close()


def test_a_server_that_cannot_be_reached_is_explained(  # type: ignore[no-untyped-def]
    qtbot, qapp, boxes: list[str], new_pg_url: Callable[[], str]
) -> None:
    from sqlalchemy import make_url

    url = make_url(new_pg_url()).set(port=1).render_as_string(hide_password=False)
    running = ui_app.start(argparse.Namespace(db=url, lang="ru", demo=False), qapp)
    assert isinstance(running, ui_app.Running)
    qtbot.addWidget(running.window)
    qtbot.waitUntil(running.is_settled, timeout=30_000)
    ui_app.finish(running)
    assert running.exit_code is not None
    assert boxes and "unionapp:unionapp@" not in boxes[0]
