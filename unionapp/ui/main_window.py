"""The main window: a sidebar of sections, the current page, a language switch, a menu.

It is shown in two steps so the user sees it at once (DESIGN.md "Performance targets"): first
the shell - the sidebar's titles from the page registry, the language switch, the menu and
"Opening the register…" - which needs nothing but Qt and the light modules; then, when the
start-up job has opened the database and read the register, ``open_register`` creates the
pages (``ready`` is emitted). Until then the register's actions are disabled. The shell's
parts (side panel, demo banner, Register menu, opening panel) are in window_shell.py.

Remembers its geometry and last page (QSettings in the data folder), shows a banner on a demo
organization, re-translates every page when the language changes, and makes the daily backup
on the thread pool so the window never waits for it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from unionapp import paths
from unionapp.core import i18n
from unionapp.core.i18n import _
from unionapp.core.target import shown_name
from unionapp.ui.i18n import install_qt_translator
from unionapp.ui.operations import error_text, show_error, start_job
from unionapp.ui.pages import MEMBERS, PAGES, SETTINGS, PageEntry, page_entry
from unionapp.ui.window_shell import DemoBanner, FirstPaint, OpeningPanel, RegisterMenu, SidePanel

MEMBERS_ENTRY = next(entry for entry in PAGES if entry.key == MEMBERS)

if TYPE_CHECKING:  # loaded with the register, after the window is up
    from unionapp.core.member_list import MemberList
    from unionapp.ui.dialogs.import_wizard import ImportWizard
    from unionapp.ui.pages.base import Page
    from unionapp.ui.pages.members import MembersPage
    from unionapp.ui.pages.settings import SettingsPage
    from unionapp.ui.state import AppState

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    ready = Signal()  # the register is open and the pages exist
    first_painted = Signal()  # the window has been on screen once

    def __init__(self, state: AppState | None = None, *, members: MemberList | None = None) -> None:
        """With ``state`` the register opens at once; without it the window is the shell
        until ``open_register`` is called."""
        super().__init__()
        self.setObjectName("MainWindow")
        self.state: AppState | None = None
        self.pages: list[Page] = []
        self.picked_language: str | None = None  # chosen in the shell, saved once open
        FirstPaint(self, self.first_painted.emit)

        self.side_panel = SidePanel()
        self.sidebar = self.side_panel.sidebar
        self.language = self.side_panel.language
        self.language_label = self.side_panel.language_label
        self.opening = OpeningPanel()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.opening)
        self.sidebar.currentRowChanged.connect(self._row_chosen)
        self.language.currentIndexChanged.connect(self._language_chosen)

        self.banner = DemoBanner()
        self.banner_text = self.banner.text
        self.banner_button = self.banner.button
        self.banner_button.clicked.connect(lambda: self.show_page(SETTINGS))

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
        body.addWidget(self.side_panel)
        body.addLayout(right, 1)
        central = QWidget()
        central.setLayout(body)
        self.setCentralWidget(central)

        self.db_name: str | None = None  # the file's path, or the server's URL shown
        self.db_label = QLabel()
        self.db_label.setStyleSheet("color:#666;")
        self.statusBar().addPermanentWidget(self.db_label)
        self.menu = RegisterMenu(
            self, new_member=self.new_member, find=self.focus_filter, open_import=self.open_import
        )
        self.register_menu = self.menu.menu
        self.new_action = self.menu.new_action
        self.find_action = self.menu.find_action
        self.import_members_action = self.menu.import_members_action
        self.import_children_action = self.menu.import_children_action
        self.quit_action = self.menu.quit_action
        self._backup_timer = QTimer(self, singleShot=True)  # dies with the window
        self._backup_timer.timeout.connect(self._daily_backup)

        self._organization: Mapping[str, str] = {}
        self.retranslate()
        self._restore_layout()
        if state is not None:
            self.open_register(state, members)

    # -- opening the register -------------------------------------------------------------------
    def show_opening(self, target: Path | str, stored: Mapping[str, str]) -> None:
        """What the shell can show before the register is open: the database's name, and the
        organization's name and demo banner as stored (read without the database layer)."""
        self.db_name = shown_name(target)
        self._organization = dict(stored)
        self.retranslate()

    def open_register(self, state: AppState, members: MemberList | None = None) -> None:
        """Create the pages over the open database (``members``: the register already read)
        and show the page the user was on last time."""
        if self.state is not None:
            raise RuntimeError("the register is already open")
        self.state, self.db_name = state, state.shown_name
        # Only the members page (it takes the register already read) and the page shown are
        # made now; the others when first opened, so the first screen never waits for pages
        # nobody looked at (each reads its own data off the GUI thread once it exists).
        self._add_page(self._create_page(MEMBERS_ENTRY, state, members))
        self._row_chosen(self.sidebar.currentRow())
        self.stack.removeWidget(self.opening)
        self.opening.deleteLater()
        self.menu.enable()
        state.language_changed.connect(lambda _lang: self.retranslate())
        state.data_changed.connect(self._data_changed)
        if self.picked_language is not None:
            self._save_language(self.picked_language)
        self._organization = self._stored_settings()
        self._retranslate_window()
        self.ready.emit()

    @staticmethod
    def _create_page(entry: PageEntry, state: AppState, members: MemberList | None) -> Page:
        page_class = entry.page_class()
        if entry.key == MEMBERS and members is not None:
            return cast("type[MembersPage]", page_class)(state, members=members)
        return page_class(state)

    def is_ready(self) -> bool:
        return self.state is not None

    # -- language -------------------------------------------------------------------------
    def _language_chosen(self, index: int) -> None:
        lang = str(self.language.itemData(index))
        if self.state is None:  # still opening: switch now, save the choice once open
            self.picked_language = lang
            i18n.set_language(lang)
            app = QApplication.instance()
            if app is not None:
                install_qt_translator(app, lang)
            self.retranslate()
            return
        self._save_language(lang)
        self.state.set_language(lang)
        self.state.notify_changed("settings")

    def _save_language(self, lang: str) -> None:
        from unionapp.core import settings  # loaded with the register

        assert self.state is not None
        try:
            settings.set_value(self.state.db, "ui.language", lang)
        except Exception as exc:  # noqa: BLE001 - shown; the language switches anyway
            show_error(self, exc)

    def retranslate(self) -> None:
        """Every text of the window and its pages in the current language."""
        for page in self.pages:
            page.retranslate()
        self._retranslate_window()

    def _retranslate_window(self) -> None:
        self.side_panel.retranslate()
        if self.state is None:
            self.opening.retranslate()
        self.menu.retranslate()
        self.banner.retranslate()
        if self.db_name is not None:
            self.db_label.setText(_("Database: {path}").format(path=self.db_name))
        self._update_banner_and_title()

    def _data_changed(self, what: str) -> None:
        if what in ("settings", "all"):
            self._organization = self._stored_settings()
            self._update_banner_and_title()

    def _stored_settings(self) -> dict[str, str]:
        from unionapp.core import settings  # loaded with the register

        assert self.state is not None
        return settings.get_all(self.state.db)

    def _update_banner_and_title(self) -> None:
        values = self._organization
        self.banner.setVisible(values.get("org.demo", "0") == "1")
        own = values.get("org.name_ky" if i18n.get_language() == "ky" else "org.name_ru", "")
        name = own or values.get("org.name_ru", "") or values.get("org.name_ky", "")
        if name:
            self.setWindowTitle(_("{organization} — unionapp").format(organization=name))
        else:
            self.setWindowTitle(_("unionapp — register of the primary union organization"))

    # -- pages and actions ----------------------------------------------------------------------
    def page(self, key: str) -> Page:
        """The page of section ``key``, made the first time it is asked for."""
        for page in self.pages:
            if page.key == key:
                return page
        entry = page_entry(key)
        if self.state is None or entry is None:
            raise LookupError(f"no page {key!r} (is the register open?)")
        return self._add_page(self._create_page(entry, self.state, None))

    def _add_page(self, page: Page) -> Page:
        self.pages.append(page)
        self.stack.addWidget(page)
        return page

    @property
    def members_page(self) -> MembersPage:
        return cast("MembersPage", self.page(MEMBERS))

    @property
    def settings_page(self) -> SettingsPage:
        return cast("SettingsPage", self.page(SETTINGS))

    def focus_filter(self) -> None:
        if self.is_ready():
            self.show_page(MEMBERS)
            self.members_page.focus_filter()

    def new_member(self) -> None:
        if self.is_ready():
            self.show_page(MEMBERS)
            self.members_page.new_member()

    def open_import(self, kind: str) -> ImportWizard | None:
        if self.state is None:
            return None
        from unionapp.ui.dialogs.import_wizard import ImportWizard  # only when asked for

        wizard = ImportWizard(self.state, kind, self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.open()
        return wizard

    def show_page(self, key: str) -> None:
        for row, entry in enumerate(PAGES):
            if entry.key == key:
                self.sidebar.setCurrentRow(row)

    def _row_chosen(self, row: int) -> None:
        if self.state is not None and 0 <= row < len(PAGES):
            self.stack.setCurrentWidget(self.page(PAGES[row].key))

    def current_key(self) -> str:
        """The key of the section chosen in the sidebar (known before the pages exist)."""
        row = self.sidebar.currentRow()
        return PAGES[row].key if 0 <= row < len(PAGES) else PAGES[0].key

    def current_page(self) -> Page:
        return self.page(self.current_key())

    # -- the daily backup -------------------------------------------------------------------
    def start_daily_backup(self, delay_ms: int = 1500) -> None:
        """Once the window is up, make today's backup on the thread pool if none exists."""
        self._backup_timer.start(delay_ms)

    def _daily_backup(self) -> None:
        if self.state is None:
            return
        state = self.state
        db = state.db

        def work(_progress: Any, _cancelled: Any) -> Path | None:
            from unionapp.core import backup

            made: Path | None = backup.auto_backup_if_due(db)
            return made

        def done(made: Path | None) -> None:
            if made is not None:
                self.statusBar().showMessage(_("Today's backup is made."), 8000)
                state.notify_changed("backups")

        def failed(exc: BaseException) -> None:
            log.warning("daily backup failed: %s", exc)
            self.statusBar().showMessage(
                _("The daily backup failed: {error}").format(error=error_text(exc))
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
        last = str(ui.value("window/page", PAGES[0].key))  # Home on the very first start
        self.show_page(last if page_entry(last) is not None else PAGES[0].key)

    def save_layout(self) -> None:
        ui = self.ui_settings()
        ui.setValue("window/geometry", self.saveGeometry())
        ui.setValue("window/page", self.current_key())
        ui.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.save_layout()
        super().closeEvent(event)


__all__ = ["MainWindow", "OpeningPanel"]
