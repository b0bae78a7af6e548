"""The Home page: what the chairperson should see first on opening the program.

The organization's name and how many members it has now; whose jubilee or membership
anniversary comes in the next days (double-click opens the member; one click proposes an
award or aid); and who is first in each voucher queue. Everything is read in one background
job (the anniversaries are one query, each queue a few), so the window never waits for it.
Issue 7 adds the year's dues and budget figures here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import anniversaries, i18n, settings, voucher_queue
from unionapp.core.anniversaries import Anniversary
from unionapp.core.codes import VOUCHER_KINDS
from unionapp.core.formatting import format_date, format_number
from unionapp.core.i18n import N_, _, ngettext
from unionapp.core.voucher_queue import Position
from unionapp.ui.operations import BackgroundJob, show_error, start_job
from unionapp.ui.pages.base import Page
from unionapp.ui.pages.page_parts import ID_ROLE, RIGHT, record_list, style_heading
from unionapp.ui.widgets.flow_layout import FlowLayout

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from unionapp.ui.state import AppState

RELOAD_ON = frozenset({"members", "vouchers", "settings", "all"})
ANNIVERSARY_COLUMNS = (N_("Date"), N_("Member"), N_("Department"), N_("What"))
QUEUE_COLUMNS = (N_("Voucher"), N_("Waiting"), N_("First in line"), N_("Points"))
HEAD = 3  # people named per queue in the tooltip
CARD_STYLE = ("QFrame#homeCard { background:#f3f6f9; border:1px solid #d5dde6; "
              "border-radius:6px; }")


@dataclass(frozen=True)
class QueueHead:
    kind: str
    waiting: int
    first: tuple[Position, ...]  # the first few in line


@dataclass
class HomeData:
    names: dict[str, str]  # language -> the organization's name
    members_now: int
    days: int
    anniversaries: list[Anniversary]
    queues: list[QueueHead] = field(default_factory=list)

    def name(self, lang: str) -> str:
        return self.names.get(lang) or next((n for n in self.names.values() if n), "")


def load_home(db: Any, today: dt.date | None = None) -> HomeData:
    """Everything the page shows, read at once (on the thread pool); ``db`` is the core's
    Database (typed Any: the UI never imports the database layer)."""
    today = today or dt.date.today()
    stored = settings.get_all(db)
    days = int(stored.get("anniversaries.days", "30"))
    queues: list[QueueHead] = []
    for kind, waiting in sorted(voucher_queue.open_counts(db).items(),
                                key=lambda item: VOUCHER_KINDS.codes.index(item[0])
                                if item[0] in VOUCHER_KINDS else 99):
        if waiting:
            queue = voucher_queue.load_queue(db, kind, today)
            queues.append(QueueHead(kind, waiting, tuple(queue.positions[:HEAD])))
    return HomeData(
        names={"ky": stored.get("org.name_ky", ""), "ru": stored.get("org.name_ru", "")},
        members_now=anniversaries.members_now(db, today),
        days=days,
        anniversaries=anniversaries.upcoming(db, days, today),
        queues=queues,
    )


class Figure(QFrame):
    """A number with its caption, as on a dashboard card."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("homeCard")
        self.setStyleSheet(CARD_STYLE)
        self.number = QLabel("—")
        self.number.setObjectName(name)
        font = self.number.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.number.setFont(font)
        self.caption = QLabel()
        self.caption.setStyleSheet("color:#4a5560;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)


class HomePage(Page):
    key = "home"

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.data: HomeData | None = None
        self.dialog: QDialog | None = None
        self._job: BackgroundJob | None = None
        self._again = False

        self.heading = QLabel()
        self.heading.setObjectName("homeHeading")
        style_heading(self.heading)
        self.heading.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.heading.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setObjectName("homeHint")
        self.hint.setStyleSheet("color:#5c6670;")
        self.hint.setWordWrap(True)
        self.members_card = Figure("membersNow")
        self.anniversaries_card = Figure("anniversariesCount")
        self.queue_card = Figure("queueCount")
        cards = FlowLayout(spacing=10)
        for card in (self.members_card, self.anniversaries_card, self.queue_card):
            cards.addWidget(card)

        self.anniversaries_box = QGroupBox()
        self.anniversaries = record_list("anniversaries", len(ANNIVERSARY_COLUMNS), stretch=1)
        self.anniversaries.itemActivated.connect(
            lambda item, _c: self.open_member(item.data(0, ID_ROLE)))
        self.anniversaries.currentItemChanged.connect(lambda _n, _b: self._update_buttons())
        self.propose_award = QPushButton()
        self.propose_award.setObjectName("proposeAward")
        self.propose_award.clicked.connect(lambda: self.propose("award"))
        self.propose_aid = QPushButton()
        self.propose_aid.setObjectName("proposeAid")
        self.propose_aid.clicked.connect(lambda: self.propose("aid"))
        self.open_button = QPushButton()
        self.open_button.setObjectName("openMember")
        self.open_button.clicked.connect(lambda: self.open_chosen())
        row = QHBoxLayout()
        row.addStretch(1)
        for button in (self.open_button, self.propose_award, self.propose_aid):
            row.addWidget(button)
        box = QVBoxLayout(self.anniversaries_box)
        box.addWidget(self.anniversaries, 1)
        box.addLayout(row)

        self.queue_box = QGroupBox()
        self.queues = record_list("queueHeads", len(QUEUE_COLUMNS), stretch=2)
        self.queues.itemActivated.connect(
            lambda item, _c: self.open_member(item.data(2, ID_ROLE)))
        self.queue_empty = QLabel()
        self.queue_empty.setObjectName("queueEmpty")
        self.queue_empty.setStyleSheet("color:#5c6670;")
        queue_layout = QVBoxLayout(self.queue_box)
        queue_layout.addWidget(self.queues, 1)
        queue_layout.addWidget(self.queue_empty)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addLayout(cards)
        layout.addWidget(self.anniversaries_box, 3)
        layout.addWidget(self.queue_box, 2)
        self._stale = True  # read when first shown: nothing runs for it while the window starts
        self.retranslate()

    # -- texts --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.anniversaries.setHeaderLabels([_(c) for c in ANNIVERSARY_COLUMNS])
        self.queues.setHeaderLabels([_(c) for c in QUEUE_COLUMNS])
        self.propose_award.setText(_("Propose award…"))
        self.propose_award.setToolTip(_("A new nomination of the chosen member"))
        self.propose_aid.setText(_("Propose aid…"))
        self.propose_aid.setToolTip(_("Material aid for the chosen member"))
        self.open_button.setText(_("Open member…"))
        self.show_data()

    # -- data ---------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self.reload()

    def on_data_changed(self, what: str) -> None:
        if what not in RELOAD_ON:
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True  # read again when shown

    def is_loading(self) -> bool:
        return self._job is not None

    def reload(self) -> None:
        """Read the page's figures on the thread pool; one job at a time, the last wins."""
        self._stale = False
        if self._job is not None:
            self._again = True
            return
        db = self.state.db
        self._job = start_job(lambda _progress, _cancelled: load_home(db), self._loaded,
                              on_error=self._failed)

    def _finish(self) -> bool:
        if not shiboken6.isValid(self):
            return False
        self._job = None
        if self._again:
            self._again = False
            self.reload()
            return False
        return True

    def _loaded(self, data: HomeData) -> None:
        if self._finish():
            self.data = data
            self.show_data()

    def _failed(self, exc: BaseException) -> None:
        if self._finish():
            show_error(self, exc)

    def show_data(self) -> None:
        data = self.data
        name = data.name(i18n.get_language()) if data else ""
        self.heading.setText(name or _("Home"))
        self.hint.setText("" if name or data is None else
                          _("Write the organization's name on the Settings page."))
        self.hint.setVisible(bool(self.hint.text()))
        days = data.days if data else 30
        self.anniversaries_box.setTitle(anniversaries.describe_window(days))
        self.queue_box.setTitle(_("Voucher queue: first in line"))
        counts = (data.members_now, len(data.anniversaries),
                  sum(q.waiting for q in data.queues)) if data else (0, 0, 0)
        # each caption agrees with its own number (Russian: 1 юбилей, 2 юбилея, 5 юбилеев);
        # ngettext is called with the words so they are extracted as plural entries
        members_now, coming, waiting = counts
        self.members_card.caption.setText(ngettext("member now", "members now", members_now))
        self.anniversaries_card.caption.setText(
            ngettext("anniversary coming", "anniversaries coming", coming)
        )
        self.queue_card.caption.setText(
            ngettext("application waiting for a voucher", "applications waiting for a voucher",
                     waiting)
        )
        if data is None:
            for card in (self.members_card, self.anniversaries_card, self.queue_card):
                card.number.setText("…")
            self.queue_empty.setText(_("Reading…"))
            return
        for card, count in zip((self.members_card, self.anniversaries_card, self.queue_card),
                               counts, strict=True):
            card.number.setText(format_number(count))
        self._fill_anniversaries(data.anniversaries)
        self._fill_queues(data.queues)

    def _fill_anniversaries(self, rows: list[Anniversary]) -> None:
        current = self.anniversaries.currentItem()  # read from the item: the data is new
        chosen = None if current is None else (current.data(0, ID_ROLE), current.data(2, ID_ROLE))
        self.anniversaries.clear()
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
            self.anniversaries.addTopLevelItem(item)
            if (row.member_id, row.kind) == chosen:
                self.anniversaries.setCurrentItem(item)
        first = self.anniversaries.topLevelItem(0)
        if rows and first is not None and self.anniversaries.currentItem() is None:
            # the first is chosen at once: one click on «Propose award…» is enough
            self.anniversaries.setCurrentItem(first)
        if not rows:
            empty = QTreeWidgetItem([_("No anniversaries in these days.")])
            empty.setFirstColumnSpanned(True)
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.anniversaries.addTopLevelItem(empty)
            empty.setFirstColumnSpanned(True)
        self._update_buttons()

    def _fill_queues(self, queues: list[QueueHead]) -> None:
        self.queues.clear()
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
            self.queues.addTopLevelItem(item)
        self.queues.setVisible(bool(queues))
        self.queue_empty.setText("" if queues else _("No applications are waiting."))
        self.queue_empty.setVisible(not queues)

    # -- actions ------------------------------------------------------------------------------
    def chosen(self) -> Anniversary | None:
        item = self.anniversaries.currentItem()
        if item is None or self.data is None or item.data(1, ID_ROLE) is None:
            return None
        index = int(item.data(1, ID_ROLE))
        rows = self.data.anniversaries
        return rows[index] if 0 <= index < len(rows) else None

    def _update_buttons(self) -> None:
        chosen = self.chosen() is not None
        for button in (self.propose_award, self.propose_aid, self.open_button):
            button.setEnabled(chosen)

    def _show(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.dialog = dialog
        return dialog

    def open_chosen(self) -> QDialog | None:
        row = self.chosen()
        return self.open_member(row.member_id if row is not None else None)

    def open_member(self, member_id: int | None) -> QDialog | None:
        if member_id is None:
            return None
        from unionapp.ui.dialogs.member_dialog import MemberDialog  # not needed at start-up

        return self._show(MemberDialog(self.state, member_id, self))

    def propose(self, what: str) -> QDialog | None:
        """A new nomination (``award``) or aid payment (``aid``) for the chosen anniversary."""
        row = self.chosen()
        if row is None:
            return None
        if what == "award":
            from unionapp.ui.dialogs.award_dialog import AwardDialog

            reason = _("For the anniversary: {what}").format(what=row.what)
            return self._show(AwardDialog(self.state, self, member_id=row.member_id,
                                          reason=reason))
        from unionapp.ui.dialogs.aid_dialog import AidDialog

        dialog = AidDialog(self.state, self, member_id=row.member_id)
        if row.is_jubilee:
            dialog.reason.set_code("jubilee")
        return self._show(dialog)
