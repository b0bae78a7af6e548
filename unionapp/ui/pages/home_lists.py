"""The Home page's two lists: the anniversaries of the coming days (with the buttons that act
on the chosen one) and who is first in each voucher queue.

Views only: the page hands them rows from its background read (``home_data``) and decides what
a double-click or a button does; these keep the chosen row across a refresh and say so when
a list is empty.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidgetItem,
    QVBoxLayout,
)

from unionapp.core.anniversaries import Anniversary
from unionapp.core.codes import VOUCHER_KINDS
from unionapp.core.formatting import format_date, format_number
from unionapp.core.i18n import N_, _
from unionapp.ui.pages.home_data import QueueHead
from unionapp.ui.pages.page_parts import ID_ROLE, RIGHT, ColumnFit, record_list

ANNIVERSARY_COLUMNS = (N_("Date"), N_("Member"), N_("Department"), N_("What"))
QUEUE_COLUMNS = (N_("Voucher"), N_("Waiting"), N_("First in line"), N_("Points"))


def _button(name: str) -> QPushButton:
    button = QPushButton()
    button.setObjectName(name)
    return button


class AnniversaryBox(QGroupBox):
    """Date, member, department, what; the row's item data: member id (column 0), its index
    in the page's rows (1) and the anniversary's kind (2)."""

    def __init__(self) -> None:
        super().__init__()
        self.list = record_list("anniversaries", len(ANNIVERSARY_COLUMNS), stretch=1)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setMinimumHeight(150)
        # 800 px: the department gives way (then hides) before the name does; the name was cut
        # to «Бекболото…» beside a whole «Факультет иностранных языков»
        self.columns = ColumnFit(self.list, {2: 110, 1: 170}, hide=(2,), grow=(1,))
        self.open_button = _button("openMember")
        self.propose_award = _button("proposeAward")
        self.propose_aid = _button("proposeAid")
        row = QHBoxLayout()
        row.addStretch(1)
        for button in self.buttons():
            row.addWidget(button)
        box = QVBoxLayout(self)
        box.addWidget(self.list, 1)
        box.addLayout(row)

    def buttons(self) -> tuple[QPushButton, QPushButton, QPushButton]:
        return self.open_button, self.propose_award, self.propose_aid

    def retranslate(self) -> None:
        self.list.setHeaderLabels([_(c) for c in ANNIVERSARY_COLUMNS])
        self.propose_award.setText(_("Propose award…"))
        self.propose_award.setToolTip(_("A new nomination of the chosen member"))
        self.propose_aid.setText(_("Propose aid…"))
        self.propose_aid.setToolTip(_("Material aid for the chosen member"))
        self.open_button.setText(_("Open member…"))

    def fill(self, rows: list[Anniversary]) -> None:
        """The rows, the same member's same anniversary chosen again (else the first)."""
        current = self.list.currentItem()  # read from the item: the page's data is new
        chosen = None if current is None else (current.data(0, ID_ROLE), current.data(2, ID_ROLE))
        self.list.clear()
        for index, row in enumerate(rows):
            item = QTreeWidgetItem([format_date(row.day), row.full_name, row.department,
                                    row.what])
            item.setData(0, ID_ROLE, row.member_id)
            item.setData(1, ID_ROLE, index)
            item.setData(2, ID_ROLE, row.kind)
            item.setToolTip(1, _("Card No {card_no}").format(card_no=row.card_no))
            if row.day == dt.date.today():
                font = item.font(0)
                font.setBold(True)
                for column in range(len(ANNIVERSARY_COLUMNS)):
                    item.setFont(column, font)
            item.setToolTip(2, row.department)
            self.list.addTopLevelItem(item)
            if (row.member_id, row.kind) == chosen:
                self.list.setCurrentItem(item)
        first = self.list.topLevelItem(0)
        if rows and first is not None and self.list.currentItem() is None:
            # the first is chosen at once: one click on «Propose award…» is enough
            self.list.setCurrentItem(first)
        if not rows:
            empty = QTreeWidgetItem([_("No anniversaries in these days.")])
            empty.setFirstColumnSpanned(True)
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addTopLevelItem(empty)
            empty.setFirstColumnSpanned(True)
        self.columns.fit()

    def chosen_index(self) -> int | None:
        """The chosen row's index in the rows filled; None for none (or the «none» line)."""
        item = self.list.currentItem()
        index = None if item is None else item.data(1, ID_ROLE)
        return None if index is None else int(index)


class QueueBox(QGroupBox):
    """Kind, how many wait, the first in line (member id in column 2's data) and points; the
    tooltip names the first few and why the first is first."""

    def __init__(self) -> None:
        super().__init__()
        self.list = record_list("queueHeads", len(QUEUE_COLUMNS), stretch=2)
        self.list.setMinimumHeight(90)
        self.empty = QLabel()
        self.empty.setObjectName("queueEmpty")
        self.empty.setStyleSheet("color:#5c6670;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)

    def retranslate(self) -> None:
        self.list.setHeaderLabels([_(c) for c in QUEUE_COLUMNS])
        self.setTitle(_("Voucher queue: first in line"))

    def reading(self) -> None:
        self.empty.setText(_("Reading…"))

    def fill(self, queues: list[QueueHead]) -> None:
        self.list.clear()
        for queue in queues:
            first = queue.first[0] if queue.first else None
            item = QTreeWidgetItem([
                VOUCHER_KINDS.label(queue.kind), format_number(queue.waiting),
                first.applicant.member_name if first else "",
                format_number(first.points) if first else "",
            ])
            item.setTextAlignment(1, RIGHT)
            item.setTextAlignment(3, RIGHT)
            if first is not None:
                item.setData(2, ID_ROLE, first.applicant.member_id)
                item.setToolTip(2, "\n".join(
                    _("{place}. {name} — {points} points").format(
                        place=p.place, name=p.applicant.member_name,
                        points=format_number(p.points))
                    for p in queue.first) + "\n\n" + first.reasons_text("\n"))
            self.list.addTopLevelItem(item)
        self.list.setVisible(bool(queues))
        self.empty.setText("" if queues else _("No applications are waiting."))
        self.empty.setVisible(not queues)
