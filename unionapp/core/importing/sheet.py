"""What every kind of import shares: the preview and summary it returns, the sheet of data
rows under a found header, and the problem log that names file, row and column.

Problems are collected, never raised one by one, so a refused file lists everything that is
wrong with it at once and the chairperson fixes the file in one go.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from unionapp.core.errors import Problem
from unionapp.core.i18n import N_, _, get_language
from unionapp.core.importing.headers import Header, header_label
from unionapp.core.importing.tabular import Table, is_empty_cell
from unionapp.core.importing.values import CellProblem

ADD, UPDATE, SAME, ERROR = "add", "update", "same", "error"
ACTIONS = (ADD, UPDATE, SAME, ERROR)

Parser = Callable[[Any], Any]


@dataclass
class PreviewRow:
    row_no: int  # in the file, 1-based as Excel shows it
    cells: list[str]  # display text of every column of the file
    action: str  # one of ACTIONS


@dataclass
class ImportPreview:
    """What an import would do, row by row, without doing it."""

    kind: str
    file_name: str
    headers: list[str]  # as written in the file (the column letter where the cell is empty)
    mapped: list[str | None]  # the field each column goes to; None: not imported
    rows: list[PreviewRow]
    problems: list[Problem]  # each with column_index set where a column is known
    counts: dict[str, int]  # per action
    # rows that import but deserve a look (another person's card number); not problems
    warnings: list[Problem] = field(default_factory=list)
    # what a kind adds (a payroll list's month, matches, totals, rows it would replace)
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def ignored_columns(self) -> list[str]:
        return [h for h, m in zip(self.headers, self.mapped, strict=True) if m is None]


@dataclass
class ImportSummary:
    kind: str
    file_name: str
    rows_read: int = 0  # data rows under the header, empty ones included
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # empty rows
    departments_added: int = 0
    dry_run: bool = False
    warnings: list[Problem] = field(default_factory=list)  # as in ImportPreview
    # payroll: the month, rows matched to members or not, the month's rows replaced, totals
    month: dt.date | None = None
    matched: int = 0
    unmatched: int = 0
    replaced: int = 0
    total_wage: int = 0  # tyiyn
    total_withheld: int = 0  # tyiyn
    # what a kind adds in words, as (msgid, params): «New institutions added … : «Аврора».»
    notes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def note_lines(self) -> list[str]:
        """The notes in the current language, counts grouped as it groups them («1 000»)."""
        return [_(msgid).format(**{key: _counted(value) for key, value in params.items()})
                for msgid, params in self.notes]


def _counted(value: Any) -> Any:
    """A count (a whole number) as the language writes it; any other value as it is."""
    if isinstance(value, int) and not isinstance(value, bool):
        from unionapp.core.formatting import format_number  # Babel: only when a note shows

        return format_number(value)
    return value


K = TypeVar("K")


class ProblemLog:
    """Problems of one file, each placed at its row and column as the file names them."""

    def __init__(self, kind: str, file_name: str, header: Header | None) -> None:
        self.kind = kind
        self.file_name = file_name
        self.header = header
        self.problems: list[Problem] = []
        self.rows: set[int] = set()
        # field -> column index; a kind may point several fields at one column (ФИО)
        self.columns: dict[str, int] = {}
        if header is not None:
            for index, name in enumerate(header.fields):
                if name is not None and name not in self.columns:
                    self.columns[name] = index

    def column_name(self, field_name: str) -> tuple[str, int | None]:
        index = self.columns.get(field_name)
        if index is not None and self.header is not None:
            return self.header.names[index], index
        return header_label(self.kind, field_name, get_language()), None

    def add(self, row_no: int, field_name: str, msgid: str, /, **params: Any) -> None:
        column, index = self.column_name(field_name)
        self.add_at(row_no, column, index, msgid, **params)

    def add_at(
        self, row_no: int, column: str, index: int | None, msgid: str, /, **params: Any
    ) -> None:
        self.problems.append(Problem(self.file_name, row_no, column, msgid, params, index))
        self.rows.add(row_no)

    def refuse_repeats(
        self,
        rows_by_key: Mapping[K, list[int]],
        field_name: str,
        msgid: str,
        named: Callable[[K], dict[str, Any]] | None = None,
    ) -> None:
        """Every row of a key the file lists more than once gets ``msgid`` naming all of those
        rows ({rows}); ``named`` gives the key's own parameters (its card number ...)."""
        for key, rows in rows_by_key.items():
            if len(rows) > 1:
                params = named(key) if named is not None else {}
                listed = ", ".join(str(r) for r in rows)
                for row_no in rows:
                    self.add(row_no, field_name, msgid, **params, rows=listed)


@dataclass
class Sheet:
    """The data rows under the header, and where the analysis writes what it finds."""

    kind: str
    table: Table
    header: Header
    problems: ProblemLog
    rows: list[tuple[int, list[Any]]]  # non-empty data rows
    skipped: int  # empty data rows
    tick: Callable[[int], None]  # rows analysed so far: progress and cancellation
    actions: dict[int, str] = field(default_factory=dict)  # row number -> action
    month: dt.date | None = None  # a payroll list's month as the user gave it (--month)

    @property
    def source(self) -> str:
        return self.table.file_name

    def fields_present(self) -> set[str]:
        return {f for f in self.header.fields if f is not None}

    def read_row(
        self, row_no: int, cells: list[Any], parsers: dict[str, Parser]
    ) -> tuple[dict[str, Any], set[str]]:
        """The parsed value of every mapped column, and the fields whose cell was bad."""
        values: dict[str, Any] = {}
        bad: set[str] = set()
        width = len(cells)
        for index, field_name in enumerate(self.header.fields):
            if field_name is None or field_name in values or field_name not in parsers:
                continue
            raw = cells[index] if index < width else None
            try:
                values[field_name] = parsers[field_name](raw)
            except CellProblem as problem:
                values[field_name] = None
                bad.add(field_name)
                self.problems.add(row_no, field_name, problem.msgid, **problem.params)
        return values, bad


def split_rows(
    table: Table, header: Header
) -> tuple[list[tuple[int, list[Any]]], int]:
    """Non-empty rows under the header, and how many empty ones were skipped."""
    rows: list[tuple[int, list[Any]]] = []
    skipped = 0
    for row_no, cells in table.rows[header.position + 1 :]:
        if all(is_empty_cell(v) for v in cells):
            skipped += 1
        else:
            rows.append((row_no, cells))
    return rows, skipped


MISSING_COLUMN = N_("There is no column «{column}»: it is required.")


def require_columns(kind: str, header: Header, log: ProblemLog, required: tuple[str, ...]) -> None:
    """One problem per required column the header lacks, named in the user's language."""
    present = {f for f in header.fields if f}
    for name in required:
        if name not in present:
            label = header_label(kind, name, get_language())
            log.add_at(header.row_no, label, None, MISSING_COLUMN, column=label)

