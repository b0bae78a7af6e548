"""Jubilees and membership anniversaries in the next N days: a window across a year end,
29 February births, only active members, one query however large the register."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import event, insert

from unionapp.core import anniversaries, settings
from unionapp.core.anniversaries import BIRTHDAY, MEMBERSHIP
from unionapp.core.i18n import set_language
from unionapp.core.models import Member


def add(db, card: str, surname: str, *, birth: dt.date | None = None,  # type: ignore[no-untyped-def]
        join: dt.date = dt.date(2019, 6, 3), exit_: dt.date | None = None) -> int:
    with db.transaction() as s:
        member = Member(card_no=card, surname=surname, name="Аты", birth_date=birth,
                        join_date=join, exit_date=exit_)
        s.add(member)
        s.flush()
        return member.id


def found(db, today: dt.date, days: int = 30) -> list[tuple[str, dt.date, str, int]]:  # type: ignore[no-untyped-def]
    return [(a.card_no, a.day, a.kind, a.years)
            for a in anniversaries.upcoming(db, days, today=today)]


def test_the_window_runs_across_the_year_end(db) -> None:
    add(db, "1", "Январь", birth=dt.date(1967, 1, 5))  # 60 on 5 Jan 2027
    add(db, "2", "Декабрь", birth=dt.date(1976, 12, 25))  # 50 on 25 Dec 2026
    add(db, "3", "Кечирээк", birth=dt.date(1967, 1, 25))  # 60, but after the window
    add(db, "4", "Жубилей эмес", birth=dt.date(1973, 12, 28))  # 53: no jubilee
    add(db, "5", "Жаш", birth=dt.date(1986, 12, 30))  # 40: younger than jubilees
    add(db, "6", "Кеткен", birth=dt.date(1966, 12, 24), exit_=dt.date(2026, 3, 1))  # left
    add(db, "7", "Бүгүн", birth=dt.date(1961, 12, 20))  # 65 today: included
    today = dt.date(2026, 12, 20)
    assert found(db, today) == [
        ("7", dt.date(2026, 12, 20), BIRTHDAY, 65),
        ("2", dt.date(2026, 12, 25), BIRTHDAY, 50),
        ("1", dt.date(2027, 1, 5), BIRTHDAY, 60),
    ]
    assert [a[0] for a in found(db, today, days=36)] == ["7", "2", "1", "3"]  # 25 Jan: day 36
    assert [a[0] for a in found(db, today, days=0)] == ["7"]


def test_a_29_february_birth_is_celebrated_on_28_february_in_other_years(db) -> None:
    add(db, "1", "Кабиса", birth=dt.date(1976, 2, 29))  # 50 in 2026, not a leap year
    add(db, "2", "Кабиса-2", birth=dt.date(1968, 2, 29))  # 60 in 2028, a leap year
    assert found(db, dt.date(2026, 2, 20), 10) == [("1", dt.date(2026, 2, 28), BIRTHDAY, 50)]
    assert found(db, dt.date(2026, 3, 1), 30) == []  # 28 Feb has passed
    assert found(db, dt.date(2028, 2, 20), 10) == [("2", dt.date(2028, 2, 29), BIRTHDAY, 60)]


def test_membership_anniversaries_every_ten_years(db) -> None:
    add(db, "1", "Он жыл", join=dt.date(2016, 12, 31))
    add(db, "2", "Жыйырма", join=dt.date(2007, 1, 10))
    add(db, "3", "Беш жыл", join=dt.date(2021, 12, 28))  # 5 years: not counted
    add(db, "4", "Кабиса", join=dt.date(1996, 2, 29))  # 30 years on 28 Feb 2026
    today = dt.date(2026, 12, 20)
    assert found(db, today) == [
        ("1", dt.date(2026, 12, 31), MEMBERSHIP, 10),
        ("2", dt.date(2027, 1, 10), MEMBERSHIP, 20),
    ]
    assert found(db, dt.date(2026, 2, 1)) == [("4", dt.date(2026, 2, 28), MEMBERSHIP, 30)]


def test_both_on_one_day_birthday_first_then_names(db) -> None:
    add(db, "2", "Бакыт", birth=dt.date(1966, 5, 4), join=dt.date(2006, 5, 4))
    add(db, "1", "Азамат", join=dt.date(1986, 5, 4))
    rows = anniversaries.upcoming(db, 5, today=dt.date(2026, 5, 1))
    assert [(a.card_no, a.kind, a.years) for a in rows] == [
        ("2", BIRTHDAY, 60), ("1", MEMBERSHIP, 40), ("2", MEMBERSHIP, 20),
    ]
    assert rows[0].full_name == "Бакыт Аты" and rows[0].is_jubilee


def test_what_it_is_in_words_follows_the_language(db) -> None:
    add(db, "1", "Бакыт", birth=dt.date(1966, 5, 4), join=dt.date(2006, 5, 4))
    rows = anniversaries.upcoming(db, 5, today=dt.date(2026, 5, 1))
    set_language("ru")
    words_ru = [a.what for a in rows]
    set_language("ky")
    words_ky = [a.what for a in rows]
    assert all("60" in w for w in (words_ru[0], words_ky[0]))
    assert all("20" in w for w in (words_ru[1], words_ky[1]))
    assert words_ru[0] != words_ru[1]  # «60 years» is not «20 years in the union»


def test_the_window_comes_from_the_setting(db) -> None:
    today = dt.date.today()
    add(db, "1", "Жакында", birth=anniversaries.on_year(today, today.year - 55)
        + dt.timedelta(days=20))
    assert anniversaries.window_days(db) == 30
    assert [a.card_no for a in anniversaries.upcoming(db)] == ["1"]
    settings.set_value(db, "anniversaries.days", "10")
    assert anniversaries.window_days(db) == 10
    assert anniversaries.upcoming(db) == []


def test_members_now(db) -> None:
    today = dt.date(2026, 6, 1)
    add(db, "1", "Бар")
    add(db, "2", "Кеткен", exit_=dt.date(2026, 5, 1))
    add(db, "3", "Кийин", join=dt.date(2026, 7, 1))
    assert anniversaries.members_now(db, today) == 1


def test_ten_thousand_members_a_few_queries(db) -> None:
    """The dates of all in one query, the names of those found in pieces of 500."""
    base = dt.date(1950, 1, 1)
    rows = [
        {"card_no": str(i), "surname": f"Мүчө{i}", "name": "Аты",
         "birth_date": base + dt.timedelta(days=i * 3), "join_date": dt.date(2000, 1, 1)
         + dt.timedelta(days=i % 9000)}
        for i in range(10_000)
    ]
    with db.transaction() as s:
        s.execute(insert(Member), rows)
    statements: list[str] = []
    event.listen(db.engine, "before_cursor_execute",
                 lambda *args: statements.append(args[2]))
    result = anniversaries.upcoming(db, 30, today=dt.date(2026, 3, 1))
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 1 + -(-len({a.member_id for a in result}) // 500)
    assert result and all(dt.date(2026, 3, 1) <= a.day <= dt.date(2026, 3, 31) for a in result)
    # one query whatever the size: speed itself is the bench's business, not a unit test's
