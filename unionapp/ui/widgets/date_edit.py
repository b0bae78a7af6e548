"""A date field that may stay empty: typed as dd.mm.yyyy, or picked from a calendar.

QDateEdit cannot be empty, yet most members have no exit date and some no birth date; and
chairpersons type dates as 31.12.1980 from paper forms. So this is a line edit (parsed by the
core's ``parse_date``, so a form and an import file accept the same dates) with a calendar
button beside it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from unionapp.core.errors import ValidationError
from unionapp.core.formatting import DATE_HINT, format_date, parse_date
from unionapp.core.i18n import _


class DateEdit(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit()
        self.line.setMaxLength(10)
        self.line.editingFinished.connect(self._tidy)
        self.line.textChanged.connect(lambda _text: self.changed.emit())
        self.button = QToolButton()
        self.button.setArrowType(Qt.ArrowType.DownArrow)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0; }")
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        menu = QMenu(self.button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._before_popup)
        self.button.setMenu(menu)
        self._menu = menu
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)
        self.retranslate()

    def retranslate(self) -> None:
        self.line.setPlaceholderText(_(DATE_HINT))
        self.button.setToolTip(_("Choose from the calendar"))

    # -- value --------------------------------------------------------------------------------
    def text(self) -> str:
        return self.line.text()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt-style, used like QLineEdit
        self.line.setText(text)

    def set_date(self, day: dt.date | None) -> None:
        self.line.setText(format_date(day))

    def date(self, field: str = "") -> dt.date | None:
        """The date typed; None when empty; ValidationError naming ``field`` when not a date."""
        return parse_date(self.line.text(), field)

    # -- behaviour ----------------------------------------------------------------------------
    def _tidy(self) -> None:
        """5.3.1980 becomes 05.03.1980 once the user leaves the field; bad text stays as typed."""
        try:
            day = self.date()
        except ValidationError:
            return
        if day is not None and self.line.text() != format_date(day):
            self.line.setText(format_date(day))

    def _before_popup(self) -> None:
        try:
            day = self.date()
        except ValidationError:
            day = None
        shown = day or dt.date.today()
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))

    def _picked(self, qdate: QDate) -> None:
        self.set_date(dt.date(qdate.year(), qdate.month(), qdate.day()))
        self._menu.hide()
        self.line.setFocus(Qt.FocusReason.OtherFocusReason)
