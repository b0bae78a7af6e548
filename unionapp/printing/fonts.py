"""DejaVu Sans registered with ReportLab, embedded in every PDF.

ReportLab's built-in Helvetica has no Cyrillic, let alone Kyrgyz ң ө ү; DejaVu has them and
ships in resources/fonts/ (licence beside it) so a printout looks the same on every machine.
"""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from unionapp.paths import resource_path

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}


def register_fonts() -> tuple[str, str]:
    """Register both faces once (ReportLab keeps a global registry); returns their names."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, file in _FILES.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file))))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR,
                                  boldItalic=BOLD)
    return REGULAR, BOLD


SERIF = "DejaVuSerif"
SERIF_BOLD = "DejaVuSerif-Bold"
SERIF_ITALIC = "DejaVuSerif-Italic"
_SERIF_FILES = {SERIF: "DejaVuSerif.ttf", SERIF_BOLD: "DejaVuSerif-Bold.ttf",
                SERIF_ITALIC: "DejaVuSerif-Italic.ttf"}


def register_serif_fonts() -> tuple[str, str, str]:
    """DejaVu Serif (regular, bold, italic) for award certificates, which read as documents
    rather than lists; same licence and Kyrgyz letters as the sans. Returns their names."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, file in _SERIF_FILES.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file))))
    return SERIF, SERIF_BOLD, SERIF_ITALIC
