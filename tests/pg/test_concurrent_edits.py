"""Two PCs editing the same member on one database (issue 8 part 4): the second save over data
it has not seen is refused with a clear message, on SQLite and on PostgreSQL alike."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from unionapp.core import members
from unionapp.core.errors import UserError
from unionapp.core.i18n import _
from unionapp.core.members import MemberInput
from unionapp.core.store import open_database


def _member() -> MemberInput:
    return MemberInput(card_no="0100", surname="Асанова", name="Айгүл",
                       join_date=dt.date(2015, 9, 1), position="мугалим")


@pytest.fixture(params=["sqlite", "postgresql"])
def two_pcs(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    """Two separate connections (two programs) to one database."""
    if request.param == "sqlite":
        where: Any = tmp_path / "union.sqlite"
    else:
        where = request.getfixturevalue("pg_url")
    first = open_database(where)
    second = open_database(where)
    yield first, second
    second.close()
    first.close()


def test_the_second_save_over_an_old_card_is_refused(two_pcs) -> None:  # type: ignore[no-untyped-def]
    first, second = two_pcs
    member_id = members.create_member(first, _member())
    card_a = members.get_member(first, member_id)  # both chairpersons open the card
    card_b = members.get_member(second, member_id)
    assert card_a.version == card_b.version == 1

    members.update_member(second, member_id, MemberInput(**{**vars(card_b.data),
                                                            "position": "завуч"}),
                          expected_version=card_b.version)
    with pytest.raises(UserError) as refused:
        members.update_member(first, member_id, MemberInput(**{**vars(card_a.data),
                                                               "phone": "0555 12 34 56"}),
                              expected_version=card_a.version)
    assert "Асанова Айгүл" in refused.value.message()
    assert refused.value.msgid == members.CHANGED_ELSEWHERE
    saved = members.get_member(first, member_id)
    assert (saved.data.position, saved.data.phone, saved.version) == ("завуч", None, 2)
    with pytest.raises(UserError):  # leaving and deleting from the old card are refused too
        members.leave(first, member_id, dt.date(2026, 1, 1), "voluntary",
                      expected_version=card_a.version)
    with pytest.raises(UserError):
        members.delete_member(first, member_id, expected_version=card_a.version)
    members.update_member(first, member_id, MemberInput(**{**vars(saved.data),
                                                           "phone": "0555 12 34 56"}),
                          expected_version=saved.version)  # reopened: saves
    assert members.get_member(second, member_id).version == 3
    assert _(members.CHANGED_ELSEWHERE)  # translated


def test_a_save_that_changes_nothing_keeps_the_version(two_pcs) -> None:  # type: ignore[no-untyped-def]
    first, _second = two_pcs
    member_id = members.create_member(first, _member())
    view = members.get_member(first, member_id)
    members.update_member(first, member_id, view.data, expected_version=view.version)
    assert members.get_member(first, member_id).version == 1
