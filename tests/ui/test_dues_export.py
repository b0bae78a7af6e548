"""The Dues page's "Export to Excel…": the shown month's lists in the CLI's workbook."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from test_dues_page import MONTH, known_month, open_page

from unionapp.cli import main
from unionapp.core.i18n import _, get_language
from unionapp.ui.state import AppState


def sheets(path: Path) -> dict[str, list[tuple[object, ...]]]:
    book = openpyxl.load_workbook(path)
    return {s.title: list(s.iter_rows(values_only=True)) for s in book.worksheets}


def test_export_writes_the_shown_month_as_the_cli_does(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState, ui_db_path: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    known_month(app_state, tmp_path)
    page = open_page(qtbot, app_state)
    assert page.export_button.isEnabled()
    chosen = tmp_path / "out" / "month"  # no extension typed: .xlsx is added
    chosen.parent.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName",
        staticmethod(lambda *_a, **_k: (str(chosen), "")),
    )
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    written = chosen.with_suffix(".xlsx")
    qtbot.waitUntil(lambda: page._export_job is None and written.exists(), timeout=10000)
    assert page.totals.text() == _("Written to {file}.").format(file=written)

    got = sheets(written)
    not_members = got[_("Not members")]
    assert not_members[0][2] == _("Full name")
    names = {row[2] for row in not_members[1:]}
    assert {"Незнакомов Иван", "Ёлкина Ольга Ивановна"} <= names
    wrong = got[_("Wrong amount")][1:]
    assert [(r[2], Decimal(str(r[5])), Decimal(str(r[6]))) for r in wrong] == [
        ("Сейит кызы Жаңыл", Decimal(200), Decimal(300))  # withheld, expected
    ]

    app_state.close_database()
    cli = tmp_path / "cli.xlsx"
    assert main(["--db", str(ui_db_path), "--lang", get_language(), "dues", "reconcile",
                 "--month", MONTH.strftime("%Y-%m"), "--out", str(cli)]) == 0
    assert sheets(cli) == got  # one writer for both faces
