"""Save dialogs propose a name that is one message, ending included: the statement for a
quarter says «quarter» in the window's language (no English "Q"), and the year-end report's
name carries its ending in the message.

The name is read where the save dialog takes it (QFileDialog.getSaveFileName is answered by
the test, as a user cancelling). Source-string tests check the rule; a translated one skips
until the lead merges /work/notes/tr/*-polish8.out.json.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from unionapp.core import i18n
from unionapp.ui.dialogs.statement_dialog import StatementDialog
from unionapp.ui.pages.reports import ReportsPage
from unionapp.ui.state import AppState


@pytest.fixture
def proposed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names the save dialogs were opened with; each dialog answers «cancelled»."""
    names: list[str] = []

    def ask(_parent: object, _title: str, name: str, _filter: str) -> tuple[str, str]:
        names.append(Path(name).name)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(ask))
    yield names


def _merged(lang: str, msgid: str) -> None:
    if i18n.translate_in(lang, msgid) == msgid:
        pytest.skip(f"{lang} catalog lacks {msgid!r} (merge *-polish8.out.json)")


def _statement(qtbot, state: AppState) -> StatementDialog:  # type: ignore[no-untyped-def]
    dialog = StatementDialog(state)
    qtbot.addWidget(dialog)
    return dialog


def _asked_for_each_period(qtbot, dialog: StatementDialog,  # type: ignore[no-untyped-def]
                           proposed: list[str]) -> list[str]:
    for quarter, month in ((None, None), (3, None), (None, 3)):
        dialog.set_period(2026, quarter, month)
        qtbot.waitUntil(lambda: dialog.statement is not None and not dialog.is_busy(),
                        timeout=10000)
        dialog.ask_xlsx()
        dialog.ask_pdf()
    return proposed


def test_the_statement_names_its_period_without_an_english_q(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState, proposed: list[str]
) -> None:
    with i18n.source_messages():
        names = _asked_for_each_period(qtbot, _statement(qtbot, app_state), proposed)
    assert names == [
        "dues-statement-2026.xlsx", "dues-statement-2026.pdf",
        "dues-statement-2026-quarter-3.xlsx", "dues-statement-2026-quarter-3.pdf",
        "dues-statement-2026-03.xlsx", "dues-statement-2026-03.pdf",
    ]


@pytest.mark.parametrize(("lang", "expected"), [
    ("ru", ["справка-по-взносам-2026.xlsx", "справка-по-взносам-2026.pdf",
            "справка-по-взносам-2026-кв-3.xlsx", "справка-по-взносам-2026-кв-3.pdf",
            "справка-по-взносам-2026-03.xlsx", "справка-по-взносам-2026-03.pdf"]),
    ("ky", ["мүчөлүк-акы-маалымкат-2026.xlsx", "мүчөлүк-акы-маалымкат-2026.pdf",
            "мүчөлүк-акы-маалымкат-2026-3-чейрек.xlsx",
            "мүчөлүк-акы-маалымкат-2026-3-чейрек.pdf",
            "мүчөлүк-акы-маалымкат-2026-03.xlsx", "мүчөлүк-акы-маалымкат-2026-03.pdf"]),
])
def test_the_statement_name_is_in_the_window_language(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState, proposed: list[str], lang: str, expected: list[str]
) -> None:
    _merged(lang, "dues-statement-{year}-quarter-{quarter}.xlsx")
    i18n.set_language(lang)
    names = _asked_for_each_period(qtbot, _statement(qtbot, app_state), proposed)
    assert names == expected
    assert not any("Q" in name or "quarter" in name for name in names)


def test_the_year_end_report_name_carries_its_ending(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState, proposed: list[str]
) -> None:
    page = ReportsPage(app_state)  # not shown: nothing is read, the name needs the year only
    qtbot.addWidget(page)
    page.year.setValue(2025)
    with i18n.source_messages():
        for kind in ("pdf", "xlsx", "json"):
            page.ask_save(kind)
    assert proposed == ["year-end-report-2025.pdf", "year-end-report-2025.xlsx",
                        "year-end-report-2025.json"]

