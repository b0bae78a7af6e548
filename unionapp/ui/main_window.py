"""The main window: a sidebar of sections, the current page, a language switch, a menu.

Remembers its geometry and last page (QSettings in the data folder), shows a banner on a demo
organization, re-translates every page when the language changes, and makes the daily backup
on the thread pool so the window never waits for it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from unionapp import paths
from unionapp.core import backup, i18n, settings
from unionapp.core.i18n import _
from unionapp.ui.dialogs.import_wizard import ImportWizard
from unionapp.ui.i18n import LANGUAGE_NAMES
from unionapp.ui.operations import show_error, start_job
from unionapp.ui.pages.base import Page
from unionapp.ui.pages.members import MembersPage
from unionapp.ui.pages.settings import SettingsPage
from unionapp.ui.state import AppState

log = logging.getLogger(__name__)

SIDEBAR_STYLE = """
QListWidget#sidebar { background:#24364b; color:#e8eef5; border:none; font-size:11pt;
                      outline:0; }
QListWidget#sidebar::item { padding:10px 14px; }
QListWidget#sidebar::item:selected { background:#3d6b99; color:white; }
"""
BANNER_STYLE = "QFrame#demoBanner { background:#fff3cd; border-bottom:1px solid #e6d49a; }"


class MainWindow(QMainWindow):
    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self.setObjectName("MainWindow")
        self.members_page = MembersPage(state)
        self.settings_page = SettingsPage(state)
        self.pages: list[Page] = [self.members_page, self.settings_page]

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(210)
        self.sidebar.setStyleSheet(SIDEBAR_STYLE)
        self.stack = QStackedWidget()
        for page in self.pages:
            self.sidebar.addItem(QListWidgetItem())
            self.stack.addWidget(page)
        self.sidebar.currentRowChanged.connect(self.stack.setCurrentIndex)

        self.language = QComboBox()
        self.language.setObjectName("language")
        for code in i18n.LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.language_label = QLabel()
        self.language_label.setStyleSheet("color:#e8eef5;")

        side_panel = QWidget()
        side_panel.setObjectName("sidePanel")
        side_panel.setStyleSheet("QWidget#sidePanel { background:#24364b; }")
        side = QVBoxLayout(side_panel)
        side.setContentsMargins(0, 0, 0, 10)
        side.addWidget(self.sidebar, 1)
        lang_box = QVBoxLayout()
        lang_box.setContentsMargins(12, 0, 12, 0)
        lang_box.addWidget(self.language_label)
        lang_box.addWidget(self.language)
        side.addLayout(lang_box)

        self.banner = QFrame()
        self.banner.setObjectName("demoBanner")
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner_text = QLabel()
        self.banner_text.setObjectName("demoBannerText")
        self.banner_text.setWordWrap(True)
        self.banner_text.setStyleSheet("color:#664d03;")
        self.banner_button = QPushButton()
        self.banner_button.clicked.connect(lambda: self.show_page("settings"))
        banner_row = QHBoxLayout(self.banner)
        banner_row.setContentsMargins(12, 6, 12, 6)
        banner_row.addWidget(self.banner_text, 1)
        banner_row.addWidget(self.banner_button)

        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        right.addWidget(self.banner)
        content = QVBoxLayout()
        content.setContentsMargins(12, 12, 12, 6)
        content.addWidget(self.stack, 1)
        right.addLayout(content, 1)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(side_panel)
        body.addLayout(right, 1)
        central = QWidget()
        central.setLayout(body)
        self.setCentralWidget(central)

        self.db_label = QLabel()
        self.db_label.setStyleSheet("color:#666;")
        self.statusBar().addPermanentWidget(self.db_label)
        self._make_menu()
        self._backup_timer = QTimer(self, singleShot=True)  # dies with the window
        self._backup_timer.timeout.connect(self._daily_backup)

        state.language_changed.connect(lambda _lang: self.retranslate())
        state.data_changed.connect(self._data_changed)
        self.retranslate()
        self._restore_layout()

    # -- the menu -----------------------------------------------------------------------------
    def _make_menu(self) -> None:
        def action(slot: Any, shortcut: QKeySequence.StandardKey | str | None = None) -> QAction:
            act = QAction(self)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
                act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self.new_action = action(self.new_member, QKeySequence.StandardKey.New)
        self.find_action = action(self.focus_filter, QKeySequence.StandardKey.Find)
        self.import_members_action = action(lambda: self.open_import("members"))
        self.import_children_action = action(lambda: self.open_import("children"))
        self.quit_action = action(self.close, QKeySequence.StandardKey.Quit)
        self.register_menu = self.menuBar().addMenu("")
        for act in (self.new_action, self.find_action):
            self.register_menu.addAction(act)
        self.register_menu.addSeparator()
        self.register_menu.addAction(self.import_members_action)
        self.register_menu.addAction(self.import_children_action)
        self.register_menu.addSeparator()
        self.register_menu.addAction(self.quit_action)

    # -- language -------------------------------------------------------------------------
    def _language_chosen(self, index: int) -> None:
        lang = str(self.language.itemData(index))
        try:
            settings.set_value(self.state.db, "ui.language", lang)
        except Exception as exc:  # noqa: BLE001 - shown; the language switches anyway
            show_error(self, exc)
        self.state.set_language(lang)
        self.state.notify_changed("settings")

    def retranslate(self) -> None:
        index = i18n.LANGUAGES.index(i18n.get_language())
        if self.language.currentIndex() != index:
            self.language.blockSignals(True)
            self.language.setCurrentIndex(index)
            self.language.blockSignals(False)
        self.language_label.setText(_("Language"))
        for row, page in enumerate(self.pages):
            page.retranslate()
            self.sidebar.item(row).setText(page.title())
        self.register_menu.setTitle(_("&Register"))
        self.new_action.setText(_("&New member…"))
        self.find_action.setText(_("&Find"))
        self.import_members_action.setText(_("Import &members…"))
        self.import_children_action.setText(_("Import &children…"))
        self.quit_action.setText(_("&Quit"))
        self.banner_text.setText(
            _(
                "This is a demo organization with invented people, so you can try everything. "
                "To keep your own register, open Settings and start an empty register."
            )
        )
        self.banner_button.setText(_("Open Settings"))
        self.db_label.setText(_("Database: {path}").format(path=self.state.db_path))
        self._update_banner_and_title()

    def _data_changed(self, what: str) -> None:
        if what in ("settings", "all"):
            self._update_banner_and_title()

    def _update_banner_and_title(self) -> None:
        values = settings.get_all(self.state.db)
        self.banner.setVisible(values.get("org.demo", "0") == "1")
        own = values["org.name_ky" if i18n.get_language() == "ky" else "org.name_ru"]
        name = own or values["org.name_ru"] or values["org.name_ky"]
        if name:
            self.setWindowTitle(_("{organization} — unionapp").format(organization=name))
        else:
            self.setWindowTitle(_("unionapp — register of the primary union organization"))

    # -- actions ----------------------------------------------------------------------------
    def focus_filter(self) -> None:
        self.show_page(self.members_page.key)
        self.members_page.focus_filter()

    def new_member(self) -> None:
        self.show_page(self.members_page.key)
        self.members_page.new_member()

    def open_import(self, kind: str) -> ImportWizard:
        wizard = ImportWizard(self.state, kind, self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.open()
        return wizard

    def show_page(self, key: str) -> None:
        for row, page in enumerate(self.pages):
            if page.key == key:
                self.sidebar.setCurrentRow(row)

    def current_page(self) -> Page:
        return self.pages[self.stack.currentIndex()]

    # -- the daily backup -------------------------------------------------------------------
    def start_daily_backup(self, delay_ms: int = 1500) -> None:
        """Once the window is up, make today's backup on the thread pool if none exists."""
        self._backup_timer.start(delay_ms)

    def _daily_backup(self) -> None:
        db = self.state.db

        def work(_progress: Any, _cancelled: Any) -> Path | None:
            return backup.auto_backup_if_due(db)

        def done(made: Path | None) -> None:
            if made is not None:
                self.statusBar().showMessage(_("Today's backup is made."), 8000)
                self.state.notify_changed("backups")

        def failed(exc: BaseException) -> None:
            log.warning("daily backup failed: %s", exc)
            self.statusBar().showMessage(
                _("The daily backup failed: {error}").format(error=str(exc))
            )

        start_job(work, done, on_error=failed)

    # -- remembered layout --------------------------------------------------------------------
    @staticmethod
    def ui_settings() -> QSettings:
        return QSettings(str(paths.ui_settings_file()), QSettings.Format.IniFormat)

    def _restore_layout(self) -> None:
        ui = self.ui_settings()
        geometry = ui.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1200, 760)
        self.sidebar.setCurrentRow(0)
        self.show_page(str(ui.value("window/page", self.members_page.key)))

    def save_layout(self) -> None:
        ui = self.ui_settings()
        ui.setValue("window/geometry", self.saveGeometry())
        ui.setValue("window/page", self.current_page().key)
        ui.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.save_layout()
        super().closeEvent(event)


__all__ = ["MainWindow"]
