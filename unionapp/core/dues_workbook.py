"""The month's reconciliation as an .xlsx, one sheet per list: the one writer both faces call
(``unionapp dues reconcile --out`` and the Dues page's "Export to Excel…"), so the file a
chairperson gets is the same whichever way she asked for it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from unionapp.core.dues import Reconciliation, ReconRow
from unionapp.core.i18n import N_, _

# (list attribute of Reconciliation, its sheet's name), in the order the sheets appear
SHEETS = (
    ("not_members", N_("Not members")),
    ("missing", N_("Nothing withheld")),
    ("missing_pensioners", N_("Pensioners")),
    ("missing_cash_payers", N_("Cash payers")),
    ("wrong_amount", N_("Wrong amount")),
)
COLUMNS = (
    N_("Card No"), N_("Personnel No"), N_("Full name"), N_("Department"), N_("Wage"),
    N_("Withheld"), N_("Expected"), N_("Payroll row"),
)


def write_reconciliation(result: Reconciliation, path: Path) -> None:
    """One sheet per list; money as numbers with two decimals, so Excel can sum them."""
    from openpyxl import Workbook  # heavy: only when a file is written

    workbook = Workbook()
    first = workbook.active
    if first is not None:
        workbook.remove(first)
    for kind, sheet_name in SHEETS:
        sheet = workbook.create_sheet(_(sheet_name)[:31])
        sheet.append([_(c) for c in COLUMNS])
        rows: list[ReconRow] = getattr(result, kind)
        for row in rows:
            sheet.append([
                row.card_no, row.personnel_no, row.full_name, row.department,
                Decimal(row.wage) / 100, Decimal(row.withheld) / 100,
                Decimal(row.expected) / 100 if kind == "wrong_amount" else None, row.row_no,
            ])
        for cells in sheet.iter_rows(min_row=2, min_col=5, max_col=7):
            for cell in cells:
                cell.number_format = "0.00"
    workbook.save(path)
