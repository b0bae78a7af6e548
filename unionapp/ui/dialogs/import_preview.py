"""The import wizard's preview table: the file's own rows and headers, problems on their cells.

Problems (red) stop the import; warnings (amber: a card number the register gives another
person) do not, but their rows stand out so the chairperson looks before importing.

A model, not a QTableWidget: a 10,000-row file would otherwise mean 100,000 item objects made
up front; the model answers only for the cells on screen.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from unionapp.core import i18n
from unionapp.core.errors import Problem
from unionapp.core.formatting import format_money, format_number
from unionapp.core.i18n import N_, _
from unionapp.core.importing import ImportPreview
from unionapp.core.importing.headers import header_label

ACTION_LABELS = {
    "add": N_("Add"),
    "update": N_("Update"),
    "same": N_("Unchanged"),
    "error": N_("Error"),
}
ACTION_COLORS = {
    "add": QColor("#e3f4e6"),
    "update": QColor("#e3eefc"),
    "same": QColor("#f2f2f2"),
    "error": QColor("#fbe3e1"),
}
PROBLEM_COLOR = QColor("#f4a19a")
WARNING_COLOR = QColor("#ffd166")  # the cell a warning is about, and the row's action cell
WARNING_ROW_COLOR = QColor("#fff4d1")  # the rest of a row to check
IGNORED_COLOR = QColor("#8a8a8a")
Index = QModelIndex | QPersistentModelIndex


# the payroll importer's messages for a file of another month than the one chosen
OTHER_MONTH = frozenset({
    "The file is for {stated}, but the month given is {given}.",
    "The row is for {stated}, but the month given is {given}.",
})


def payroll_counts(preview: ImportPreview, to_check: int) -> str:
    """What a payroll list would do, said before it is done: its month, whom it matches and,
    above all, that an earlier list of the month is replaced (not added to)."""
    details = preview.details
    values = dict(
        month=details["month"].strftime("%m.%Y"), rows=format_number(len(preview.rows)),
        matched=format_number(details.get("matched", 0)),
        unmatched=format_number(details.get("unmatched", 0)),
        withheld=format_money(details.get("total_withheld", 0)),
    )
    lines = [_(
        "Month {month}: {rows} rows, matched to members {matched}, not in the register "
        "{unmatched}; withheld {withheld}."
    ).format(**values)]
    replaced = details.get("replaced", 0)
    if replaced:
        lines.append(_(
            "The list of {month} imported earlier ({count} rows) will be replaced by this one."
        ).format(month=values["month"], count=format_number(replaced)))
    if to_check:
        lines.append(_("Rows to check: {count}.").format(count=format_number(to_check)))
    return " ".join(lines)


def problem_line(problem: Problem) -> str:
    """``ROW:COLUMN: message``: the file's name is already in the wizard's title."""
    return f"{problem.row}:{problem.column}: {problem.message()}"


class PreviewModel(QAbstractTableModel):
    """Column 0 says what happens to the row; then the file's columns as the file has them."""

    def __init__(self, preview: ImportPreview) -> None:
        super().__init__()
        self.preview = preview
        self.cell_problems: dict[tuple[int, int], list[Problem]] = {}
        self.row_problems: dict[int, list[Problem]] = {}
        self.header_problems: dict[int, list[Problem]] = {}
        self.cell_warnings: dict[tuple[int, int], list[Problem]] = {}
        self.row_warnings: dict[int, list[Problem]] = {}
        self.row_of: dict[int, int] = {r.row_no: i for i, r in enumerate(preview.rows)}
        for problem in preview.problems:
            row = self.row_of.get(problem.row)
            column = problem.column_index
            if row is None:  # the header row, or a column the file lacks
                # (a title block's month is no column's fault: no ⚠ on a column for it)
                if column is not None and problem.msgid not in OTHER_MONTH:
                    self.header_problems.setdefault(column, []).append(problem)
                continue
            self.row_problems.setdefault(row, []).append(problem)
            if column is not None:
                self.cell_problems.setdefault((row, column), []).append(problem)
        for warning in preview.warnings:
            row = self.row_of.get(warning.row)
            if row is None:
                continue
            self.row_warnings.setdefault(row, []).append(warning)
            if warning.column_index is not None:
                self.cell_warnings.setdefault((row, warning.column_index), []).append(warning)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's names
        return 0 if parent.isValid() else len(self.preview.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.preview.headers) + 1

    def cell_index(self, problem: Problem) -> QModelIndex:
        """Where a problem is shown in the table (invalid when it is not on a data row)."""
        row = self.row_of.get(problem.row)
        if row is None:
            return QModelIndex()
        column = problem.column_index + 1 if problem.column_index is not None else 0
        return self.index(row, column)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.preview.rows[index.row()]
        column = index.column() - 1
        warnings = self.row_warnings.get(index.row(), [])
        if column < 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return _(ACTION_LABELS.get(row.action, row.action))
            if role == Qt.ItemDataRole.BackgroundRole:
                if warnings and row.action != "error":
                    return QBrush(WARNING_COLOR)
                return QBrush(ACTION_COLORS.get(row.action, QColor("white")))
            if role == Qt.ItemDataRole.ToolTipRole:
                found = self.row_problems.get(index.row(), []) + warnings
                return "\n".join(p.message() for p in found) if found else None
            return None
        problems = self.cell_problems.get((index.row(), column))
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[column] if column < len(row.cells) else ""
        if role == Qt.ItemDataRole.BackgroundRole:
            if problems:
                return QBrush(PROBLEM_COLOR)
            if (index.row(), column) in self.cell_warnings:
                return QBrush(WARNING_COLOR)
            return QBrush(WARNING_ROW_COLOR) if warnings else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if problems:
                return "\n".join(p.message() for p in problems)
            return "\n".join(w.message() for w in warnings) if warnings else None
        if role == Qt.ItemDataRole.ForegroundRole and self.preview.mapped[column] is None:
            return QBrush(IGNORED_COLOR)
        return None

    def headerData(  # noqa: N802 - Qt's name
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole:
                return str(self.preview.rows[section].row_no)
            if role == Qt.ItemDataRole.ToolTipRole:
                return _("Row {row} of the file").format(row=self.preview.rows[section].row_no)
            return None
        column = section - 1
        if column < 0:
            return _("Action") if role == Qt.ItemDataRole.DisplayRole else None
        name = self.preview.headers[column]
        problems = self.header_problems.get(column, [])
        if role == Qt.ItemDataRole.DisplayRole:
            return f"⚠ {name}" if problems else name
        if role == Qt.ItemDataRole.ToolTipRole:
            field = self.preview.mapped[column]
            lines = [
                _("Not imported: the program does not know this column.")
                if field is None
                else _("Imported as: {field}").format(
                    field=header_label(self.preview.kind, field, i18n.get_language())
                )
            ]
            return "\n".join(lines + [p.message() for p in problems])
        return None
