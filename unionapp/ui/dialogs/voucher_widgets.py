"""Fields the voucher and application dialogs share: the member's children, the catalogue's
places and amounts of money.

Each combo keeps ids as item data and reads its choices through the core's services, so the
dialogs never see the database.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from unionapp.core import institutions, members, money
from unionapp.core.codes import VOUCHER_KINDS
from unionapp.core.formatting import format_date, format_decimal_input
from unionapp.core.i18n import N_, _
from unionapp.ui.state import AppState


def money_text(tyiyn: int | None) -> str:
    """Tyiyn as a field shows it for editing: «1500,5» in ky/ru, no group separator."""
    if tyiyn is None:
        return ""
    return format_decimal_input(money.as_som_text(tyiyn))


class IdCombo(QComboBox):
    """Items with an id as data; ``none`` (a msgid) is a first «no choice» item."""

    def __init__(self, none: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._none = none
        self.setMinimumContentsLength(20)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

    def fill(self, items: list[tuple[int, str]], keep: int | None = None) -> None:
        chosen = self.current_id() if keep is None else keep
        self.blockSignals(True)
        self.clear()
        if self._none is not None:
            self.addItem(_(self._none), None)
        for item_id, text in items:
            self.addItem(text, item_id)
        self.blockSignals(False)
        self.set_id(chosen)
        self.currentIndexChanged.emit(self.currentIndex())

    def current_id(self) -> int | None:
        value = self.currentData()
        return int(value) if value is not None else None

    def set_id(self, item_id: int | None) -> None:
        row = self.findData(item_id) if item_id is not None else -1
        self.setCurrentIndex(row if row >= 0 else 0)

    def retranslate(self) -> None:
        if self._none is not None and self.count():
            self.setItemText(0, _(self._none))


class ChildCombo(IdCombo):
    """The chosen member's children, with their birth dates."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(N_("— for the member —"), parent)
        self.state = state
        self.setObjectName("child")

    def load(self, member_id: int | None, keep: int | None = None) -> None:
        items: list[tuple[int, str]] = []
        if member_id is not None:
            for child in members.get_member(self.state.db, member_id).children:
                born = format_date(child.birth_date)
                items.append((child.id, f"{child.full_name} ({born})" if born
                              else child.full_name))
        self.fill(items, keep)


class PlaceCombo(IdCombo):
    """The catalogue's places a voucher of the chosen kind may go to."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(N_("— not named —"), parent)
        self.state = state
        self.setObjectName("institution")

    def load(self, kind: str | None, keep: int | None = None) -> None:
        rows = institutions.list_institutions(self.state.db, kind) if kind else []
        items = []
        for r in rows:
            ages = (_("{low}–{high} years").format(low=r.min_child_age if r.min_child_age
                                                   is not None else "…",
                                                   high=r.max_child_age if r.max_child_age
                                                   is not None else "…")
                    if r.min_child_age is not None or r.max_child_age is not None else "")
            items.append((r.id, f"{r.name} ({ages})" if ages else r.name))
        self.fill(items, keep)


def kind_label(code: str) -> str:
    return VOUCHER_KINDS.label(code)
