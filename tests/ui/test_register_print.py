"""«Print list…»: the Members page prints exactly the rows it shows (filters, search, order), its
filter named in the title block; the benefits pages' ``print_register`` previews a year's
register with its totals. Read back from the preview's PDF with pypdf."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from known_register import ACTIVE, PEOPLE
from pypdf import PdfReader
from PySide6.QtWidgets import QMessageBox

from unionapp.core.aid import list_aid
from unionapp.core.codes import exit_reason_label
from unionapp.core.formatting import format_money
from unionapp.core.i18n import _, set_language
from unionapp.core.member_list import COLUMNS
from unionapp.ui.dialogs.pdf_preview import PdfPreviewDialog
from unionapp.ui.dialogs.register_print import print_register
from unionapp.ui.pages.members import MembersPage
from unionapp.ui.state import AppState

PREVIEW_TIMEOUT = 20000


def _text(dialog: PdfPreviewDialog) -> str:
    assert dialog.path is not None
    return "\n".join(page.extract_text() for page in PdfReader(dialog.path).pages)


def _cards(text: str) -> list[str]:
    """The card numbers in print order: pypdf gives each cell a line, so the card is the cell
    after the row's number (1, 2, 3 … in turn)."""
    lines = [line.strip() for line in text.splitlines()]
    cards, number = [], 1
    for cell, following in zip(lines, lines[1:], strict=False):
        if cell == str(number) and following.isdigit():
            cards.append(following)
            number += 1
    return cards


def _name(person: tuple[Any, ...]) -> str:
    return " ".join(p for p in person[1:4] if p)


@pytest.fixture(autouse=True)
def no_messages(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """A message box would block the test: record what would be shown, and fail on it."""
    shown: list[str] = []

    def warning(_parent: object, _title: str, text: str, *_a: object) -> object:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    def exec_box(box: QMessageBox) -> int:
        shown.append(f"{box.text()}\n{box.detailedText()}")
        return 0

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))
    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    yield shown
    assert shown == []


def _wait(qtbot: Any, dialog: PdfPreviewDialog, shown: list[str]) -> None:
    qtbot.waitUntil(lambda: dialog.isVisible() or bool(shown), timeout=PREVIEW_TIMEOUT)
    assert shown == []


@pytest.fixture
def page(qtbot: Any, app_state: AppState) -> MembersPage:
    set_language("ky")
    widget = MembersPage(app_state)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    return widget


def test_the_list_prints_the_active_members_as_shown(
    qtbot: Any, page: MembersPage, no_messages: list[str]
) -> None:
    assert page.print_list_button.text() == _("Print list…")
    dialog = page.print_list()
    _wait(qtbot, dialog, no_messages)
    text = _text(dialog)
    shown = [page.model.index(row, COLUMNS.index("card_no")).data()
             for row in range(page.model.rowCount())]
    assert _cards(text) == shown and len(shown) == len(ACTIVE)
    assert _("Filter: {filter}").format(filter=_("active members")) in text
    assert "Асан уулу Бакыт" in text and "Үсөнов Өмүр Токтогулович" in text  # ң ө ү intact
    assert "Ёлкина" not in text  # left in 2020: not shown, not printed
    dialog.close()


def test_the_filtered_and_sorted_list_prints_only_those_members(
    qtbot: Any, page: MembersPage, no_messages: list[str]
) -> None:
    set_language("ru")
    page.retranslate()
    page.status.setCurrentIndex(page.status.findData("all"))
    page.department.setCurrentIndex(page.department.findData("Бухгалтерия"))
    page.table.sortByColumn(COLUMNS.index("card_no"), page.table.horizontalHeader()
                            .sortIndicatorOrder().DescendingOrder)
    assert page.model.rowCount() == 2
    dialog = page.print_list()
    _wait(qtbot, dialog, no_messages)
    text = _text(dialog)
    assert _cards(text) == ["1005", "1004"]  # the screen's order: card numbers descending
    wanted = {p[0] for p in PEOPLE if p[6] == "Бухгалтерия"}
    for person in PEOPLE:
        assert (_name(person) in text) == (person[0] in wanted), person
    described = _("Filter: {filter}").format(filter="; ".join([
        _("all members, active and left"), _("department: {name}").format(name="Бухгалтерия")]))
    assert described in text
    # a member who left: the leaving column is there, the date and the reason in words
    flat = " ".join(text.split())  # a header may wrap in its cell
    assert _("Left: date, reason") in flat
    assert f"30.06.2020 {exit_reason_label('voluntary')}" in flat
    dialog.close()


def test_a_search_with_no_match_prints_an_empty_list(
    qtbot: Any, page: MembersPage, no_messages: list[str]
) -> None:
    page.search.setText("жок-мындай-адам")
    assert page.model.rowCount() == 0
    dialog = page.print_list()
    _wait(qtbot, dialog, no_messages)
    text = _text(dialog)
    assert _("The list is empty.") in text
    assert "“жок-мындай-адам”" in text
    dialog.close()


def test_print_register_previews_a_years_aid_with_its_total(
    qtbot: Any, demo_db_path: Path, qapp: Any, no_messages: list[str]
) -> None:
    set_language("ky")
    state = AppState(demo_db_path)
    try:
        paid = list_aid(state.db)
        assert paid, "the demo has material aid"
        year = paid[0].paid_on.year
        of_year = [p for p in paid if p.paid_on.year == year]
        dialog = print_register(None, state, "aid", year)
        _wait(qtbot, dialog, no_messages)
        assert dialog.windowTitle() == _("Register of material aid for {year}").format(year=year)
        text = _text(dialog)
        assert _("Payments: {count}").format(count=len(of_year)) in text
        assert format_money(sum(p.amount for p in of_year)).replace("\xa0", " ") in text
        assert dialog.page_label.text().startswith("Бет 1/")
        dialog.close()
        for kind in ("vouchers", "awards"):
            dialog = print_register(None, state, kind, year)
            _wait(qtbot, dialog, no_messages)
            assert str(year) in dialog.windowTitle()
            assert dialog.page_count() >= 1
            dialog.close()
    finally:
        state.close_database()
