"""The offset test page writes millimetres the language's way: «+1,5», not «+1.5»."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from unionapp.core.i18n import set_language
from unionapp.printing.offset_test import write_test_page


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_the_applied_offset_reads_with_a_decimal_comma(tmp_path: Path, lang: str) -> None:
    set_language(lang)
    path = tmp_path / "offset.pdf"
    write_test_page(path, "HP", (1.5, -2.0))
    text = PdfReader(path).pages[0].extract_text()
    assert "+1,5" in text and "-2,0" in text
    assert "+1.5" not in text and "-2.0" not in text
