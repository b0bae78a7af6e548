"""Counts the import wizard shows are numbers of the language («1 000», a no-break space between
the groups in ky and ru), never a raw «1000»; amounts put into a field for editing come from
the core's money helpers (a negative amount keeps its sign and its tyiyn)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QWizard

from unionapp.core import i18n
from unionapp.ui.dialogs.import_wizard import PREVIEW_PAGE, SUMMARY_PAGE, ImportWizard
from unionapp.ui.dialogs.voucher_widgets import money_text
from unionapp.ui.state import AppState

ROWS = 1000
HEADERS = ["Номер билета", "Фамилия", "Имя", "Пол", "Дата рождения", "Дата вступления",
           "Подразделение", "Должность"]
THOUSAND = "1\u00a0000"


@pytest.fixture
def state(qapp, tmp_path: Path) -> Iterator[AppState]:  # type: ignore[no-untyped-def]
    app_state = AppState(tmp_path / "union.sqlite")
    yield app_state
    app_state.close_database()


def _members_file(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADERS)
    for number in range(ROWS):
        sheet.append([str(20000 + number), "Асанов", f"Бакыт{number}", "М", "01.01.1991",
                      "02.03.2015", "Кафедра", "Доцент"])
    book.save(path)
    return path


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_a_thousand_rows_are_counted_with_the_group_separator(  # type: ignore[no-untyped-def]
    qtbot, state: AppState, tmp_path: Path, lang: str
) -> None:
    i18n.set_language(lang)
    wizard = ImportWizard(state, "members")
    qtbot.addWidget(wizard)
    wizard.set_file(_members_file(tmp_path / "members.xlsx"))
    wizard.show()
    wizard.next()
    assert wizard.currentId() == PREVIEW_PAGE
    qtbot.waitUntil(lambda: wizard.preview_page.job is None, timeout=15000)
    counts = wizard.preview_page.counts.text()
    assert THOUSAND in counts and "1000" not in counts

    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentId() == SUMMARY_PAGE, timeout=15000)
    lines = wizard.summary_page.text.text().splitlines()
    assert i18n._("Rows read: {count}").format(count=THOUSAND) in lines
    assert i18n._("Added: {count}").format(count=THOUSAND) in lines
    assert not any("1000" in line for line in lines)


def test_an_amount_is_edited_as_the_language_writes_it() -> None:
    i18n.set_language("ru")
    assert money_text(150050) == "1500,5"  # no group separator: the field reads it back
    assert money_text(-150) == "-1,5"  # -1 som 50 tyiyn, not -2,5
    assert money_text(None) == ""
