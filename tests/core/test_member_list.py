"""The members table's data: one query, then filtering by words, status, department, pensioners,
youth, and sorting - the behaviour the members page shows."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from unionapp.core import members, settings
from unionapp.core.member_list import MemberList, age_on, collation_key
from unionapp.core.members import MemberInput

TODAY = dt.date(2024, 6, 15)


def row(member_id: int, card: str, surname: str, name: str, patronymic: str | None = None, *,
        personnel: str | None = None, sex: str | None = "M", birth: dt.date | None = None,
        department: str | None = None, position: str | None = None,
        join: dt.date = dt.date(2010, 1, 1), exit_date: dt.date | None = None,
        reason: str | None = None, pensioner: bool = False) -> tuple[object, ...]:
    """A row with the columns of member_list.SELECTED (dates as SQLite gives them)."""
    def iso(day: dt.date | None) -> str | None:
        return day.isoformat() if day else None

    return (member_id, card, personnel, surname, name, patronymic, sex, iso(birth), department,
            position, iso(join), iso(exit_date), reason, int(pensioner))


ROWS = [
    row(1, "1001", "Асан уулу", "Бакыт", personnel="T-1", department="Физика кафедрасы",
        birth=dt.date(1980, 5, 17)),
    row(2, "1002", "Сейит кызы", "Жаңыл", sex="F", department="Башталгыч класстар",
        birth=dt.date(1989, 6, 15)),  # 35 today
    row(3, "1003", "Асанова", "Гүлнара", "Бакытовна", sex="F", department="Физика кафедрасы",
        birth=dt.date(1989, 6, 16)),  # 34 today, 35 tomorrow
    row(4, "1004", "Ёлкина", "Ольга", sex="F", department="Бухгалтерия",
        exit_date=dt.date(2020, 6, 30), reason="voluntary", birth=dt.date(1975, 7, 7)),
    row(5, "1005", "Елкин", "Сергей", department="Бухгалтерия", pensioner=True,
        birth=dt.date(1950, 1, 1)),
    row(6, "10", "Үсөнов", "Өмүр", department="Математика", exit_date=TODAY,
        reason="retirement", pensioner=True),  # leaves today: no longer a member
    row(7, "2", "Ногойбаев", "Нурлан", department="Математика",
        exit_date=TODAY + dt.timedelta(days=1), reason="transfer",
        birth=dt.date(1988, 6, 15)),  # leaves tomorrow: still a member; 36 today
    row(8, "1008", "Омуров", "Азамат", department=None, birth=None),
]


@pytest.fixture
def register() -> MemberList:
    return MemberList.from_rows(ROWS)


def names(ml: MemberList, rows: list[int]) -> list[str]:
    return [ml.full_name[i] for i in rows]


def ids(ml: MemberList, rows: list[int]) -> set[int]:
    return {ml.ids[i] for i in rows}


def test_every_word_must_match(register: MemberList) -> None:
    found = register.filter("асан", "all", today=TODAY)
    assert ids(register, found) == {1, 3}  # «Асан уулу», «Асанова … Бакытовна»
    assert ids(register, register.filter("асан физ", "all", today=TODAY)) == {1, 3}
    assert ids(register, register.filter("асан бакыт", "all", today=TODAY)) == {1, 3}
    assert ids(register, register.filter("бакыт уулу", "all", today=TODAY)) == {1}
    assert register.filter("асан жаңыл", "all", today=TODAY) == []


def test_case_and_yo_do_not_matter(register: MemberList) -> None:
    assert ids(register, register.filter("ЕЛКИН", "all", today=TODAY)) == {4, 5}
    assert ids(register, register.filter("ёлкин", "all", today=TODAY)) == {4, 5}
    assert ids(register, register.filter("ҮСӨН", "all", today=TODAY)) == {6}
    # Kyrgyz letters are letters of their own: ү is not у
    assert register.filter("усон", "all", today=TODAY) == []


def test_card_personnel_number_and_department_are_searched(register: MemberList) -> None:
    assert ids(register, register.filter("1002", "all", today=TODAY)) == {2}
    assert ids(register, register.filter("t-1", "all", today=TODAY)) == {1}
    assert ids(register, register.filter("бухгалтерия", "all", today=TODAY)) == {4, 5}


def test_status_uses_the_exit_date_as_the_first_day_out(register: MemberList) -> None:
    assert ids(register, register.filter("", "active", today=TODAY)) == {1, 2, 3, 5, 7, 8}
    assert ids(register, register.filter("", "left", today=TODAY)) == {4, 6}
    assert len(register.filter("", "all", today=TODAY)) == len(ROWS)
    with pytest.raises(ValueError):
        register.filter("", "gone", today=TODAY)


def test_department_and_pensioners(register: MemberList) -> None:
    assert ids(register, register.filter("", "all", "Бухгалтерия", today=TODAY)) == {4, 5}
    assert ids(register, register.filter("", "active", "Бухгалтерия", today=TODAY)) == {5}
    assert ids(register, register.filter("", "all", pensioners=True, today=TODAY)) == {5, 6}
    assert ids(register, register.filter("", "active", pensioners=True, today=TODAY)) == {5}
    assert register.departments() == ["Башталгыч класстар", "Бухгалтерия", "Математика",
                                      "Физика кафедрасы"]


def test_youth_is_age_up_to_the_limit_today(register: MemberList) -> None:
    # 1002 is 35 today, 1003 turns 35 tomorrow (34), 1007 is 36 today; 1008 has no birth date
    assert ids(register, register.filter("", "all", youth=True, today=TODAY)) == {2, 3}
    assert age_on(dt.date(1989, 6, 15), TODAY) == 35
    assert age_on(dt.date(1989, 6, 16), TODAY) == 34
    older = MemberList.from_rows(ROWS, youth_max_age=30)
    assert older.filter("", "all", youth=True, today=TODAY) == []


def test_sorting_by_columns(register: MemberList) -> None:
    everyone = dict(status="all", today=TODAY)
    assert [register.card_no[i] for i in register.filter(**everyone)][:3] == ["1001", "1003",
                                                                             "1005"]
    register.sort("card_no")
    cards = [register.card_no[i] for i in register.filter(**everyone)]
    assert cards == ["2", "10", "1001", "1002", "1003", "1004", "1005", "1008"]
    register.sort("card_no", descending=True)
    assert [register.card_no[i] for i in register.filter(**everyone)] == cards[::-1]
    register.sort("birth_date")
    births = [register.birth_date[i] for i in register.filter(**everyone)]
    assert births[0] == dt.date(1950, 1, 1) and births[-1] is None  # empty dates last
    register.sort("department")
    deps = [register.department[i] for i in register.filter(**everyone)]
    assert deps[0] == "" and deps[-2:] == ["Физика кафедрасы"] * 2
    register.sort("exit_reason")
    register.sort("pensioner", descending=True)
    assert [register.pensioner[i] for i in register.filter(**everyone)][:2] == [True, True]
    with pytest.raises(ValueError):
        register.sort("shoe_size")


def test_name_order_puts_kyrgyz_letters_after_their_neighbours(register: MemberList) -> None:
    order = names(register, register.filter("", "all", today=TODAY))
    assert order == [
        "Асан уулу Бакыт", "Асанова Гүлнара Бакытовна", "Елкин Сергей", "Ёлкина Ольга",
        "Ногойбаев Нурлан", "Омуров Азамат", "Сейит кызы Жаңыл", "Үсөнов Өмүр",
    ]
    words = ["Ою", "Өмүр", "Пётр", "Нурлан", "Ңа", "Уулу", "Үсөн", "Фарид"]
    assert sorted(words, key=collation_key) == ["Нурлан", "Ңа", "Ою", "Өмүр", "Пётр", "Уулу",
                                                "Үсөн", "Фарид"]


def test_typing_on_gives_the_same_rows_as_a_fresh_search() -> None:
    rng = random.Random(5)
    rows = [
        row(i, str(1000 + i), rng.choice(["Асанов", "Асан уулу", "Петров", "Ёлкин"]),
            rng.choice(["Бакыт", "Нурлан", "Айгүл"]),
            department=rng.choice(["Физика", "Химия", None]))
        for i in range(1, 400)
    ]
    typed = MemberList.from_rows(rows)
    for query in ("асан физ", "петров нур", "1 айгүл", "асан уулу бакыт", "елкин"):
        for n in [*range(len(query) + 1), *range(len(query), -1, -1)]:  # type, then delete
            fresh = MemberList.from_rows(rows)  # no earlier result to start from
            assert typed.filter(query[:n], "all", today=TODAY) == fresh.filter(
                query[:n], "all", today=TODAY), query[:n]


def test_load_reads_the_database(db) -> None:  # type: ignore[no-untyped-def]
    members.create_member(db, MemberInput(
        card_no="7", surname="Сейит кызы", name="Жаңыл", join_date=dt.date(2015, 9, 1),
        sex="F", birth_date=dt.date(1990, 2, 28), department="Башталгыч класстар",
        personnel_no="T-7", pensioner=True))
    left = members.create_member(db, MemberInput(
        card_no="8", surname="Асанов", name="Бакыт", join_date=dt.date(2000, 1, 1),
        exit_date=dt.date(2020, 1, 1), exit_reason="voluntary"))
    members.set_photo(db, left, b"\xff\xd8not really a jpeg")
    settings.set_value(db, "youth.max_age", "30")
    ml = MemberList.load(db)
    assert len(ml) == 2
    assert ml.full_name == ["Асанов Бакыт", "Сейит кызы Жаңыл"]
    assert ml.department == ["", "Башталгыч класстар"]
    assert ml.birth_date == [None, dt.date(1990, 2, 28)]
    assert ml.exit_date == [dt.date(2020, 1, 1), None]
    assert ml.exit_reason == ["voluntary", ""]
    assert ml.pensioner == [False, True]
    assert ml.youth_max_age == 30
    assert "t-7" in ml.keys[1]
    assert ml.row_of(left) == 0 and ml.row_of(999) is None
    assert ids(ml, ml.filter("жаңыл")) == {members.find_by_card(db, "7")}


def test_empty_register(db) -> None:  # type: ignore[no-untyped-def]
    ml = MemberList.load(db)
    assert len(ml) == 0
    assert ml.filter("асан") == []
    ml.sort("birth_date")
    assert ml.departments() == []


def test_card_numbers_with_unusual_digits_sort_without_a_crash() -> None:
    from unionapp.core.member_list import _card_key

    assert sorted(["10", "2", "12²", "A1"], key=_card_key) == ["2", "10", "12²", "A1"]
