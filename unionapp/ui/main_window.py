"""The main window: a sidebar of sections, the current page, a language switch, a menu.

It is shown in two steps so the user sees it at once (DESIGN.md "Performance targets"): first
the shell - the sidebar's titles from the page registry, the language switch, the menu and
"Opening the register…" - which needs nothing but Qt and the light modules; then, when the
start-up job has opened the database and read the register, ``open_register`` creates the
pages (``ready`` is emitted). Until then the register's actions are disabled.

Remembers its geometry and last page (QSettings in the data folder), shows a banner on a demo
organization, re-translates every page when the language changes, and makes the daily backup
on the thread pool so the window never waits for it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from unionapp import paths
from unionapp.core import i18n
from unionapp.core.i18n import _
from unionapp.core.target import shown_name
from unionapp.ui.i18n import LANGUAGE_NAMES, install_qt_translator
from unionapp.ui.operations import show_error, start_job
from unionapp.ui.pages import MEMBERS, PAGES, SETTINGS, PageEntry, page_entry

MEMBERS_ENTRY = next(entry for entry in PAGES if entry.key == MEMBERS)

if TYPE_CHECKING:  # loaded with the register, after the window is up
    from unionapp.core.member_list import MemberList
    from unionapp.ui.dialogs.import_wizard import ImportWizard
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


class _FirstPaint(QObject):
    """Calls back once, just after the watched widget's first paint, then lets go."""

    def __init__(self, watched: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(watched)
        self._callback = callback
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # After the whole paint pass (children included) has reached the screen.
            QTimer.singleShot(0, self._callback)
        return False


class OpeningPanel(QWidget):
    """What the content area shows while the register is being opened."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openingRegister")
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.label.setFont(font)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: how long it takes is not known
        self.progress.setTextVisible(False)
        self.progress.setFixedWidth(320)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addWidget(self.progress, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def retranslate(self) -> None:
        self.label.setText(_("Opening the register…"))


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
        _FirstPaint(self, self.first_painted.emit)

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(210)
        self.sidebar.setStyleSheet(SIDEBAR_STYLE)
        # a long section name («Материальная помощь») wraps instead of scrolling sideways
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sidebar.setWordWrap(True)
        for _entry in PAGES:
            self.sidebar.addItem(QListWidgetItem())
        self.opening = OpeningPanel()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.opening)
        self.sidebar.currentRowChanged.connect(self._row_chosen)

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
        self.banner.hide()
        self.banner_text = QLabel()
        self.banner_text.setObjectName("demoBannerText")
        self.banner_text.setWordWrap(True)
        self.banner_text.setStyleSheet("color:#664d03;")
        self.banner_button = QPushButton()
        self.banner_button.clicked.connect(lambda: self.show_page(SETTINGS))
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

        self.db_name: str | None = None  # the file's path, or the server's URL shown
        self.db_label = QLabel()
        self.db_label.setStyleSheet("color:#666;")
        self.statusBar().addPermanentWidget(self.db_label)
        self._make_menu()
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
        for act in self._register_actions:
            act.setEnabled(True)
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
        # They act on the register: off (and their shortcuts harmless) until it is open.
        self._register_actions = (
            self.new_action,
            self.find_action,
            self.import_members_action,
            self.import_children_action,
        )
        for act in self._register_actions:
            act.setEnabled(False)
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
        index = i18n.LANGUAGES.index(i18n.get_language())
        if self.language.currentIndex() != index:
            self.language.blockSignals(True)
            self.language.setCurrentIndex(index)
            self.language.blockSignals(False)
        self.language_label.setText(_("Language"))
        for row, entry in enumerate(PAGES):
            self.sidebar.item(row).setText(_(entry.title))
        self._fit_sidebar()
        if self.state is None:
            self.opening.retranslate()
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
        if self.db_name is not None:
            self.db_label.setText(_("Database: {path}").format(path=self.db_name))
        self._update_banner_and_title()

    def _fit_sidebar(self) -> None:
        """Wide enough for the longest section name in this language («Материальная помощь»),
        never narrower than the design's 210 px."""
        font = QFont(self.sidebar.font())
        font.setPointSizeF(11)  # the style sheet's size of the items
        metrics = QFontMetrics(font)
        longest = max(metrics.horizontalAdvance(_(entry.title)) for entry in PAGES)
        self.sidebar.setFixedWidth(max(210, longest + 2 * 14 + 12))  # item padding, a margin

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
