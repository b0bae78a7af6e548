"""Whose cards are printed and the issue journal: all active members by name when none are
named, the named ones in their order, every refusal in one translated message, a second card
recorded as a reprint, the journal per member and for everyone, newest first."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from unionapp.core import cards, members
from unionapp.core.errors import ValidationError
from unionapp.core.i18n import _, set_language
from unionapp.core.members import MemberInput
from unionapp.core.models import Member

TODAY = dt.date(2026, 11, 3)


def add(db, card_no: str, surname: str, name: str = "Аты", **changes: object) -> int:  # type: ignore[no-untyped-def]
    data = MemberInput(card_no=card_no, surname=surname, name=name,
                       join_date=dt.date(2015, 9, 1))
    for key, value in changes.items():
        setattr(data, key, value)
    return members.create_member(db, data)


@pytest.fixture
def register(db):  # type: ignore[no-untyped-def]
    ids = {
        "үсөн": add(db, "1003", "Үсөнова", "Гүлнара", patronymic="Таңкыевна"),
        "асан": add(db, "1001", "Асан уулу", "Бакыт"),
        "жаңыл": add(db, "1002", "Жаңылова", "Айгүл"),
        "left": add(db, "1004", "Кеткенов", exit_date=dt.date(2026, 10, 1),
                    exit_reason="voluntary"),
        "leaving": add(db, "1005", "Кетчүбаев", exit_date=dt.date(2026, 12, 1),
                       exit_reason="retirement"),
    }
    members.set_photo(db, ids["асан"], b"\xff\xd8jpeg bytes")
    return ids


def test_all_active_members_sorted_by_name_with_photos(db, register) -> None:  # type: ignore[no-untyped-def]
    chosen = cards.members_to_print(db, today=TODAY)
    # the one who left on 1 October is out; the one leaving in December is still a member
    assert [c.card_no for c in chosen] == ["1001", "1002", "1005", "1003"]
    assert chosen[0].photo == b"\xff\xd8jpeg bytes" and chosen[1].photo is None
    assert chosen[3].full_name == "Үсөнова Гүлнара Таңкыевна"
    assert chosen[3].join_date == dt.date(2015, 9, 1)


def test_named_members_in_the_order_named_each_once(db, register) -> None:  # type: ignore[no-untyped-def]
    chosen = cards.members_to_print(db, ["1003", " 1001 ", "1003"], today=TODAY)
    assert [c.card_no for c in chosen] == ["1003", "1001"]
    by_id = cards.members_to_print(db, member_ids=[register["жаңыл"]], today=TODAY)
    assert [c.card_no for c in by_id] == ["1002"]


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_every_refusal_at_once_in_the_users_language(db, register, lang: str) -> None:  # type: ignore[no-untyped-def]
    set_language(lang)
    with pytest.raises(ValidationError) as info:
        cards.members_to_print(db, ["1001", "9999", "1004"], today=TODAY)
    message = info.value.message()
    assert _(cards.UNKNOWN_CARD).format(card_no="9999") in message
    assert _(cards.FORMER_MEMBER).format(name="Кеткенов Аты", card_no="1004",
                                         date="01.10.2026") in message


def test_former_members_skipped_when_asked(db, register) -> None:  # type: ignore[no-untyped-def]
    ids = [register["left"], register["асан"]]
    chosen = cards.members_to_print(db, member_ids=ids, skip_former=True, today=TODAY)
    assert [c.card_no for c in chosen] == ["1001"]
    with pytest.raises(ValidationError) as info:
        cards.members_to_print(db, member_ids=[register["left"]], skip_former=True,
                               today=TODAY)
    assert info.value.msgid == cards.NO_ACTIVE_MEMBERS


def test_a_member_without_a_card_number_is_refused(db, register) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:  # an old record: the form would not let it be saved
        s.execute(update(Member).where(Member.id == register["жаңыл"]).values(card_no=" "))
    set_language("ru")
    with pytest.raises(ValidationError) as info:
        cards.members_to_print(db, today=TODAY)
    assert info.value.message() == _(cards.NO_CARD_NUMBER).format(name="Жаңылова Айгүл")
    assert cards.journal(db) == []


def test_an_empty_register_has_nothing_to_print(db) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as info:
        cards.members_to_print(db, today=TODAY)
    assert info.value.msgid == cards.NO_ACTIVE_MEMBERS


def test_journal_records_issues_and_reprints(db, register) -> None:  # type: ignore[no-untyped-def]
    first = cards.members_to_print(db, ["1001", "1002"], today=TODAY)
    recorded = cards.record_issues(db, first, issued_on=dt.date(2026, 1, 10))
    assert [(r.card_no, r.reprint) for r in recorded] == [("1001", False), ("1002", False)]

    # renumbered later: the journal keeps the number that was printed
    view = members.get_member(db, register["асан"])
    view.data.card_no = "2001"
    members.update_member(db, register["асан"], view.data)
    again = cards.members_to_print(db, ["2001", "1003"], today=TODAY)
    recorded = cards.record_issues(db, again)
    assert [(r.card_no, r.reprint, r.issued_on) for r in recorded] == [
        ("2001", True, dt.date.today()), ("1003", False, dt.date.today())]

    mine = cards.journal(db, register["асан"])
    assert [(j.card_no, j.reprint, j.issued_on) for j in mine] == [
        ("2001", True, dt.date.today()), ("1001", False, dt.date(2026, 1, 10))]
    assert mine[0].full_name == "Асан уулу Бакыт"
    everyone = cards.journal(db)
    assert len(everyone) == 4
    assert [j.issued_on for j in everyone] == sorted((j.issued_on for j in everyone),
                                                     reverse=True)
    assert cards.journal(db, register["left"]) == []
    assert cards.record_issues(db, []) == []


def test_a_deleted_member_takes_their_journal_along(db, register) -> None:  # type: ignore[no-untyped-def]
    cards.record_issues(db, cards.members_to_print(db, ["1003"], today=TODAY))
    members.delete_member(db, register["үсөн"])
    assert cards.journal(db) == []
