"""Settings and the members service on PostgreSQL, and the checks that make both stores accept
exactly the same data (PostgreSQL refuses over-long text and NUL characters; SQLite would store
them)."""

from __future__ import annotations

import datetime as dt

import pytest
from pg_helpers import table_rows
from test_members_service import asel

from unionapp.core import members, settings
from unionapp.core.errors import NotFoundError, ValidationError
from unionapp.core.members import ChildInput
from unionapp.core.stored_text import NUL_CHARACTER, TOO_LONG


def _fields(error: ValidationError) -> list[str]:
    return [e.field for e in getattr(error, "errors", [error])]


def test_settings_read_defaults_and_keep_what_is_set(pg_db) -> None:
    assert settings.get(pg_db, "youth.max_age") == "35"
    settings.set_many(pg_db, {"youth.max_age": "30", "org.name_ky": " Профком  "})
    assert settings.get_int(pg_db, "youth.max_age") == 30
    assert settings.get(pg_db, "org.name_ky") == "Профком"
    settings.set_value(pg_db, "dues.higher_share_percent", "12,5")
    assert str(settings.get_decimal(pg_db, "dues.higher_share_percent")) == "12.5"


def test_a_bad_setting_saves_none_of_the_batch(pg_db) -> None:
    before = table_rows(pg_db)
    with pytest.raises(ValidationError) as info:
        settings.set_many(pg_db, {"org.name_ru": "Новое имя", "youth.max_age": "старый"})
    assert info.value.field == "youth.max_age"
    assert table_rows(pg_db) == before


def test_member_life_create_update_leave_children_photo_delete(pg_db) -> None:
    member_id = members.create_member(pg_db, asel(pensioner=True, note="первая\nвторая"))
    view = members.get_member(pg_db, member_id)
    assert view.data == asel(pensioner=True, note="первая\nвторая").normalized()
    assert view.data.pensioner is True and view.data.birth_date == dt.date(1990, 2, 28)

    members.update_member(pg_db, member_id, asel(position="Директордун орун басары"))
    members.leave(pg_db, member_id, dt.date(2026, 6, 30), "retirement")
    data = members.get_member(pg_db, member_id).data
    assert (data.position, data.exit_date, data.exit_reason, data.pensioner) == (
        "Директордун орун басары", dt.date(2026, 6, 30), "retirement", False)

    child_id = members.add_child(pg_db, member_id, ChildInput(" Асанов  Нурбек ", None))
    members.update_child(pg_db, child_id, ChildInput("Асанов Нурбек", dt.date(2019, 1, 2), "M"))
    members.add_child(pg_db, member_id, ChildInput("Асанова Айпери", dt.date(2016, 3, 8), "F"))
    assert [(c.full_name, c.birth_date) for c in members.get_member(pg_db, member_id).children] == [
        ("Асанова Айпери", dt.date(2016, 3, 8)), ("Асанов Нурбек", dt.date(2019, 1, 2))]

    jpeg = bytes(range(256)) * 40  # every byte value survives BYTEA
    members.set_photo(pg_db, member_id, jpeg)
    assert members.get_member(pg_db, member_id).has_photo
    assert members.get_photo(pg_db, member_id) == jpeg

    history = members.history(pg_db, member_id)
    assert [(h.field, h.old) for h in history[:1]] == [("photo", None)] and history[0].new
    assert {"position", "exit_date", "exit_reason", "pensioner", "child"} <= {
        h.field for h in history}
    assert all(isinstance(h.at, dt.datetime) for h in history)

    members.delete_member(pg_db, member_id)
    with pytest.raises(NotFoundError):
        members.get_member(pg_db, member_id)
    assert members.get_photo(pg_db, member_id) is None  # the server's ON DELETE CASCADE
    rows = table_rows(pg_db)
    assert rows["children"] == [] and rows["member_photos"] == []
    assert members.history(pg_db, member_id)[0].action == "delete"


def test_ids_keep_counting_after_a_delete(pg_db) -> None:
    first = members.create_member(pg_db, asel())
    members.delete_member(pg_db, first)
    second = members.create_member(pg_db, asel())
    assert second > first
    assert members.find_by_card(pg_db, "1001") == second


def test_duplicate_card_number_refused_and_nothing_saved(any_db) -> None:
    members.create_member(any_db, asel())
    before = table_rows(any_db)
    with pytest.raises(ValidationError) as info:
        members.create_member(any_db, asel(surname="Асанов", name="Бакыт", department="Жаңы"))
    assert info.value.field == "card_no"
    assert "1001" in info.value.message()
    assert table_rows(any_db) == before  # no department left behind either


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"exit_date": dt.date(2014, 1, 1), "exit_reason": "voluntary"}, "exit_date"),
        ({"exit_date": dt.date(2020, 1, 1)}, "exit_reason"),
        ({"surname": "  "}, "surname"),
        ({"email": "not-an-address"}, "email"),
        ({"sex": "X"}, "sex"),
    ],
)
def test_bad_fields_name_the_field_and_save_nothing(pg_db, changes, field) -> None:
    with pytest.raises(ValidationError) as info:
        members.create_member(pg_db, asel(**changes))
    assert field in _fields(info.value)
    assert members.count_members(pg_db) == 0


@pytest.mark.parametrize(
    ("field", "value", "limit"),
    [("surname", "Ы" * 101, 100), ("card_no", "7" * 51, 50), ("department", "Б" * 201, 200),
     ("position", "Мугалим " * 30, 200)],
)
def test_text_longer_than_its_column_is_refused_on_every_store(any_db, field, value, limit) -> None:
    with pytest.raises(ValidationError) as info:
        members.create_member(any_db, asel(**{field: value}))
    (error,) = [e for e in getattr(info.value, "errors", [info.value]) if e.field == field]
    assert error.msgid == TOO_LONG
    assert error.params == {"length": len(" ".join(value.split())), "limit": limit}
    assert members.count_members(any_db) == 0


def test_text_exactly_as_long_as_its_column_fits(any_db) -> None:
    member_id = members.create_member(any_db, asel(surname="Ө" * 100, note="ң" * 5000))
    assert members.get_member(any_db, member_id).data.surname == "Ө" * 100


def test_a_nul_character_is_refused_on_every_store(any_db) -> None:
    member_id = members.create_member(any_db, asel())
    with pytest.raises(ValidationError) as info:
        members.update_member(any_db, member_id, asel(note="көчүрүлгөн\x00текст"))
    assert (info.value.field, info.value.msgid) == ("note", NUL_CHARACTER)
    with pytest.raises(ValidationError) as info:
        members.add_child(any_db, member_id, ChildInput("Бала\x00"))
    assert (info.value.field, info.value.msgid) == ("full_name", NUL_CHARACTER)
    with pytest.raises(ValidationError) as info:
        settings.set_value(any_db, "org.chairperson", "Асанова\x00")
    assert (info.value.field, info.value.msgid) == ("org.chairperson", NUL_CHARACTER)
    with pytest.raises(ValidationError) as info:
        members.add_child(any_db, member_id, ChildInput("Ы" * 301))
    assert (info.value.field, info.value.msgid) == ("full_name", TOO_LONG)


def test_departments_come_in_the_same_order_from_every_store(any_db) -> None:
    names = ["Өндүрүш", "окуу бөлүмү", "Нускама", "Ңамаз", "Администрация", "Оюн", "Уста",
             "Үй чарба", "Фойе"]
    for number, name in enumerate(names):
        members.create_member(any_db, asel(card_no=str(number), department=name))
    assert members.departments(any_db) == [
        "Администрация", "Нускама", "Ңамаз", "окуу бөлүмү", "Оюн", "Өндүрүш", "Уста",
        "Үй чарба", "Фойе"]
