"""The one "where to export" question every register page asks: a name typed without its
ending gets the chosen type's; Cancel gives None."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from unionapp.ui.operations import ask_save_path


@pytest.mark.parametrize(
    ("typed", "chosen", "csv", "expected"),
    [
        ("/tmp/aid", "CSV file (*.csv)", True, "/tmp/aid.csv"),
        ("/tmp/aid", "Excel workbook (*.xlsx)", True, "/tmp/aid.xlsx"),
        ("/tmp/aid.CSV", "Excel workbook (*.xlsx)", True, "/tmp/aid.CSV"),
        ("/tmp/budget.csv", "Excel workbook (*.xlsx)", False, "/tmp/budget.xlsx"),
        ("", "", True, None),
    ],
)
def test_the_ending_follows_the_chosen_type(  # type: ignore[no-untyped-def]
    qapp, monkeypatch: pytest.MonkeyPatch, typed: str, chosen: str, csv: bool,
    expected: str | None,
) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_a, **_k: (typed, chosen)))
    got = ask_save_path(None, "title", "aid.xlsx", csv=csv)
    assert got == (Path(expected) if expected else None)
