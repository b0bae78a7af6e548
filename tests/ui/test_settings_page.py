"""The Settings page: saving in one go, refusals shown on the field, backups, the language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox

from unionapp.core import backup, i18n, members, settings
from unionapp.core.errors import ValidationError
from unionapp.core.i18n import translate_in
from unionapp.core.members import MemberInput
from unionapp.ui.i18n import install_qt_translator
from unionapp.ui.operations import running_jobs
from unionapp.ui.pages.settings import SettingsPage
from unionapp.ui.state import AppState


@pytest.fixture(autouse=True)
def _qt_back_to_kyrgyz(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """A test that switches to Russian must not leave Qt's catalog in Russian for the next."""
    yield
    install_qt_translator(qapp, "ky")


@pytest.fixture
def state(qapp, tmp_path: Path) -> Iterator[AppState]:  # type: ignore[no-untyped-def]
    app_state = AppState(tmp_path / "data" / "union.sqlite")
    yield app_state
    app_state.close_database()


@pytest.fixture
def page(qtbot, state: AppState) -> SettingsPage:  # type: ignore[no-untyped-def]
    widget = SettingsPage(state)
    qtbot.addWidget(widget)
    widget.resize(900, 900)
    widget.show()
    return widget


@pytest.fixture
def answer_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answer Yes to the confirmation Qt would show; keep the questions asked."""
    asked: list[str] = []

    def question(_parent, _title, text, *_args, **_kwargs):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def asked(msgid: str, /, **params: str) -> str:
    """A confirmation as the user reads it: in the current language, never in English."""
    text = i18n._(msgid)
    assert text != msgid, f"no {i18n.get_language()} translation of {msgid!r}"
    return text.format(**params)


def editor(page: SettingsPage, key: str) -> QLineEdit:
    widget = page.editors[key]
    assert isinstance(widget, QLineEdit)
    return widget


def add_member(state: AppState, card_no: str, surname: str) -> int:
    return members.create_member(
        state.db,
        MemberInput(card_no=card_no, surname=surname, name="Айгүл", join_date=dt.date(2020, 1, 1)),
    )


def test_save_writes_every_setting(qtbot, page: SettingsPage, state: AppState) -> None:  # type: ignore[no-untyped-def]
    typed = {
        "org.name_ky": "№5 орто мектебинин баштапкы профсоюз уюму",
        "org.name_ru": "Первичная профсоюзная организация СШ №5",
        "org.chairperson": "Сейит кызы Жаңыл",
        "org.employees": "148",
        "youth.max_age": "30",
        "dues.higher_share_percent": "12,5",
    }
    for key, text in typed.items():
        editor(page, key).setText(text)
    with qtbot.waitSignal(state.data_changed) as changed:
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert changed.args == ["settings"]
    stored = settings.get_all(state.db)
    assert stored["org.name_ky"] == typed["org.name_ky"]
    assert stored["org.chairperson"] == "Сейит кызы Жаңыл"
    assert stored["org.employees"] == "148"
    assert stored["youth.max_age"] == "30"
    assert stored["dues.higher_share_percent"] == "12.5"
    assert page.saved_label.text() == i18n._("Saved.")
    assert not any(label.isVisible() for label in page.errors.values())


def test_refused_values_are_marked_on_their_fields(page: SettingsPage, state: AppState) -> None:
    before = settings.get_all(state.db)
    editor(page, "org.name_ru").setText("Не сохранится")
    editor(page, "org.employees").setText("many")
    editor(page, "youth.max_age").setText("5")

    assert page.save() is False

    expected = {}
    for key, value in (("org.employees", "many"), ("youth.max_age", "5")):
        with pytest.raises(ValidationError) as refused:
            settings.DEFINITIONS[key].parse(value)
        expected[key] = refused.value.message()
    for key, message in expected.items():
        assert page.errors[key].isVisible(), key
        assert page.errors[key].text() == message
        assert page.editors[key].toolTip() == message
        assert "border" in page.editors[key].styleSheet()
    assert not page.errors["org.name_ru"].isVisible()
    assert settings.get_all(state.db) == before  # nothing saved, not even the good field

    editor(page, "org.employees").setText("150")
    editor(page, "youth.max_age").setText("35")
    assert page.save() is True
    assert not page.errors["org.employees"].isVisible()
    assert settings.get(state.db, "org.name_ru") == "Не сохранится"


def test_back_up_now_lists_the_new_backup(qtbot, page: SettingsPage, state: AppState) -> None:  # type: ignore[no-untyped-def]
    rows_before = page.backups.table.rowCount()
    qtbot.mouseClick(page.backups.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.backups.table.rowCount() == rows_before + 1, timeout=10000)
    qtbot.waitUntil(lambda: running_jobs() == 0)
    listed = backup.list_backups(state.db_path)
    manual = [b for b in listed if b.reason == backup.MANUAL]
    assert len(manual) == 1
    selected = page.backups.selected()
    assert selected is not None and selected.path.name == manual[0].path.name
    row = page.backups.table.currentRow()
    assert page.backups.table.item(row, 1).text() == i18n._("Made by hand")
    assert page.backups.table.item(row, 0).text() == manual[0].created.strftime("%d.%m.%Y %H:%M")
    assert page.backups.backup_button.isEnabled()


def test_restore_brings_back_the_data(  # type: ignore[no-untyped-def]
    qtbot, page: SettingsPage, state: AppState, answer_yes: list[str]
) -> None:
    add_member(state, "1", "Осмонова")
    made = backup.make_backup(state.db, backup.MANUAL)
    add_member(state, "2", "Асан уулу")
    settings.set_value(state.db, "org.chairperson", "Кийин жазылган")
    page.backups.refresh(select=made)
    chosen = page.backups.selected()
    assert chosen is not None

    with qtbot.waitSignal(state.data_changed, timeout=10000) as changed:
        qtbot.mouseClick(page.backups.restore_button, Qt.MouseButton.LeftButton)
    assert changed.args == ["all"]
    qtbot.waitUntil(lambda: running_jobs() == 0)

    # Asked once, in Kyrgyz, naming the backup's time and that the current state is kept.
    assert answer_yes == [asked(
        "Restore the backup of {when}?\n\nEverything entered after it will be replaced. "
        "The current state is backed up first, so you can return to it from this list.",
        when=chosen.created.strftime("%d.%m.%Y %H:%M"),
    )]
    assert members.count_members(state.db) == 1
    assert members.find_by_card(state.db, "2") is None
    assert settings.get(state.db, "org.chairperson") == ""
    assert editor(page, "org.chairperson").text() == ""  # the page shows the restored state
    # The state before the restore was backed up and is listed, so the restore can be undone.
    reasons = [page.backups.table.item(r, 1).text() for r in range(page.backups.table.rowCount())]
    assert i18n._("Before a restore") in reasons
    pre_restore = [b for b in backup.list_backups(state.db_path) if b.reason == "pre-restore"]
    assert len(pre_restore) == 1


def test_restore_not_confirmed_changes_nothing(  # type: ignore[no-untyped-def]
    qtbot, page: SettingsPage, state: AppState, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = backup.make_backup(state.db, backup.MANUAL)
    add_member(state, "2", "Асан уулу")
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *_a, **_k: QMessageBox.StandardButton.No)
    )
    page.backups.refresh(select=made)
    page.backups.restore_selected()
    assert members.count_members(state.db) == 1
    assert [b.reason for b in backup.list_backups(state.db_path)] == [backup.MANUAL]


def test_language_switch_from_settings(qtbot, page: SettingsPage, state: AppState) -> None:  # type: ignore[no-untyped-def]
    combo = page.editors["ui.language"]
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("ru"))
    with qtbot.waitSignal(state.language_changed) as switched:
        page.save()
    assert switched.args == ["ru"]
    assert i18n.get_language() == "ru"
    assert settings.get(state.db, "ui.language") == "ru"
    page.retranslate()  # the main window calls this on the signal
    assert page.heading.text() == translate_in("ru", "Settings")
    assert page.save_button.text() == translate_in("ru", "Save")
    assert page.backups.backup_button.text() == translate_in("ru", "Back up now")


def test_start_an_empty_register_leaves_the_demo(  # type: ignore[no-untyped-def]
    qtbot, page: SettingsPage, state: AppState, answer_yes: list[str]
) -> None:
    add_member(state, "1", "Осмонова")
    settings.set_many(state.db, {"org.demo": "1", "org.name_ru": "Демо школа"})
    state.notify_changed("settings")
    assert page.demo_box.isVisible()

    with qtbot.waitSignal(state.data_changed, timeout=10000):
        qtbot.mouseClick(page.empty_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: running_jobs() == 0)

    assert answer_yes == [asked(
        "Remove the demo organization's people, departments and history and start an empty "
        "register? A backup of the demo is made first."
    )]
    assert members.count_members(state.db) == 0
    assert settings.get(state.db, "org.demo") == "0"
    assert not page.demo_box.isVisible()
    assert editor(page, "org.name_ru").text() == ""
    assert "pre-empty" in [b.reason for b in backup.list_backups(state.db_path)]


def test_language_field_shows_the_language_in_effect(qtbot, state: AppState) -> None:  # type: ignore[no-untyped-def]
    """Started with ``--lang ru`` over a database that stores ky: saving keeps Russian."""
    assert settings.get(state.db, "ui.language") == "ky"
    i18n.set_language("ru")
    page = SettingsPage(state)
    qtbot.addWidget(page)
    combo = page.editors["ui.language"]
    assert isinstance(combo, QComboBox) and combo.currentData() == "ru"
    editor(page, "org.chairperson").setText("Осмонова Айгүл")
    assert page.save()
    assert i18n.get_language() == "ru"
    assert settings.get(state.db, "ui.language") == "ru"


# -- fitting the screen and reading back what was typed ---------------------------------------
def test_a_refusal_is_shown_in_full_under_its_field(qtbot, page: SettingsPage) -> None:  # type: ignore[no-untyped-def]
    for width in (900, 560):  # a wide window, and what an 800 px window leaves the page
        page.resize(width, 700)
        editor(page, "youth.max_age").setText("abc")
        editor(page, "dues.higher_share_percent").setText("много")
        assert page.save() is False
        qtbot.wait(10)  # the layout settles
        for key in ("youth.max_age", "dues.higher_share_percent"):
            error, field = page.errors[key], page.editors[key]
            assert error.isVisible() and error.text(), key
            # wider than its (short) number field, and as tall as its wrapped text needs
            assert error.width() > field.width(), (key, error.width(), field.width())
            assert error.height() >= error.heightForWidth(error.width()), key
            assert error.visibleRegion().boundingRect().height() >= error.heightForWidth(
                error.width())
            assert error.geometry().bottom() <= error.parentWidget().rect().bottom()  # not cut


def test_an_800_px_window_needs_no_sideways_scrolling(qtbot, page: SettingsPage) -> None:  # type: ignore[no-untyped-def]
    i18n.set_language("ru")  # the longest labels
    page.retranslate()
    page.resize(560, 600)
    qtbot.wait(10)
    assert page.scroll_area.horizontalScrollBar().maximum() == 0
    for key in ("org.name_ky", "org.name_ru", "org.chairperson"):
        field = page.editors[key]
        assert field.width() >= 250, key  # under its label rather than squeezed beside it
        assert field.mapTo(page, field.rect().topRight()).x() <= page.scroll_area.viewport().width()
    for button in (page.backups.backup_button, page.backups.restore_button,
                   page.backups.folder_button):
        assert button.width() >= button.sizeHint().width()
        assert button.mapTo(page, button.rect().topRight()).x() <= page.width()


def test_a_long_name_shows_its_start(qtbot, page: SettingsPage, state: AppState) -> None:  # type: ignore[no-untyped-def]
    long_name = "Первичная профсоюзная организация Ошского государственного университета"
    settings.set_many(state.db, {"org.name_ru": long_name})
    page.load()
    assert editor(page, "org.name_ru").text() == long_name
    assert editor(page, "org.name_ru").cursorPosition() == 0


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_the_dues_share_reads_with_the_language_s_decimal_sign(  # type: ignore[no-untyped-def]
    qtbot, page: SettingsPage, state: AppState, lang: str
) -> None:
    i18n.set_language(lang)
    share = editor(page, "dues.higher_share_percent")
    for typed, stored in (("30,5", "30.5"), ("12.25", "12.25"), ("40", "40")):
        share.setText(typed)
        assert page.save() is True, typed
        assert settings.get(state.db, "dues.higher_share_percent") == stored
        page.load()
        assert share.text() == stored.replace(".", ","), typed  # "30,5" in ky and in ru


def test_the_dues_rate_is_saved_and_a_bad_one_is_refused_on_its_field(  # type: ignore[no-untyped-def]
    qtbot, page: SettingsPage, state: AppState
) -> None:
    rate = editor(page, "dues.rate_percent")
    assert rate.text() == "1"  # the default
    rate.setText("1,5")
    with qtbot.waitSignal(state.data_changed):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert settings.get(state.db, "dues.rate_percent") == "1.5"
    assert settings.get_decimal(state.db, "dues.rate_percent") == Decimal("1.5")

    rate.setText("много")
    assert page.save() is False
    with pytest.raises(ValidationError) as refused:
        settings.DEFINITIONS["dues.rate_percent"].parse("много")
    assert page.errors["dues.rate_percent"].isVisible()
    assert page.errors["dues.rate_percent"].text() == refused.value.message()
    assert "border" in rate.styleSheet()
    assert settings.get(state.db, "dues.rate_percent") == "1.5"  # unchanged
