"""Importing the registers from .xlsx and .csv files: the API the CLI and the import wizard use.

- ``preview_import(db, kind, path) -> ImportPreview``: the file's columns, the field each goes
  to, every row with what would happen to it (add / update / same / error) and every problem
  with its column index; writes nothing.
- ``run_import(db, kind, path, dry_run=, progress=, cancelled=) -> ImportSummary``: all or
  nothing; raises ``ImportFileError`` with every problem, or ``UserError`` when the file cannot
  be read at all or the import was cancelled.

Modules: ``tabular`` reads files, ``headers`` knows column names in ru/ky/en, ``values`` reads
cells, ``members_import`` / ``children_import`` check and write one register each.
"""

from unionapp.core.importing.service import KINDS, preview_import, run_import
from unionapp.core.importing.sheet import (
    ACTIONS,
    ImportPreview,
    ImportSummary,
    PreviewRow,
)

__all__ = [
    "ACTIONS",
    "KINDS",
    "ImportPreview",
    "ImportSummary",
    "PreviewRow",
    "preview_import",
    "run_import",
]
