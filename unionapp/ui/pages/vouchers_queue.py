"""The Queue tab: open applications of one kind in their fair order, each with its reasons.

The queue is computed by the core (``voucher_queue.load_queue``) on the thread pool and shown
whole; typing filters the shown rows in memory. The selected position's reasons are written
out in full under the table, and the rules with the weights in force are one click away, so
the chairperson can answer «why her and not me?» on the screen as well as on paper
(Print queue…). A voucher is issued from the selected application.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import voucher_applications
from unionapp.core.codes import SEASONS, VOUCHER_KINDS
from unionapp.core.formatting import format_date, format_number
from unionapp.core.i18n import N_, _
from unionapp.core.voucher_queue import CAMP, Position, Queue, load_queue
from unionapp.ui.operations import Work
from unionapp.ui.pages import register_base as rb
from unionapp.ui.pages.vouchers_table import Column, RecordsModel, records_view, selected_record
from unionapp.ui.state import AppState
from unionapp.ui.widgets.code_combo import CodeCombo

if TYPE_CHECKING:
    from unionapp.ui.dialogs.voucher_application_dialog import ApplicationDialog


def _columns(camp: bool) -> list[Column]:
    columns = [
        Column(N_("No."), lambda p: str(p.place), right=True),
        Column(N_("Card no"), lambda p: p.applicant.card_no),
        Column(N_("Member"), lambda p: p.applicant.member_name, max_width=260, tooltip=True),
    ]
    if camp:
        columns.append(Column(N_("Child"), lambda p: p.applicant.child_name, max_width=200,
                              tooltip=True))
    return columns + [
        Column(N_("Season"), lambda p: SEASONS.label(p.applicant.season)),
        Column(N_("Applied on"), lambda p: format_date(p.applicant.applied_on)),
        Column(N_("Points"), lambda p: str(p.points), right=True),
        Column(N_("Why"), lambda p: p.reasons_text(), stretch=True, tooltip=True),
    ]


def _key(p: Position) -> str:
    a = p.applicant
    return f"{a.member_name} {a.card_no} {a.child_name}"


class QueueTab(QWidget):
    """``issue_requested(application_id)``: the page opens the voucher dialog for it."""

    issue_requested = Signal(int)

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.queue: Queue | None = None
        self.reader = rb.LatestRead(self, self._read, self._loaded)
        self.select_after: int | None = None
        self.preview: QWidget | None = None
        self.kind = CodeCombo(VOUCHER_KINDS.labels)
        self.kind.setObjectName("queueKind")
        self.kind.currentIndexChanged.connect(lambda _i: self.reload())
        self.kind_label = QLabel()
        self.kind_label.setBuddy(self.kind)
        self.search = rb.search_box("queueSearch", self._filter)
        self.count = QLabel()
        self.count.setObjectName("queueCount")
        self.count.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        self.rules_button = QToolButton()
        self.rules_button.setObjectName("queueRulesToggle")
        self.rules_button.setCheckable(True)
        self.rules_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.rules_button.toggled.connect(self._toggle_rules)
        self.rules = QLabel()
        self.rules.setObjectName("queueRules")
        self.rules.setWordWrap(True)
        self.rules.setTextFormat(Qt.TextFormat.PlainText)
        self.rules.hide()
        self.model = RecordsModel(_columns(False), _key, self,
                                  dimmed=lambda p: not p.eligible)
        self.table = records_view(self.model, "queueTable")
        self.table.doubleClicked.connect(lambda _i: self.edit_application())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selected())
        self.detail = QLabel()
        self.detail.setObjectName("queueDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.new_button = QPushButton()
        self.new_button.setObjectName("newApplication")
        self.new_button.clicked.connect(self.new_application)
        self.withdraw_button = QPushButton()
        self.withdraw_button.setObjectName("withdraw")
        self.withdraw_button.clicked.connect(self.ask_withdraw)
        self.issue_button = QPushButton()
        self.issue_button.setObjectName("issueFromQueue")
        self.issue_button.clicked.connect(self._issue)
        self.print_button = QPushButton()
        self.print_button.setObjectName("printQueue")
        self.print_button.clicked.connect(self.print_queue)
        self.withdrawn_button = QPushButton()  # where «can be reopened» is done
        self.withdrawn_button.setObjectName("withdrawnApplications")
        self.withdrawn_button.clicked.connect(self.open_withdrawn)
        self.withdrawn: QWidget | None = None
        top = rb.top_row((self.new_button, self.withdraw_button, self.issue_button,
                          self.withdrawn_button, self.print_button),
                         left=(self.kind_label, self.kind))
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addSpacing(12)
        search_row.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addLayout(search_row)
        layout.addWidget(self.rules_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.rules)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        self.retranslate()
        self._selected()

    # -- texts --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.kind_label.setText(_("Kind:"))
        self.kind.retranslate()
        self.search.setPlaceholderText(_("Search: name, card number or child"))
        self.new_button.setText(_("New application…"))
        self.withdraw_button.setText(_("Withdraw"))
        self.issue_button.setText(_("Issue voucher…"))
        self.print_button.setText(_("Print queue…"))
        self.withdrawn_button.setText(_("Withdrawn…"))
        self.withdrawn_button.setToolTip(_("Applications taken out of this queue: return one "
                                           "to it"))
        self.rules_button.setText(_("How the order is made"))
        self._toggle_rules(self.rules_button.isChecked())
        self.model.retranslate()
        self._show_queue_texts()

    def _toggle_rules(self, shown: bool) -> None:
        self.rules_button.setArrowType(Qt.ArrowType.DownArrow if shown
                                       else Qt.ArrowType.RightArrow)
        self.rules.setVisible(shown)

    def _show_queue_texts(self) -> None:
        queue = self.queue
        self.rules.setText("\n".join(f"• {line}" for line in queue.rules()) if queue else "")
        self.count.setText(_("Shown: {shown} of {total}").format(
            shown=format_number(len(self.model.shown)),
            total=format_number(len(self.model.records))))
        self._selected()

    # -- loading ------------------------------------------------------------------------------
    def reload(self) -> None:
        """Compute the chosen kind's queue off the GUI thread; one job at a time."""
        self.reader.start()

    def _read(self) -> Work:
        db, kind = self.state.db, self.kind.code() or "sanatorium"
        return lambda _progress, _cancelled: load_queue(db, kind)

    def is_loading(self) -> bool:
        return self.reader.busy()

    def _loaded(self, queue: Queue) -> None:
        if queue.kind != (self.kind.code() or "sanatorium"):
            self.reload()
            return
        chosen = self.selected()
        wanted = self.select_after or (chosen.applicant.application_id if chosen else None)
        self.select_after = None
        self.queue = queue
        camp = queue.kind == CAMP
        if len(self.model.columns) != len(_columns(camp)):
            self.model.set_columns(_columns(camp))
        self.model.set_records(queue.positions)
        if wanted is not None:
            self.select(wanted)
        self._show_queue_texts()

    def _filter(self, text: str) -> None:
        self.model.set_filter(text)
        self._show_queue_texts()

    # -- selection ----------------------------------------------------------------------------
    def selected(self) -> Position | None:
        found: Position | None = selected_record(self.table, self.model)
        return found

    def select(self, application_id: int) -> None:
        row = self.model.row_of(lambda p: p.applicant.application_id == application_id)
        if row >= 0:
            self.table.selectRow(row)

    def _selected(self) -> None:
        position = self.selected()
        for button in (self.withdraw_button, self.issue_button):
            button.setEnabled(position is not None)
        if position is None:
            self.detail.setText(_("Choose a line to read why it stands where it does."))
            return
        self.detail.setText(_("No. {place}: {name}, {points} points: {reasons}.").format(
            place=position.place, name=position.applicant.member_name,
            points=position.points, reasons=position.reasons_text()))

    # -- actions ------------------------------------------------------------------------------
    def new_application(self) -> ApplicationDialog:
        from unionapp.ui.dialogs.voucher_application_dialog import ApplicationDialog

        dialog = ApplicationDialog(self.state, self, kind=self.kind.code())
        dialog.accepted.connect(lambda: setattr(self, "select_after", dialog.saved_id))
        dialog.open()
        return dialog

    def edit_application(self) -> ApplicationDialog | None:
        from unionapp.ui.dialogs.voucher_application_dialog import ApplicationDialog

        position = self.selected()
        if position is None:
            return None
        dialog = ApplicationDialog(self.state, self,
                                   application_id=position.applicant.application_id)
        dialog.open()
        return dialog

    def ask_withdraw(self) -> QMessageBox | None:
        position = self.selected()
        if position is None:
            return None
        app_id = position.applicant.application_id
        question = _("Withdraw the application of {name}? It leaves the queue (it stays on "
                     "record and can be reopened).").format(name=position.applicant.member_name)
        return rb.confirm(self, _("Vouchers"), question, lambda: rb.run_change(
            self, self.state, "vouchers",
            lambda: voucher_applications.withdraw_application(self.state.db, app_id)),
            yes=N_("Withdraw"), no=N_("No"))

    def _issue(self) -> None:
        position = self.selected()
        if position is not None:
            self.issue_requested.emit(position.applicant.application_id)

    def open_withdrawn(self) -> QWidget:
        from unionapp.ui.dialogs.voucher_withdrawn_dialog import open_withdrawn

        self.withdrawn = open_withdrawn(self, self.state, self.kind.code() or "sanatorium")
        return self.withdrawn

    def print_queue(self) -> None:
        from unionapp.printing.queue import print_queue
        from unionapp.ui.dialogs.pdf_preview import open_pdf_preview

        db, kind = self.state.db, self.kind.code() or "sanatorium"

        def make(path: Any, progress: Any, cancelled: Any) -> None:
            print_queue(db, kind, path, progress=progress, cancelled=cancelled)

        self.preview = open_pdf_preview(
            self, _("Queue for vouchers: {kind}").format(kind=VOUCHER_KINDS.label(kind)), make,
            file_name=_("queue-{kind}.pdf").format(
                kind=VOUCHER_KINDS.label(kind).replace(" ", "-")),
        )
