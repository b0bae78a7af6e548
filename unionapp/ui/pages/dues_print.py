"""Printing the Dues page's lists: the month's reconciliation and the arrears, via the preview.

Kept apart from the page so the page stays about choosing a month and showing its lists; the
PDFs are drawn by ``unionapp.printing.reconciliation`` off the GUI thread.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from unionapp.core.i18n import _

if TYPE_CHECKING:
    from unionapp.ui.dialogs.pdf_preview import PdfPreviewDialog


def _organization(db: Any) -> str:
    from unionapp.core import settings
    from unionapp.core.i18n import get_language
    from unionapp.printing.layout import organization_name

    return organization_name(settings.get_all(db), get_language())


def _preview(
    parent: QWidget,
    title: str,
    file_name: str,
    write: Callable[[Path, Any, Any, str], None],
    db: Any,
) -> PdfPreviewDialog:
    from unionapp.ui.dialogs.pdf_preview import open_pdf_preview  # QtPdf only when asked

    def make_pdf(path: Path, progress: Any, cancelled: Any) -> None:
        write(path, progress, cancelled, _organization(db))

    return open_pdf_preview(parent, title, make_pdf, file_name=file_name)


def print_reconciliation(parent: QWidget, db: Any, result: Any) -> PdfPreviewDialog:
    """The shown month's three lists (``result``: a core Reconciliation) in the preview."""

    def write(path: Path, progress: Any, cancelled: Any, organization: str) -> None:
        from unionapp.printing.reconciliation import write_reconciliation_pdf

        write_reconciliation_pdf(result, organization, path, progress=progress, cancelled=cancelled)

    month = result.month.strftime("%Y-%m")
    return _preview(
        parent, _("Reconciliation of dues"), _("dues-{month}.pdf").format(month=month), write, db
    )


def print_arrears(
    parent: QWidget, db: Any, rows: Sequence[Any], as_of: dt.date
) -> PdfPreviewDialog:
    """The arrears as of a date (core Arrear rows) in the preview."""

    def write(path: Path, progress: Any, cancelled: Any, organization: str) -> None:
        from unionapp.printing.reconciliation import write_arrears_pdf

        write_arrears_pdf(rows, as_of, organization, path, progress=progress, cancelled=cancelled)

    return _preview(
        parent,
        _("Arrears of membership dues"),
        _("arrears-{date}.pdf").format(date=as_of.isoformat()),
        write,
        db,
    )
