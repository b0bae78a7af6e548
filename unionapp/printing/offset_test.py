"""A test page for a printer's offset: two lines exactly 20 mm from the sheet's left and top
edges, so a ruler against the paper's edge shows how far this printer shifts what it prints
(only the paper's edge can tell: anything printed shifts with the print).

Printed from the offset editor (Settings): the user measures where the lines landed, types
the difference, prints again, and the lines sit at 20 mm. A4 portrait, drawn true to size.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from unionapp.core.atomic_files import atomic_output
from unionapp.core.formatting import format_decimal
from unionapp.core.i18n import N_, _
from unionapp.printing.fonts import register_fonts

MARK_MM = 20  # where the lines should land, from the left and the top edge
TITLE = N_("Printer offset test page")


def draw_test_page(canvas: Canvas, printer: str, offset_mm: tuple[float, float]) -> None:
    regular, bold = register_fonts()
    width, height = A4
    mark = MARK_MM * mm
    top = height - mark  # the horizontal line, in ReportLab's bottom-up coordinates
    canvas.setStrokeColor(colors.black)
    canvas.setLineWidth(0.3)
    canvas.line(mark, 0, mark, height)  # vertical: MARK_MM from the left edge
    canvas.line(0, top, width, top)  # horizontal: MARK_MM from the top edge
    canvas.circle(mark, top, 3 * mm)
    canvas.setFont(bold, 14)
    canvas.drawString(45 * mm, height - 45 * mm, _(TITLE))
    canvas.setFont(regular, 10)
    shift_x, shift_y = (format_decimal(value, signed=True) for value in offset_mm)
    lines = [
        _("Printer: {name}").format(name=printer or "—"),
        _("Offset applied: x {x} mm, y {y} mm").format(x=shift_x, y=shift_y),
        "",
        _("The vertical line must be {mark} mm from the sheet's left edge,").format(mark=MARK_MM),
        _("the horizontal line {mark} mm from its top edge.").format(mark=MARK_MM),
        _("Measure both. If the vertical line is at 21.5 mm, enter x −1.5;"),
        _("if the horizontal line is at 18 mm, enter y +2. Then print this page again."),

    ]
    y = height - 55 * mm
    room = width - 45 * mm - 20 * mm
    for line in lines:
        for part in simpleSplit(line, regular, 10, room) or [""]:  # a long translation wraps
            canvas.drawString(45 * mm, y, part)
            y -= 14
    canvas.showPage()


def write_test_page(path: Path, printer: str, offset_mm: tuple[float, float]) -> None:
    """The test page as a PDF (built beside ``path``, then renamed: never half a file)."""
    with atomic_output(path) as temp:
        canvas = Canvas(str(temp), pagesize=A4, initialFontName=register_fonts()[0])
        canvas.setTitle(_(TITLE))
        draw_test_page(canvas, printer, offset_mm)
        canvas.save()
