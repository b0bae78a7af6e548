"""The sidebar's sections, declared without importing them.

The main window paints its sidebar before the core and the pages are loaded (they pull in
SQLAlchemy), so each section is named here by key, title and where its class lives; the
start-up job imports the modules on a worker thread and the window creates the pages once
the register is open. Only sections that work are listed; later capabilities add theirs.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from unionapp.core.i18n import N_

if TYPE_CHECKING:
    from unionapp.ui.pages.base import Page


@dataclass(frozen=True)
class PageEntry:
    key: str  # stable name, remembered as the last page shown
    title: str  # marked with N_(); translated where it is shown
    module: str
    class_name: str

    def page_class(self) -> type[Page]:
        """The page's class (imports its module: do it off the GUI thread first)."""
        page_class: type[Page] = getattr(importlib.import_module(self.module), self.class_name)
        return page_class


HOME, MEMBERS, DUES, SETTINGS = "home", "members", "dues", "settings"
PAGES = (
    PageEntry(HOME, N_("Home"), "unionapp.ui.pages.home", "HomePage"),
    PageEntry(MEMBERS, N_("Members"), "unionapp.ui.pages.members", "MembersPage"),
    PageEntry(DUES, N_("Dues"), "unionapp.ui.pages.dues", "DuesPage"),
    PageEntry("decisions", N_("Decisions"), "unionapp.ui.pages.decisions", "DecisionsPage"),
    PageEntry("vouchers", N_("Vouchers"), "unionapp.ui.pages.vouchers", "VouchersPage"),
    PageEntry("aid", N_("Material aid"), "unionapp.ui.pages.aid", "AidPage"),
    PageEntry("awards", N_("Awards"), "unionapp.ui.pages.awards", "AwardsPage"),
    PageEntry("budget", N_("Budget"), "unionapp.ui.pages.budget", "BudgetPage"),
    PageEntry("reports", N_("Reports"), "unionapp.ui.pages.reports", "ReportsPage"),
    PageEntry(SETTINGS, N_("Settings"), "unionapp.ui.pages.settings", "SettingsPage"),
)


def page_entry(key: str) -> PageEntry | None:
    return next((entry for entry in PAGES if entry.key == key), None)
