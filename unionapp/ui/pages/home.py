"""The Home page: what the chairperson should see first on opening the program.

The organization's name; the figures of the day (members now, coverage of the staff, youth
share, the last month's dues against the month before: ``core.dashboard``) and this year's
budget used by line (``home_figures``); whose jubilee or membership anniversary comes in the
next days (double-click opens the member; one click proposes an award or aid); and who is
first in each voucher queue. Everything is read in one background job (a few grouped
queries), so the window never waits for it. The page scrolls when the window is too small
for all of it (800x600).
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
    QScrollArea,
    QSizePolicy,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import anniversaries, dashboard, i18n, settings, voucher_queue
from unionapp.core.anniversaries import Anniversary
from unionapp.core.codes import VOUCHER_KINDS
from unionapp.core.dashboard import Dashboard
from unionapp.core.formatting import format_date, format_number
from unionapp.core.i18n import N_, _, ngettext
from unionapp.core.voucher_queue import Position
from unionapp.ui.operations import BackgroundJob, show_error, start_job
from unionapp.ui.pages import page_entry
from unionapp.ui.pages.base import Page
from unionapp.ui.pages.home_figures import BudgetSection, CardGrid, Figure, fill_cards, link
from unionapp.ui.pages.page_parts import ID_ROLE, RIGHT, ColumnFit, record_list, style_heading

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from unionapp.ui.state import AppState

# what the figures, anniversaries and queues are made of (the budget counts aid and awards)
RELOAD_ON = frozenset({"members", "vouchers", "settings", "dues", "aid", "awards", "budget",
                       "all"})
ANNIVERSARY_COLUMNS = (N_("Date"), N_("Member"), N_("Department"), N_("What"))
QUEUE_COLUMNS = (N_("Voucher"), N_("Waiting"), N_("First in line"), N_("Points"))
HEAD = 3  # people named per queue in the tooltip


@dataclass(frozen=True)
class QueueHead:
    kind: str
    waiting: int
    first: tuple[Position, ...]  # the first few in line


@dataclass
class HomeData:
    names: dict[str, str]  # language -> the organization's name
    figures: Dashboard
    days: int
    anniversaries: list[Anniversary]
    queues: list[QueueHead] = field(default_factory=list)

    @property
    def members_now(self) -> int:
        return self.figures.members_now

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
        figures=dashboard.dashboard(db, today),
        days=days,
        anniversaries=anniversaries.upcoming(db, days, today),
        queues=queues,
    )


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
        self.hint.setTextFormat(Qt.TextFormat.RichText)
        self.hint.linkActivated.connect(self.go_to)
        self.members_card = Figure("membersNow")
        self.coverage_card = Figure("coverage")
        self.youth_card = Figure("youthShare")
        self.dues_card = Figure("duesMonth")
        self.anniversaries_card = Figure("anniversariesCount")
        self.queue_card = Figure("queueCount")
        cards = CardGrid([self.members_card, self.coverage_card, self.youth_card,
                          self.dues_card, self.anniversaries_card, self.queue_card])
        for card in cards.cards:
            card.link_activated.connect(self.go_to)
        self.budget = BudgetSection()
        self.budget.link_activated.connect(self.go_to)

        self.anniversaries_box = QGroupBox()
        self.anniversaries = record_list("anniversaries", len(ANNIVERSARY_COLUMNS), stretch=1)
        self.anniversaries.setTextElideMode(Qt.TextElideMode.ElideRight)
        # 800 px: the department gives way (then hides) before the name does; the name was cut
        # to «Бекболото…» beside a whole «Факультет иностранных языков»
        self.anniversary_columns = ColumnFit(self.anniversaries, {2: 110, 1: 170}, hide=(2,),
                                             grow=(1,))
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

        self.anniversaries.setMinimumHeight(150)
        self.queues.setMinimumHeight(90)
        content = QWidget()
        content.setObjectName("homeContent")
        layout = QVBoxLayout(content)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(cards)
        layout.addWidget(self.budget)
        layout.addWidget(self.anniversaries_box, 3)
        layout.addWidget(self.queue_box, 2)
        # everything scrolls together when the window is small (800x600): nothing is squeezed
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("homeScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)
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
        if self.data is not None:  # the budget's line names were read in the old language
            self.on_data_changed("all")

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

    def go_to(self, key: str) -> None:
        """A link on the page («set it on the Settings page»): open that page of the window."""
        show_page = getattr(self.window(), "show_page", None)
        if callable(show_page) and page_entry(key) is not None:
            show_page(key)

    def show_data(self) -> None:
        data = self.data
        name = data.name(i18n.get_language()) if data else ""
        self.heading.setText(name or _("Home"))
        self.hint.setText("" if name or data is None else
                          link(_("Write the organization's name on the Settings page."),
                               "settings"))
        self.hint.setVisible(bool(self.hint.text()))
        fill_cards(data.figures if data else None, self.members_card, self.coverage_card,
                   self.youth_card, self.dues_card)
        self.budget.show_budget(data.figures if data else None,
                                budget_page=page_entry("budget") is not None)
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
            item.setToolTip(2, row.department)
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
        self.anniversary_columns.fit()
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
