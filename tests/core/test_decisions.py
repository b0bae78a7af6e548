"""Committee decisions: recorded once per number and date, cited by benefits, never lost."""

from __future__ import annotations

import datetime as dt

import pytest
from dues_helpers import add_member

from unionapp.core import decisions, members
from unionapp.core.decisions import DecisionInput
from unionapp.core.errors import UserError, ValidationError, ValidationGroup
from unionapp.core.i18n import translate_in
from unionapp.core.models import AidPayment, CashPayment

MAY = dt.date(2026, 5, 14)


def test_create_list_and_cite_a_protocol(db) -> None:
    first = decisions.create_decision(db, DecisionInput("7", MAY, agenda=" Жолдомолор\n"))
    decisions.create_decision(db, DecisionInput("7", dt.date(2025, 5, 2)))  # last year's No. 7
    rows = decisions.list_decisions(db)
    assert [(r.number, r.held_on) for r in rows] == [("7", MAY), ("7", dt.date(2025, 5, 2))]
    assert rows[0].agenda == "Жолдомолор"
    assert [r.id for r in decisions.list_decisions(db, 2026)] == [first]
    with db.reading() as s:
        assert decisions.resolve(s, "№ 7", year=2026) == first
        assert decisions.resolve(s, "7", held_on=MAY) == first
        with pytest.raises(ValidationError) as info:
            decisions.resolve(s, "8", year=2026)
    assert info.value.field == "decision"
    assert "8" in info.value.message()


def test_the_same_number_and_date_twice_is_refused(db) -> None:
    decisions.create_decision(db, DecisionInput("3", MAY))
    with pytest.raises(ValidationError) as info:
        decisions.create_decision(db, DecisionInput(" 3 ", MAY))
    assert info.value.field == "number"


def test_every_problem_of_a_form_at_once(db) -> None:
    future = dt.date.today() + dt.timedelta(days=3)
    with pytest.raises(ValidationGroup) as info:
        decisions.create_decision(db, DecisionInput("", future, kind="party"))
    assert {e.field for e in info.value.errors} == {"number", "held_on", "kind"}
    assert decisions.list_decisions(db) == []


def test_a_decision_that_granted_aid_lists_it_and_cannot_be_deleted(db) -> None:
    member = add_member(db, "0100", "Асан уулу")
    decision = decisions.create_decision(db, DecisionInput("7", MAY))
    with db.transaction() as s:
        s.add(
            AidPayment(
                member_id=member, reason="birth", amount=500_000, paid_on=MAY, decision_id=decision
            )
        )
    items = decisions.granted(db, decision)
    assert [(i.register, i.member_id, i.amount) for i in items] == [("aid", member, 500_000)]
    assert decisions.list_decisions(db)[0].granted == 1
    with pytest.raises(UserError) as info:
        decisions.delete_decision(db, decision)
    assert "7" in translate_in("ru", info.value.message())
    lonely = decisions.create_decision(db, DecisionInput("8", MAY))
    decisions.delete_decision(db, lonely)
    assert [r.number for r in decisions.list_decisions(db)] == ["7"]


def test_membership_on_a_day_follows_the_design() -> None:
    join, exit_ = dt.date(2020, 1, 1), dt.date(2026, 3, 1)
    assert decisions.member_on(join, exit_, join)
    assert decisions.member_on(join, exit_, dt.date(2026, 2, 28))
    assert not decisions.member_on(join, exit_, exit_)  # the exit date is the first day out
    assert not decisions.member_on(join, None, dt.date(2019, 12, 31))


def test_a_member_with_money_records_is_not_deleted(db) -> None:
    member = add_member(db, "0101", "Сейит кызы")
    with db.transaction() as s:
        s.add(
            CashPayment(
                member_id=member,
                paid_on=MAY,
                amount=10_000,
                period_from=dt.date(2026, 5, 1),
                period_to=dt.date(2026, 5, 1),
            )
        )
    with pytest.raises(UserError) as info:
        members.delete_member(db, member)
    assert "Сейит кызы" in info.value.message()
    assert members.count_members(db) == 1
