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


def test_same_named_children_born_apart_are_two_children(db, parents, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "c.xlsx", [
        ["Номер билета", "ФИО ребенка", "Дата рождения", "Пол"],
        ["1002", "Акматова Мээрим", "23.02.2013", "Ж"],
        ["1002", "акматова  мээрим", "07.02.2016", "Ж"],
    ])
    preview = preview_import(db, "children", path)
    assert (preview.problems, [r.action for r in preview.rows]) == ([], ["add", "add"])
    summary = run_import(db, "children", path)
    assert (summary.added, summary.updated) == (2, 0)
    assert children_of(db, parents["1002"]) == [
        ("Акматова Мээрим", dt.date(2013, 2, 23), "F"),
        ("акматова мээрим", dt.date(2016, 2, 7), "F"),
    ]
    before = fingerprint(db)
    summary = run_import(db, "children", path)  # each row finds its own child again
    assert (summary.added, summary.updated, summary.unchanged) == (0, 0, 2)
    assert fingerprint(db) == before


def test_a_register_with_same_named_children_round_trips(db, parents, tmp_path: Path) -> None:
    from unionapp.core.exporting import export_register
    from unionapp.core.store import open_database

    for born in (dt.date(2013, 2, 23), dt.date(2016, 2, 7)):
        members.add_child(db, parents["1002"], members.ChildInput("Акматова Мээрим", born, "F"))
    members.add_child(db, parents["1001"], members.ChildInput("Бакытов Арсен", None, "M"))
    for suffix in (".xlsx", ".csv"):
        kids, people = tmp_path / f"children{suffix}", tmp_path / f"members{suffix}"
        export_register(db, "children", kids, "ru")
        export_register(db, "members", people, "ru")
        before = fingerprint(db)
        summary = run_import(db, "children", kids)
        assert (summary.added, summary.updated, summary.unchanged) == (0, 0, 3)
        assert fingerprint(db) == before
        fresh = open_database(tmp_path / f"fresh{suffix}.sqlite")
        try:
            run_import(fresh, "members", people)
            assert run_import(fresh, "children", kids).added == 3
            for card, member_id in parents.items():
                fresh_id = members.find_by_card(fresh, card)
                assert fresh_id is not None
                assert children_of(fresh, fresh_id) == children_of(db, member_id)
        finally:
            fresh.close()


def test_one_child_twice_with_one_birth_date_is_refused(db, parents, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "c.xlsx", [
        ["Номер билета", "ФИО ребенка", "Дата рождения"],
        ["1002", "Акматова Мээрим", "23.02.2013"],
        ["1002", "Акматова Мээрим", "07.02.2016"],
        ["1002", "АКМАТОВА мээрим", "23.02.2013"],
    ])
    with pytest.raises(ImportFileError) as caught:
        run_import(db, "children", path)
    twice = "The same child is listed more than once: rows {rows}."
    assert [str(p) for p in caught.value.problems] == [
        problem_line("c.xlsx", 2, "ФИО ребенка", twice, rows="2, 4"),
        problem_line("c.xlsx", 4, "ФИО ребенка", twice, rows="2, 4"),
    ]


def test_without_a_birth_date_column_children_are_matched_by_name(
    db, parents, tmp_path: Path
) -> None:
    members.add_child(db, parents["1001"], members.ChildInput("Бакытов Арсен", dt.date(2015, 6, 1)))
    path = write_xlsx(tmp_path / "c.xlsx", [
        ["Номер билета", "ФИО ребенка", "Пол"], ["1001", "Бакытов Арсен", "М"],
    ])
    summary = run_import(db, "children", path)
    assert (summary.added, summary.updated) == (0, 1)
    assert children_of(db, parents["1001"]) == [("Бакытов Арсен", dt.date(2015, 6, 1), "M")]
