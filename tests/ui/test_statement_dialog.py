"""The statement for the higher body in the window: the same figures as ``unionapp dues
statement`` for the year, a quarter and a month, saved as the same PDF and workbook."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt
from test_dues_page import EARLIER, MONTH, known_month, open_page

from unionapp.cli import main
from unionapp.core import settings
from unionapp.core.formatting import format_money
from unionapp.core.i18n import _
from unionapp.ui.dialogs.statement_dialog import StatementDialog
from unionapp.ui.state import AppState

QUARTER = (MONTH.month - 1) // 3 + 1


def settled(qtbot, dialog: StatementDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: dialog.statement is not None and not dialog.is_busy(), timeout=10000)


def cli_workbook(db_path: Path, out: Path, *period: str) -> list[tuple[object, ...]]:
    assert main(["--db", str(db_path), "--lang", "ky", "dues", "statement", *period,
                 "--out", str(out)]) == 0
    sheet = load_workbook(out).active
    assert sheet is not None
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def workbook(path: Path) -> list[tuple[object, ...]]:
    sheet = load_workbook(path).active
    assert sheet is not None
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def filled(state: AppState, tmp_path: Path) -> None:
    known_month(state, tmp_path)  # MONTH's payroll; a 500-som receipt paid in EARLIER
    settings.set_many(state.db, {"org.name_ky": "Мектеп №5 профсоюз уюму",
                                 "org.chairperson": "Асанова Гүлнара"})


def test_figures_equal_the_command_lines_for_each_period(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState, ui_db_path: Path, tmp_path: Path
) -> None:
    filled(app_state, tmp_path)
    page = open_page(qtbot, app_state)
    qtbot.mouseClick(page.statement_button, Qt.MouseButton.LeftButton)
    dialog = page.statement_dialog
    assert dialog is not None and dialog.isVisible()
    settled(qtbot, dialog)
    assert dialog.chosen() == (MONTH.year, None, None)  # the page's year, whole

    periods = [
        ((MONTH.year, None, None), ["--year", str(MONTH.year)]),
        ((MONTH.year, QUARTER, None), ["--year", str(MONTH.year), "--quarter", str(QUARTER)]),
        ((MONTH.year, None, MONTH.month), ["--month", MONTH.strftime("%Y-%m")]),
    ]
    for (year, quarter, month), args in periods:
        dialog.set_period(year, quarter, month)
        settled(qtbot, dialog)
        assert dialog.chosen() == (year, quarter, month)
        cli = cli_workbook(ui_db_path, tmp_path / "cli.xlsx", *args)
        table = cli[4:]  # the organization, the title, a blank row, the header
        assert len(dialog.rows()) == len(table)
        for shown, written in zip(dialog.rows(), table, strict=True):
            assert shown[1:] == [format_money(int(v * 100)) for v in written[1:]]  # type: ignore[operator]
        assert dialog.rows()[-1][0] == _("Total")

    # the month's figures: 750 som withheld on payroll, nothing in cash that month
    assert dialog.rows()[-1][1:4] == [format_money(75_000), format_money(0), format_money(75_000)]
    dialog.reject()


def test_save_writes_the_pdf_and_the_workbook(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState, ui_db_path: Path, tmp_path: Path
) -> None:
    filled(app_state, tmp_path)
    dialog = StatementDialog(app_state, month=MONTH)
    qtbot.addWidget(dialog)
    dialog.show()
    settled(qtbot, dialog)
    if EARLIER.year == MONTH.year:  # the receipt is in the year's cash column
        assert dialog.statement is not None and dialog.statement.cash == 50_000

    pdf = tmp_path / "ведомость.pdf"
    dialog.save_pdf(pdf)
    assert dialog.is_busy() and not dialog.pdf_button.isEnabled()
    settled(qtbot, dialog)
    assert dialog.status.text() == _("Written to {file}.").format(file=pdf)
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Мектеп №5 профсоюз уюму" in text and "Асанова Гүлнара" in text
    assert dialog.statement is not None
    for figure in (dialog.statement.total, dialog.statement.to_higher, dialog.statement.retained):
        assert format_money(figure).replace("\u00a0", " ") in text.replace("\u00a0", " ")

    xlsx = tmp_path / "ведомость.xlsx"
    dialog.save_xlsx(xlsx)
    settled(qtbot, dialog)
    assert workbook(xlsx) == cli_workbook(ui_db_path, tmp_path / "cli.xlsx",
                                          "--year", str(MONTH.year))
    dialog.reject()


def test_the_table_follows_the_language(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    dialog = StatementDialog(app_state, month=MONTH)
    qtbot.addWidget(dialog)
    settled(qtbot, dialog)
    dialog.set_period(MONTH.year, None, MONTH.month)
    settled(qtbot, dialog)
    ky_month = dialog.rows()[0][0]
    app_state.set_language("ru")
    try:
        dialog.retranslate()
        assert dialog.chosen() == (MONTH.year, None, MONTH.month)  # the choice survives
        assert dialog.rows()[-1][0] == _("Total")
        assert dialog.period.currentText() != "" and dialog.rows()[0][0].endswith(
            str(MONTH.year))
        assert dialog.table.horizontalHeaderItem(4).text() == _(
            "Passed to the higher body ({percent}%)").format(percent="30")
    finally:
        app_state.set_language("ky")
    assert ky_month.endswith(str(MONTH.year))
