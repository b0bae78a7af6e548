"""Import and export on PostgreSQL: real xlsx files made with openpyxl, all-or-nothing, and the
same rows and the same exported files as on SQLite."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from import_helpers import SAMPLES, audit_count, member_by_card, write_xlsx
from openpyxl import load_workbook
from pg_helpers import content_rows, fill_register, table_rows

from unionapp.core import members
from unionapp.core.errors import ImportFileError
from unionapp.core.exporting import export_register
from unionapp.core.importing import run_import
from unionapp.core.models import AuditEntry
from unionapp.core.store import open_database
from unionapp.core.stored_text import TOO_LONG

KEPT_BY_HAND = SAMPLES / "members-kept-by-hand.xlsx"
HEAD = ["Номер билета", "Табельный номер", "Фамилия", "Имя", "Дата рождения", "Подразделение",
        "Должность", "Дата вступления", "Пенсионер"]


def test_sample_imports_and_importing_it_again_changes_nothing(pg_db) -> None:
    summary = run_import(pg_db, "members", KEPT_BY_HAND)
    assert (summary.rows_read, summary.added, summary.skipped, summary.departments_added) == (
        6, 5, 1, 5)
    janyl = member_by_card(pg_db, "1002")
    assert (janyl.surname, janyl.name, janyl.birth_date) == (
        "Сейит кызы", "Жаңыл", dt.date(1990, 12, 31))
    before = table_rows(pg_db)

    again = run_import(pg_db, "members", KEPT_BY_HAND)

    assert (again.added, again.updated, again.unchanged) == (0, 0, 5)
    assert table_rows(pg_db) == before


def test_changes_and_new_members_from_a_file(pg_db, tmp_path: Path) -> None:
    run_import(pg_db, "members", KEPT_BY_HAND)
    bakyt_id = members.find_by_card(pg_db, "1001")
    path = write_xlsx(tmp_path / "changes.xlsx", [
        HEAD,
        ["1001", "T-7", "Асан уулу", "Бакыт", dt.datetime(1991, 1, 1), "Деканат",
         "Декан", "02.03.2015", "да"],
        ["2001", None, "Жаңыбаева", "Нуриза", "05.05.1999", "Кафедра математики",
         "Ассистент", dt.datetime(2024, 9, 1), "нет"],
    ])

    summary = run_import(pg_db, "members", path)

    assert (summary.added, summary.updated, summary.departments_added) == (1, 1, 1)
    bakyt = member_by_card(pg_db, "1001")
    assert (bakyt.personnel_no, bakyt.department, bakyt.position, bakyt.pensioner) == (
        "T-7", "Деканат", "Декан", True)
    assert members.find_by_card(pg_db, "1001") == bakyt_id
    assert member_by_card(pg_db, "2001").join_date == dt.date(2024, 9, 1)
    with pg_db.reading() as s:
        sources = {e.source for e in s.query(AuditEntry).filter_by(entity_id=bakyt_id)}
    assert "changes.xlsx" in sources


def _refused_file(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "bad.xlsx", [
        HEAD,
        ["3001", None, "Ы" * 101, "Айбек", "01.01.1990", None, None, "01.09.2020", "нет"],
        ["3002", None, "Осмонов", "Бек", "вчера", None, None, "01.09.2020", "нет"],
        ["3002", None, "Осмонова", "Айым", "01.01.1991", None, None, "01.09.2020", "нет"],
        ["3003", None, "Ок", "Бирок", "01.01.1992", "Жаңы бөлүм", None, "01.09.2020", "нет"],
    ])


def test_a_refused_file_leaves_every_row_as_it_was(pg_db, tmp_path: Path) -> None:
    run_import(pg_db, "members", KEPT_BY_HAND)
    before = table_rows(pg_db)

    with pytest.raises(ImportFileError) as info:
        run_import(pg_db, "members", _refused_file(tmp_path))

    assert {p.row for p in info.value.problems} == {2, 3, 4}
    assert table_rows(pg_db) == before  # no member, no department, no audit row


def test_a_refused_file_gives_the_same_problems_on_every_store(any_db, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError) as info:
        run_import(any_db, "members", _refused_file(tmp_path))
    too_long = [p for p in info.value.problems if p.msgid == TOO_LONG]
    assert [(p.row, p.column, p.params) for p in too_long] == [
        (2, "Фамилия", {"length": 101, "limit": 100})]
    assert members.count_members(any_db) == 0


def test_an_over_long_child_name_is_refused_on_every_store(any_db, tmp_path: Path) -> None:
    run_import(any_db, "members", KEPT_BY_HAND)
    before = table_rows(any_db)
    path = write_xlsx(tmp_path / "children.xlsx", [
        ["Номер билета", "ФИО ребенка", "Дата рождения"],
        ["1001", "Бакытов Арсен", "01.06.2015"],
        ["1001", "Ы" * 301, "01.06.2016"],
    ])
    with pytest.raises(ImportFileError) as info:
        run_import(any_db, "children", path)
    assert [(p.row, p.msgid, p.params) for p in info.value.problems] == [
        (3, TOO_LONG, {"length": 301, "limit": 300})]
    assert table_rows(any_db) == before


def test_children_import_and_again(pg_db, tmp_path: Path) -> None:
    run_import(pg_db, "members", KEPT_BY_HAND)
    path = write_xlsx(tmp_path / "children.xlsx", [
        ["Номер билета", "ФИО ребенка", "Дата рождения", "Пол"],
        ["1001", "Бакытов Арсен", dt.datetime(2015, 6, 1), "М"],
        ["1001", "Бакытова Айлин", "02.02.2018", "Ж"],
        ["1002", "Нурай", None, None],
    ])
    assert run_import(pg_db, "children", path).added == 3
    parent = members.find_by_card(pg_db, "1001") or 0
    children = members.get_member(pg_db, parent).children
    assert [(c.full_name, c.birth_date) for c in children] == [
        ("Бакытов Арсен", dt.date(2015, 6, 1)), ("Бакытова Айлин", dt.date(2018, 2, 2))]
    with pg_db.reading() as s:  # each child's audit row names its own id
        created = {e.entity_id: e.new for e in s.query(AuditEntry).filter_by(entity="child")}
    assert {created[c.id] for c in children} == {"Бакытов Арсен", "Бакытова Айлин"}

    before = audit_count(pg_db)
    assert run_import(pg_db, "children", path).unchanged == 3
    assert audit_count(pg_db) == before


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_export_imports_back_unchanged_and_into_a_fresh_database(
    pg_db, new_pg_url, tmp_path: Path, suffix: str, lang: str
) -> None:
    fill_register(pg_db)
    files = {kind: tmp_path / f"{kind}{suffix}" for kind in ("members", "children")}
    for kind, path in files.items():
        assert export_register(pg_db, kind, path, lang) > 0
    before = table_rows(pg_db)
    for kind, path in files.items():
        summary = run_import(pg_db, kind, path)
        assert (summary.added, summary.updated) == (0, 0), kind
        assert summary.unchanged == summary.rows_read
    assert table_rows(pg_db) == before

    fresh = open_database(new_pg_url())
    try:
        for kind, path in files.items():
            assert run_import(fresh, kind, path).added > 0
        for kind, path in files.items():
            again = tmp_path / f"again-{kind}{suffix}"
            export_register(fresh, kind, again, lang)
            assert _cells(again) == _cells(path), kind
    finally:
        fresh.close()


def _cells(path: Path) -> list[list[object]]:
    if path.suffix == ".csv":
        return [[path.read_bytes()]]  # byte for byte
    sheet = load_workbook(path).worksheets[0]
    return [[c.value for c in row] for row in sheet.iter_rows()]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_sqlite_and_postgresql_hold_and_export_the_same(db, pg_db, tmp_path: Path,
                                                        suffix: str) -> None:
    fill_register(db)
    fill_register(pg_db)
    assert content_rows(db) == content_rows(pg_db)
    for kind in ("members", "children"):
        for lang in ("ky", "ru"):
            on_file, on_server = tmp_path / f"f-{kind}{suffix}", tmp_path / f"s-{kind}{suffix}"
            export_register(db, kind, on_file, lang)
            export_register(pg_db, kind, on_server, lang)
            assert _cells(on_file) == _cells(on_server), (kind, lang)
