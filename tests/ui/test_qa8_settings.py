"""Issue 8's settings as a chairperson saw them (QA pass): the purge's result is read in full,
the backup made before a purge is named in her language, the password asked at the start keeps
its text readable after a wrong try, and a window named on an unusable database URL says so."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from unionapp.core import backup, i18n, privacy
from unionapp.core.i18n import _
from unionapp.core.target import UNSUPPORTED
from unionapp.ui import app as ui_app
from unionapp.ui.dialogs.password_dialog import PasswordDialog
from unionapp.ui.operations import running_jobs
from unionapp.ui.pages.settings import SettingsPage
from unionapp.ui.pages.settings_backups import reason_label
from unionapp.ui.state import AppState


@pytest.fixture
def said_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def question(_parent, _title, text, *_a, **_k):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_the_purge_result_is_shown_whole_at_800_px(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState, said_yes: list[str], lang: str
) -> None:
    i18n.set_language(lang)
    page = SettingsPage(app_state)
    qtbot.addWidget(page)
    page.resize(580, 600)  # the page's width in an 800 px window
    page.show()
    box = page.purge
    box.years.setValue(1)
    box.forget()
    qtbot.waitUntil(lambda: box.button.isEnabled() and running_jobs() == 0, timeout=20_000)
    assert said_yes and box.status.text()
    qtbot.wait(50)
    status = box.status
    # as tall as its wrapped text: it was given one line and cut off the rest
    assert status.height() >= status.heightForWidth(status.width()) > status.fontMetrics().height()
    assert status.width() <= box.contentsRect().width()


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_the_backup_before_a_purge_is_named_in_the_users_language(
    app_state: AppState, lang: str
) -> None:
    privacy.purge(app_state.db, 1)
    made = [info for info in backup.list_backups(app_state.db_path)
            if info.reason == privacy.BACKUP_REASON]
    assert made
    i18n.set_language(lang)
    shown = reason_label(made[0].reason)
    source = "Before forgetting former members"
    assert shown == _(source) and shown not in (privacy.BACKUP_REASON, source)  # translated


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_the_start_password_text_stays_readable_after_a_wrong_password(  # type: ignore[no-untyped-def]
    qtbot, lang: str
) -> None:
    i18n.set_language(lang)
    dialog = PasswordDialog(lambda _given: False)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.field.setText("nope")
    assert not dialog.try_password()
    qtbot.wait(50)
    for label in (dialog.text, dialog.error):
        assert label.isVisible()
        # its whole wrapped text fits: the dialog kept its first height and cut the text
        assert label.height() >= label.heightForWidth(label.width())


@pytest.mark.parametrize("url", ["mysql://u:secret@host/db", "sqlite:///x.sqlite"])
def test_a_window_on_a_database_url_it_cannot_use_says_so(  # type: ignore[no-untyped-def]
    qtbot, qapp, monkeypatch: pytest.MonkeyPatch, url: str, tmp_path: Path
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        staticmethod(lambda _p, _t, text, *a, **k: shown.append(text)))
    code = ui_app.start(argparse.Namespace(db=url, lang="ru", demo=False), qapp)
    assert code == ui_app.EXIT_REFUSED
    assert len(shown) == 1 and "secret" not in shown[0]
    assert shown[0] == _(UNSUPPORTED).format(url=url.replace(":secret@", ":***@"))
