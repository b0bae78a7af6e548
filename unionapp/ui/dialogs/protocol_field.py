"""The protocol field of every dialog that cites a committee decision (aid, awards, vouchers).

The protocols newest first, as they are cited («No. 7 of 14.05.2026 · the agenda's first
line»), and «New protocol…» beside them: a decision not yet in the register is recorded
without leaving the dialog, and chosen once saved. One widget, so the aid, award and voucher
dialogs choose and cite a protocol alike.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QPushButton, QSizePolicy, QWidget

from unionapp.core import decisions
from unionapp.core.i18n import N_, _
from unionapp.ui.state import AppState


class ProtocolField(QWidget):
    """The protocols, newest first, as they are cited («No. 7 of 14.05.2026»), and a button to
    record a meeting not yet in the register (it is chosen once saved)."""

    chosen = Signal()

    def __init__(self, state: AppState, parent: QWidget | None = None, *,
                 none: str = N_("— choose the protocol —"),
                 button: str = N_("New protocol…"), min_length: int = 22) -> None:
        """``none``: the first, empty choice (a voucher may be recorded before its protocol);
        ``button``: the new protocol button's text (a narrow dialog says just «New…»);
        ``min_length``: the combo's width in characters."""
        super().__init__(parent)
        self.state = state
        self.none, self.button = none, button
        self.rows: list[decisions.DecisionRow] = []
        self.dialog: QDialog | None = None
        self.combo = QComboBox()
        self.combo.setObjectName("decision")
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(min_length)
        self.combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.combo.currentIndexChanged.connect(lambda _i: self.chosen.emit())
        self.new_button = QPushButton()
        self.new_button.setObjectName("newProtocol")
        self.new_button.clicked.connect(self.new_protocol)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        layout.addWidget(self.new_button)
        self.setFocusProxy(self.combo)
        self.mark_targets = (self.combo,)
        self.reload()

    def reload(self, select: int | None = None) -> None:
        chosen = select if select is not None else self.decision_id()
        self.rows = decisions.list_decisions(self.state.db)
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem("", None)
        for row in self.rows:
            self.combo.addItem("", row.id)
        self.retranslate()
        self.combo.blockSignals(False)
        self.set_decision(chosen)

    def retranslate(self) -> None:
        self.combo.setItemText(0, _(self.none))
        for index, row in enumerate(self.rows, start=1):
            text = decisions.label(row.number, row.held_on)
            first = next((line for line in row.agenda.splitlines() if line.strip()), "")
            self.combo.setItemText(index, f"{text} · {first}" if first else text)
        self.new_button.setText(_(self.button))
        self.new_button.setToolTip(_("Record a protocol that is not in the register yet"))

    def decision_id(self) -> int | None:
        value = self.combo.currentData()
        return int(value) if value is not None else None

    def set_decision(self, decision_id: int | None) -> None:
        self.combo.setCurrentIndex(max(self.combo.findData(decision_id), 0) if decision_id
                                   else 0)

    def held_on(self) -> dt.date | None:
        chosen = self.decision_id()
        return next((r.held_on for r in self.rows if r.id == chosen), None)

    def choose_latest_from(self, day: dt.date | None) -> None:
        """The newest protocol held on or after ``day`` (the nomination's): the likeliest."""
        later = [r for r in self.rows if day is None or r.held_on >= day]
        if later:
            self.set_decision(later[0].id)

    def new_protocol(self) -> QDialog:
        from unionapp.ui.dialogs.decision_dialog import DecisionDialog  # only when asked for

        dialog = DecisionDialog(self.state, None, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.reload(select=dialog.decision_id))
        dialog.open()
        self.dialog = dialog
        return dialog
