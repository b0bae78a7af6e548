"""The Decisions page: the committee's protocols newest first, and what each one granted.

«Why did she get the voucher?» is answered here: choose the protocol, and the panel under the
list shows every voucher, aid payment and award it granted, to whom and how much; a
double-click there opens that member. Protocols are few (tens a year), so the list is read in
one quick call and filtered in memory as the user types.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import decisions
from unionapp.core.codes import DECISION_KINDS
from unionapp.core.decisions import DecisionRow, GrantedItem
from unionapp.core.formatting import format_date, format_money, format_number
from unionapp.core.i18n import N_, _
from unionapp.core.member_list import query_words, search_text
from unionapp.ui.operations import BackgroundJob, Work, ask_save_path, show_error, start_job
from unionapp.ui.pages import register_base as rb
from unionapp.ui.pages.page_parts import ID_ROLE, RIGHT, record_list
from unionapp.ui.pages.register_base import RegisterPage

if TYPE_CHECKING:
    from unionapp.ui.dialogs.decision_dialog import DecisionDialog
    from unionapp.ui.dialogs.member_dialog import MemberDialog
    from unionapp.ui.state import AppState

RELOAD_ON = frozenset({"decisions", "aid", "vouchers", "awards", "members", "all"})
COLUMNS = (N_("Meeting"), N_("Protocol No"), N_("Date"), N_("Agenda"), N_("Granted"))
GRANTED_COLUMNS = (N_("Member"), N_("What"), N_("Amount"))
# decisions.delete_decision refuses with these words (one msgid, one translation)
GRANTED_SOMETHING = N_(
    "Protocol No. {number} granted vouchers, aid or awards: it cannot be deleted."
)


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


class DecisionsPage(RegisterPage):
    key = "decisions"
    reload_on = RELOAD_ON

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.rows: list[DecisionRow] = []
        self.keys: list[str] = []  # one prepared search key per row
        self.granted_items: list[GrantedItem] = []
        self.member_dialog: MemberDialog | None = None
        self.loaded = False
        self.granted_for: int | None = None  # the protocol whose annex is shown
        self._granted_job: BackgroundJob | None = None
        self._select_after: int | None = None

        top = self._build_actions()
        search_row = self._build_search_row()
        self._build_table()
        self._build_granted()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(search_row)
        layout.addWidget(self.splitter, 1)
        self.reload()
        self.retranslate()

    # -- building -----------------------------------------------------------------------------
    def _build_actions(self) -> QHBoxLayout:
        """The heading and the protocol buttons: the page's top row (returned)."""
        self.heading = rb.heading("decisionsHeading")
        self.new_button = QPushButton()
        self.new_button.setObjectName("newDecision")
        self.new_button.clicked.connect(lambda: self.open_decision(None))
        self.edit_button = QPushButton()
        self.edit_button.setObjectName("editDecision")
        self.edit_button.clicked.connect(lambda: self.open_decision(self.selected_id()))
        self.delete_button = QPushButton()
        self.delete_button.setObjectName("deleteDecision")
        self.delete_button.clicked.connect(self.ask_delete)
        self.export_button = QPushButton()
        self.export_button.setObjectName("exportDecisions")
        self.export_button.clicked.connect(self.ask_export)
        self.certificates_button = QPushButton()
        self.certificates_button.setObjectName("printDecisionCertificates")
        self.certificates_button.clicked.connect(self.print_certificates)
        return rb.top_row((self.new_button, self.edit_button, self.delete_button,
                           self.export_button, self.certificates_button), title=self.heading)

    def _build_search_row(self) -> QHBoxLayout:
        """Search as you type, the year and the shown count (returned as one row)."""
        self.search = rb.search_box("decisionSearch", lambda _text: self.apply_filter())
        self.year = QComboBox()
        self.year.setObjectName("decisionYear")
        # as wide as «Все годы» in the language shown, not as the text it first showed
        self.year.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.year.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.count = QLabel()
        self.count.setObjectName("decisionCount")
        self.count.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.year)
        search_row.addSpacing(12)
        search_row.addWidget(self.count)
        return search_row

    def _build_table(self) -> None:
        """The protocols: choosing one shows its annex, Enter opens it, Delete asks."""
        self.table = record_list("decisionsTable", len(COLUMNS), stretch=3)
        self.table.currentItemChanged.connect(lambda _now, _before: self.show_granted())
        self.table.itemActivated.connect(lambda item, _c: self.open_decision(item.data(0, ID_ROLE)))
        rb.DeleteKey(self.table, self.ask_delete)

    def _build_granted(self) -> None:
        """The chosen protocol's annex (who was granted what) under the protocols, in a
        splitter."""
        self.granted_title = QLabel()
        self.granted_title.setObjectName("grantedTitle")
        self.granted_title.setWordWrap(True)
        font = self.granted_title.font()
        font.setBold(True)
        self.granted_title.setFont(font)
        self.granted = record_list("grantedTable", len(GRANTED_COLUMNS), stretch=1)
        self.granted.itemActivated.connect(
            lambda item, _c: self.open_member(item.data(0, ID_ROLE))
        )
        self.granted_total = QLabel()
        self.granted_total.setObjectName("grantedTotal")
        panel = QWidget()
        panel_layout = QVBoxLayout(panel)
        panel_layout.setContentsMargins(0, 6, 0, 0)
        panel_layout.addWidget(self.granted_title)
        panel_layout.addWidget(self.granted, 1)
        panel_layout.addWidget(self.granted_total)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

    # -- texts --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(_("Decisions"))
        self.new_button.setText(_("New protocol…"))
        self.edit_button.setText(_("Edit…"))
        self.delete_button.setText(_("Delete…"))
        self.export_button.setText(_("Export to Excel…"))
        self.certificates_button.setText(_("Print certificates…"))
        self.certificates_button.setToolTip(
            _("The certificates of every award the chosen protocol granted, in one PDF")
        )
        self.search.setPlaceholderText(_("Search: number, date or agenda"))
        self.search.setToolTip(_("Every word must match, e.g. “7 жолдомо”."))
        if self.year.count():
            self.year.setItemText(0, _("All years"))
        self.table.setHeaderLabels([_(c) for c in COLUMNS])
        self.granted.setHeaderLabels([_(c) for c in GRANTED_COLUMNS])
        self._prepare_keys()
        self.apply_filter()

    # -- data ---------------------------------------------------------------------------------
    def is_loading(self) -> bool:
        return self.reader.busy() or self._granted_job is not None

    def read(self) -> Work:
        """The protocols, read on the thread pool; the year, the filter and the chosen
        protocol are kept when they are shown."""
        db = self.state.db
        return lambda _progress, _cancelled: decisions.list_decisions(db)

    def show_read(self, rows: list[DecisionRow]) -> None:
        self.rows = rows
        self.loaded = True
        self._prepare_keys()
        self._fill_years()
        self.apply_filter()
        if self._select_after is not None:
            self.select_decision(self._select_after)
            self._select_after = None

    def _prepare_keys(self) -> None:
        self.keys = [
            search_text(
                f"{DECISION_KINDS.label(r.kind)} {r.number} № {r.number} "
                f"{format_date(r.held_on)} {r.agenda}"
            )
            for r in self.rows
        ]

    def _fill_years(self) -> None:
        chosen = self.year.currentData()
        years = sorted({r.held_on.year for r in self.rows} | {dt.date.today().year}, reverse=True)
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem(_("All years"), None)
        for year in years:
            self.year.addItem(str(year), year)
        self.year.setCurrentIndex(max(self.year.findData(chosen), 0) if chosen else 0)
        self.year.blockSignals(False)

    def shown_rows(self) -> list[DecisionRow]:
        year = self.year.currentData()
        words = query_words(self.search.text())
        return [
            row for row, key in zip(self.rows, self.keys, strict=True)
            if (year is None or row.held_on.year == year) and all(w in key for w in words)
        ]

    def apply_filter(self) -> None:
        chosen = self.selected_id()
        shown = self.shown_rows()
        self.table.blockSignals(True)
        self.table.clear()
        keep: QTreeWidgetItem | None = None
        for row in shown:
            agenda = _first_line(row.agenda)
            item = QTreeWidgetItem([
                DECISION_KINDS.label(row.kind), row.number, format_date(row.held_on), agenda,
                format_number(row.granted) if row.granted else "",
            ])
            item.setData(0, ID_ROLE, row.id)
            item.setTextAlignment(4, RIGHT)
            if row.agenda and row.agenda != agenda:
                item.setToolTip(3, row.agenda)
            self.table.addTopLevelItem(item)
            if row.id == chosen:
                keep = item
        keep = keep or self.table.topLevelItem(0)
        if keep is not None:
            self.table.setCurrentItem(keep)
        self.table.blockSignals(False)
        self.count.setText(_("Shown: {shown} of {total}").format(
            shown=format_number(len(shown)), total=format_number(len(self.rows))
        ))
        self.show_granted()

    def selected_id(self) -> int | None:
        item = self.table.currentItem()
        return None if item is None else int(item.data(0, ID_ROLE))

    def selected_row(self) -> DecisionRow | None:
        chosen = self.selected_id()
        return next((r for r in self.rows if r.id == chosen), None)

    def select_decision(self, decision_id: int) -> bool:
        for index in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(index)
            if item is not None and item.data(0, ID_ROLE) == decision_id:
                self.table.setCurrentItem(item)
                return True
        return False

    def print_certificates(self) -> QWidget | None:
        """Every award certificate of the chosen protocol (refused there when it has none)."""
        from unionapp.ui.dialogs.certificate_print import open_certificate_print

        chosen = self.selected_id()
        if chosen is None:
            return None
        return open_certificate_print(self, self.state, decision_id=chosen)

    def show_granted(self) -> None:
        """The chosen protocol's annex (read on the thread pool): everything it granted."""
        row = self.selected_row()
        self.edit_button.setEnabled(row is not None)
        self.delete_button.setEnabled(row is not None)
        self.certificates_button.setEnabled(False)  # once the annex shows it granted awards
        self.granted.clear()
        self.granted_items = []
        self.granted_for = None
        if row is None:
            self.granted_title.setText(
                _("Choose a protocol to see what it granted.") if self.loaded else _("Reading…")
            )
            self.granted_total.clear()
            return
        self.granted_title.setText(_("Granted by protocol {protocol}:").format(
            protocol=decisions.label(row.number, row.held_on)
        ))
        self.granted_total.setText(_("Reading…"))
        if self._granted_job is not None:
            return  # when it reports, the then chosen protocol is read
        db, decision_id = self.state.db, row.id
        self._granted_job = start_job(
            lambda _progress, _cancelled: (decision_id, decisions.granted(db, decision_id)),
            self._granted_read, on_error=self._granted_failed,
        )

    def _granted_read(self, result: tuple[int, list[GrantedItem]]) -> None:
        if not shiboken6.isValid(self):
            return
        self._granted_job = None
        decision_id, items = result
        if decision_id != self.selected_id():
            self.show_granted()  # another protocol was chosen meanwhile
            return
        self.granted_for, self.granted_items = decision_id, items
        self._fill_granted()

    def _granted_failed(self, exc: BaseException) -> None:
        if shiboken6.isValid(self):
            self._granted_job = None
            self.granted_total.clear()
            show_error(self, exc)

    def _fill_granted(self) -> None:
        # certificates exist only for awards: a protocol of vouchers and aid has none to print
        self.certificates_button.setEnabled(any(g.register == "award"
                                                for g in self.granted_items))
        for granted in self.granted_items:
            money = "" if granted.amount is None else format_money(granted.amount)
            item = QTreeWidgetItem([granted.member_name, granted.what, money])
            item.setData(0, ID_ROLE, granted.member_id)
            item.setTextAlignment(2, RIGHT)
            item.setToolTip(0, _("Double-click to open the member"))
            self.granted.addTopLevelItem(item)
        if not self.granted_items:
            self.granted_total.setText(_("This protocol granted nothing yet."))
            return
        total = sum(g.amount or 0 for g in self.granted_items)
        self.granted_total.setText(_("Granted: {count}, amount {amount}").format(
            count=format_number(len(self.granted_items)), amount=format_money(total)
        ))

    # -- actions ------------------------------------------------------------------------------
    def focus_filter(self) -> None:
        rb.focus_search(self.search)

    def open_decision(self, decision_id: int | None) -> DecisionDialog:
        """Opens the protocol (``None``: a new one) without blocking and returns the dialog."""
        from unionapp.ui.dialogs.decision_dialog import DecisionDialog

        dialog = DecisionDialog(self.state, decision_id, self)
        dialog.accepted.connect(lambda: self._saved(dialog.decision_id))
        return self.show_dialog(dialog)

    def _saved(self, decision_id: int | None) -> None:
        """Chosen once the list read after the save (``notify_changed``) is shown."""
        if decision_id is not None and shiboken6.isValid(self):
            self._select_after = decision_id
            if not self.reader.busy():
                self.reload()

    def open_member(self, member_id: int | None) -> MemberDialog | None:
        if member_id is None:
            return None
        from unionapp.ui.dialogs.member_dialog import MemberDialog  # not needed at start-up

        previous = self.member_dialog
        if previous is not None and shiboken6.isValid(previous) and not previous.isVisible():
            previous.deleteLater()
        dialog = MemberDialog(self.state, member_id, self)
        dialog.open()
        self.member_dialog = dialog
        return dialog

    def ask_delete(self) -> QMessageBox | None:
        """A protocol that granted nothing is deleted after a question; one that granted
        something is refused with the core's reason (its benefits must keep their protocol)."""
        row = self.selected_row()
        if row is None:
            return None
        if row.granted:  # the core's own refusal, said before any question
            return self.tell(self.title(), _(GRANTED_SOMETHING).format(number=row.number),
                             QMessageBox.Icon.Warning)
        return self.ask(
            _("Delete protocol {protocol}?").format(
                protocol=decisions.label(row.number, row.held_on)),
            lambda: decisions.delete_decision(self.state.db, row.id), "decisions")

    def ask_export(self) -> None:
        year = self.year.currentData()
        name = _("protocols-{year}.xlsx").format(year=year) if year else _("protocols.xlsx")
        target = ask_save_path(self, _("Export to Excel"), name, csv=False)
        if target is not None:
            self.export_to(target)

    def export_to(self, path: Path) -> None:
        """The protocols of the chosen year (or all) with what each granted, off the GUI thread."""
        from unionapp.core.decisions_workbook import write_decisions

        db, year = self.state.db, self.year.currentData()
        rb.export_in_background(
            self, lambda: write_decisions(db, path, year),
            lambda count: self.tell(_("Decisions"), _(
                "{count} protocols were saved to {path}."
            ).format(count=format_number(count if isinstance(count, int) else 0),
                     path=str(path))))
