"""The parts of the main window that show before the register is open: the sidebar with the
language switch, the demo banner, the Register menu and "Opening the register…".

They need nothing but Qt, the translations and the page registry, so the window can be on
screen before the database layer is imported (tests/test_startup.py guards this). The window
(main_window.py) wires them to the register once it is open.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import i18n
from unionapp.core.i18n import _
from unionapp.ui.i18n import LANGUAGE_NAMES
from unionapp.ui.pages import PAGES

SIDEBAR_STYLE = """
QListWidget#sidebar { background:#24364b; color:#e8eef5; border:none; font-size:11pt;
                      outline:0; }
QListWidget#sidebar::item { padding:10px 14px; }
QListWidget#sidebar::item:selected { background:#3d6b99; color:white; }
"""
BANNER_STYLE = "QFrame#demoBanner { background:#fff3cd; border-bottom:1px solid #e6d49a; }"


class FirstPaint(QObject):
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


class SidePanel(QWidget):
    """The dark column on the left: a row per section of the page registry, the language
    switch under them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(210)
        self.sidebar.setStyleSheet(SIDEBAR_STYLE)
        # a long section name («Материальная помощь») wraps instead of scrolling sideways
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sidebar.setWordWrap(True)
        for _entry in PAGES:
            self.sidebar.addItem(QListWidgetItem())

        self.language = QComboBox()
        self.language.setObjectName("language")
        for code in i18n.LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language_label = QLabel()
        self.language_label.setStyleSheet("color:#e8eef5;")

        self.setObjectName("sidePanel")
        self.setStyleSheet("QWidget#sidePanel { background:#24364b; }")
        # a QWidget subclass paints a style sheet's background only when asked to
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        side = QVBoxLayout(self)
        side.setContentsMargins(0, 0, 0, 10)
        side.addWidget(self.sidebar, 1)
        lang_box = QVBoxLayout()
        lang_box.setContentsMargins(12, 0, 12, 0)
        lang_box.addWidget(self.language_label)
        lang_box.addWidget(self.language)
        side.addLayout(lang_box)

    def retranslate(self) -> None:
        """The switch shows the current language (without signalling a choice); the section
        names and the label are in it."""
        index = i18n.LANGUAGES.index(i18n.get_language())
        if self.language.currentIndex() != index:
            self.language.blockSignals(True)
            self.language.setCurrentIndex(index)
            self.language.blockSignals(False)
        self.language_label.setText(_("Language"))
        for row, entry in enumerate(PAGES):
            self.sidebar.item(row).setText(_(entry.title))
        self._fit_sidebar()

    def _fit_sidebar(self) -> None:
        """Wide enough for the longest section name in this language («Материальная помощь»),
        never narrower than the design's 210 px."""
        font = QFont(self.sidebar.font())
        font.setPointSizeF(11)  # the style sheet's size of the items
        metrics = QFontMetrics(font)
        longest = max(metrics.horizontalAdvance(_(entry.title)) for entry in PAGES)
        self.sidebar.setFixedWidth(max(210, longest + 2 * 14 + 12))  # item padding, a margin


class DemoBanner(QFrame):
    """The yellow strip over the page on a demo organization: what it is, and a button to
    Settings (where an empty register is started). Hidden until the settings say demo."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demoBanner")
        self.setStyleSheet(BANNER_STYLE)
        self.hide()
        self.text = QLabel()
        self.text.setObjectName("demoBannerText")
        self.text.setWordWrap(True)
        self.text.setStyleSheet("color:#664d03;")
        self.button = QPushButton()
        banner_row = QHBoxLayout(self)
        banner_row.setContentsMargins(12, 6, 12, 6)
        banner_row.addWidget(self.text, 1)
        banner_row.addWidget(self.button)

    def retranslate(self) -> None:
        self.text.setText(
            _(
                "This is a demo organization with invented people, so you can try everything. "
                "To keep your own register, open Settings and start an empty register."
            )
        )
        self.button.setText(_("Open Settings"))


class RegisterMenu:
    """The Register menu of ``window``. Its actions but Quit act on the register: they are off
    (and their shortcuts harmless) until ``enable`` is called once it is open."""

    def __init__(
        self,
        window: QMainWindow,
        *,
        new_member: Callable[[], object],
        find: Callable[[], object],
        open_import: Callable[[str], object],
    ) -> None:
        def action(
            slot: Callable[[], object], shortcut: QKeySequence.StandardKey | str | None = None
        ) -> QAction:
            act = QAction(window)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
                act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.triggered.connect(slot)
            window.addAction(act)
            return act

        self.new_action = action(new_member, QKeySequence.StandardKey.New)
        self.find_action = action(find, QKeySequence.StandardKey.Find)
        self.import_members_action = action(lambda: open_import("members"))
        self.import_children_action = action(lambda: open_import("children"))
        self.quit_action = action(window.close, QKeySequence.StandardKey.Quit)
        self.register_actions = (
            self.new_action,
            self.find_action,
            self.import_members_action,
            self.import_children_action,
        )
        for act in self.register_actions:
            act.setEnabled(False)
        self.menu = window.menuBar().addMenu("")
        for act in (self.new_action, self.find_action):
            self.menu.addAction(act)
        self.menu.addSeparator()
        self.menu.addAction(self.import_members_action)
        self.menu.addAction(self.import_children_action)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)

    def enable(self) -> None:
        for act in self.register_actions:
            act.setEnabled(True)

    def retranslate(self) -> None:
        self.menu.setTitle(_("&Register"))
        self.new_action.setText(_("&New member…"))
        self.find_action.setText(_("&Find"))
        self.import_members_action.setText(_("Import &members…"))
        self.import_children_action.setText(_("Import &children…"))
        self.quit_action.setText(_("&Quit"))


__all__ = ["DemoBanner", "FirstPaint", "OpeningPanel", "RegisterMenu", "SidePanel"]
