"""Settings → «Personal data of former members» (issue 8 part 5 in the window): it says whom a
purge concerns before anything happens, No changes nothing, Yes forgets them after a backup."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from known_register import LEFT
from PySide6.QtWidgets import QMessageBox

from unionapp.core import backup, members, privacy
from unionapp.core.i18n import _
from unionapp.ui.operations import running_jobs
from unionapp.ui.pages.settings import SettingsPage
from unionapp.ui.state import AppState

YEARS = 5


class Asked:
    """The questions Qt would have asked, and the answer given to them."""

    def __init__(self) -> None:
        self.questions: list[str] = []
        self.yes = False


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Iterator[Asked]:
    record = Asked()

    def question(_parent, _title, text, *_args, **_kwargs):  # type: ignore[no-untyped-def]
        record.questions.append(text)
        buttons = QMessageBox.StandardButton
        return buttons.Yes if record.yes else buttons.No

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    yield record


def _long_gone() -> list[str]:
    """Card numbers of the known register's people who left more than YEARS years ago."""
    today = dt.date.today()
    cutoff = today.replace(year=today.year - YEARS, day=min(today.day, 28))
    return [p[0] for p in LEFT if p[9] < cutoff]


def test_the_purge_asks_first_and_forgets_after_a_backup(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState, asked: Asked
) -> None:
    gone = _long_gone()
    assert gone  # the known register has someone who left in 2020
    page = SettingsPage(app_state)
    qtbot.addWidget(page)
    box = page.purge
    assert box.title() == _("Personal data of former members")
    box.years.setValue(YEARS)

    box.button.click()  # asked, answered No: nothing changes
    assert len(asked.questions) == 1 and f"{len(gone)} " in asked.questions[0]
    ids = [members.find_by_card(app_state.db, card) for card in gone]
    assert all(i is not None for i in ids)
    assert privacy.candidates(app_state.db, YEARS) == sorted(ids)  # type: ignore[type-var]

    asked.yes = True
    box.button.click()
    qtbot.waitUntil(lambda: running_jobs() == 0 and box.button.isEnabled(), timeout=20_000)
    assert box.status.text() == _(
        "Forgotten: {members} former members and {children} of their children. "
        "Past reports keep their figures."
    ).format(members=len(gone), children=0)
    assert privacy.candidates(app_state.db, YEARS) == []
    assert all(members.find_by_card(app_state.db, card) is None for card in gone)
    assert app_state.db_path is not None
    assert "pre-purge" in [b.reason for b in backup.list_backups(app_state.db_path)]


def test_nobody_to_forget_is_said_without_asking(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState, asked: Asked
) -> None:
    page = SettingsPage(app_state)
    qtbot.addWidget(page)
    page.purge.years.setValue(40)
    page.purge.button.click()
    assert asked.questions == []
    assert page.purge.status.text() == _(
        "Nobody left more than {years} years ago: nothing to forget."
    ).format(years=40)
