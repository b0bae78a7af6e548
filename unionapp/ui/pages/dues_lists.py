"""The Dues page's three lists of a month: dues from non-members, members unpaid (employees,
pensioners and cash payers apart) and amounts that differ from the rate.

Kept apart from the page, which chooses the month and reads it; here a reconciliation is laid
out in rows. A row that matched nobody in the register says so in its tooltip, since a
double-click on it can open no one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem

from unionapp.core.dues import Reconciliation, ReconRow
from unionapp.core.formatting import format_money, format_number
from unionapp.core.i18n import N_, _

MEMBER_ROLE = Qt.ItemDataRole.UserRole

# the three lists: (object name, columns); money columns are right-aligned
COLUMNS: dict[str, tuple[str, ...]] = {
    "notMembers": (N_("Card no"), N_("Personnel no"), N_("Full name"), N_("Wage"),
                   N_("Withheld")),
    "missing": (N_("Card no"), N_("Personnel no"), N_("Full name"), N_("Department")),
    "wrongAmount": (N_("Card no"), N_("Personnel no"), N_("Full name"), N_("Wage"),
                    N_("Expected"), N_("Withheld")),
}
MISSING_GROUPS = (N_("Employees: {count}"), N_("Pensioners: {count}"), N_("Cash payers: {count}"))
# the tabs' titles are short so all four fit at 800 px; the tooltip says what a list holds
TAB_TITLES = (N_("Non-members ({count})"), N_("Unpaid ({count})"), N_("Wrong amount ({count})"))
TAB_TIPS = (
    N_("Dues withheld from people who were not members in this month: never joined, or left "
       "before it. Double-click a row to open the member."),
    N_("Members with nothing withheld and no cash receipt for this month; pensioners and cash "
       "payers apart. Double-click a row to open the member."),
    N_("Amounts withheld that differ from the rate × the wage, rounded half-up to the tyiyn. "
       "Double-click a row to open the member."),
)


def reconciliation_list(name: str, columns: int) -> QTreeWidget:
    """A read-only list of payroll rows; the name takes the spare width, so the money columns
    line up at the right edge; «missing» holds its three groups as branches."""
    tree = QTreeWidget()
    tree.setObjectName(name)
    tree.setColumnCount(columns)
    tree.setRootIsDecorated(name == "missing")
    tree.setAlternatingRowColors(True)
    tree.setUniformRowHeights(True)
    tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    tree.header().setStretchLastSection(False)
    tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    tree.setMouseTracking(True)  # tooltips of rows that open nobody
    return tree


def fill_lists(lists: dict[str, QTreeWidget], result: Reconciliation | None) -> tuple[int, ...]:
    """Show ``result`` (None: empty lists); returns how many rows each tab holds."""
    not_members = result.not_members if result else []
    groups = (
        (result.missing, result.missing_pensioners, result.missing_cash_payers)
        if result else ([], [], [])
    )
    wrong = result.wrong_amount if result else []
    _fill_flat(lists["notMembers"], not_members, lambda r: (r.wage, r.withheld))
    _fill_flat(lists["wrongAmount"], wrong, lambda r: (r.wage, r.expected, r.withheld))
    missing = lists["missing"]
    missing.clear()
    for title, rows in zip(MISSING_GROUPS, groups, strict=True):
        group = QTreeWidgetItem([_(title).format(count=format_number(len(rows)))])
        group.setFirstColumnSpanned(True)
        font = group.font(0)
        font.setBold(True)
        group.setFont(0, font)
        missing.addTopLevelItem(group)
        group.setFirstColumnSpanned(True)
        for row in rows:
            group.addChild(recon_item(row, (row.department or "",)))
        group.setExpanded(True)
    return len(not_members), sum(len(g) for g in groups), len(wrong)


def _fill_flat(tree: QTreeWidget, rows: Sequence[ReconRow],
               money: Callable[[ReconRow], tuple[Any, ...]]) -> None:
    tree.clear()
    tree.addTopLevelItems(
        [recon_item(row, tuple(format_money(m) for m in money(row)), money=True) for row in rows]
    )


def recon_item(row: ReconRow, rest: tuple[str, ...], money: bool = False) -> QTreeWidgetItem:
    item = QTreeWidgetItem([row.card_no or "", row.personnel_no or "", row.full_name, *rest])
    item.setData(0, MEMBER_ROLE, row.member_id)
    if row.member_id is None:  # a double-click opens nobody: say why
        tip = _(
            "Nobody in the register has this personnel number, card number or name: add "
            "the person to the register, or ask the accounting office about the row."
        )
        for column in range(item.columnCount()):
            item.setToolTip(column, tip)
    if money:
        for column in range(3, 3 + len(rest)):
            item.setTextAlignment(
                column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
    return item

