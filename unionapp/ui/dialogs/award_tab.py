"""The member dialog's Awards tab: every nomination and award of the member, oldest first, with
the certificate number and the protocol - the register by member, as the chairperson reads it
when proposing someone again («what has she already received?»)."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableWidgetItem, QWidget

from unionapp.core.awards import AwardRow, list_awards
from unionapp.core.codes import AWARD_LEVELS
from unionapp.core.formatting import format_date
from unionapp.core.i18n import N_, _
from unionapp.ui.state import AppState
from unionapp.ui.widgets.member_table_tab import MemberTableTab

AWARD_COLUMNS = (N_("Date"), N_("Award"), N_("Level"), N_("Certificate no"), N_("Protocol"))
NOMINATED = N_("nominated on {date}")


class AwardTab(MemberTableTab):
    COLUMNS = AWARD_COLUMNS
    EMPTY = N_("No awards or nominations recorded for this member.")

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, "award", parent)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.retranslate()

    def load(self, member_id: int) -> list[AwardRow]:
        return list_awards(self.state.db, member_id=member_id)

    def rows(self) -> list[list[str]]:
        """What the table shows (the labels in the current language); a nomination says so
        where its certificate number will be."""
        return [
            [format_date(item.day), item.award_name, AWARD_LEVELS.label(item.level),
             item.certificate or _(NOMINATED).format(date=format_date(item.nominated_on)),
             item.decision]
            for item in self.items
        ]

    def fill_table(self, rows: list[list[str]]) -> None:
        for r, values in enumerate(rows):
            for c, text in enumerate(values):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.table.setItem(r, c, cell)
