"""The members service: every action is one transaction, validated, and leaves a history."""

from __future__ import annotations

import datetime as dt

import pytest

from unionapp.core import members
from unionapp.core.errors import NotFoundError, ValidationError
from unionapp.core.members import ChildInput, MemberInput


def asel(**changes: object) -> MemberInput:
    data = MemberInput(
        card_no="1001",
        surname="Сейит кызы",
        name="Жаңыл",
        join_date=dt.date(2015, 9, 1),
        sex="F",
        birth_date=dt.date(1990, 2, 28),
        department="Башталгыч класстар",
        position="Мугалим",
    )
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def test_create_and_read_back(db) -> None:
    member_id = members.create_member(db, asel(phone=" +996 555 12 34 56 "))
    view = members.get_member(db, member_id)
    assert view.data.surname == "Сейит кызы"
    assert view.data.department == "Башталгыч класстар"
    assert view.data.phone == "+996 555 12 34 56"
    assert view.full_name == "Сейит кызы Жаңыл"
    assert members.departments(db) == ["Башталгыч класстар"]


def test_duplicate_card_number_refused(db) -> None:
    members.create_member(db, asel())
    with pytest.raises(ValidationError) as info:
        members.create_member(db, asel(surname="Асанов", name="Бакыт"))
    assert info.value.field == "card_no"
    assert "1001" in info.value.message()
    assert members.count_members(db) == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"exit_date": dt.date(2014, 1, 1), "exit_reason": "voluntary"}, "exit_date"),
        ({"birth_date": dt.date.today() + dt.timedelta(days=3)}, "birth_date"),
        ({"exit_date": dt.date(2020, 1, 1)}, "exit_reason"),
        ({"exit_date": dt.date(2020, 1, 1), "exit_reason": "holiday"}, "exit_reason"),
        ({"surname": "  "}, "surname"),
        ({"email": "not-an-address"}, "email"),
    ],
)
def test_bad_fields_name_the_field_and_save_nothing(db, changes, field) -> None:
    with pytest.raises(ValidationError) as info:
        members.create_member(db, asel(**changes))
    fields = [e.field for e in getattr(info.value, "errors", [info.value])]
    assert field in fields
    assert members.count_members(db) == 0


def test_update_writes_old_and_new_to_history(db) -> None:
    member_id = members.create_member(db, asel())
    members.update_member(db, member_id, asel(position="Директордун орун басары"))
    items = members.history(db, member_id)
    change = next(i for i in items if i.field == "position")
    assert (change.action, change.old, change.new) == (
        "update",
        "Мугалим",
        "Директордун орун басары",
    )
    assert items[0].at <= dt.datetime.now()


def test_saving_unchanged_data_records_nothing(db) -> None:
    member_id = members.create_member(db, asel())
    before = len(members.history(db, member_id))
    members.update_member(db, member_id, asel())
    assert len(members.history(db, member_id)) == before


def test_leave_keeps_the_member_with_date_and_reason(db) -> None:
    member_id = members.create_member(db, asel())
    members.leave(db, member_id, dt.date(2026, 6, 30), "retirement")
    data = members.get_member(db, member_id).data
    assert (data.exit_date, data.exit_reason) == (dt.date(2026, 6, 30), "retirement")
    fields = {i.field for i in members.history(db, member_id)}
    assert {"exit_date", "exit_reason"} <= fields


def test_delete_is_recorded_and_removes_children(db) -> None:
    member_id = members.create_member(db, asel())
    members.add_child(db, member_id, ChildInput("Асанов Нурбек", dt.date(2018, 5, 1), "M"))
    members.delete_member(db, member_id)
    with pytest.raises(NotFoundError):
        members.get_member(db, member_id)
    assert members.history(db, member_id)[0].action == "delete"


def test_children_add_edit_remove(db) -> None:
    member_id = members.create_member(db, asel())
    child_id = members.add_child(db, member_id, ChildInput(" Асанов  Нурбек ", None))
    members.update_child(db, child_id, ChildInput("Асанов Нурбек", dt.date(2019, 1, 2), "M"))
    view = members.get_member(db, member_id)
    assert [(c.full_name, c.birth_date) for c in view.children] == [
        ("Асанов Нурбек", dt.date(2019, 1, 2))
    ]
    members.delete_child(db, child_id)
    assert members.get_member(db, member_id).children == []
    assert [i.field for i in members.history(db, member_id)][:3] == ["child"] * 3


def test_photo_stored_apart_and_removed(db) -> None:
    member_id = members.create_member(db, asel())
    members.set_photo(db, member_id, b"\xff\xd8jpeg")
    assert members.get_member(db, member_id).has_photo
    assert members.get_photo(db, member_id) == b"\xff\xd8jpeg"
    members.set_photo(db, member_id, None)
    assert members.get_photo(db, member_id) is None


def test_failed_action_leaves_no_partial_department(db) -> None:
    members.create_member(db, asel())
    with pytest.raises(ValidationError):
        members.create_member(db, asel(department="Жаңы бөлүм"))
    assert members.departments(db) == ["Башталгыч класстар"]


def test_dates_in_messages_read_dd_mm_yyyy(db) -> None:
    future = dt.date.today() + dt.timedelta(days=400)
    with pytest.raises(ValidationError) as info:
        members.create_member(db, asel(birth_date=future))
    assert future.strftime("%d.%m.%Y") in info.value.message()
    assert future.isoformat() not in info.value.message()


TODAY = dt.date(2026, 11, 25)
JOIN_IN_FUTURE = "The join date {date} is in the future."
EXIT_TOO_FAR = "The exit date {date} is too far in the future."
TOO_YOUNG = "At joining the member would be {age} years old."
TOO_OLD = "The member would be {age} years old today: check the birth date."
BIRTH_IN_FUTURE = "The birth date {date} is in the future."


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"join_date": dt.date(2040, 1, 1)},
         [("join_date", JOIN_IN_FUTURE, {"date": dt.date(2040, 1, 1)})]),
        ({"exit_date": dt.date(2045, 1, 1), "exit_reason": "retirement"},
         [("exit_date", EXIT_TOO_FAR, {"date": dt.date(2045, 1, 1)})]),
        ({"birth_date": dt.date(1900, 1, 1), "join_date": dt.date(1921, 5, 1)},
         [("birth_date", TOO_OLD, {"age": 126})]),
        ({"birth_date": dt.date(2020, 3, 1), "join_date": dt.date(2021, 5, 1)},
         [("birth_date", TOO_YOUNG, {"age": 1})]),
        ({"birth_date": dt.date(2012, 9, 2), "join_date": dt.date(2026, 9, 1)},
         [("birth_date", TOO_YOUNG, {"age": 13})]),
        # a future birth date is one mistake: not also «not before the join date»
        ({"birth_date": dt.date(2027, 1, 1)},
         [("birth_date", BIRTH_IN_FUTURE, {"date": dt.date(2027, 1, 1)})]),
    ],
)
def test_dates_with_a_typo_in_the_year_are_refused(changes, expected) -> None:
    errors = members.validate(asel(**changes), today=TODAY)
    assert [(e.field, e.msgid, e.params) for e in errors] == expected


@pytest.mark.parametrize(
    "changes",
    [
        {"join_date": TODAY},  # joined today
        {"exit_date": dt.date(2027, 11, 25), "exit_reason": "retirement"},  # a year ahead
        {"birth_date": dt.date(2012, 9, 1), "join_date": dt.date(2026, 9, 1)},  # 14 that day
        {"birth_date": dt.date(1926, 11, 25), "join_date": dt.date(1950, 1, 1)},  # 100 today
        {"birth_date": dt.date(1920, 1, 1), "join_date": dt.date(1950, 1, 1),  # left long ago
         "exit_date": dt.date(1985, 1, 1), "exit_reason": "retirement"},
    ],
)
def test_plausible_dates_at_the_limits_pass(changes) -> None:
    assert members.validate(asel(**changes), today=TODAY) == []


def test_the_messages_read_in_the_users_language() -> None:
    [too_young] = members.validate(
        asel(birth_date=dt.date(2020, 3, 1), join_date=dt.date(2021, 5, 1)), today=TODAY
    )
    assert too_young.message() == "Мүчөлүккө кирген күнү ал 1 жашта болмок."
    [future] = members.validate(asel(join_date=dt.date(2040, 1, 1)), today=TODAY)
    assert future.message() == "Мүчөлүккө кирген күнү 01.01.2040 — али келе элек күн."


def test_check_member_gives_every_problem_at_once(db) -> None:
    members.create_member(db, asel())
    other = asel(card_no=" 1001 ", surname="Асанов", name="Бакыт",
                 exit_date=dt.date(2014, 1, 1), exit_reason="voluntary")
    problems = members.check_member(db, other)
    assert sorted(e.field for e in problems) == ["card_no", "exit_date"]
    assert members.check_member(db, asel(), members.find_by_card(db, "1001")) == []
    with pytest.raises(members.ValidationGroup) as info:  # saving meets the very same list
        members.create_member(db, other)
    assert [e.msgid for e in info.value.errors] == [e.msgid for e in problems]


def test_a_department_typed_in_another_case_is_the_same_department(db) -> None:
    members.create_member(db, asel(department="Математика"))
    second = members.create_member(db, asel(card_no="1002", department="математика"))
    assert members.departments(db) == ["Математика"]
    assert members.get_member(db, second).data.department == "Математика"


def test_a_replaced_photo_and_children_deleted_with_their_parent_are_in_the_log(db) -> None:
    member_id = members.create_member(db, asel())
    members.set_photo(db, member_id, b"\xff\xd8first")
    members.set_photo(db, member_id, b"\xff\xd8second")
    photo_changes = [i for i in members.history(db, member_id) if i.field == "photo"]
    assert len(photo_changes) == 2 and photo_changes[0].old and photo_changes[0].new
    child_id = members.add_child(db, member_id, ChildInput("Асанов Нурбек", dt.date(2018, 5, 1)))
    members.delete_member(db, member_id)
    from unionapp.core import audit

    with db.reading() as s:
        actions = [e.action for e in audit.history(s, "child", child_id)]
    assert actions[0] == "delete"


def test_a_question_mark_for_a_lost_letter_is_refused_in_a_name_not_in_free_text(db) -> None:
    with pytest.raises(ValidationError) as info:
        members.create_member(db, asel(surname="Б?к?нбаева"))
    assert [e.field for e in getattr(info.value, "errors", [info.value])] == ["surname"]
    members.create_member(db, asel(position="Кто? Что? Где?"))  # a question is fine there
    with pytest.raises(ValidationError):
        members.create_member(db, asel(card_no="1002", department="Ф?зика"))
