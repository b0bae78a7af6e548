"""Leaving the demo: "Start an empty register" backs up, then empties every register."""

from __future__ import annotations

import datetime as dt

from unionapp.core import backup, maintenance, members, settings
from unionapp.core.members import ChildInput, MemberInput
from unionapp.core.store import open_database


def _fill_demo_like(db) -> int:  # type: ignore[no-untyped-def]
    member_id = members.create_member(
        db,
        MemberInput(
            card_no="7",
            surname="Асан уулу",
            name="Бакыт",
            join_date=dt.date(2020, 1, 15),
            department="Бухгалтерия",
        ),
    )
    members.add_child(db, member_id, ChildInput("Бакыт уулу Нурлан", dt.date(2015, 5, 1)))
    members.set_photo(db, member_id, b"\xff\xd8 jpeg")
    settings.set_many(
        db,
        {
            "org.name_ky": "Демо мектеп",
            "org.name_ru": "Демо школа",
            "org.chairperson": "Ойдон чыгарылган",
            "org.employees": "120",
            "org.demo": "1",
            "youth.max_age": "30",
            "ui.language": "ru",
        },
    )
    return member_id


def test_empties_registers_and_leaves_demo(db) -> None:  # type: ignore[no-untyped-def]
    _fill_demo_like(db)

    saved = maintenance.start_empty_register(db)

    assert members.count_members(db) == 0
    assert members.departments(db) == []
    values = settings.get_all(db)
    assert values["org.demo"] == "0"
    assert values["org.name_ky"] == values["org.name_ru"] == values["org.chairperson"] == ""
    assert values["org.employees"] == "0"
    assert values["youth.max_age"] == "30"  # the user's own choices stay
    assert values["ui.language"] == "ru"
    # The backup made first still holds the demo and is listed as a backup of this database.
    assert saved is not None and saved.exists()
    assert saved in [b.path for b in backup.list_backups(db.path)]
    copy = open_database(saved)
    try:
        assert members.count_members(copy) == 1
        assert settings.get(copy, "org.demo") == "1"
    finally:
        copy.close()


def test_new_members_after_emptying(db) -> None:  # type: ignore[no-untyped-def]
    _fill_demo_like(db)
    maintenance.start_empty_register(db)
    new_id = members.create_member(
        db,
        MemberInput(card_no="7", surname="Осмонова", name="Айгүл", join_date=dt.date(2024, 3, 1)),
    )
    assert members.get_member(db, new_id).data.surname == "Осмонова"
    assert members.history(db, new_id)  # the audit log works on after being emptied
