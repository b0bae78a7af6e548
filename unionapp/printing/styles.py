"""The paragraph styles every printout shares, in the embedded DejaVu faces."""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from unionapp.printing.fonts import register_fonts


class Styles:
    """The paragraph styles of every printout, made once the fonts are registered."""

    def __init__(self) -> None:
        regular, bold = register_fonts()
        self.regular, self.bold = regular, bold
        self.title = ParagraphStyle("title", fontName=bold, fontSize=14, leading=18,
                                    alignment=TA_CENTER, spaceAfter=2)
        self.subtitle = ParagraphStyle("subtitle", fontName=regular, fontSize=11, leading=15,
                                       alignment=TA_CENTER, spaceAfter=2)
        self.heading = ParagraphStyle("heading", fontName=bold, fontSize=11, leading=14,
                                      spaceBefore=8, spaceAfter=4)
        self.subheading = ParagraphStyle("subheading", fontName=bold, fontSize=10, leading=13,
                                         spaceBefore=5, spaceAfter=3)
        self.text = ParagraphStyle("text", fontName=regular, fontSize=10, leading=14)


def styles() -> Styles:
    return Styles()


def escape(text: str) -> str:
    """Text for a ``Paragraph``, which reads a little markup: ``<`` and ``&`` must not."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)
