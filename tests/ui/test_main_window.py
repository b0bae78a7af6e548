"""The main window and the program's start: sections, remembered layout, shortcuts, the language
switch at runtime, the demo banner, one copy per database, ``--demo`` and the first start."""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from unionapp import paths
from unionapp.core import backup, i18n, members, settings
from unionapp.core.errors import AlreadyRunningError
from unionapp.core.i18n import translate_in
from unionapp.core.lock import ALREADY_OPEN
from unionapp.ui import app as ui_app
from unionapp.ui.i18n import install_qt_translator
from unionapp.ui.main_window import MainWindow
from unionapp.ui.operations import running_jobs
from unionapp.ui.state import AppState


@pytest.fixture(autouse=True)
def _qt_back_to_kyrgyz(qapp: QApplication) -> Iterator[None]:
    yield
    install_qt_translator(qapp, "ky")


@pytest.fixture
def window(qtbot, app_state: AppState) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(app_state)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def critical(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Messages the program would show in an error box before any window exists."""
    shown: list[str] = []

    def record(_parent, _title, text, *_args, **_kwargs):  # type: ignore[no-untyped-def]
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "critical", staticmethod(record))
    return shown


def args(**values: object) -> argparse.Namespace:
    defaults: dict[str, object] = {"db": None, "lang": None, "demo": False}
    defaults.update(values)
    return argparse.Namespace(**defaults)


def test_sidebar_lists_only_working_sections(window: MainWindow) -> None:
    texts = [window.sidebar.item(r).text() for r in range(window.sidebar.count())]
    assert texts == [i18n._("Members"), i18n._("Settings")]
    window.sidebar.setCurrentRow(1)
    assert window.stack.currentWidget() is window.settings_page


def test_geometry_and_last_page_are_remembered(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    first = MainWindow(app_state)
    qtbot.addWidget(first)
    first.show()
    first.resize(790, 610)
    first.show_page("settings")
    qtbot.waitUntil(lambda: first.size() == QSize(790, 610))
    first.close()
    assert paths.ui_settings_file().exists()

    again = MainWindow(app_state)
    qtbot.addWidget(again)
    again.show()
    assert again.current_page().key == "settings"
    assert again.size() == QSize(790, 610)


def test_ctrl_f_focuses_the_filter(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.show_page("settings")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is window.members_page
    focused = QApplication.focusWidget()
    assert isinstance(focused, QLineEdit)
    assert window.members_page.isAncestorOf(focused)


def test_ctrl_n_opens_a_new_member_dialog(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.show_page("settings")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.members_page.dialog
    assert dialog is not None and dialog.isVisible()
    assert window.current_page() is window.members_page
    dialog.reject()


def test_language_switch_retranslates_everything(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, app_state: AppState, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.set_many(
        app_state.db, {"org.name_ky": "Мектептин профсоюзу", "org.name_ru": "Профком школы"}
    )
    app_state.notify_changed("settings")
    assert window.windowTitle() == i18n._("{organization} — unionapp").format(
        organization="Мектептин профсоюзу"
    )
    called: list[str] = []
    for page in window.pages:
        original = page.retranslate

        def counting(page=page, original=original) -> None:  # type: ignore[no-untyped-def]
            called.append(page.key)
            original()

        monkeypatch.setattr(page, "retranslate", counting)

    window.language.setCurrentIndex(window.language.findData("ru"))

    assert i18n.get_language() == "ru"
    assert sorted(called) == sorted(p.key for p in window.pages)
    assert window.windowTitle() == translate_in("ru", "{organization} — unionapp").format(
        organization="Профком школы"
    )
    assert [window.sidebar.item(r).text() for r in range(2)] == [
        translate_in("ru", "Members"),
        translate_in("ru", "Settings"),
    ]
    assert window.register_menu.title() == translate_in("ru", "&Register")
    assert window.language_label.text() == translate_in("ru", "Language")
    assert window.settings_page.save_button.text() == translate_in("ru", "Save")
    # Qt's own strings follow, and the choice is kept for the next start.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Отмена"
    assert settings.get(app_state.db, "ui.language") == "ru"
    assert window.settings_page.editors["ui.language"].currentData() == "ru"


def test_demo_banner_follows_the_setting(qtbot, window: MainWindow, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    assert not window.banner.isVisible()
    settings.set_value(app_state.db, "org.demo", "1")
    app_state.notify_changed("settings")
    assert window.banner.isVisible()
    qtbot.mouseClick(window.banner_button, Qt.MouseButton.LeftButton)
    assert window.current_page() is window.settings_page


def test_daily_backup_runs_in_the_background(
    qtbot, window: MainWindow, app_state: AppState
) -> None:  # type: ignore[no-untyped-def]
    assert backup.list_backups(app_state.db_path) == []
    window.start_daily_backup(delay_ms=0)
    assert backup.list_backups(app_state.db_path) == []  # not made while the window waits
    qtbot.waitUntil(lambda: running_jobs() == 0 and bool(backup.list_backups(app_state.db_path)))
    assert [b.reason for b in backup.list_backups(app_state.db_path)] == [backup.DAILY]


def test_second_copy_on_the_same_database_is_refused(  # type: ignore[no-untyped-def]
    qtbot, qapp, ui_db_path: Path, critical: list[str]
) -> None:
    first = ui_app.start(args(db=str(ui_db_path)), qapp)
    assert isinstance(first, ui_app.Running)
    qtbot.addWidget(first.window)

    second = ui_app.start(args(db=str(ui_db_path)), qapp)

    assert second == 2
    expected = AlreadyRunningError(ALREADY_OPEN, path=str(ui_db_path.resolve())).message()
    assert critical == [expected]
    first.window.close()
    ui_app.finish(first)
    assert [b.reason for b in backup.list_backups(ui_db_path)].count(backup.ON_CLOSE) == 1
    third = ui_app.start(args(db=str(ui_db_path)), qapp)  # the lock went with the first
    assert isinstance(third, ui_app.Running)
    qtbot.addWidget(third.window)
    third.window.close()
    ui_app.finish(third)


def test_demo_option_uses_a_fresh_temporary_database(  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch, _isolated_home: Path
) -> None:
    monkeypatch.setenv("UNIONAPP_HOME", str(_isolated_home))  # restored after the test
    db_path = ui_app.choose_database(args(demo=True))
    try:
        assert db_path.exists()
        assert not db_path.is_relative_to(_isolated_home)
        assert os.environ["UNIONAPP_HOME"] == str(db_path.parent)
        assert not (_isolated_home / "unionapp.sqlite").exists()  # real data untouched
        from unionapp.core.store import open_database

        db = open_database(db_path)
        try:
            assert settings.get(db, "org.demo") == "1"
            assert members.count_members(db) > 100
        finally:
            db.close()
        assert ui_app.choose_database(args(demo=True)) != db_path  # fresh every time
    finally:
        import shutil

        shutil.rmtree(db_path.parent, ignore_errors=True)


def test_first_start_opens_a_demo_with_its_banner(qtbot, qapp, critical: list[str]) -> None:  # type: ignore[no-untyped-def]
    default = paths.default_db_path()
    assert not default.exists()
    running = ui_app.start(args(), qapp)
    assert isinstance(running, ui_app.Running)
    qtbot.addWidget(running.window)
    assert critical == []
    assert running.state.db_path == default.resolve()
    assert running.state.is_demo()
    assert running.window.banner.isVisible()
    assert members.count_members(running.state.db) > 100
    running.window.close()
    ui_app.finish(running)


def test_a_new_database_named_explicitly_starts_empty(qtbot, qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    running = ui_app.start(args(db=str(tmp_path / "own.sqlite"), lang="ru"), qapp)
    assert isinstance(running, ui_app.Running)
    qtbot.addWidget(running.window)
    assert members.count_members(running.state.db) == 0
    assert not running.window.banner.isVisible()
    assert i18n.get_language() == "ru"
    running.window.close()
    ui_app.finish(running)


def test_demo_start_opens_a_demo_and_throws_it_away(  # type: ignore[no-untyped-def]
    qtbot, qapp, monkeypatch: pytest.MonkeyPatch, _isolated_home: Path
) -> None:
    monkeypatch.setenv("UNIONAPP_HOME", str(_isolated_home))  # restored after the test
    running = ui_app.start(args(demo=True), qapp)
    assert isinstance(running, ui_app.Running)
    qtbot.addWidget(running.window)
    folder = running.state.db_path.parent
    assert running.temporary and running.window.banner.isVisible()
    assert not folder.is_relative_to(_isolated_home)
    running.window.close()
    ui_app.finish(running)
    assert not folder.exists()
    assert not (_isolated_home / "unionapp.sqlite").exists()
