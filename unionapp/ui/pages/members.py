"""The register of members: search as you type, quick filters, sorting, and the member dialog.

The table shows MembersModel (a list of row numbers over MemberList), never a
QSortFilterProxyModel: at 50,000 members a keystroke filters in a few milliseconds, which is
why no debounce timer is needed - every keystroke shows its result at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import i18n
from unionapp.core.formatting import format_number
from unionapp.core.i18n import N_, _
from unionapp.core.member_list import COLUMNS, MemberList
from unionapp.ui.models.members_model import MembersModel
from unionapp.ui.operations import Work, ask_save_path
from unionapp.ui.pages.base import Page
from unionapp.ui.pages.members_columns import ColumnFitter
from unionapp.ui.pages.register_base import LatestRead, export_in_background, tell
from unionapp.ui.state import AppState
from unionapp.ui.widgets.code_combo import CodeCombo
from unionapp.ui.widgets.flow_layout import FlowLayout

if TYPE_CHECKING:
    from unionapp.ui.dialogs.cards_dialog import CardsDialog
    from unionapp.ui.dialogs.member_dialog import MemberDialog
    from unionapp.ui.dialogs.pdf_preview import PdfPreviewDialog


STATUS_LABELS = {"active": N_("Active"), "left": N_("Left"), "all": N_("All members")}
RELOAD_ON = frozenset({"members", "all", "settings", "departments"})
ROW_PADDING = 8


class MembersPage(Page):
    key = "members"

    def __init__(
        self, state: AppState, parent: QWidget | None = None, *, members: MemberList | None = None
    ) -> None:
        """``members``: the register already read (the start-up reads it on a worker thread,
        so the page shows it without reading it a second time)."""
        super().__init__(state, parent)
        self.dialog: MemberDialog | None = None
        self.notice: QMessageBox | None = None  # the last "file saved" message
        self.model = MembersModel(self)
        self._build_filters()
        self._build_table()
        self._build_buttons()
        self._lay_out()
        self.columns = ColumnFitter(self.table, self.model)

        self.reader = LatestRead(self, self._read, self.apply_members)
        self._select_after: int | None = None  # see select_member
        self.apply_members(members if members is not None else MemberList.load(state.db))
        self._status_chosen()
        self.retranslate()

    # -- building -----------------------------------------------------------------------------
    def _build_filters(self) -> None:
        """The search field and the quick filters (status, department, pensioners, youth)."""
        self.search = QLineEdit()
        self.search.setObjectName("memberSearch")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self._set_filter(query=text))
        self.status = CodeCombo(STATUS_LABELS)
        self.status.currentIndexChanged.connect(lambda _i: self._status_chosen())
        self.department = QComboBox()
        self.department.setMinimumContentsLength(15)
        self.department.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.department.currentIndexChanged.connect(
            lambda _i: self._set_filter(department=self.department.currentData())
        )
        self.pensioners = QCheckBox()
        self.pensioners.toggled.connect(lambda on: self._set_filter(pensioners=on))
        self.youth = QCheckBox()
        self.youth.toggled.connect(lambda on: self._set_filter(youth=on))

    def _build_table(self) -> None:
        """The register's table: one fixed row height (no per-row size queries at 50,000
        rows), two-line headers, sorted by name."""
        self.table = QTableView()
        self.table.setObjectName("membersTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row size queries
        rows.setDefaultSectionSize(QFontMetrics(self.table.font()).height() + ROW_PADDING)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setFixedHeight(2 * QFontMetrics(header.font()).height() + 8)  # two-line labels
        header.setSortIndicator(COLUMNS.index("full_name"), Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.doubleClicked.connect(
            lambda index: self.open_member(self.model.member_id(index.row()))
        )
        self.table.installEventFilter(self)

    def _build_buttons(self) -> None:
        """The shown count and the action buttons."""
        self.count = QLabel()
        self.count.setObjectName("memberCount")
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # never narrower than its text: the search field gives way instead
        self.count.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.new_member)
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.import_members)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(lambda: self.export_register("members"))
        self.children_button = QPushButton()
        self.children_button.clicked.connect(lambda: self.export_register("children"))
        self.cards_button = QPushButton()
        self.cards_button.setObjectName("printCards")
        self.cards_button.clicked.connect(self.print_cards)
        self.print_list_button = QPushButton()
        self.print_list_button.setObjectName("printMemberList")
        self.print_list_button.clicked.connect(self.print_list)

    def _lay_out(self) -> None:
        """Heading and actions on top, then the search row, the filters and the table."""
        self.heading = QLabel()
        self.heading.setObjectName("membersHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        # On a narrow (800 px) screen the buttons and the quick filters wrap onto a second
        # line instead of clipping their texts; the heading and the count keep their full width.
        self.action_bar = FlowLayout(align_right=True)
        for button in (
            self.new_button,
            self.import_button,
            self.export_button,
            self.children_button,
            self.cards_button,
            self.print_list_button,
        ):
            self.action_bar.addWidget(button)
        top = QHBoxLayout()
        top.addWidget(self.heading, 0, Qt.AlignmentFlag.AlignTop)
        top.addSpacing(12)
        top.addLayout(self.action_bar, 1)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addSpacing(12)
        search_row.addWidget(self.count)
        self.filters = FlowLayout(spacing=10)
        for widget in (self.status, self.department, self.pensioners, self.youth):
            self.filters.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(search_row)
        layout.addLayout(self.filters)
        layout.addWidget(self.table, 1)

    # -- texts --------------------------------------------------------------------------------
    def title(self) -> str:
        return _("Members")

    def retranslate(self) -> None:
        self.heading.setText(_("Members"))
        self.search.setPlaceholderText(
            _("Search: name, card number, personnel number or department")
        )
        self.search.setToolTip(_("Every word must match, e.g. “асан физ”."))
        self.status.retranslate()
        self.status.setToolTip(_("Who is shown"))
        if self.department.count():
            self.department.setItemText(0, _("All departments"))
        self.pensioners.setText(_("Pensioners"))
        self.youth.setText(_("Youth (up to {age})").format(age=self.model.members.youth_max_age))
        self.new_button.setText(_("New member…"))
        self.import_button.setText(_("Import…"))
        self.export_button.setText(_("Export…"))
        self.children_button.setText(_("Export children…"))
        self.cards_button.setText(_("Print cards…"))
        self.cards_button.setToolTip(_("Membership cards: the selected member or everyone shown"))
        self.print_list_button.setText(_("Print list…"))
        self.print_list_button.setToolTip(_("The members shown, as shown: filters and order"))
        self.model.retranslate()
        self._update_count()
        self.columns.measure()  # headers and labels have new widths

    def _update_count(self) -> None:
        self.count.setText(
            _("Shown: {shown} of {total}").format(
                shown=format_number(self.model.shown()), total=format_number(self.model.total())
            )
        )

    # -- data ---------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the register again (after any change), keeping filter, sort and selection.

        Always on the thread pool (a register of thousands takes ~0.1 s here and three or four
        times that on an old office PC): the table keeps showing the old rows until the new
        ones are there, and changes made meanwhile are read once more (the last one wins).
        """
        self.reader.start()

    def _read(self) -> Work:
        db = self.state.db
        return lambda _progress, _cancelled: MemberList.load(db)

    def is_loading(self) -> bool:
        return self.reader.busy()

    def apply_members(self, members: MemberList) -> None:
        selected, waited = self.selected_member_id(), self._select_after
        self._select_after = None
        self.model.set_members(members)
        # a member saved while the register was being read is in the list now
        found = waited is not None and self.select_member(waited)
        if not found and selected is not None:
            self.select_member(selected, scroll=False)
        self._fill_departments(members.departments())
        self.youth.setText(_("Youth (up to {age})").format(age=members.youth_max_age))
        self._update_count()
        self.columns.measure()

    def _fill_departments(self, names: list[str]) -> None:
        current = self.department.currentData()
        self.department.blockSignals(True)
        self.department.clear()
        self.department.addItem(_("All departments"), None)
        for name in names:
            self.department.addItem(name, name)
        row = self.department.findData(current) if current else 0
        self.department.setCurrentIndex(max(row, 0))
        self.department.blockSignals(False)
        if current and row < 0:  # the department is gone: show all
            self._set_filter(department=None)

    def on_data_changed(self, what: str) -> None:
        if what in RELOAD_ON:
            self.reload()

    def _status_chosen(self) -> None:
        status = self.status.code() or "active"
        for name in ("exit_date", "exit_reason"):  # always empty among the active ones
            self.table.setColumnHidden(COLUMNS.index(name), status == "active")
        self.columns.fit()
        self._set_filter(status=status)

    def _set_filter(self, **changes: object) -> None:
        selected = self.selected_member_id()
        self.model.set_filter(**changes)
        self._update_count()
        if selected is not None:
            self.select_member(selected, scroll=False)

    # -- selection ----------------------------------------------------------------------------
    def selected_member_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.member_id(rows[0].row()) if rows else None

    def select_member(self, member_id: int, scroll: bool = True) -> bool:
        """Select (and show) the member; one not listed yet - just saved, the register still
        being read - is selected when the read arrives."""
        row = self.model.row_of_member(member_id)
        if row is None:
            if self.reader.busy():
                self._select_after = member_id
            return False
        self.table.selectRow(row)
        if scroll:
            self.table.scrollTo(self.model.index(row, 0))
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            member_id = self.selected_member_id()
            if member_id is not None:
                self.open_member(member_id)
                return True
        return super().eventFilter(watched, event)

    # -- actions ------------------------------------------------------------------------------
    def focus_filter(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def open_member(self, member_id: int | None) -> MemberDialog:
        """Opens the member dialog without blocking (``None``: a new member) and returns it."""
        previous = self.dialog
        if previous is not None and shiboken6.isValid(previous) and not previous.isVisible():
            previous.deleteLater()  # keep at most one closed dialog around
        from unionapp.ui.dialogs.member_dialog import MemberDialog  # not needed at start-up

        dialog = MemberDialog(self.state, member_id, self)
        dialog.saved.connect(self.select_member)
        dialog.open()
        self.dialog = dialog
        return dialog

    def new_member(self) -> MemberDialog:
        return self.open_member(None)

    def import_members(self) -> None:
        from unionapp.ui.dialogs.import_wizard import ImportWizard  # only when asked for

        wizard = ImportWizard(self.state, "members", self)
        wizard.exec()

    def print_list(self) -> PdfPreviewDialog:
        """The rows shown (filters, search, order) as a register, in the print preview."""
        from unionapp.ui.dialogs.register_print import print_members  # only when asked for

        return print_members(self, self.state, self.model)

    def print_cards(self) -> CardsDialog:
        """Whose cards (the selected member or everyone shown), then the preview."""
        from unionapp.ui.dialogs.cards_dialog import open_cards_dialog  # only when asked for

        shown = [self.model.member_id(row) for row in range(self.model.rowCount())]
        return open_cards_dialog(self, self.state, self.selected_member_id(), shown)

    def export_register(self, kind: str) -> None:
        """Asks for a file, then writes it off the GUI thread (50k rows take a few seconds)."""
        title = _("Export members") if kind == "members" else _("Export children")
        name = _("members") if kind == "members" else _("children")
        target = ask_save_path(self, title, f"{name}.xlsx")
        if target is not None:
            self.run_export(kind, target)

    def run_export(self, kind: str, target: Path) -> None:
        from unionapp.core.exporting import export_register  # only when asked for

        db, lang = self.state.db, i18n.get_language()

        def note(rows: int) -> QMessageBox:
            self.notice = tell(self, _("Export"), _("{count} rows were saved to {path}.").format(
                count=format_number(rows), path=str(target)))
            return self.notice

        export_in_background(self, lambda: export_register(db, kind, target, lang), note)
