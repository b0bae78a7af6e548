"""The Vouchers page: the fair queue, the vouchers issued, and the catalogue of places.

Three tabs over the core's services (``voucher_queue``, ``vouchers``, ``institutions``); each
tab reloads itself when vouchers, members, decisions or settings change (the queue's weights
are settings), the two long lists on the thread pool. A voucher issued from the queue goes
through the same dialog as a new one, with the application's member, kind and child.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from unionapp.core.i18n import _
from unionapp.ui.pages.base import Page
from unionapp.ui.pages.page_parts import style_heading
from unionapp.ui.pages.vouchers_institutions import InstitutionsTab
from unionapp.ui.pages.vouchers_issued import IssuedTab
from unionapp.ui.pages.vouchers_queue import QueueTab
from unionapp.ui.state import AppState

if TYPE_CHECKING:
    from unionapp.ui.dialogs.voucher_dialog import VoucherDialog

RELOAD_ON = frozenset({"vouchers", "members", "all", "settings", "decisions"})


class VouchersPage(Page):
    key = "vouchers"

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.setObjectName("VouchersPage")
        self.heading = QLabel()
        self.heading.setObjectName("vouchersHeading")
        style_heading(self.heading)
        self.queue = QueueTab(state)
        self.issued = IssuedTab(state)
        self.places = InstitutionsTab(state)
        self.queue.issue_requested.connect(self.issue_from_application)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("vouchersTabs")
        for tab in (self.queue, self.issued, self.places):
            self.tabs.addTab(tab, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        self._stale = True  # read when first shown: nothing is loaded while the window starts
        self.retranslate()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        self.queue.reload()
        self.issued.refresh()
        self.places.reload()

    def retranslate(self) -> None:
        self.heading.setText(_("Vouchers"))
        for tab, text in ((self.queue, _("Queue")), (self.issued, _("Issued")),
                          (self.places, _("Institutions"))):
            self.tabs.setTabText(self.tabs.indexOf(tab), text)
            tab.retranslate()

    def on_data_changed(self, what: str) -> None:
        if what not in RELOAD_ON:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True  # read again when shown

    def issue_from_application(self, application_id: int) -> VoucherDialog:
        from unionapp.ui.dialogs.voucher_dialog import VoucherDialog

        dialog = VoucherDialog(self.state, self, application_id=application_id)
        dialog.accepted.connect(lambda: self.tabs.setCurrentWidget(self.issued))
        dialog.open()
        return dialog

    def is_loading(self) -> bool:
        return self.queue.is_loading() or self.issued.is_loading()
