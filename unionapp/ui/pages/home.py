"""The Home page: what the chairperson should see first on opening the program.

The organization's name; the figures of the day (members now, coverage of the staff, youth
share, the last month's dues against the month before: ``core.dashboard``) and this year's
budget used by line (``home_figures``); whose jubilee or membership anniversary comes in the
next days (double-click opens the member; one click proposes an award or aid); and who is
first in each voucher queue. Everything is read in one background job (``home_data``: a few
grouped queries), so the window never waits for it; the two lists are ``home_lists``. The
page scrolls when the window is too small for all of it (800x600).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from unionapp.core import anniversaries, i18n
from unionapp.core.anniversaries import Anniversary
from unionapp.core.formatting import format_number
from unionapp.core.i18n import _, ngettext
from unionapp.ui.operations import Work
from unionapp.ui.pages import page_entry
from unionapp.ui.pages.base import Page
from unionapp.ui.pages.home_data import HomeData, load_home
from unionapp.ui.pages.home_figures import BudgetSection, CardGrid, Figure, fill_cards, link
from unionapp.ui.pages.home_lists import AnniversaryBox, QueueBox
from unionapp.ui.pages.page_parts import ID_ROLE, style_heading
from unionapp.ui.pages.register_base import LatestRead

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from unionapp.ui.state import AppState

# what the figures, anniversaries and queues are made of (the budget counts aid and awards)
RELOAD_ON = frozenset({"members", "vouchers", "settings", "dues", "aid", "awards", "budget",
                       "all"})


class HomePage(Page):
    key = "home"

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.data: HomeData | None = None
        self.dialog: QDialog | None = None
        self.reader = LatestRead(self, self._read, self._loaded)
        self._build_header()
        self._build_cards()
        self._build_lists()

        content = QWidget()
        content.setObjectName("homeContent")
        layout = QVBoxLayout(content)
        for widget, stretch in ((self.heading, 0), (self.hint, 0), (self.cards, 0),
                                (self.budget, 0), (self.anniversaries_box, 3),
                                (self.queue_box, 2)):
            layout.addWidget(widget, stretch)
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

    def _build_header(self) -> None:
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

    def _build_cards(self) -> None:
        self.members_card = Figure("membersNow")
        self.coverage_card = Figure("coverage")
        self.youth_card = Figure("youthShare")
        self.dues_card = Figure("duesMonth")
        self.anniversaries_card = Figure("anniversariesCount")
        self.queue_card = Figure("queueCount")
        self.cards = CardGrid([self.members_card, self.coverage_card, self.youth_card,
                               self.dues_card, self.anniversaries_card, self.queue_card])
        for card in self.cards.cards:
            card.link_activated.connect(self.go_to)
        self.budget = BudgetSection()
        self.budget.link_activated.connect(self.go_to)

    def _build_lists(self) -> None:
        """The anniversaries with their buttons, the queues' heads; their parts keep the names
        the page had (``anniversaries``, ``propose_award``, ``queues`` …)."""
        self.anniversaries_box = AnniversaryBox()
        self.anniversaries = self.anniversaries_box.list
        self.open_button, self.propose_award, self.propose_aid = self.anniversaries_box.buttons()
        self.anniversaries.itemActivated.connect(
            lambda item, _c: self.open_member(item.data(0, ID_ROLE)))
        self.anniversaries.currentItemChanged.connect(lambda _n, _b: self._update_buttons())
        self.open_button.clicked.connect(lambda: self.open_chosen())
        self.propose_award.clicked.connect(lambda: self.propose("award"))
        self.propose_aid.clicked.connect(lambda: self.propose("aid"))
        self.queue_box = QueueBox()
        self.queues, self.queue_empty = self.queue_box.list, self.queue_box.empty
        self.queues.itemActivated.connect(
            lambda item, _c: self.open_member(item.data(2, ID_ROLE)))

    # -- texts --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.anniversaries_box.retranslate()
        self.queue_box.retranslate()
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
        return self.reader.busy()

    def reload(self) -> None:
        """Read the page's figures on the thread pool; one read at a time, the last wins."""
        self._stale = False
        self.reader.start()

    def _read(self) -> Work:
        db = self.state.db
        return lambda _progress, _cancelled: load_home(db)

    def _loaded(self, data: HomeData) -> None:
        self.data = data
        self.show_data()

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
            self.queue_box.reading()
            return
        for card, count in zip((self.members_card, self.anniversaries_card, self.queue_card),
                               counts, strict=True):
            card.number.setText(format_number(count))
        self.anniversaries_box.fill(data.anniversaries)
        self._update_buttons()
        self.queue_box.fill(data.queues)

    # -- actions ------------------------------------------------------------------------------
    def chosen(self) -> Anniversary | None:
        index = self.anniversaries_box.chosen_index()
        if index is None or self.data is None:
            return None
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
