"""Choosing one member of the register by typing a card number or a part of the name.

The register is read once, on the thread pool, into the same ``MemberList`` the members page
uses, so every keystroke filters prepared keys in memory (ё read as е, any order of words)
instead of asking the database. The list under the field shows the first matches; one match,
or a card number typed in full, is chosen at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from unionapp.core.formatting import format_date
from unionapp.core.i18n import _
from unionapp.core.member_list import MemberList
from unionapp.ui.operations import BackgroundJob, show_error, start_job

if TYPE_CHECKING:
    from unionapp.ui.state import AppState

MEMBER_ROLE = Qt.ItemDataRole.UserRole
SHOWN = 100  # matches listed at most: more means the user types on
VISIBLE_ROWS = 6


class MemberPicker(QWidget):
    """A search field over the register with its matches below; ``member_id()`` is the choice."""

    chosen = Signal(object)  # the member's id, or None when the choice is undone

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.register: MemberList | None = None
        self._fixed: int | None = None  # a member given by the caller: no choosing
        self._job: BackgroundJob | None = None
        self.search = QLineEdit()
        self.search.setObjectName("memberSearch")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self._filter())
        self.search.installEventFilter(self)
        self.results = QListWidget()
        self.results.setObjectName("memberResults")
        self.results.setUniformItemSizes(True)
        self.results.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Tab: search -> next field
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)  # long departments
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.currentItemChanged.connect(lambda _now, _before: self._announce())
        self.results.itemActivated.connect(lambda _item: self.search.setFocus())
        row_height = self.results.fontMetrics().height() + 6
        self.results.setFixedHeight(row_height * VISIBLE_ROWS + 2 * self.results.frameWidth())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        self.setFocusProxy(self.search)
        self.mark_targets = (self.search,)  # what a form outlines when the choice is missing
        self.retranslate()

    def retranslate(self) -> None:
        if self._fixed is None:
            self.search.setPlaceholderText(
                _("Card number or name") if self.register is not None
                else _("Reading the register…")
            )
        self._filter()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Down goes from the search line into the matches; Enter with a member chosen goes on
        to the next field instead of pressing the dialog's default button."""
        if watched is self.search and isinstance(event, QKeyEvent) and (
            event.type() == QEvent.Type.KeyPress
        ):
            if event.key() == Qt.Key.Key_Down and self.results.count():
                self.results.setFocus()
                if self.results.currentItem() is None:
                    self.results.setCurrentRow(0)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                self.member_id() is not None and self._fixed is None
            ):
                self.focusNextChild()
                return True
        return super().eventFilter(watched, event)

    # -- the register -------------------------------------------------------------------------
    def load(self) -> None:
        """Read the register off the GUI thread; the field takes typing once it is there."""
        if self._fixed is not None or self._job is not None:
            return
        db = self.state.db
        self.search.setEnabled(False)
        self._job = start_job(
            lambda _progress, _cancelled: MemberList.load(db), self._loaded,
            on_error=self._failed,
        )

    def is_loading(self) -> bool:
        return self._job is not None

    def _loaded(self, register: MemberList) -> None:
        if not shiboken6.isValid(self):
            return
        self._job = None
        self.register = register
        self.search.setEnabled(True)
        self.search.setFocus()
        self.retranslate()

    def _failed(self, exc: BaseException) -> None:
        if shiboken6.isValid(self):
            self._job = None
            show_error(self, exc)

    # -- choosing -----------------------------------------------------------------------------
    def set_fixed(self, member_id: int, text: str) -> None:
        """The member is given (opened from their own dialog): shown, not chosen."""
        self._fixed = member_id
        self.search.setText(text)
        self.search.setReadOnly(True)
        self.search.setClearButtonEnabled(False)
        self.results.hide()

    def member_id(self) -> int | None:
        if self._fixed is not None:
            return self._fixed
        item = self.results.currentItem()
        return None if item is None or not item.isSelected() else int(item.data(MEMBER_ROLE))

    def matches(self) -> list[str]:
        """The texts listed now (for tests and screen readers)."""
        return [self.results.item(i).text() for i in range(self.results.count())]

    def _filter(self) -> None:
        register = self.register
        if self._fixed is not None or register is None:
            return
        query = self.search.text()
        chosen = self.member_id()
        rows = register.filter(query, status="all")
        self.results.blockSignals(True)
        self.results.clear()
        keep: QListWidgetItem | None = None
        typed_card: QListWidgetItem | None = None
        for row in rows[:SHOWN]:
            item = QListWidgetItem(self._label(register, row))
            item.setToolTip(item.text())
            member = register.ids[row]
            item.setData(MEMBER_ROLE, member)
            self.results.addItem(item)
            if member == chosen:
                keep = item
            if register.card_no[row] == query.strip():
                typed_card = item
        pick = typed_card or keep or (self.results.item(0) if len(rows) == 1 else None)
        if pick is not None:
            self.results.setCurrentItem(pick)
            pick.setSelected(True)
            self.results.scrollToItem(pick)
        self.results.blockSignals(False)
        self._announce()

    @staticmethod
    def _label(register: MemberList, row: int) -> str:
        who = " · ".join(
            p for p in (register.card_no[row], register.full_name[row], register.department[row])
            if p
        )
        left = register.exit_date[row]
        if left is None:
            return who
        return _("{who} (left on {date})").format(who=who, date=format_date(left))

    def _announce(self) -> None:
        self.chosen.emit(self.member_id())
