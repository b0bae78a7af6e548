"""Review 8 #9: a restore never waits on the GUI thread - refused while other work still uses
the database, and closed, restored and opened again by one job on the thread pool."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from unionapp.core import backup, members
from unionapp.core.errors import DatabaseFileError
from unionapp.core.i18n import _
from unionapp.core.members import MemberInput
from unionapp.ui.operations import running_jobs, start_job
from unionapp.ui.pages.settings_backups import BackupsBox
from unionapp.ui.state import AppState


@pytest.fixture
def state(qapp, tmp_path: Path) -> Iterator[AppState]:  # type: ignore[no-untyped-def]
    app_state = AppState(tmp_path / "data" / "union.sqlite")
    yield app_state
    app_state.close_database()


@pytest.fixture
def box(qtbot, state: AppState) -> BackupsBox:  # type: ignore[no-untyped-def]
    widget = BackupsBox(state)
    qtbot.addWidget(widget)
    widget.retranslate()
    widget.show()
    return widget


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """What Qt's message boxes would have said; every question answered Yes."""
    said: dict[str, list[str]] = {"question": [], "information": [], "warning": []}

    def record(kind: str, answer: object = None):  # type: ignore[no-untyped-def]
        def shown(_parent, _title, text, *_a, **_k):  # type: ignore[no-untyped-def]
            said[kind].append(text)
            return answer
        return staticmethod(shown)

    monkeypatch.setattr(QMessageBox, "question",
                        record("question", QMessageBox.StandardButton.Yes))
    monkeypatch.setattr(QMessageBox, "information", record("information"))
    monkeypatch.setattr(QMessageBox, "warning", record("warning"))
    return said


def add(state: AppState, card_no: str) -> None:
    members.create_member(state.db, MemberInput(
        card_no=card_no, surname="Осмонова", name="Айгүл", join_date=dt.date(2020, 1, 1)))


def choose(box: BackupsBox, made: Path) -> None:
    box.refresh(select=made)
    assert box.selected() is not None


def test_a_restore_is_refused_while_other_work_uses_the_database(  # type: ignore[no-untyped-def]
    qtbot, box: BackupsBox, state: AppState, told: dict[str, list[str]]
) -> None:
    made = backup.make_backup(state.db, backup.MANUAL)
    add(state, "1")
    choose(box, made)
    release = threading.Event()
    start_job(lambda _p, _c: release.wait(20), lambda _r: None, on_error=lambda _e: None)
    try:
        box.restore_selected()  # returns at once: nothing waits for the other work
        assert told["information"] == [
            _("The program is still busy with other work. Wait a moment and restore again.")]
        assert told["question"] == []  # not asked at all
        assert members.count_members(state.db) == 1
        assert [b.reason for b in backup.list_backups(state.db_path)] == [backup.MANUAL]
    finally:
        release.set()
        qtbot.waitUntil(lambda: running_jobs() == 0, timeout=5000)
    box.restore_selected()  # the work ended: now it restores
    qtbot.waitUntil(lambda: running_jobs() == 0 and members.count_members(state.db) == 0,
                    timeout=10000)
    assert len(told["question"]) == 1


def test_the_database_is_closed_restored_and_reopened_off_the_gui_thread(  # type: ignore[no-untyped-def]
    qtbot, box: BackupsBox, state: AppState, told: dict[str, list[str]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    made = backup.make_backup(state.db, backup.MANUAL)
    add(state, "1")
    choose(box, made)
    before = state.db
    caplog.set_level(logging.INFO, logger="unionapp.ui.pages.settings_backups")
    with qtbot.waitSignal(state.data_changed, timeout=10000) as changed:
        box.restore_selected()
    qtbot.waitUntil(lambda: running_jobs() == 0)
    assert changed.args == ["all"]
    assert state.db is not before  # the database the job opened again
    assert members.count_members(state.db) == 0
    records = [r for r in caplog.records if r.name.endswith("settings_backups")]
    assert records and all(r.thread != threading.main_thread().ident for r in records)
    assert "pre-restore" in [b.reason for b in backup.list_backups(state.db_path)]
    assert told["warning"] == []


def test_a_refused_restore_leaves_the_register_open_and_says_why(  # type: ignore[no-untyped-def]
    qtbot, box: BackupsBox, state: AppState, told: dict[str, list[str]]
) -> None:
    made = backup.make_backup(state.db, backup.MANUAL)
    add(state, "1")
    choose(box, made)
    made.write_bytes(b"not a database any more")  # damaged after it was listed
    with pytest.raises(DatabaseFileError) as refused:
        backup.verify_backup(made)
    with qtbot.waitSignal(state.data_changed, timeout=10000):
        box.restore_selected()
    qtbot.waitUntil(lambda: running_jobs() == 0)
    assert told["warning"] == [refused.value.message()]
    add(state, "2")  # the register is open and works
    assert members.count_members(state.db) == 2
