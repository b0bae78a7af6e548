"""Preview and run an import: read the file once, check every row, then write all or nothing.

A refused import raises ``ImportFileError`` with every problem of the whole file and leaves
the database file byte-for-byte as it was: the rows are checked and the plan made inside the
same transaction that would write it, and nothing is written until no problem is left.
A file that cannot be read at all (empty, not a workbook, password-protected) raises a
``UserError`` that names the file.
"""

from __future__ import annotations

import datetime as dt
import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from unionapp.core.db import Database
from unionapp.core.errors import ImportFileError, Problem, UserError
from unionapp.core.i18n import N_, get_language
from unionapp.core.importing import (
    aid_import,
    awards_import,
    cash_import,
    children_import,
    members_import,
    payroll_import,
    vouchers_import,
)
from unionapp.core.importing.headers import (
    HEADER_SEARCH_ROWS,
    Header,
    find_header,
    header_label,
    repeated_columns,
)
from unionapp.core.importing.sheet import (
    ACTIONS,
    ADD,
    ERROR,
    SAME,
    UPDATE,
    ImportPreview,
    ImportSummary,
    PreviewRow,
    ProblemLog,
    Sheet,
    split_rows,
)
from unionapp.core.importing.tabular import Table, read_table
from unionapp.core.importing.values import cell_text
from unionapp.core.importing.writing import AuditRows

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
CANCELLED = N_("Import cancelled; nothing was changed.")
NO_DATA_ROWS = N_(
    "{file} has a header row but no rows of data under it: there is nothing to import. "
    "Check that this is the right file (of a workbook only the first sheet is read)."
)
# Share of the work each phase stands for in progress(done, total=100).
READ_SHARE, CHECK_SHARE = 50, 40


@dataclass(frozen=True)
class KindHandler:
    """What one kind of register supplies to the common import steps."""

    prepare_header: Callable[[Header, ProblemLog], None]
    analyse: Callable[[Session, Sheet, dt.date], Any]
    write: Callable[[Session, Any, AuditRows], None]
    example_fields: tuple[str, ...]


HANDLERS: dict[str, KindHandler] = {
    "members": KindHandler(
        members_import.prepare_header,
        members_import.analyse,
        members_import.write,
        ("card_no", "surname", "name", "join_date"),
    ),
    "children": KindHandler(
        children_import.prepare_header,
        children_import.analyse,
        children_import.write,
        ("card_no", "full_name", "birth_date"),
    ),
    "payroll": KindHandler(
        payroll_import.prepare_header,
        payroll_import.analyse,
        payroll_import.write,
        ("personnel_no", "full_name", "wage", "withheld"),
    ),
    "cash": KindHandler(
        cash_import.prepare_header,
        cash_import.analyse,
        cash_import.write,
        ("card_no", "amount", "paid_on", "period"),
    ),
    "aid": KindHandler(
        aid_import.prepare_header,
        aid_import.analyse,
        aid_import.write,
        ("card_no", "reason", "amount", "paid_on", "decision_no"),
    ),
    "vouchers": KindHandler(
        vouchers_import.prepare_header,
        vouchers_import.analyse,
        vouchers_import.write,
        ("card_no", "kind", "institution", "start_date", "end_date", "cost"),
    ),
    "awards": KindHandler(
        awards_import.prepare_header,
        awards_import.analyse,
        awards_import.write,
        ("card_no", "award", "awarded_on", "decision_no"),
    ),
}
KINDS = tuple(HANDLERS)


@dataclass
class Analysis:
    table: Table
    sheet: Sheet
    plan: Any  # None when the header itself was refused

    @property
    def problems(self) -> list[Problem]:
        return sorted(
            self.sheet.problems.problems,
            key=lambda p: (p.row, p.column_index if p.column_index is not None else -1),
        )

    @property
    def warnings(self) -> list[Problem]:
        """Rows that import but deserve a look; a kind's plan may list some."""
        return list(getattr(self.plan, "warnings", []))


class _Steps:
    """Turns each phase's rows into one progress bar, and stops when asked to."""

    def __init__(self, progress: Progress | None, cancelled: Cancelled | None) -> None:
        self.progress = progress
        self.cancelled = cancelled

    def check_cancelled(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise UserError(CANCELLED)

    def report(self, start: int, share: int, done: int, total: int) -> None:
        self.check_cancelled()
        if self.progress is not None and total > 0:
            self.progress(start + share * min(done, total) // total, 100)

    def finished(self) -> None:
        """Past the commit a cancel can no longer undo anything, so it is not asked."""
        if self.progress is not None:
            self.progress(100, 100)


def _handler(kind: str) -> KindHandler:
    if kind not in HANDLERS:
        raise UserError(
            N_("Unknown kind of import: {kind}. Choose one of: {kinds}."),
            kind=kind,
            kinds=", ".join(KINDS),
        )
    return HANDLERS[kind]


def _analyse(
    session: Session, kind: str, path: Path, steps: _Steps, month: dt.date | None = None
) -> Analysis:
    handler = _handler(kind)
    table = read_table(path, lambda done, total: steps.report(0, READ_SHARE, done, total))
    header = find_header(kind, table)
    if header is None:
        lang = get_language()
        raise UserError(
            N_(
                "{file}: no header row was found in the first {rows} rows. The table needs a "
                "row that names its columns, for example: {example}."
            ),
            file=table.file_name,
            rows=HEADER_SEARCH_ROWS,
            example=", ".join(f"«{header_label(kind, f, lang)}»" for f in handler.example_fields),
        )
    log = ProblemLog(kind, table.file_name, header)
    for first, repeat in repeated_columns(header.fields):
        log.add_at(
            header.row_no,
            header.names[repeat],
            repeat,
            N_("The columns «{first}» and «{second}» hold the same thing: keep one of them."),
            first=header.names[first],
            second=header.names[repeat],
        )
    handler.prepare_header(header, log)
    rows, skipped = split_rows(table, header)
    if not rows:  # nothing under the header: most likely the wrong file or the wrong sheet
        raise UserError(NO_DATA_ROWS, file=table.file_name)
    total = max(len(rows), 1)
    sheet = Sheet(
        kind, table, header, log, rows, skipped,
        tick=lambda done: steps.report(READ_SHARE, CHECK_SHARE, done, total),
        month=month,
    )
    if log.problems:  # without the right columns, checking the rows would only add noise
        sheet.actions = {row_no: ERROR for row_no, _cells in rows}
        return Analysis(table, sheet, None)
    plan = handler.analyse(session, sheet, dt.date.today())
    return Analysis(table, sheet, plan)


_GC_LOCK = threading.Lock()
_gc_users = 0
_gc_saved = gc.get_threshold()


@contextmanager
def _few_collections() -> Iterator[None]:
    """Collect garbage rarely while a file is read and checked.

    Reading 10k rows makes ~100k objects that all stay alive until the import ends, so the
    collector's frequent passes over them find nothing and cost a fifth of an import; cycles
    made meanwhile are still collected, just later. The thresholds are process-wide, so
    overlapping imports (two windows' threads) share one raise and the last one restores.
    """
    global _gc_users, _gc_saved
    with _GC_LOCK:
        if _gc_users == 0:
            _gc_saved = gc.get_threshold()
            gc.set_threshold(max(_gc_saved[0], 50_000), _gc_saved[1], max(_gc_saved[2], 100))
        _gc_users += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _gc_users -= 1
            if _gc_users == 0:
                gc.set_threshold(*_gc_saved)


def preview_import(
    db: Database, kind: str, path: Path, *, month: str | dt.date | None = None
) -> ImportPreview:
    """What importing ``path`` would do, row by row, with every problem; writes nothing.

    ``month`` (``YYYY-MM`` or a date) is the month of a payroll list; other kinds ignore it.
    """
    first_day = payroll_import.parse_month_argument(month)
    with _few_collections(), db.reading() as session:
        analysis = _analyse(session, kind, Path(path), _Steps(None, None), first_day)
    sheet = analysis.sheet
    width = len(sheet.header.names)
    rows = [
        PreviewRow(
            row_no,
            [cell_text(cells[i]) if i < len(cells) else "" for i in range(width)],
            sheet.actions.get(row_no, ERROR),
        )
        for row_no, cells in sheet.rows
    ]
    counts = dict.fromkeys(ACTIONS, 0)
    for row in rows:
        counts[row.action] += 1
    return ImportPreview(
        kind=kind,
        file_name=analysis.table.file_name,
        headers=list(sheet.header.names),
        mapped=list(sheet.header.fields),
        rows=rows,
        problems=analysis.problems,
        counts=counts,
        warnings=analysis.warnings,
        details=_kind_fields(analysis.plan),
    )


def _summary(kind: str, analysis: Analysis, dry_run: bool) -> ImportSummary:
    actions = list(analysis.sheet.actions.values())
    return ImportSummary(
        kind=kind,
        file_name=analysis.table.file_name,
        rows_read=len(analysis.sheet.rows) + analysis.sheet.skipped,
        added=actions.count(ADD),
        updated=actions.count(UPDATE),
        unchanged=actions.count(SAME),
        skipped=analysis.sheet.skipped,
        departments_added=len(getattr(analysis.plan, "new_departments", [])),
        dry_run=dry_run,
        warnings=analysis.warnings,
        **_kind_fields(analysis.plan),
    )


def _kind_fields(plan: Any) -> dict[str, Any]:
    """What a kind adds to the summary (a payroll list's month, matches and totals)."""
    fields = getattr(plan, "summary_fields", None)
    return dict(fields()) if fields is not None else {}


def run_import(
    db: Database,
    kind: str,
    path: Path,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    month: str | dt.date | None = None,
) -> ImportSummary:
    """Import the whole file in one transaction, or nothing.

    Raises ``ImportFileError`` listing every problem of the file; ``UserError`` when the file
    cannot be read or ``cancelled()`` turned true. ``dry_run`` checks and counts only.
    ``progress(done, 100)`` is called every few hundred rows. ``month`` (``YYYY-MM`` or a
    date) is the month of a payroll list; other kinds ignore it.
    """
    first_day = payroll_import.parse_month_argument(month)
    steps = _Steps(progress, cancelled)
    steps.check_cancelled()
    path = Path(path)
    with _few_collections():
        return _run(db, kind, path, dry_run, steps, first_day)


def _run(
    db: Database, kind: str, path: Path, dry_run: bool, steps: _Steps, first_day: dt.date | None
) -> ImportSummary:
    if dry_run:
        with db.reading() as session:
            analysis = _analyse(session, kind, path, steps, first_day)
        if analysis.problems:
            raise ImportFileError(analysis.problems)
        steps.finished()
        return _summary(kind, analysis, True)
    with db.transaction() as session:
        analysis = _analyse(session, kind, path, steps, first_day)
        if analysis.problems:
            raise ImportFileError(analysis.problems)
        audit = AuditRows(source=analysis.table.file_name)
        _handler(kind).write(session, analysis.plan, audit)
        audit.write(session)
        steps.check_cancelled()  # the last moment a cancel can still undo everything
    steps.finished()
    return _summary(kind, analysis, False)
