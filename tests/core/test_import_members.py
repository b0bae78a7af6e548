"""Importing the members register: real files in, the register and its audit log out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from import_helpers import (
    SAMPLES,
    add_member,
    audit_count,
    fingerprint,
    member_by_card,
    problem_line,
    said,
    write_xlsx,
)
from sqlalchemy import select

from unionapp.core import members
from unionapp.core.errors import UserError
from unionapp.core.importing import KINDS, preview_import, run_import
from unionapp.core.models import AuditEntry

KEPT_BY_HAND = SAMPLES / "members-kept-by-hand.xlsx"


def test_kinds() -> None:
    assert KINDS[:3] == ("members", "children", "payroll")


def test_members_kept_by_hand_sample(db) -> None:
    summary = run_import(db, "members", KEPT_BY_HAND)
    assert (summary.rows_read, summary.added, summary.skipped) == (6, 5, 1)
    assert (summary.updated, summary.unchanged) == (0, 0)
    assert members.count_members(db) == 5
    bakyt = member_by_card(db, "1001")
    assert (bakyt.surname, bakyt.name, bakyt.patronymic) == ("Асан уулу", "Бакыт", None)
    assert bakyt.sex == "M" and bakyt.birth_date == dt.date(1991, 1, 1)
    assert bakyt.join_date == dt.date(2015, 3, 2)
    assert bakyt.department == "Кафедра математики" and bakyt.position == "Преподаватель"
    janyl = member_by_card(db, "1002")
    assert (janyl.surname, janyl.name) == ("Сейит кызы", "Жаңыл")
    assert janyl.sex == "F" and janyl.birth_date == dt.date(1990, 12, 31)  # an Excel date cell
    aigul = member_by_card(db, "1003")
    assert (aigul.surname, aigul.name, aigul.patronymic) == ("Төлөгөнова", "Айгүл", "Ыдырысовна")
    assert aigul.birth_date == dt.date(1996, 2, 29)  # 29 February of a leap year
    assert aigul.join_date == dt.date(2026, 1, 1)  # written 1.1.2026
    assert aigul.note == "новый член"
    kim = member_by_card(db, "1004")
    assert (kim.surname, kim.name, kim.patronymic, kim.sex) == ("Ким", "Сергей", "Сергеевич", "M")
    assert kim.note == "пенсионер с 2026"
    omurbek = member_by_card(db, "1005")
    assert (omurbek.surname, omurbek.name, omurbek.patronymic) == ("Үсөнбеков", "Өмүрбек", None)
    assert omurbek.birth_date == dt.date(1988, 4, 4)  # written 1988-04-04
    assert sorted(members.departments(db)) == sorted(
        ["Кафедра математики", "Кафедра кыргыз тили", "Бухгалтерия", "Хозяйственный отдел",
         "Библиотека"]
    )
    assert summary.departments_added == 5


def test_reimporting_the_same_file_changes_nothing(db) -> None:
    run_import(db, "members", KEPT_BY_HAND)
    before_rows = audit_count(db)
    before = fingerprint(db)
    summary = run_import(db, "members", KEPT_BY_HAND)
    assert (summary.added, summary.updated, summary.unchanged) == (0, 0, 5)
    assert audit_count(db) == before_rows
    assert fingerprint(db) == before


def test_matching_by_card_then_personnel_number(db, tmp_path: Path) -> None:
    by_card = add_member(db, "1001", personnel_no="P1", position="Мугалим")
    by_personnel = add_member(db, "1002", "Сейит кызы", "Жаңыл", personnel_no="P2")
    path = write_xlsx(tmp_path / "update.xlsx", [
        ["Номер билета", "Табельный номер", "Фамилия", "Имя", "Должность", "Дата вступления"],
        ["1001", "P1", "Асанов", "Бакыт", "Директор", "02.03.2015"],
        ["2002", "P2", "Сейит кызы", "Жаңыл", None, "02.03.2015"],  # a new card for P2
        ["3003", "P3", "Ким", "Сергей", "Завхоз", "01.01.2001"],
    ])
    summary = run_import(db, "members", path)
    assert (summary.added, summary.updated, summary.unchanged) == (1, 2, 0)
    assert members.get_member(db, by_card).data.position == "Директор"
    assert members.get_member(db, by_personnel).data.card_no == "2002"
    assert members.count_members(db) == 3
    with db.reading() as s:
        rows = s.execute(
            select(AuditEntry.entity_id, AuditEntry.field, AuditEntry.old, AuditEntry.new)
            .where(AuditEntry.source == "update.xlsx", AuditEntry.action == "update")
        ).all()
    assert (by_card, "position", "Мугалим", "Директор") in rows
    assert (by_personnel, "card_no", "1002", "2002") in rows
    history = members.history(db, by_card)
    assert history[0].source == "update.xlsx" and history[0].new == "Директор"


def test_only_the_files_columns_are_compared_and_written(db, tmp_path: Path) -> None:
    member_id = add_member(db, "1001", phone="+996 555 000 111", pensioner=True)
    path = write_xlsx(tmp_path / "few.xlsx", [
        ["Номер билета", "Фамилия", "Имя", "Дата вступления"],
        ["1001", "Асанов", "Бакыт", "02.03.2015"],
    ])
    assert run_import(db, "members", path).unchanged == 1
    data = members.get_member(db, member_id).data
    assert data.phone == "+996 555 000 111" and data.pensioner is True


def test_departments_created_and_matched_ignoring_case(db, tmp_path: Path) -> None:
    add_member(db, "1001", department="Бухгалтерия")
    path = write_xlsx(tmp_path / "d.xlsx", [
        ["Номер билета", "Фамилия", "Имя", "Подразделение", "Дата вступления"],
        ["1001", "Асанов", "Бакыт", "БУХГАЛТЕРИЯ", "02.03.2015"],
        ["1002", "Ким", "Сергей", "Хозяйственный отдел", "01.01.2001"],
        ["1003", "Ли", "Анна", "хозяйственный  отдел", "01.01.2001"],
    ])
    summary = run_import(db, "members", path)
    assert (summary.added, summary.unchanged, summary.departments_added) == (2, 1, 1)
    assert sorted(members.departments(db)) == ["Бухгалтерия", "Хозяйственный отдел"]
    assert member_by_card(db, "1003").department == "Хозяйственный отдел"


def test_dry_run_counts_and_writes_nothing(db) -> None:
    before = fingerprint(db)
    summary = run_import(db, "members", KEPT_BY_HAND, dry_run=True)
    assert (summary.added, summary.skipped, summary.dry_run) == (5, 1, True)
    assert fingerprint(db) == before
    assert members.count_members(db) == 0


def test_progress_is_reported(db, tmp_path: Path) -> None:
    path = _many_rows(tmp_path / "many.xlsx")
    seen: list[tuple[int, int]] = []
    run_import(db, "members", path, progress=lambda done, total: seen.append((done, total)))
    assert len(seen) >= 3
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)
    assert seen[-1][0] == seen[-1][1]
    assert members.count_members(db) == 1200


def _many_rows(path: Path, count: int = 1200) -> Path:
    rows = [["Номер билета", "Фамилия", "Имя", "Дата вступления"]]
    rows += [[str(5000 + i), "Асанов", "Бакыт", "02.03.2015"] for i in range(count)]
    return write_xlsx(path, rows)


@pytest.mark.parametrize("after_calls", [0, 1, 3, 5])
def test_cancel_at_any_moment_writes_nothing(db, tmp_path: Path, after_calls: int) -> None:
    """Cancelled while reading, while checking, or just before the commit."""
    path = _many_rows(tmp_path / "many.xlsx")
    before = fingerprint(db)
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > after_calls

    with pytest.raises(UserError) as caught:
        run_import(db, "members", path, cancelled=cancelled)
    assert caught.value.msgid == "Import cancelled; nothing was changed."
    assert fingerprint(db) == before
    assert members.count_members(db) == 0


def test_a_cancel_never_asked_for_is_not_one(db, tmp_path: Path) -> None:
    path = _many_rows(tmp_path / "many.xlsx")
    assert run_import(db, "members", path, cancelled=lambda: False).added == 1200


def test_preview_shows_columns_rows_and_actions_and_writes_nothing(db) -> None:
    add_member(db, "1001", "Асан уулу", "Бакыт", birth_date=dt.date(1991, 1, 1))
    before = fingerprint(db)
    preview = preview_import(db, "members", KEPT_BY_HAND)
    assert fingerprint(db) == before
    assert preview.file_name == "members-kept-by-hand.xlsx"
    assert preview.headers[:3] == ["№", "ФИО", "Пол"]
    assert preview.mapped[:3] == [None, "full_name", "sex"]
    assert preview.mapped[-1] == "note"
    assert preview.ignored_columns == ["№"]
    assert [r.row_no for r in preview.rows] == [3, 4, 5, 7, 8]
    assert preview.rows[0].cells[1:4] == ["Асан уулу Бакыт", "м", "01.01.1991"]
    assert preview.rows[1].cells[3] == "31.12.1990"
    assert [r.action for r in preview.rows] == ["update", "add", "add", "add", "add"]
    assert preview.counts == {"add": 4, "update": 1, "same": 0, "error": 0}
    assert preview.problems == []


def test_preview_marks_problem_cells(db, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "bad.xlsx", [
        ["Номер билета", "Фамилия", "Имя", "Дата вступления", "Пол"],
        ["1001", "Асанов", "Бакыт", "вчера", "М"],
        ["1002", "Ким", "Сергей", "01.01.2001", "М"],
    ])
    preview = preview_import(db, "members", path)
    assert [r.action for r in preview.rows] == ["error", "add"]
    assert preview.counts["error"] == 1
    [problem] = preview.problems
    assert (problem.row, problem.column, problem.column_index) == (2, "Дата вступления", 3)


ANOTHER_BY_CARD = (
    "Card number {card_no} belongs to {old} in the register; the file gives {new}. Check that "
    "this is the same person."
)
ANOTHER_BY_PERSONNEL = (
    "Personnel number {personnel_no} belongs to {old} in the register; the file gives {new}. "
    "Check that this is the same person."
)


@pytest.fixture
def other_people_on_the_cards(db) -> dict[str, int]:
    """Cards 1001, 1002, 1004 of the sample file, held in the register by someone else (1001),
    by the same person with a new name (1002: married), and by the same person (1004)."""
    return {
        "1001": add_member(db, "1001", "Үсөнбаева", "Нургүл", patronymic="Асановна"),
        "1002": add_member(db, "1002", "Сейит кызы", "Айгүл"),
        "1004": add_member(db, "1004", "Ким", "Сергей", join_date=dt.date(2001, 1, 1)),
    }


def test_a_card_number_of_another_person_is_a_warning(db, other_people_on_the_cards) -> None:
    card_warning = problem_line(
        "members-kept-by-hand.xlsx", 3, "ФИО", ANOTHER_BY_CARD,
        card_no="1001", old="Үсөнбаева Нургүл Асановна", new="Асан уулу Бакыт",
    )
    preview = preview_import(db, "members", KEPT_BY_HAND)
    assert preview.problems == []
    assert [str(w) for w in preview.warnings] == [card_warning]
    assert preview.warnings[0].column_index == 1  # the «ФИО» cell, for the wizard to show
    assert [r.action for r in preview.rows] == ["update", "update", "add", "update", "add"]
    summary = run_import(db, "members", KEPT_BY_HAND)  # a warning does not stop the import
    assert [str(w) for w in summary.warnings] == [card_warning]
    assert (summary.added, summary.updated) == (2, 3)
    assert member_by_card(db, "1001").surname == "Асан уулу"
    again = run_import(db, "members", KEPT_BY_HAND)
    assert (again.warnings, again.unchanged) == ([], 5)


def test_a_personnel_number_of_another_person_is_a_warning(db, tmp_path: Path) -> None:
    add_member(db, "1001", "Ли", "Анна", personnel_no="P-7")
    path = write_xlsx(tmp_path / "p.xlsx", [
        ["Табельный номер", "Номер билета", "Фамилия", "Имя", "Дата вступления"],
        ["P-7", "2001", "Осмонов", "Эмир", "02.03.2015"],
        ["P-8", "1001", "Ли", "Анна", "02.03.2015"],  # same person: no warning
    ])
    [warning] = preview_import(db, "members", path).warnings
    assert str(warning) == problem_line(
        "p.xlsx", 2, "Фамилия", ANOTHER_BY_PERSONNEL,
        personnel_no="P-7", old="Ли Анна", new="Осмонов Эмир",
    )


@pytest.mark.parametrize("dry_run", [False, True])
def test_cli_prints_warnings_and_imports(
    db, db_path: Path, other_people_on_the_cards, capsys, dry_run: bool
) -> None:
    from unionapp.cli import main

    before = fingerprint(db)
    flags = ["--dry-run"] if dry_run else []
    assert main(["--db", str(db_path), "import", "members", str(KEPT_BY_HAND), *flags]) == 0
    lines = capsys.readouterr().out.splitlines()
    warning = said(
        "{place}: warning: {message}",
        place="members-kept-by-hand.xlsx:3:ФИО",
        message=said(ANOTHER_BY_CARD, card_no="1001", old="Үсөнбаева Нургүл Асановна",
                     new="Асан уулу Бакыт"),
    )
    assert lines[:2] == [warning, said("File: {file}", file="members-kept-by-hand.xlsx")]
    assert said("Updated: {count}", count=3) in lines
    assert (fingerprint(db) == before) == dry_run


def test_an_import_that_changes_a_member_raises_the_version(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A card opened before the import then refuses to save over the imported data."""
    from openpyxl import load_workbook

    run_import(db, "members", KEPT_BY_HAND)
    ids = {members.get_member(db, i).data.card_no: i for i in _member_ids(db)}
    before = {card: members.get_member(db, i).version for card, i in ids.items()}
    book = load_workbook(KEPT_BY_HAND)
    sheet = book.worksheets[0]
    header = next(r for r in sheet.iter_rows() if any(c.value == "Должность" for c in r))
    column = next(c.column for c in header if c.value == "Должность")
    changed = sheet.cell(row=header[0].row + 1, column=column)
    changed.value = f"{changed.value or ''} (жаңы)"
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    assert run_import(db, "members", edited).updated == 1
    after = {card: members.get_member(db, i).version for card, i in ids.items()}
    assert sum(after[c] - before[c] for c in ids) == 1


def _member_ids(db) -> list[int]:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from unionapp.core.models import Member

    with db.reading() as s:
        return list(s.scalars(select(Member.id)))
