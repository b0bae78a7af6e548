"""The main window: a sidebar of sections, the current page, a language switch.

Remembers its geometry and last page (QSettings in the data folder), shows a banner on a demo
organization, and re-translates every page when the language changes.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from unionapp import paths
from unionapp.core import i18n, settings
from unionapp.core.i18n import _
from unionapp.ui.pages.base import Page
from unionapp.ui.pages.members import MembersPage
from unionapp.ui.pages.settings import SettingsPage
from unionapp.ui.state import AppState

LANGUAGE_NAMES = {"ky": "Кыргызча", "ru": "Русский"}


class MainWindow(QMainWindow):
    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self.setObjectName("MainWindow")
        self.pages: list[Page] = [MembersPage(state), SettingsPage(state)]

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(200)
        self.stack = QStackedWidget()
        for page in self.pages:
            self.sidebar.addItem(QListWidgetItem())
            self.stack.addWidget(page)
        self.sidebar.currentRowChanged.connect(self.stack.setCurrentIndex)

        self.language = QComboBox()
        self.language.setObjectName("language")
        for code in i18n.LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(i18n.LANGUAGES.index(i18n.get_language()))
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.language_label = QLabel()

        side = QVBoxLayout()
        side.addWidget(self.sidebar, 1)
        side.addWidget(self.language_label)
        side.addWidget(self.language)
        self.banner = QLabel()
        self.banner.setObjectName("demoBanner")
        self.banner.setStyleSheet("background:#fff3cd;color:#664d03;padding:6px;")
        self.banner.setWordWrap(True)
        right = QVBoxLayout()
        right.addWidget(self.banner)
        right.addWidget(self.stack, 1)
        body = QHBoxLayout()
        body.addLayout(side)
        body.addLayout(right, 1)
        central = QWidget()
        central.setLayout(body)
        self.setCentralWidget(central)

        QShortcut(QKeySequence.StandardKey.Find, self, activated=self._focus_filter)
        QShortcut(QKeySequence.StandardKey.New, self, activated=self._new_member)

        state.language_changed.connect(lambda _lang: self.retranslate())
        state.data_changed.connect(lambda _what: self._update_banner())
        self.retranslate()
        self._restore_layout()

    # -- language -------------------------------------------------------------------------
    def _language_chosen(self, index: int) -> None:
        lang = self.language.itemData(index)
        self.state.set_language(lang)
        settings.set_value(self.state.db, "ui.language", lang)

    def retranslate(self) -> None:
        index = i18n.LANGUAGES.index(i18n.get_language())
        if self.language.currentIndex() != index:
            self.language.blockSignals(True)
            self.language.setCurrentIndex(index)
            self.language.blockSignals(False)
        self.language_label.setText(_("Language"))
        for row, page in enumerate(self.pages):
            page.retranslate()
            item = self.sidebar.item(row)
            item.setText(page.title())
        self._update_banner()
        self._update_title()

    def _update_title(self) -> None:
        values = settings.get_all(self.state.db)
        name = values["org.name_ky" if i18n.get_language() == "ky" else "org.name_ru"]
        name = name or values["org.name_ru"] or values["org.name_ky"]
        title = _("unionapp — register of the primary union organization")
        self.setWindowTitle(f"{name} — unionapp" if name else title)

    def _update_banner(self) -> None:
        is_demo = settings.get_all(self.state.db).get("org.demo", "0") == "1"
        self.banner.setVisible(is_demo)
        self.banner.setText(
            _("This is a demo organization with invented people. "
              "To start your own register, choose Settings → Start an empty register.")
        )
        self._update_title()

    # -- shortcuts --------------------------------------------------------------------------
    def _members_page(self) -> MembersPage:
        page = self.pages[0]
        assert isinstance(page, MembersPage)
        self.sidebar.setCurrentRow(0)
        return page

    def _focus_filter(self) -> None:
        self._members_page().focus_filter()

    def _new_member(self) -> None:
        self._members_page().new_member()

    def show_page(self, key: str) -> None:
        for row, page in enumerate(self.pages):
            if page.key == key:
                self.sidebar.setCurrentRow(row)

    # -- remembered layout --------------------------------------------------------------------
    def _ui_settings(self) -> QSettings:
        return QSettings(str(paths.ui_settings_file()), QSettings.Format.IniFormat)

    def _restore_layout(self) -> None:
        ui = self._ui_settings()
        geometry = ui.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)
        last = str(ui.value("window/page", "members"))
        self.sidebar.setCurrentRow(0)
        self.show_page(last)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        ui = self._ui_settings()
        ui.setValue("window/geometry", self.saveGeometry())
        ui.setValue("window/page", self.pages[self.stack.currentIndex()].key)
        ui.sync()
        super().closeEvent(event)


__all__ = ["MainWindow"]
