"""The import wizard: a good file imports with a right summary; a bad one shows its problems on
their cells and cannot be imported; Cancel leaves the database as it was."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWizard

from unionapp.core import importing, members
from unionapp.core.i18n import _
from unionapp.core.members import MemberInput
from unionapp.ui.dialogs.import_preview import (
    PROBLEM_COLOR,
    WARNING_COLOR,
    WARNING_ROW_COLOR,
    PreviewModel,
)
from unionapp.ui.dialogs.import_wizard import (
    ERROR_STYLE,
    IMPORT_PAGE,
    PREVIEW_PAGE,
    SUMMARY_PAGE,
    WARNING_STYLE,
    ImportWizard,
)
from unionapp.ui.operations import running_jobs
from unionapp.ui.state import AppState

HEADERS = [
    "Номер билета",
    "Фамилия",
    "Имя",
    "Пол",
    "Дата рождения",
    "Дата вступления",
    "Подразделение",
    "Должность",
]
GOOD_ROWS = [
    ["1001", "Асан уулу", "Бакыт", "М", "01.01.1991", "02.03.2015", "Бухгалтерия", "Бухгалтер"],
    ["1002", "Сейит кызы", "Жаңыл", "Ж", dt.date(1990, 12, 31), "01.09.2012", "Кафедра", "Доцент"],
    ["1003", "Төлөгөнова", "Айгүл", "ж", "29.02.1996", "1.1.2026", "Кафедра", "Ассистент"],
]


def write_xlsx(path: Path, headers: list[str], rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def dump(db_path: Path) -> list[str]:
    conn = sqlite3.connect(db_path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture
def state(qapp, tmp_path: Path) -> Iterator[AppState]:  # type: ignore[no-untyped-def]
    app_state = AppState(tmp_path / "union.sqlite")
    yield app_state
    app_state.close_database()


def open_wizard(qtbot, state: AppState, path: Path, kind: str = "members") -> ImportWizard:  # type: ignore[no-untyped-def]
    wizard = ImportWizard(state, kind)
    qtbot.addWidget(wizard)
    wizard.set_file(path)
    wizard.show()
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    assert wizard.currentId() == PREVIEW_PAGE
    qtbot.waitUntil(lambda: wizard.preview_page.job is None, timeout=15000)
    return wizard


def commit_button(wizard: ImportWizard):  # type: ignore[no-untyped-def]
    return wizard.button(QWizard.WizardButton.CommitButton)


def test_good_file_imports_and_sums_up(qtbot, state: AppState, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_xlsx(tmp_path / "список.xlsx", HEADERS, [*GOOD_ROWS[:2], [None] * 8, GOOD_ROWS[2]])
    changed: list[str] = []
    state.data_changed.connect(changed.append)
    wizard = open_wizard(qtbot, state, path)

    page = wizard.preview_page
    assert page.counts.text() == _(
        "{add} to add, {update} to update, {same} unchanged, {error} with errors"
    ).format(add=3, update=0, same=0, error=0)
    model = page.table.model()
    assert isinstance(model, PreviewModel)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(1, 9)] == HEADERS
    assert model.data(model.index(0, 2)) == "Асан уулу"
    assert model.data(model.index(0, 0)) == _("Add")
    assert model.headerData(2, Qt.Orientation.Vertical) == "5"  # the file's row number
    assert page.problems.count() == 0
    assert commit_button(wizard).isEnabled()

    wizard.next()
    assert wizard.currentId() == IMPORT_PAGE
    qtbot.waitUntil(lambda: wizard.currentId() == SUMMARY_PAGE, timeout=15000)

    text = wizard.summary_page.text.text()
    for line in (
        _("Rows read: {count}").format(count=4),
        _("Added: {count}").format(count=3),
        _("Updated: {count}").format(count=0),
        _("Unchanged: {count}").format(count=0),
        _("Skipped (empty rows): {count}").format(count=1),
    ):
        assert line in text.splitlines()
    assert changed == ["members"]
    assert members.count_members(state.db) == 3
    jangyl = members.get_member(state.db, members.find_by_card(state.db, "1002") or 0)
    assert jangyl.data.surname == "Сейит кызы" and jangyl.data.birth_date == dt.date(1990, 12, 31)
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()


def test_reimport_shows_updates_and_unchanged_rows(qtbot, state: AppState, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    importing.run_import(state.db, "members", write_xlsx(tmp_path / "a.xlsx", HEADERS, GOOD_ROWS))
    changed_rows = [list(r) for r in GOOD_ROWS]
    changed_rows[1][7] = "Профессор"
    wizard = open_wizard(qtbot, state, write_xlsx(tmp_path / "b.xlsx", HEADERS, changed_rows))
    assert wizard.preview_page.counts.text() == _(
        "{add} to add, {update} to update, {same} unchanged, {error} with errors"
    ).format(add=0, update=1, same=2, error=0)
    model = wizard.preview_page.table.model()
    assert [model.data(model.index(r, 0)) for r in range(3)] == [
        _("Unchanged"),
        _("Update"),
        _("Unchanged"),
    ]


def test_bad_file_shows_problems_on_their_cells(qtbot, state: AppState, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = [list(r) for r in GOOD_ROWS]
    rows[0][4] = "31.02.1990"  # no such date: row 2, column «Дата рождения»
    rows[2][5] = "давно"  # text where a date belongs: row 4, column «Дата вступления»
    path = write_xlsx(tmp_path / "плохой.xlsx", HEADERS, rows)
    before = dump(state.db_path)

    wizard = open_wizard(qtbot, state, path)
    page = wizard.preview_page
    preview = page.preview
    assert preview is not None and len(preview.problems) == 2
    model = page.table.model()
    assert isinstance(model, PreviewModel)

    bad_cells = {(0, 1 + HEADERS.index("Дата рождения")), (2, 1 + HEADERS.index("Дата вступления"))}
    for problem in preview.problems:
        index = model.cell_index(problem)
        assert (index.row(), index.column()) in bad_cells
        assert model.data(index, Qt.ItemDataRole.BackgroundRole).color() == PROBLEM_COLOR
        assert model.data(index, Qt.ItemDataRole.ToolTipRole) == problem.message()
    for row in range(model.rowCount()):
        for column in range(1, model.columnCount()):
            highlighted = model.data(model.index(row, column), Qt.ItemDataRole.BackgroundRole)
            assert (highlighted is not None) == ((row, column) in bad_cells), (row, column)
    assert model.data(model.index(0, 0)) == _("Error")
    assert model.data(model.index(1, 0)) == _("Add")

    lines = [page.problems.item(i).text() for i in range(page.problems.count())]
    assert lines == [f"{p.row}:{p.column}: {p.message()}" for p in preview.problems]
    assert lines[0].startswith("2:Дата рождения: ")
    assert lines[1].startswith("4:Дата вступления: ")
    assert page.counts.text() == _(
        "{add} to add, {update} to update, {same} unchanged, {error} with errors"
    ).format(add=1, update=0, same=0, error=2)
    assert not commit_button(wizard).isEnabled()
    page.problems.itemClicked.emit(page.problems.item(1))  # a problem leads to its cell
    assert (page.table.currentIndex().row(), page.table.currentIndex().column()) == (2, 6)

    wizard.reject()
    assert dump(state.db_path) == before


def test_unreadable_file_is_refused_in_place(qtbot, state: AppState, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "список.xlsx"
    path.write_text("this is not a workbook", encoding="utf-8")
    wizard = open_wizard(qtbot, state, path)
    page = wizard.preview_page
    assert page.preview is None
    assert "список.xlsx" in page.status.text()
    assert "b3261e" in page.status.styleSheet()
    assert not commit_button(wizard).isEnabled()


def test_cancel_leaves_the_database_unchanged(qtbot, state: AppState, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = [
        [str(5000 + i), f"Фамилия{i}", "Имя", "М", "01.01.1990", "01.09.2015", "Отдел", "Мастер"]
        for i in range(3000)
    ]
    path = write_xlsx(tmp_path / "big.xlsx", HEADERS, rows)
    before = dump(state.db_path)

    wizard = ImportWizard(state, "members")
    qtbot.addWidget(wizard)
    wizard.set_file(path)
    wizard.show()
    wizard.next()
    # The preview is read off the GUI thread: the window is free meanwhile.
    assert wizard.preview_page.preview is None and wizard.preview_page.job is not None
    qtbot.waitUntil(lambda: wizard.preview_page.job is None, timeout=30000)
    assert commit_button(wizard).isEnabled()

    wizard.next()
    assert wizard.currentId() == IMPORT_PAGE
    wizard.reject()  # Cancel while the import runs
    assert wizard.isVisible()  # it waits for the core to roll back
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=30000)
    qtbot.waitUntil(lambda: running_jobs() == 0)
    assert wizard.result() == QDialog.DialogCode.Rejected
    assert members.count_members(state.db) == 0
    assert dump(state.db_path) == before


def test_children_import(qtbot, state: AppState, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    parent_id = members.create_member(
        state.db,
        MemberInput(
            card_no="1001", surname="Асан уулу", name="Бакыт", join_date=dt.date(2015, 3, 2)
        ),
    )
    path = write_xlsx(
        tmp_path / "балдар.xlsx",
        ["Номер билета", "ФИО ребенка", "Дата рождения"],
        [["1001", "Бакыт уулу Нурлан", "05.05.2015"], ["1001", "Бакыт кызы Айпери", "07.07.2018"]],
    )
    wizard = open_wizard(qtbot, state, path, kind="children")
    assert wizard.windowTitle() == _("Import children")
    assert commit_button(wizard).isEnabled()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == SUMMARY_PAGE, timeout=15000)
    assert _("Added: {count}").format(count=2) in wizard.summary_page.text.text().splitlines()
    children = members.get_member(state.db, parent_id).children
    assert sorted(c.full_name for c in children) == ["Бакыт кызы Айпери", "Бакыт уулу Нурлан"]


SAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "samples"


def test_another_persons_card_is_a_row_to_check(qtbot, state: AppState, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    members.create_member(state.db, MemberInput(
        card_no="1001", surname="Үсөнбаева", name="Нургүл", join_date=dt.date(2010, 9, 1)))
    wizard = open_wizard(qtbot, state, write_xlsx(tmp_path / "a.xlsx", HEADERS, GOOD_ROWS))
    page = wizard.preview_page
    preview = page.preview
    assert preview is not None and preview.problems == []
    [warning] = preview.warnings
    assert warning.message() == _(
        "Card number {card_no} belongs to {old} in the register; the file gives {new}. Check "
        "that this is the same person."
    ).format(card_no="1001", old="Үсөнбаева Нургүл", new="Асан уулу Бакыт")
    assert page.counts.text() == _(
        "{add} to add, {update} to update, {same} unchanged, {error} with errors, "
        "{check} to check"
    ).format(add=2, update=1, same=0, error=0, check=1)

    model = page.table.model()
    assert isinstance(model, PreviewModel)
    surname = 1 + HEADERS.index("Фамилия")
    assert model.data(model.index(0, 0)) == _("Update")
    background = Qt.ItemDataRole.BackgroundRole
    assert model.data(model.index(0, 0), background).color() == WARNING_COLOR
    assert model.data(model.index(0, surname), background).color() == WARNING_COLOR
    assert model.data(model.index(0, surname + 1), background).color() == WARNING_ROW_COLOR
    for column in (0, surname, surname + 1):
        tooltip = model.data(model.index(0, column), Qt.ItemDataRole.ToolTipRole)
        assert tooltip == warning.message()
    assert model.data(model.index(1, surname), background) is None  # other rows stay plain

    assert page.problems.isVisible() and page.problems.count() == 1
    item = page.problems.item(0)
    assert item.text() == _("Warning: {line}").format(
        line=f"2:Фамилия: {warning.message()}"
    )
    assert item.background().color() == WARNING_ROW_COLOR
    assert page.problems_label.styleSheet() == WARNING_STYLE
    assert page.problems_label.text() == _(
        "No errors found. Rows to check: {count} (in yellow). They can be imported, but look "
        "at them first."
    ).format(count=1)
    page.problems.itemClicked.emit(item)  # the warning leads to its cell
    assert (page.table.currentIndex().row(), page.table.currentIndex().column()) == (0, surname)

    assert commit_button(wizard).isEnabled()  # a warning does not stop the import
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == SUMMARY_PAGE, timeout=15000)
    bakyt = members.get_member(state.db, members.find_by_card(state.db, "1001") or 0)
    assert bakyt.data.surname == "Асан уулу"
    summary = wizard.summary_page.text.text().splitlines()  # the warning is repeated at the end
    assert _("Imported, but worth a look ({count}):").format(count=1) in summary
    assert f"2:Фамилия: {warning.message()}" in summary


def test_errors_and_warnings_are_listed_apart(qtbot, state: AppState, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    members.create_member(state.db, MemberInput(
        card_no="1001", surname="Үсөнбаева", name="Нургүл", join_date=dt.date(2010, 9, 1)))
    rows = [list(r) for r in GOOD_ROWS]
    rows[2][4] = "31.02.1990"
    wizard = open_wizard(qtbot, state, write_xlsx(tmp_path / "b.xlsx", HEADERS, rows))
    page = wizard.preview_page
    lines = [page.problems.item(i).text() for i in range(page.problems.count())]
    assert len(lines) == 2
    assert lines[0].startswith("4:Дата рождения: ")  # the error first, as it is
    assert lines[1].startswith(_("Warning: {line}").format(line="2:Фамилия: "))
    assert page.problems_label.styleSheet() == ERROR_STYLE
    assert not commit_button(wizard).isEnabled()
    page.problems.itemClicked.emit(page.problems.item(0))
    assert (page.table.currentIndex().row(), page.table.currentIndex().column()) == (2, 5)


def test_long_problem_messages_wrap(qtbot, state: AppState, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wizard = open_wizard(qtbot, state, SAMPLES / "members-excel-ru.csv")
    page = wizard.preview_page
    assert page.problems.count() == 1
    item = page.problems.item(0)
    assert "CSV UTF-8" in item.text()
    qtbot.waitUntil(lambda: page.problems.visualItemRect(item).height() > 0)
    rect = page.problems.visualItemRect(item)
    line_height = page.problems.fontMetrics().height()
    assert rect.height() >= 2 * line_height  # several lines, not one cut off at the edge
    assert rect.right() <= page.problems.viewport().width()
    page.problems.itemClicked.emit(item)  # still leads to its cell: row 4, «Фамилия»
    index = page.table.currentIndex()
    assert (index.row(), index.column()) == (2, 1 + page.preview.headers.index("Фамилия"))
