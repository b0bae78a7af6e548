"""Material aid: every refusal on its field, the yearly cap that asks before it is passed, lists."""

from __future__ import annotations

import datetime as dt

import pytest
from dues_helpers import add_member

from unionapp.core import aid, audit, decisions, settings
from unionapp.core.aid import AidInput, OverCapError
from unionapp.core.decisions import DecisionInput
from unionapp.core.errors import ValidationError, ValidationGroup
from unionapp.core.formatting import format_money
from unionapp.core.i18n import set_language

JAN = dt.date(2025, 1, 20)
MAY = dt.date(2025, 5, 14)


@pytest.fixture
def known(db):  # type: ignore[no-untyped-def]
    """Two members (one left in 2024) and protocols No. 3 of 2025 and No. 3 of 2024."""
    asan = add_member(db, "0100", "Асан уулу")
    left = add_member(db, "0101", "Ёлкина", exit_=dt.date(2024, 6, 30))
    no3 = decisions.create_decision(db, DecisionInput("3", JAN, agenda="Материалдык жардам"))
    old3 = decisions.create_decision(db, DecisionInput("3", dt.date(2024, 2, 1)))
    return db, asan, left, no3, old3


def _fields(exc: ValidationError) -> set[str]:
    errors = exc.errors if isinstance(exc, ValidationGroup) else [exc]
    return {e.field for e in errors}


def test_add_and_list_with_names_labels_and_protocol(known) -> None:  # type: ignore[no-untyped-def]
    db, asan, _left, no3, old3 = known
    first = aid.add_aid(db, AidInput(asan, "birth", 500_000, MAY, no3, " bala "))
    aid.add_aid(db, AidInput(asan, "illness", 300_000, dt.date(2024, 3, 1), old3))
    rows = aid.list_aid(db, 2025)
    assert [(r.id, r.member_name, r.amount, r.paid_on, r.note) for r in rows] == [
        (first, "Асан уулу Аты", 500_000, MAY, "bala")
    ]
    set_language("ru")
    assert rows[0].decision_label == decisions.label("3", JAN)
    assert rows[0].reason_label == aid.AID_REASONS.label("birth")
    history = aid.member_aid(db, asan)
    assert [r.paid_on for r in history] == [MAY, dt.date(2024, 3, 1)]  # newest first
    assert [r.decision_id for r in history] == [no3, old3]
    assert aid.aid_years(db)[-1] == 2024 and aid.aid_years(db)[0] >= 2025
    assert decisions.list_decisions(db, 2025)[0].granted == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"amount": 0}, "amount"),
        ({"amount": -100}, "amount"),
        ({"amount": None}, "amount"),
        ({"reason": "party"}, "reason"),
        ({"reason": None}, "reason"),
        ({"paid_on": dt.date.today() + dt.timedelta(days=1)}, "paid_on"),
        ({"paid_on": None}, "paid_on"),
        ({"decision_id": None}, "decision"),
        ({"decision_id": 9999}, "decision"),
        ({"member_id": None}, "member"),
        ({"paid_on": dt.date(2019, 12, 31)}, "member"),  # joined on 1 January 2020
    ],
)
def test_each_refusal_names_its_field_and_saves_nothing(known, change, field) -> None:  # type: ignore[no-untyped-def]
    db, asan, _left, no3, _old3 = known
    values = {"member_id": asan, "reason": "birth", "amount": 100_000, "paid_on": MAY,
              "decision_id": no3}
    values.update(change)
    with pytest.raises(ValidationError) as info:
        aid.add_aid(db, AidInput(**values))
    assert field in _fields(info.value)
    assert aid.list_aid(db) == []


def test_not_a_member_on_the_day_paid(known) -> None:  # type: ignore[no-untyped-def]
    db, _asan, left, no3, _old3 = known
    with pytest.raises(ValidationError) as info:
        aid.add_aid(db, AidInput(left, "death", 100_000, MAY, no3))  # left on 30.06.2024
    assert info.value.field == "member"
    assert "Ёлкина" in info.value.message() and "14.05.2025" in info.value.message()
    # on the day before the exit date she was still a member
    aid.add_aid(db, AidInput(left, "death", 100_000, dt.date(2024, 6, 29), no3))


def test_every_problem_at_once(known) -> None:  # type: ignore[no-untyped-def]
    db, _asan, _left, _no3, _old3 = known
    future = dt.date.today() + dt.timedelta(days=5)
    data = AidInput(None, "party", 0, future, None)
    assert {e.field for e in aid.aid_problems(db, data)} == {
        "member", "reason", "amount", "paid_on", "decision"
    }
    with pytest.raises(ValidationGroup):
        aid.add_aid(db, data)


def test_the_yearly_cap_warns_and_asks(known) -> None:  # type: ignore[no-untyped-def]
    db, asan, _left, no3, old3 = known
    settings.set_value(db, aid.CAP_KEY, "10000")
    aid.add_aid(db, AidInput(asan, "birth", 600_000, JAN, no3))
    aid.add_aid(db, AidInput(asan, "illness", 900_000, dt.date(2024, 5, 1), old3))  # last year
    check = aid.check_aid(db, asan, MAY, 500_000)
    assert (check.year, check.cap, check.received, check.new_total) == (
        2025, 1_000_000, 600_000, 1_100_000
    )
    assert check.exceeded
    set_language("ru")
    assert format_money(1_100_000) in check.message() and "10\u00a0000,00" in check.message()
    with pytest.raises(OverCapError) as info:
        aid.add_aid(db, AidInput(asan, "wedding", 500_000, MAY, no3))
    assert info.value.field == "amount" and info.value.check.new_total == 1_100_000
    assert len(aid.list_aid(db, 2025)) == 1
    confirmed = aid.add_aid(db, AidInput(asan, "wedding", 500_000, MAY, no3),
                            over_cap_confirmed=True)
    assert len(aid.list_aid(db, 2025)) == 2
    # exactly at the cap is not over it; editing a payment leaves its own amount out
    assert not aid.check_aid(db, asan, MAY, 400_000, aid_id=confirmed).exceeded
    aid.update_aid(db, confirmed, AidInput(asan, "wedding", 400_000, MAY, no3))
    settings.set_value(db, aid.CAP_KEY, "0")  # no cap
    assert not aid.check_aid(db, asan, MAY, 10**9).exceeded


def test_update_and_delete_are_audited(known) -> None:  # type: ignore[no-untyped-def]
    db, asan, _left, no3, old3 = known
    payment = aid.add_aid(db, AidInput(asan, "birth", 500_000, MAY, no3))
    aid.update_aid(db, payment, AidInput(asan, "jubilee", 250_050, MAY, no3, "юбилей 60"))
    stored = aid.get_aid(db, payment)
    assert (stored.reason, stored.amount, stored.note) == ("jubilee", 250_050, "юбилей 60")
    with pytest.raises(ValidationError):
        aid.update_aid(db, payment, AidInput(asan, "jubilee", 0, MAY, old3))
    assert aid.get_aid(db, payment).amount == 250_050
    aid.delete_aid(db, payment)
    assert aid.list_aid(db) == []
    with db.reading() as s:
        actions = [(e.action, e.field) for e in audit.history(s, "aid_payment", payment)]
    assert ("update", "amount") in actions and ("delete", "amount") in actions
    assert ("create", "decision_id") in actions


def test_protocols_workbook_lists_what_each_granted(known, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    from unionapp.core.decisions_workbook import write_decisions

    db, asan, _left, no3, old3 = known
    aid.add_aid(db, AidInput(asan, "birth", 500_000, MAY, no3))
    aid.add_aid(db, AidInput(asan, "illness", 123_456, dt.date(2024, 3, 1), old3))
    target = tmp_path / "protocols.xlsx"
    assert write_decisions(db, target, 2025) == 1
    book = load_workbook(target)
    protocols, granted = book.worksheets
    rows = [[c.value for c in r] for r in protocols.iter_rows(min_row=2)]
    assert [(r[1], r[2].date(), r[3], r[4], float(r[5])) for r in rows] == [
        ("3", JAN, "Материалдык жардам", 1, 5000.0)
    ]
    lines = [[c.value for c in r] for r in granted.iter_rows(min_row=2)]
    assert [(r[1], r[2], float(r[4])) for r in lines] == [("0100", "Асан уулу Аты", 5000.0)]
    assert write_decisions(db, target) == 2  # every year: both protocols No. 3
    assert load_workbook(target).worksheets[1].max_row == 3
