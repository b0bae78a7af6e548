"""The Reports page: choose a year, read its figures beside the previous year's (the core's
rows, counted off the GUI thread), preview the PDF, save it as PDF, Excel or JSON (the same
files as ``unionapp report year-end``), follow the language and the data."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "core"))
from yearend_helpers import build_year  # noqa: E402

from unionapp.core import settings  # noqa: E402
from unionapp.core.formatting import format_money  # noqa: E402
from unionapp.core.i18n import _, translate_in  # noqa: E402
from unionapp.core.store import open_database  # noqa: E402
from unionapp.core.yearend import as_json_dict, year_end  # noqa: E402
from unionapp.ui.operations import running_jobs  # noqa: E402
from unionapp.ui.pages import page_entry  # noqa: E402
from unionapp.ui.pages.reports import ReportsPage  # noqa: E402
from unionapp.ui.state import AppState  # noqa: E402


@pytest.fixture
def year_state(tmp_path: Path, qapp: object) -> Iterator[AppState]:
    path = tmp_path / "data" / "union.sqlite"
    path.parent.mkdir()
    db = open_database(path)
    build_year(db)
    settings.set_many(db, {"org.employees": "16", "org.name_ky": "Мектеп №5 профсоюз уюму",
                           "org.name_ru": "Профсоюзная организация школы №5"})
    db.close()
    state = AppState(path)
    yield state
    state.close_database()


def open_page(qtbot, state: AppState, year: int = 2025) -> ReportsPage:  # type: ignore[no-untyped-def]
    page = ReportsPage(state)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    page.set_year(year)
    settle(qtbot, page, year)
    return page


def settle(qtbot, page: ReportsPage, year: int) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: page.report is not None and page.report.year == year
                    and not page.is_busy(), timeout=15000)


def row(page: ReportsPage, label: str) -> list[str]:
    return next(r for r in page.rows() if r[0] == label)


def test_the_years_figures_beside_the_previous_years(qtbot, year_state: AppState) -> None:  # type: ignore[no-untyped-def]
    assert page_entry("reports") is not None  # in the sidebar
    page = open_page(qtbot, year_state)

    assert row(page, _("Admitted"))[1:] == ["1", "3", "+2"]
    assert row(page, _("Left"))[1:] == ["1", "4", "+3"]
    assert row(page, _("Dues received"))[1:] == [
        format_money(57000), format_money(28724), "−" + format_money(28276)]
    assert page.table.headerItem().text(1) == "2024" and page.table.headerItem().text(2) == "2025"
    assert page.table.topLevelItemCount() == len(page.rows())
    assert page.notes.isHidden()
    assert page.year.maximum() == dt.date.today().year  # a year to come cannot be chosen
    assert all(button.isEnabled() for button in page.save_buttons.values())


def test_an_empty_year_shows_zeros_and_says_so(qtbot, year_state: AppState) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, year_state, 1999)

    assert not page.notes.isHidden()
    assert "1999" in page.notes.text()
    assert row(page, _("Members at the end of the year"))[1:] == ["0", "0", "0"]
    assert row(page, _("Dues received"))[2] == format_money(0)


def test_saves_the_same_files_as_the_command_line(  # type: ignore[no-untyped-def]
    qtbot, year_state: AppState, tmp_path: Path
) -> None:
    page = open_page(qtbot, year_state)
    for kind in ("json", "xlsx", "pdf"):
        path = tmp_path / f"report.{kind}"
        page.save(kind, path)
        assert page.is_busy()
        qtbot.waitUntil(lambda: not page.is_busy(), timeout=20000)
        assert path.exists()
        assert str(path) in page.status.text()

    data = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    expected = as_json_dict(year_end(year_state.db, 2025), year_end(year_state.db, 2024))
    assert data == json.loads(json.dumps(expected))
    assert len(load_workbook(tmp_path / "report.xlsx").sheetnames) == 6
    text = " ".join(p.extract_text() for p in PdfReader(tmp_path / "report.pdf").pages)
    assert "Мектеп №5 профсоюз уюму" in text


def test_preview_shows_the_pdf(qtbot, year_state: AppState, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, year_state)
    dialog = page.open_preview()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.page_count() > 0, timeout=20000)
    copy = tmp_path / "preview.pdf"
    dialog.save_to(copy)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(copy).pages).split())
    assert _("Year-end report for {year}").format(year=2025) in text
    assert dialog.file_name.endswith("2025.pdf")
    dialog.close()


def test_follows_the_language_and_the_data(qtbot, year_state: AppState) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, year_state)
    year_state.set_language("ru")
    page.retranslate()
    assert row(page, translate_in("ru", "Left"))[1:] == ["1", "4", "+3"]
    assert page.save_buttons["pdf"].text() == translate_in("ru", "Save as PDF…")

    settings.set_value(year_state.db, "org.employees", "0")
    year_state.notify_changed("settings")  # shown: counted again at once
    qtbot.waitUntil(lambda: page.report is not None and page.report.current.employees is None,
                    timeout=15000)
    assert not page.notes.isHidden()

    page.hide()
    year_state.notify_changed("members")  # hidden: counted when shown again
    assert page._stale and page.report is not None
    page.show()
    settle(qtbot, page, 2025)
    assert not page._stale
    qtbot.waitUntil(lambda: running_jobs() == 0, timeout=15000)
