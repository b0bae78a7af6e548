"""The embedded font has the Kyrgyz letters, so ң ө ү never print as empty boxes."""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics

from unionapp.printing.fonts import BOLD, REGULAR, register_fonts


def test_both_faces_have_kyrgyz_glyphs() -> None:
    register_fonts()
    for name in (REGULAR, BOLD):
        font = pdfmetrics.getFont(name)
        widths = font.face.charWidths
        for letter in "ңөүҢӨҮ":
            assert ord(letter) in widths, (name, letter)
        assert ord("\u0a80") not in widths  # a Gujarati sign: the check can fail
