"""The demo's benefits obey the rules the forms and imports enforce, and fill every register."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from unionapp.core import demo
from unionapp.core.decisions import member_on
from unionapp.core.models import (
    AidPayment,
    Award,
    Child,
    Decision,
    Institution,
    Member,
    Voucher,
    VoucherApplication,
)

TODAY = dt.date(2026, 11, 25)


def _age(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def test_every_benefit_rests_on_an_earlier_protocol_and_a_member_of_that_day(db) -> None:
    demo.generate_demo(db, members=900, years=3, seed=4, today=TODAY)
    with db.reading() as s:
        people = {m.id: m for m in s.scalars(select(Member))}
        held = {d.id: d.held_on for d in s.scalars(select(Decision))}
        children = {c.id: c for c in s.scalars(select(Child))}
        camps = {i.id: i for i in s.scalars(select(Institution))}
        vouchers = list(s.scalars(select(Voucher)))
        aid = list(s.scalars(select(AidPayment)))
        awards = list(s.scalars(select(Award)))
        queue = list(s.scalars(select(VoucherApplication)))
        _check(people, held, children, camps, vouchers, aid, awards, queue)


def _check(people, held, children, camps, vouchers, aid, awards, queue) -> None:  # type: ignore[no-untyped-def]
    assert max(held.values()) <= TODAY
    assert {v.kind for v in vouchers} >= {"sanatorium", "rest_home", "children_camp"}
    assert aid and awards and queue
    for v in vouchers:
        m = people[v.member_id]
        assert held[v.decision_id] < v.start_date <= v.end_date
        assert member_on(m.join_date, m.exit_date, v.start_date)
        assert 0 <= v.copay <= v.cost
        if v.kind == "children_camp":
            child, camp = children[v.child_id], camps[v.institution_id]
            assert child.member_id == v.member_id
            assert camp.min_child_age <= _age(child.birth_date, v.start_date) <= camp.max_child_age
    for a in aid:
        m = people[a.member_id]
        assert held[a.decision_id] <= a.paid_on <= TODAY and a.amount > 0
        assert member_on(m.join_date, m.exit_date, a.paid_on)
    numbers = [(w.cert_year, w.cert_seq) for w in awards if w.status == "awarded"]
    assert len(numbers) == len(set(numbers))
    for w in awards:
        m = people[w.member_id]
        assert w.nominated_on >= m.join_date
        if w.status == "awarded":
            assert w.awarded_on == held[w.decision_id] and w.cert_year == w.awarded_on.year
            assert member_on(m.join_date, m.exit_date, w.awarded_on)
    for q in queue:
        assert q.status == "open" and people[q.member_id].exit_date is None
        if q.child_id is not None:
            assert children[q.child_id].member_id == q.member_id
