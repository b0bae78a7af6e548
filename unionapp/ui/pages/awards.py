"""The Awards page: a year's register of nominations and awards, and the way from one to the
other - New nomination…, then Award… once the committee has decided (the certificate number
is given then) - with the catalogue of award types a button away.

The year's register is read on the thread pool and filtered in memory as the user types (a
name, a card number, an award's word, «2026/017»); the counts and the gifts' cost under the
list follow the filter.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import awards
from unionapp.core.awards import AwardRow
from unionapp.core.codes import AWARD_LEVELS
from unionapp.core.formatting import format_date, format_money, format_number
from unionapp.core.i18n import N_, _
from unionapp.core.member_list import query_words, search_text
from unionapp.ui.operations import Work, ask_save_path
from unionapp.ui.pages import register_base as rb
from unionapp.ui.pages.page_parts import ID_ROLE, ColumnFit, record_list
from unionapp.ui.pages.register_base import RegisterPage

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from unionapp.ui.dialogs.import_wizard import ImportWizard
    from unionapp.ui.state import AppState

RELOAD_ON = frozenset({"awards", "decisions", "members", "settings", "all"})
COLUMNS = (N_("Certificate no"), N_("Member"), N_("Award"), N_("Level"), N_("Date"),
           N_("Protocol"), N_("Status"))
STATUS = {"nominated": N_("nominated"), "awarded": N_("awarded")}
MEMBER_COLUMN, AWARD_COLUMN, LEVEL_COLUMN, PROTOCOL_COLUMN = 1, 2, 3, 5


class AwardsPage(RegisterPage):
    key = "awards"
    reload_on = RELOAD_ON
    read_when_hidden = False

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.rows: list[AwardRow] = []
        self.keys: list[str] = []
        self.loaded_year: int | None = None

        self.heading = rb.heading("awardsHeading")
        self.buttons: dict[str, QPushButton] = {}
        for name, slot in (
            ("newNomination", lambda: self.open_nomination()),
            ("grantAward", lambda: self.open_grant()),
            ("editAward", lambda: self.open_award(self.selected_id())),
            ("deleteAward", lambda: self.ask_delete()),
            ("importAwards", lambda: self.open_import()),
            ("exportAwards", lambda: self.ask_export()),
            ("printCertificate", lambda: self.print_certificate()),
            ("printAwards", lambda: self.print_list()),
            ("awardTypes", lambda: self.open_types()),
        ):
            button = QPushButton()
            button.setObjectName(name)
            button.clicked.connect(slot)
            self.buttons[name] = button
        top = rb.top_row(self.buttons.values(), title=self.heading)

        self.year_label = QLabel()
        self.year = rb.year_combo("awardsYear", self.year_label, self.reload)
        self.search = rb.search_box("awardsSearch", lambda _text: self.apply_filter())
        search_row = QHBoxLayout()
        search_row.addWidget(self.year_label)
        search_row.addWidget(self.year)
        search_row.addSpacing(12)
        search_row.addWidget(self.search, 1)

        self.table = record_list("awardsTable", len(COLUMNS), stretch=MEMBER_COLUMN)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        # on a narrow window the level gives way first, then the protocol, the award, the name
        self.columns = ColumnFit(
            self.table, {LEVEL_COLUMN: 90, PROTOCOL_COLUMN: 110, AWARD_COLUMN: 95,
                         MEMBER_COLUMN: 110},  # 800 px in Kyrgyz: the status shows whole
            hide=(LEVEL_COLUMN, PROTOCOL_COLUMN), grow=(MEMBER_COLUMN, AWARD_COLUMN))
        self.table.itemActivated.connect(lambda item, _c: self.open_award(item.data(0, ID_ROLE)))
        self.table.currentItemChanged.connect(lambda _now, _before: self._update_buttons())
        rb.DeleteKey(self.table, self.ask_delete)
        self.totals = QLabel()
        self.totals.setObjectName("awardsTotals")
        self.totals.setWordWrap(True)
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.totals.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

        self.notice = QLabel()  # what the last action did: «Certificate 2026/017 is given.»
        self.notice.setObjectName("awardsNotice")
        self.notice.setStyleSheet("color:#2e6b30; font-weight:600;")
        self.notice.hide()

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(search_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notice)
        layout.addWidget(self.totals)
        self._fill_years([])  # the years with records come with the first reading
        self._stale = True  # read when first shown: nothing runs for it while the window starts
        self.retranslate()

    # -- texts --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(_("Awards"))
        texts = {
            "newNomination": (_("New nomination…"), _("Propose a member for an award")),
            "grantAward": (_("Award…"), _("The committee decided: record the protocol and "
                                          "give the certificate number")),
            "editAward": (_("Edit…"), ""),
            "deleteAward": (_("Delete…"), ""),
            "importAwards": (_("Import…"), ""),
            "exportAwards": (_("Export to Excel…"),
                             _("Write every award to a file that imports back")),
            "printCertificate": (_("Print certificate…"),
                                 _("The chosen award's certificate, in Kyrgyz or Russian")),
            "printAwards": (_("Print list…"), _("The year's register of awards as a PDF")),
            "awardTypes": (_("Award types…"), _("The catalogue: add, rename, deactivate")),
        }
        for name, (text, tip) in texts.items():
            self.buttons[name].setText(text)
            self.buttons[name].setToolTip(tip)
        self.year_label.setText(_("&Year:"))
        self.search.setPlaceholderText(
            _("Search: name, card number, award, certificate or protocol"))
        self.search.setToolTip(_("Every word must match, e.g. “асан грамота”."))
        self.table.setHeaderLabels([_(c) for c in COLUMNS])
        self._prepare_keys()
        self.apply_filter()

    # -- data ---------------------------------------------------------------------------------
    def chosen_year(self) -> int:
        return rb.chosen_year(self.year)

    def _fill_years(self, stored: list[int]) -> None:
        """The years that have records, this year and the chosen one, newest first."""
        rb.fill_years(self.year, [*stored, dt.date.today().year])

    def set_year(self, year: int) -> None:
        rb.set_year(self.year, year)

    def read(self) -> Work:
        """The chosen year's register and which years have one, read on the thread pool: the
        GUI thread never queries the database here."""
        db, year = self.state.db, self.chosen_year()
        return lambda _progress, _cancelled: (year, awards.list_awards(db, year),
                                              awards.register_years(db))

    def show_read(self, result: tuple[int, list[AwardRow], list[int]]) -> None:
        self.loaded_year, self.rows, years = result
        self._fill_years(years)
        self._prepare_keys()
        self.apply_filter()

    def _prepare_keys(self) -> None:
        self.keys = [
            search_text(f"{r.certificate} {r.card_no} {r.member_name} {r.department} "
                        f"{r.award_name} {AWARD_LEVELS.label(r.level)} {r.decision} "
                        f"{format_date(r.day)} {_(STATUS[r.status])} {r.reason}")
            for r in self.rows
        ]

    def shown_rows(self) -> list[AwardRow]:
        words = query_words(self.search.text())
        return [row for row, key in zip(self.rows, self.keys, strict=True)
                if all(w in key for w in words)]

    def apply_filter(self) -> None:
        chosen = self.selected_id()
        shown = self.shown_rows()
        self.table.blockSignals(True)
        self.table.clear()
        keep: QTreeWidgetItem | None = None
        items = []
        for row in shown:
            item = QTreeWidgetItem([
                row.certificate, row.member_name, row.award_name, AWARD_LEVELS.label(row.level),
                format_date(row.day), row.decision, _(STATUS[row.status]),
            ])
            item.setData(0, ID_ROLE, row.id)
            item.setToolTip(MEMBER_COLUMN, _("Card No {card_no}").format(card_no=row.card_no))
            item.setToolTip(AWARD_COLUMN, "\n".join(
                t for t in (row.award_name, AWARD_LEVELS.label(row.level), row.decision,
                            row.reason) if t))
            item.setToolTip(LEVEL_COLUMN, AWARD_LEVELS.label(row.level))
            item.setToolTip(PROTOCOL_COLUMN, row.decision)
            if row.status == "nominated":
                item.setForeground(len(COLUMNS) - 1, Qt.GlobalColor.darkYellow)
            items.append(item)
            if row.id == chosen:
                keep = item
        self.table.addTopLevelItems(items)
        self.columns.fit()
        if keep is not None:
            self.table.setCurrentItem(keep)
        self.table.blockSignals(False)
        self._update_buttons()
        self._show_totals(shown)

    def _show_totals(self, shown: list[AwardRow]) -> None:
        if self.loaded_year is None:
            self.totals.setText(_("Reading…"))
            return
        given = sum(1 for r in shown if r.status == "awarded")
        text = _("{year}: awarded {awarded}, nominated {nominated}; gifts and prizes {cost}")
        if len(shown) != len(self.rows):
            text = _("{year}: {shown} of {all} shown — awarded {awarded}, nominated "
                     "{nominated}; gifts and prizes {cost}")
        self.totals.setText(text.format(
            year=self.loaded_year, shown=format_number(len(shown)),
            all=format_number(len(self.rows)), awarded=format_number(given),
            nominated=format_number(len(shown) - given),
            cost=format_money(sum(r.cost for r in shown)),
        ))

    def selected_id(self) -> int | None:
        item = self.table.currentItem()
        return None if item is None else int(item.data(0, ID_ROLE))

    def selected_row(self) -> AwardRow | None:
        chosen = self.selected_id()
        return next((r for r in self.rows if r.id == chosen), None)

    def _update_buttons(self) -> None:
        row = self.selected_row()
        self.buttons["editAward"].setEnabled(row is not None)
        self.buttons["deleteAward"].setEnabled(row is not None)
        self.buttons["grantAward"].setEnabled(row is not None and row.status == "nominated")
        self.buttons["printCertificate"].setEnabled(row is not None and row.status == "awarded")

    def print_certificate(self) -> QWidget | None:
        """The chosen award's certificate (print dialog: language, plain paper or a blank)."""
        from unionapp.ui.dialogs.certificate_print import open_certificate_print

        chosen = self.selected_id()
        if chosen is None:
            return None
        return open_certificate_print(self, self.state, award_ids=[chosen])

    def print_list(self) -> QWidget:
        from unionapp.ui.dialogs.register_print import print_register

        return print_register(self, self.state, "awards", self.chosen_year())

    # -- actions ------------------------------------------------------------------------------
    def focus_filter(self) -> None:
        rb.focus_search(self.search)

    def open_nomination(self, member_id: int | None = None, reason: str | None = None) -> QDialog:
        from unionapp.ui.dialogs.award_dialog import AwardDialog  # only when asked for

        return self.show_dialog(AwardDialog(self.state, self, member_id=member_id, reason=reason))

    def open_award(self, award_id: int | None) -> QDialog | None:
        """The record of a row (a nomination or an award), opened without blocking."""
        if award_id is None:
            return None
        from unionapp.ui.dialogs.award_dialog import AwardDialog

        return self.show_dialog(AwardDialog(self.state, self, award_id=award_id))

    def open_grant(self) -> QDialog | None:
        row = self.selected_row()
        if row is None or row.status != "nominated":
            return None
        from unionapp.ui.dialogs.award_grant_dialog import AwardGrantDialog

        dialog = AwardGrantDialog(self.state, row, self)
        dialog.accepted.connect(lambda: self._granted(dialog))
        return self.show_dialog(dialog)

    def _granted(self, dialog: QDialog) -> None:
        number = getattr(dialog, "certificate", None)
        if number and shiboken6.isValid(self):
            self.notice.setText(_("Certificate {number} is given.").format(number=number))
            self.notice.show()

    def open_types(self) -> QDialog:
        from unionapp.ui.dialogs.award_types_dialog import AwardTypesDialog

        return self.show_dialog(AwardTypesDialog(self.state, self))

    def ask_delete(self) -> QMessageBox | None:
        row = self.selected_row()
        if row is None:
            return None
        if row.status == "awarded":
            question = _("Delete the award «{award}» of {name}, certificate {number}?").format(
                award=row.award_name, name=row.member_name, number=row.certificate)
            info = _("Delete only an award recorded by mistake. Its certificate number will "
                     "not be given again.")
        else:
            question = _("Delete the nomination of {name} for «{award}»?").format(
                award=row.award_name, name=row.member_name)
            info = ""
        return self.ask(question, lambda: awards.delete_award(self.state.db, row.id), "awards",
                        info=info)

    def open_import(self) -> ImportWizard:
        return rb.open_import(self, self.state, "awards")

    def ask_export(self) -> None:
        target = ask_save_path(self, _("Export to Excel"), _("awards.xlsx"))
        if target is not None:
            self.export_to(target)

    def export_to(self, target: Path) -> None:
        """Every award (all years) in the import's columns, off the GUI thread."""
        self.export_rows("awards", target)
