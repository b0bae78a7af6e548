"""The main window and the program's start: sections, remembered layout, shortcuts, the language
switch at runtime, the demo banner, one copy per database, ``--demo`` and the first start.

``ui_app.start`` shows the window's shell at once and opens the register on the thread pool
after the first paint; ``started`` waits until the pages are there."""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from unionapp import paths
from unionapp.core import backup, i18n, members, settings
from unionapp.core.db import check_sqlite_file
from unionapp.core.errors import AlreadyRunningError, DatabaseFileError
from unionapp.core.i18n import translate_in
from unionapp.core.lock import ALREADY_OPEN, DatabaseLock
from unionapp.ui import app as ui_app
from unionapp.ui.i18n import install_qt_translator
from unionapp.ui.main_window import MainWindow, OpeningPanel
from unionapp.ui.operations import running_jobs
from unionapp.ui.pages import PAGES
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


def started(qtbot, result: ui_app.Running | int) -> ui_app.Running:  # type: ignore[no-untyped-def]
    """The program ``ui_app.start`` began, once its register is open (pages created)."""
    assert isinstance(result, ui_app.Running), result
    qtbot.addWidget(result.window)
    qtbot.waitUntil(result.is_settled, timeout=20_000)
    assert result.exit_code is None
    return result


def test_sidebar_lists_only_working_sections(window: MainWindow) -> None:
    texts = [window.sidebar.item(r).text() for r in range(window.sidebar.count())]
    assert texts == [i18n._(entry.title) for entry in PAGES]  # every section declared
    assert texts[:3] == [i18n._("Home"), i18n._("Members"), i18n._("Dues")]
    assert texts[-1] == i18n._("Settings")
    window.sidebar.setCurrentRow(len(texts) - 1)
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


def _texts(widget: QWidget) -> list[str]:
    """What a page says: its labels', buttons' and fields' placeholder texts."""
    texts = [w.text() for w in widget.findChildren(QLabel) + widget.findChildren(QAbstractButton)]
    texts += [w.placeholderText() for w in widget.findChildren(QLineEdit)]
    return texts


def test_language_switch_retranslates_everything(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, app_state: AppState
) -> None:
    settings.set_many(
        app_state.db, {"org.name_ky": "Мектептин профсоюзу", "org.name_ru": "Профком школы"}
    )
    app_state.notify_changed("settings")
    assert window.windowTitle() == i18n._("{organization} — unionapp").format(
        organization="Мектептин профсоюзу"
    )
    before = {page.key: _texts(page) for page in window.pages}

    window.language.setCurrentIndex(window.language.findData("ru"))

    assert i18n.get_language() == "ru"
    # every page that exists now reads differently: none kept its Kyrgyz words
    assert [p.key for p in window.pages if _texts(p) == before[p.key]] == []
    assert window.windowTitle() == translate_in("ru", "{organization} — unionapp").format(
        organization="Профком школы"
    )
    assert [window.sidebar.item(r).text() for r in range(window.sidebar.count())] == [
        translate_in("ru", entry.title) for entry in PAGES
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
    first = started(qtbot, ui_app.start(args(db=str(ui_db_path)), qapp))

    second = ui_app.start(args(db=str(ui_db_path)), qapp)

    assert second == 2
    expected = AlreadyRunningError(ALREADY_OPEN, path=str(ui_db_path.resolve())).message()
    assert critical == [expected]
    first.window.close()
    ui_app.finish(first)
    assert [b.reason for b in backup.list_backups(ui_db_path)].count(backup.ON_CLOSE) == 1
    third = started(qtbot, ui_app.start(args(db=str(ui_db_path)), qapp))  # the lock was freed
    third.window.close()
    ui_app.finish(third)


def test_demo_option_uses_a_fresh_temporary_database(  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch, _isolated_home: Path
) -> None:
    monkeypatch.setenv("UNIONAPP_HOME", str(_isolated_home))  # restored after the test
    db_path = ui_app.choose_database(args(demo=True))
    try:
        assert db_path.parent.is_dir() and not db_path.exists()  # made after the first paint
        assert not db_path.is_relative_to(_isolated_home)
        assert os.environ["UNIONAPP_HOME"] == str(db_path.parent)
        assert ui_app.prepare_database(db_path, with_demo=True)
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
    running = started(qtbot, ui_app.start(args(), qapp))
    assert critical == []
    assert running.state.db_path == default.resolve()
    assert running.state.is_demo()
    assert running.window.banner.isVisible()
    assert members.count_members(running.state.db) > 100
    running.window.close()
    ui_app.finish(running)


def test_a_new_database_named_explicitly_starts_empty(qtbot, qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    running = started(qtbot, ui_app.start(args(db=str(tmp_path / "own.sqlite"), lang="ru"), qapp))
    assert members.count_members(running.state.db) == 0
    assert not running.window.banner.isVisible()
    assert i18n.get_language() == "ru"
    running.window.close()
    ui_app.finish(running)


def test_demo_start_opens_a_demo_and_throws_it_away(  # type: ignore[no-untyped-def]
    qtbot, qapp, monkeypatch: pytest.MonkeyPatch, _isolated_home: Path
) -> None:
    monkeypatch.setenv("UNIONAPP_HOME", str(_isolated_home))  # restored after the test
    running = started(qtbot, ui_app.start(args(demo=True), qapp))
    folder = running.state.db_path.parent
    assert running.temporary and running.window.banner.isVisible()
    assert not folder.is_relative_to(_isolated_home)
    running.window.close()
    ui_app.finish(running)
    assert not folder.exists()
    assert not (_isolated_home / "unionapp.sqlite").exists()


# -- the window before the register is open ------------------------------------------------------
@pytest.fixture
def shell(qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    """The window as the start shows it first: no database open yet."""
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_the_shell_names_the_sections_and_says_it_is_opening(shell: MainWindow) -> None:
    texts = [shell.sidebar.item(r).text() for r in range(shell.sidebar.count())]
    assert texts == [i18n._(entry.title) for entry in PAGES]
    assert shell.pages == [] and not shell.is_ready()
    opening = shell.stack.currentWidget()
    assert isinstance(opening, OpeningPanel) and opening.isVisible()
    assert opening.label.text() == i18n._("Opening the register…")
    assert (opening.progress.minimum(), opening.progress.maximum()) == (0, 0)  # busy
    assert not shell.new_action.isEnabled() and not shell.find_action.isEnabled()
    assert shell.quit_action.isEnabled()


def test_shortcuts_wait_for_the_register(  # type: ignore[no-untyped-def]
    qtbot, shell: MainWindow, app_state: AppState
) -> None:
    shell.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shell)
    qtbot.keyClick(shell, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # nothing happens
    qtbot.keyClick(shell, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    shell.new_member()
    assert shell.open_import("members") is None

    with qtbot.waitSignal(shell.ready):
        shell.open_register(app_state)

    assert shell.is_ready() and shell.stack.currentWidget() is shell.page(PAGES[0].key)
    qtbot.keyClick(shell, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert shell.stack.currentWidget() is shell.members_page
    dialog = shell.members_page.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_language_chosen_while_opening_is_kept(  # type: ignore[no-untyped-def]
    qtbot, shell: MainWindow, app_state: AppState
) -> None:
    shell.language.setCurrentIndex(shell.language.findData("ru"))
    assert i18n.get_language() == "ru"
    assert shell.sidebar.item(1).text() == translate_in("ru", "Members")
    assert shell.register_menu.title() == translate_in("ru", "&Register")

    shell.open_register(app_state)

    assert settings.get(app_state.db, "ui.language") == "ru"  # saved once the file is open
    assert shell.settings_page.save_button.text() == translate_in("ru", "Save")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Отмена"


def test_last_page_comes_back_once_the_pages_exist(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    first = MainWindow(app_state)
    qtbot.addWidget(first)
    first.show_page("settings")
    first.close()

    again = MainWindow()
    qtbot.addWidget(again)
    assert again.current_key() == "settings"  # highlighted in the sidebar at once
    again.open_register(app_state)
    assert again.current_page() is again.settings_page
    assert again.stack.currentWidget() is again.settings_page


def test_start_shows_the_shell_then_the_register(  # type: ignore[no-untyped-def]
    qtbot, qapp, ui_db_path: Path
) -> None:
    result = ui_app.start(args(db=str(ui_db_path)), qapp)
    assert isinstance(result, ui_app.Running)
    assert result.window.isVisible() and not result.is_ready()  # nothing open before painting

    running = started(qtbot, result)

    home = running.window.page(PAGES[0].key)  # a first start opens on Home
    assert running.window.stack.currentWidget() is home
    assert running.window.members_page.model.rowCount() > 0
    # the opening panel goes with a deleteLater: gone once the event loop has run it
    qtbot.waitUntil(lambda: not running.window.findChildren(OpeningPanel), timeout=2000)
    running.window.close()
    ui_app.finish(running)
    assert [b.reason for b in backup.list_backups(ui_db_path)].count(backup.ON_CLOSE) == 1


def test_closing_while_the_register_opens_leaves_nothing_open(  # type: ignore[no-untyped-def]
    qtbot, qapp, ui_db_path: Path
) -> None:
    running = ui_app.start(args(db=str(ui_db_path)), qapp)
    assert isinstance(running, ui_app.Running)
    qtbot.addWidget(running.window)
    with qtbot.waitSignal(running.window.first_painted):
        pass  # the start-up job begins on this signal
    running.window.close()

    ui_app.finish(running)  # waits for the job, then closes what it opened

    assert running.opened is not None and not running.is_ready()
    assert [b.reason for b in backup.list_backups(ui_db_path)].count(backup.ON_CLOSE) == 1
    relocked = DatabaseLock(ui_db_path)
    relocked.acquire()
    relocked.release()
    qtbot.wait(50)  # the job's report arrives for a closed window: nothing is created
    assert running.window.pages == []


def test_a_refused_database_is_explained_and_the_program_exits_2(  # type: ignore[no-untyped-def]
    qtbot, qapp, tmp_path: Path, critical: list[str]
) -> None:
    not_ours = tmp_path / "notes.sqlite"
    not_ours.write_text("shopping list", encoding="utf-8")
    with pytest.raises(DatabaseFileError) as refused:
        check_sqlite_file(not_ours.resolve())

    running = ui_app.start(args(db=str(not_ours), lang="ru"), qapp)
    assert isinstance(running, ui_app.Running)
    qtbot.addWidget(running.window)
    qtbot.waitUntil(running.is_settled, timeout=20_000)

    assert running.exit_code == 2 and not running.is_ready()
    assert critical == [refused.value.message()]  # in Russian, as --lang asked
    assert not running.window.isVisible()
    ui_app.finish(running)
    assert not_ours.read_text(encoding="utf-8") == "shopping list"
    relocked = DatabaseLock(not_ours)  # the lock went with it
    relocked.acquire()
    relocked.release()
