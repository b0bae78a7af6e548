"""The month's reconciliation as an .xlsx, one sheet per list, and the arrears as one sheet: the
writers both faces call (``unionapp dues reconcile|arrears --out`` and the Dues page's "Export
to Excel…"), so the file a chairperson gets is the same whichever way she asked for it.

``save_workbook`` is how every dues workbook reaches the disk: written beside the target and
renamed, so a failure leaves no half file, and a folder that is missing or a file held open
by Excel is refused with a message in the user's language instead of a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from unionapp.core.atomic_files import atomic_output
from unionapp.core.dues import Arrear, Reconciliation, ReconRow, compact_months
from unionapp.core.i18n import N_, _
from unionapp.core.money import to_som

# (list attribute of Reconciliation, its sheet's name), in the order the sheets appear
SHEETS = (
    ("not_members", N_("Not members")),
    ("missing", N_("Nothing withheld")),
    ("missing_pensioners", N_("Pensioners")),
    ("missing_cash_payers", N_("Cash payers")),
    ("wrong_amount", N_("Wrong amount")),
)
MISSING = frozenset({"missing", "missing_pensioners", "missing_cash_payers"})
COLUMNS = (
    N_("Card No"), N_("Personnel No"), N_("Full name"), N_("Department"), N_("Wage"),
    N_("Withheld"), N_("Expected"), N_("Payroll row"),
)
WIDTHS = (12, 14, 36, 28, 13, 13, 13, 10)  # characters: a name and a department stay readable
def save_workbook(workbook: Any, path: Path) -> None:
    """Save an openpyxl workbook at ``path`` whole or not at all (see the module docstring)."""
    with atomic_output(path) as temp:
        workbook.save(temp)


def write_reconciliation(result: Reconciliation, path: Path) -> None:
    """One sheet per list; money as numbers with two decimals, so Excel can sum them. The
    lists of members with nothing paid leave wage and withheld blank (no payroll row)."""
    from openpyxl import Workbook  # heavy: only when a file is written
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    first = workbook.active
    if first is not None:
        workbook.remove(first)
    for kind, sheet_name in SHEETS:
        sheet = workbook.create_sheet(_(sheet_name)[:31])
        sheet.append([_(c) for c in COLUMNS])
        rows: list[ReconRow] = getattr(result, kind)
        for row in rows:
            money = (
                [None, None] if kind in MISSING
                else [to_som(row.wage), to_som(row.withheld)]
            )
            sheet.append([
                row.card_no, row.personnel_no, row.full_name, row.department, *money,
                to_som(row.expected) if kind == "wrong_amount" else None, row.row_no,
            ])
        for cells in sheet.iter_rows(min_row=2, min_col=5, max_col=7):
            for cell in cells:
                cell.number_format = "0.00"
        for index, width in enumerate(WIDTHS, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
    save_workbook(workbook, path)


ARREARS_COLUMNS = (
    N_("Card No"), N_("Personnel No"), N_("Full name"), N_("Department"), N_("Months"),
    N_("Last wage"), N_("Expected a month"), N_("Expected in all"),
)
ARREARS_WIDTHS = (12, 14, 36, 28, 24, 13, 13, 13)


def write_arrears_workbook(rows: Sequence[Arrear], path: Path) -> None:
    """One row per member, the months as runs («11.2024–10.2026»); money as numbers (blank
    when unknown) so Excel can sum them. The command line and the Dues page both write it."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Arrears")[:31]
    sheet.append([_(c) for c in ARREARS_COLUMNS])
    for row in rows:
        sheet.append([
            row.card_no, row.personnel_no, row.full_name, row.department,
            compact_months(row.months),
            None if row.wage is None else to_som(row.wage),
            None if row.monthly is None else to_som(row.monthly),
            None if row.total is None else to_som(row.total),
        ])
    for cells in sheet.iter_rows(min_row=2, min_col=6, max_col=8):
        for cell in cells:
            cell.number_format = "0.00"
    for index, width in enumerate(ARREARS_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    save_workbook(workbook, path)
