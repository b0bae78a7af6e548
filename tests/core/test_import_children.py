"""Importing members' children: the parent by card number, the child by name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from import_helpers import (
    add_member,
    audit_count,
    fingerprint,
    problem_line,
    write_csv,
    write_xlsx,
)
from sqlalchemy import select

from unionapp.core import members
from unionapp.core.errors import ImportFileError
from unionapp.core.importing import preview_import, run_import
from unionapp.core.models import AuditEntry


@pytest.fixture
def parents(db) -> dict[str, int]:
    return {
        "1001": add_member(db, "1001", "Асан уулу", "Бакыт"),
        "1002": add_member(db, "1002", "Сейит кызы", "Жаңыл"),
    }


def children_of(db, member_id: int) -> list[tuple[str, dt.date | None, str | None]]:
    return [(c.full_name, c.birth_date, c.sex) for c in members.get_member(db, member_id).children]


def test_children_added_to_their_parents(db, parents, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "children.xlsx", [
        ["Номер билета", "ФИО ребенка", "Дата рождения", "Пол"],
        ["1001", "Бакытов Арсен", dt.datetime(2015, 6, 1), "М"],
        ["1001", "Бакытова Айдана", "03.04.2018", "ж"],
        [None, None, None, None],
        ["1002", "Сейитова Нурай", "2012-09-09", None],
    ])
    summary = run_import(db, "children", path)
    assert (summary.rows_read, summary.added, summary.skipped) == (4, 3, 1)
    assert children_of(db, parents["1001"]) == [
        ("Бакытов Арсен", dt.date(2015, 6, 1), "M"),
        ("Бакытова Айдана", dt.date(2018, 4, 3), "F"),
    ]
    assert children_of(db, parents["1002"]) == [("Сейитова Нурай", dt.date(2012, 9, 9), None)]
    with db.reading() as s:
        sources = set(s.scalars(select(AuditEntry.source).where(AuditEntry.entity == "child")))
    assert sources == {"children.xlsx"}
    assert members.history(db, parents["1001"])[0].field == "child"


def test_reimport_changes_nothing_and_a_change_is_an_update(db, parents, tmp_path: Path) -> None:
    rows = [["Билеттин номери", "Баланын аты-жөнү", "Туулган күнү"],
            ["1001", "Бакытов Арсен", "01.06.2015"]]
    path = write_csv(tmp_path / "ky.csv", rows)
    run_import(db, "children", path)
    before, audit_before = fingerprint(db), audit_count(db)
    summary = run_import(db, "children", path)
    assert (summary.added, summary.updated, summary.unchanged) == (0, 0, 1)
    assert fingerprint(db) == before and audit_count(db) == audit_before
    rows[1] = ["1001", "БАКЫТОВ  Арсен", "02.06.2015"]  # same child, birth date corrected
    summary = run_import(db, "children", write_csv(tmp_path / "fix.csv", rows))
    assert (summary.added, summary.updated) == (0, 1)
    assert children_of(db, parents["1001"]) == [("БАКЫТОВ Арсен", dt.date(2015, 6, 2), None)]


def test_children_not_in_the_file_are_kept(db, parents, tmp_path: Path) -> None:
    members.add_child(db, parents["1002"], members.ChildInput("Сейитова Нурай"))
    path = write_xlsx(tmp_path / "c.xlsx", [
        ["Card No", "Child's name", "Birth date"], ["1001", "Бакытов Арсен", "01.06.2015"],
    ])
    run_import(db, "children", path)
    assert len(children_of(db, parents["1002"])) == 1


def test_bad_children_rows_all_reported(db, parents, tmp_path: Path) -> None:
    next_year = dt.date.today().year + 1
    path = write_xlsx(tmp_path / "bad.xlsx", [
        ["Номер билета", "ФИО родителя", "ФИО ребенка", "Дата рождения"],
        ["9999", "Кто-то", "Бала", "01.01.2015"],
        ["1001", "Асан уулу Бакыт", None, "01.01.2015"],
        ["1001", "Асан уулу Бакыт", "Арсен", f"01.01.{next_year}"],
        ["1002", "Сейит кызы Жаңыл", "Нурай", "завтра"],
        ["1002", "Сейит кызы Жаңыл", "Айдана", "01.01.2016"],
        ["1002", "Сейит кызы Жаңыл", "айдана", "01.01.2016"],
    ])
    before = fingerprint(db)
    with pytest.raises(ImportFileError) as caught:
        run_import(db, "children", path)
    assert fingerprint(db) == before
    twice = "The same child is listed more than once: rows {rows}."
    assert [str(p) for p in caught.value.problems] == [
        problem_line("bad.xlsx", 2, "Номер билета",
                     "There is no member with card number {card_no}.", card_no="9999"),
        problem_line("bad.xlsx", 3, "ФИО ребенка", "This field is required."),
        problem_line("bad.xlsx", 4, "Дата рождения", "The birth date {date} is in the future.",
                     date=f"01.01.{next_year}"),
        problem_line("bad.xlsx", 5, "Дата рождения",
                     "Text where a date belongs: {value}. Write dates as dd.mm.yyyy.",
                     value="завтра"),
        problem_line("bad.xlsx", 6, "ФИО ребенка", twice, rows="6, 7"),
        problem_line("bad.xlsx", 7, "ФИО ребенка", twice, rows="6, 7"),
    ]


def test_missing_child_name_column(db, parents, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "c.xlsx", [["Номер билета", "ФИО", "Дата рождения"],
                                            ["1001", "Бакытов Арсен", "01.06.2015"]])
    with pytest.raises(ImportFileError) as caught:
        run_import(db, "children", path)
    assert [str(p) for p in caught.value.problems] == [  # named in Kyrgyz, the language now
        problem_line("c.xlsx", 1, "Баланын аты-жөнү",
                     "There is no column «{column}»: it is required.", column="Баланын аты-жөнү")
    ]


def test_children_preview(db, parents, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "c.xlsx", [
        ["Номер билета", "ФИО родителя", "ФИО ребенка", "Дата рождения", "Школа"],
        ["1001", "Асан уулу Бакыт", "Арсен", "01.06.2015", "№ 5"],
        ["7777", "?", "Айдана", "01.06.2016", "№ 5"],
    ])
    preview = preview_import(db, "children", path)
    assert preview.mapped == ["card_no", "parent_name", "full_name", "birth_date", None]
    assert preview.ignored_columns == ["Школа"]
    assert [r.action for r in preview.rows] == ["add", "error"]
    assert preview.problems[0].column_index == 0
