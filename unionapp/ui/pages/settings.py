"""The Settings page: the organization's settings, the language, printing, the password,
forgetting former members, backups and leaving the demo.

All settings are saved by one button in one transaction (``settings.set_many``); a refused
value is marked on its own field with the core's message, so the chairperson sees at once
which field is wrong and why. The labels are the core's own setting labels, so the CLI's
``config`` and this page name a setting with the same words.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import i18n, maintenance, settings
from unionapp.core.errors import ValidationError
from unionapp.core.formatting import format_decimal_input
from unionapp.core.i18n import _
from unionapp.ui.dialogs.password_box import PasswordBox
from unionapp.ui.dialogs.printer_offsets import PrintingBox
from unionapp.ui.dialogs.purge_box import PurgeBox
from unionapp.ui.i18n import LANGUAGE_NAMES
from unionapp.ui.operations import confirm, run_in_background, show_error
from unionapp.ui.pages.base import Page
from unionapp.ui.pages.settings_backups import BackupsBox
from unionapp.ui.pages.settings_server_copy import ServerCopyBox
from unionapp.ui.state import AppState

TEXT_KEYS = (
    "org.name_ky",
    "org.name_ru",
    "org.chairperson",
    "org.id",  # in the membership cards' QR codes
    "org.employees",
    "youth.max_age",
    "dues.higher_share_percent",
    "dues.rate_percent",
    "aid.yearly_cap_som",
    "anniversaries.days",
)
LONG_TEXT_KEYS = ("org.name_ky", "org.name_ru", "org.chairperson")
# the voucher queue's weights (core/voucher_queue.py), a small group of their own
QUEUE_KEYS = (
    "queue.points_per_year_without",
    "queue.never_years",
    "queue.points_per_member_year",
    "queue.points_per_child_year",
    "queue.points_many_children",
    "queue.points_disability",
)
# Shown with the language's decimal sign ("30,5" in ky and ru); the core reads "," and ".".
DECIMAL_KEYS = frozenset({"dues.higher_share_percent", "dues.rate_percent"})
LONG_FIELD_MIN = 280  # px; narrower than this, a long text field goes under its label
LANGUAGE_KEY = "ui.language"
ERROR_STYLE = "color:#b3261e;"
BAD_FIELD_STYLE = "border:1px solid #b3261e; background:#fdecea;"


class SettingsPage(Page):
    key = "settings"

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.setObjectName("SettingsPage")
        self.editors: dict[str, QLineEdit | QComboBox] = {}
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}

        form = self._build_organization()
        self._build_save_row(form)
        self.backups = ServerCopyBox(state) if state.on_server else BackupsBox(state)
        self.printing = PrintingBox(state)
        self.password = PasswordBox(state)
        self.purge = PurgeBox(state)

        self._build_demo_box()
        self._lay_out()

        self.retranslate()
        self.load()

    # -- building ---------------------------------------------------------------------------
    def _build_organization(self) -> QFormLayout:
        """The organization's fields, the language and the voucher queue's weights: one form
        (returned), saved by one button."""
        self.org_box = QGroupBox()
        form = QFormLayout(self.org_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # a narrow window puts a field under its (long, Russian) label instead of cutting it
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for key in TEXT_KEYS:
            editor = QLineEdit()
            editor.setObjectName(key)
            long_text = key in LONG_TEXT_KEYS
            editor.setMaximumWidth(720 if long_text else 120)
            if long_text:
                editor.setMinimumWidth(LONG_FIELD_MIN)
            editor.textEdited.connect(lambda _text, k=key: self._clear_error(k))
            self._add_row(form, key, editor)
        language = QComboBox()
        language.setObjectName(LANGUAGE_KEY)
        for code in i18n.LANGUAGES:
            language.addItem(LANGUAGE_NAMES[code], code)
        language.setMaximumWidth(200)
        self._add_row(form, LANGUAGE_KEY, language)
        self.queue_box = QGroupBox()  # inside the form: the same Save button keeps it
        self.queue_box.setObjectName("queueBox")
        queue_form = QFormLayout(self.queue_box)
        queue_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for key in QUEUE_KEYS:
            editor = QLineEdit()
            editor.setObjectName(key)
            editor.setMaximumWidth(120)
            editor.textEdited.connect(lambda _text, k=key: self._clear_error(k))
            self._add_row(queue_form, key, editor)
        form.addRow(self.queue_box)
        return form

    def _build_save_row(self, form: QFormLayout) -> None:
        """The Save button and the «saved» note that fades after a few seconds."""
        self.save_button = QPushButton()
        self.save_button.setObjectName("save")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.saved_label = QLabel()
        self.saved_label.setObjectName("savedLabel")
        self.saved_label.setStyleSheet("color:#1e6b34;")
        self._saved_timer = QTimer(self, singleShot=True, interval=4000)
        self._saved_timer.timeout.connect(self.saved_label.clear)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.saved_label, 1)
        form.addRow(buttons)

    def _build_demo_box(self) -> None:
        """Leaving the demo organization for an empty register."""
        self.demo_box = QGroupBox()
        self.demo_box.setObjectName("demoBox")
        self.demo_text = QLabel()
        self.demo_text.setWordWrap(True)
        self.empty_button = QPushButton()
        self.empty_button.setObjectName("startEmpty")
        self.empty_button.clicked.connect(self.start_empty_register)
        demo_layout = QVBoxLayout(self.demo_box)
        demo_layout.addWidget(self.demo_text)
        demo_layout.addWidget(self.empty_button, 0, Qt.AlignmentFlag.AlignLeft)

    def _lay_out(self) -> None:
        """All the boxes in one column that scrolls on a small screen."""
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size:16pt; font-weight:600;")
        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self.heading)
        column.addWidget(self.org_box)
        column.addWidget(self.demo_box)
        column.addWidget(self.printing)
        column.addWidget(self.password)
        column.addWidget(self.purge)
        column.addWidget(self.backups, 1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)

    def _add_row(self, form: QFormLayout, key: str, editor: QLineEdit | QComboBox) -> None:
        label = QLabel()
        label.setBuddy(editor)
        # a long label («Годовой лимит материальной помощи…») wraps instead of widening the
        # page past an 800 px window; WrapLongRows then puts the field under it
        label.setWordWrap(True)
        label.setMaximumWidth(320)
        error = QLabel()
        error.setObjectName(f"error:{key}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        # The editor sits in a row of its own with a stretch, so a short editor (a number)
        # does not make the message under it just as narrow: the message gets the whole width
        # of the field column and wraps there.
        line = QHBoxLayout()
        line.addWidget(editor, 1)
        line.addStretch(0)
        field = QVBoxLayout()
        field.setSpacing(2)
        field.addLayout(line)
        field.addWidget(error)
        form.addRow(label, field)
        self.editors[key], self.labels[key], self.errors[key] = editor, label, error

    # -- texts ------------------------------------------------------------------------------
    def title(self) -> str:
        return _("Settings")

    def retranslate(self) -> None:
        self.heading.setText(_("Settings"))
        self.org_box.setTitle(_("Organization"))
        self.queue_box.setTitle(_("Voucher queue"))
        for key, label in self.labels.items():
            label.setText(_("{label}:").format(label=_(settings.DEFINITIONS[key].label)))
        self.save_button.setText(_("Save"))
        self.demo_box.setTitle(_("Demo organization"))
        self.demo_text.setText(
            _(
                "The register now holds an invented demo organization. When you are ready to "
                "keep your own, start an empty register: the demo's people, departments and "
                "history are removed (a backup is made first)."
            )
        )
        self.empty_button.setText(_("Start an empty register…"))
        self.backups.retranslate()
        self.printing.retranslate()
        self.password.retranslate()
        self.purge.retranslate()
        self.saved_label.clear()
        language = self.editors[LANGUAGE_KEY]
        if isinstance(language, QComboBox):
            language.setCurrentIndex(max(language.findData(i18n.get_language()), 0))

    # -- loading and saving -------------------------------------------------------------------
    def on_data_changed(self, what: str) -> None:
        if what in ("settings", "all"):
            self.load()
        if what in ("all", "backups"):
            self.backups.refresh()

    def load(self) -> None:
        values = settings.get_all(self.state.db)
        # The language in effect (``--lang`` may differ from the stored one): saving the page
        # keeps what the user sees instead of switching back to the stored language.
        values[LANGUAGE_KEY] = i18n.get_language()
        for key, editor in self.editors.items():
            if isinstance(editor, QComboBox):
                editor.setCurrentIndex(max(editor.findData(values[key]), 0))
            else:
                shown = format_decimal_input(values[key]) if key in DECIMAL_KEYS else values[key]
                editor.setText(shown)
                editor.setCursorPosition(0)  # a long name shows its start, not its end
            self._clear_error(key)
        self.demo_box.setVisible(values.get("org.demo", "0") == "1")

    def values(self) -> dict[str, str]:
        return {
            key: str(editor.currentData()) if isinstance(editor, QComboBox) else editor.text()
            for key, editor in self.editors.items()
        }

    def save(self) -> bool:
        """Check every field (marking each bad one), then save all in one transaction."""
        values = self.values()
        for key in self.editors:
            self._clear_error(key)
        refused = False
        for key, value in values.items():
            try:
                settings.DEFINITIONS[key].parse(value)
            except ValidationError as exc:
                self._show_error(key, exc.message())
                refused = True
        if refused:
            return False
        try:
            settings.set_many(self.state.db, values)
        except ValidationError as exc:
            self._show_error(exc.field, exc.message())
            return False
        except Exception as exc:  # noqa: BLE001 - shown to the user, nothing saved
            show_error(self, exc)
            return False
        self.state.set_language(values[LANGUAGE_KEY])
        self.state.notify_changed("settings")
        self.saved_label.setText(_("Saved."))
        self._saved_timer.start()
        return True

    def _show_error(self, key: str, message: str) -> None:
        if key not in self.errors:  # a field this page does not show: tell it plainly
            self.saved_label.setText(message)
            return
        self.errors[key].setText(message)
        self.errors[key].show()
        self.editors[key].setStyleSheet(BAD_FIELD_STYLE)
        self.editors[key].setToolTip(message)
        self.editors[key].setFocus()

    def _clear_error(self, key: str) -> None:
        self.errors[key].hide()
        self.errors[key].clear()
        self.editors[key].setStyleSheet("")
        self.editors[key].setToolTip("")

    # -- leaving the demo ----------------------------------------------------------------------
    def start_empty_register(self) -> None:
        question = _(
            "Remove the demo organization's people, departments and history and start an "
            "empty register? A backup of the demo is made first."
        )
        if not confirm(self, question):
            return
        db = self.state.db

        def work(_progress: object, _cancelled: object) -> object:
            return maintenance.start_empty_register(db)

        run_in_background(
            self,
            _("Starting an empty register…"),
            work,
            lambda _saved: self.state.notify_changed("all"),
            cancellable=False,
        )
