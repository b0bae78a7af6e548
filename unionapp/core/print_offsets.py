"""Per-printer offsets: how far a printer's sheets come out shifted, in mm, to be undone.

Office printers drift by a millimetre or two (the paper tray, the feed); on a membership card
or a pre-printed blank that is the difference between a name on its line and across it. The
PDFs stay true to size; when the window prints, it moves the drawing by the offset saved for
that printer (``ui/dialogs/pdf_preview.py``). Kept in the setting ``print.offsets`` as
``{"printer name": [x, y]}``: x to the right, y down, each within ±10 mm (the setting's
parser checks that, so the command line's ``config set`` is held to the same rules).
"""

from __future__ import annotations

import json

from unionapp.core import settings
from unionapp.core.db import Database
from unionapp.core.errors import ValidationError
from unionapp.core.i18n import N_

KEY = "print.offsets"
LIMIT_MM = settings.PRINT_OFFSET_LIMIT_MM
MM_PER_INCH = 25.4

Offset = tuple[float, float]


def read_offsets(text: str) -> dict[str, Offset]:
    """The offsets in a stored value (already checked by the setting's parser)."""
    found = json.loads(text or "{}")
    return {name: (float(x), float(y)) for name, (x, y) in found.items()}


def printer_offsets(db: Database) -> dict[str, Offset]:
    """Every printer with an offset, by name."""
    return read_offsets(settings.get(db, KEY))


def printer_offset(db: Database, printer: str) -> Offset:
    """The printer's offset in mm, (0, 0) for a printer never adjusted."""
    return printer_offsets(db).get(printer.strip(), (0.0, 0.0))


def set_printer_offset(db: Database, printer: str, x_mm: float, y_mm: float) -> None:
    """Save (0, 0: forget) one printer's offset, the others kept; one transaction, audited."""
    if not printer.strip():
        raise ValidationError(N_("Choose the printer the offset is for."), field="printer")
    offsets = {name: list(offset) for name, offset in printer_offsets(db).items()}
    offsets[printer.strip()] = [x_mm, y_mm]
    settings.set_value(db, KEY, json.dumps(offsets, ensure_ascii=False))


def device_shift(offset_mm: Offset, dpi_x: float, dpi_y: float | None = None) -> Offset:
    """The offset in a device's pixels (a painter on a printer counts in dots)."""
    x, y = offset_mm
    return x / MM_PER_INCH * dpi_x, y / MM_PER_INCH * (dpi_x if dpi_y is None else dpi_y)
