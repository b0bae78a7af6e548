"""The month's check: withheld from non-members (a), members with nothing paid (b), and
amounts that are not rate × wage rounded half-up (c)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from dues_helpers import OCT, add_member, add_payroll, known_month

from unionapp.core import dues, settings
from unionapp.core.errors import NotFoundError, ValidationError
from unionapp.core.models import AuditEntry, CashPayment


def _ids(rows: list[dues.ReconRow]) -> list[int | None]:
    return [r.member_id for r in rows]


def test_not_members_are_the_unknown_and_those_outside_the_month(db) -> None:  # type: ignore[no-untyped-def]
    ids = known_month(db)
    result = dues.reconcile(db, dt.date(2026, 10, 15))
    assert result.month == OCT
    assert _ids(result.not_members) == [ids["left_before"], None]
    unknown = result.not_members[1]
    assert (unknown.personnel_no, unknown.full_name, unknown.withheld) == (
        "T99", "Незнакомов Чужой", 20_000,
    )
    left = result.not_members[0]
    assert (left.card_no, left.department, left.wage) == ("3", "Бухгалтерия", 1_000_000)


def test_missing_lists_employees_pensioners_and_cash_payers_apart(db) -> None:  # type: ignore[no-untyped-def]
    ids = known_month(db)
    result = dues.reconcile(db, OCT)
    assert _ids(result.missing) == [ids["nothing"], ids["zero"]]
    assert _ids(result.missing_pensioners) == [ids["pensioner_unpaid"]]
    assert _ids(result.missing_cash_payers) == [ids["cash_unpaid"]]
    # the cash payment covering September–December clears the pensioner who paid
    assert ids["pensioner_paid"] not in _ids(result.missing_pensioners)


def test_wrong_amount_rounds_half_up_and_follows_the_rate_setting(db) -> None:  # type: ignore[no-untyped-def]
    ids = known_month(db)
    result = dues.reconcile(db, OCT)
    wrong = {r.member_id: (r.expected, r.withheld) for r in result.wrong_amount}
    assert wrong == {ids["wrong"]: (12_346, 12_345), ids["zero"]: (5_000, 0)}
    assert (result.rows, result.wage_total, result.withheld_total) == (
        7, 9_234_550, 87_345,
    )
    settings.set_value(db, "dues.rate_percent", "2")
    assert dues.reconcile(db, OCT).rate == Decimal(2)
    assert len(dues.reconcile(db, OCT).wrong_amount) == 7


def test_a_month_without_payroll_lists_every_member_as_missing(db) -> None:  # type: ignore[no-untyped-def]
    add_member(db, "1", "Асанов")
    result = dues.reconcile(db, dt.date(2026, 3, 1))
    assert (result.rows, len(result.missing), result.not_members) == (0, 1, [])


def test_add_cash_payment_validates_and_audits(db) -> None:  # type: ignore[no-untyped-def]
    member = add_member(db, "1", "Асанов", pensioner=True)
    pid = dues.add_cash_payment(
        db, member, " К-17 ", dt.date(2026, 10, 5), 30_000, dt.date(2026, 10, 20),
        dt.date(2026, 12, 3),
    )
    with db.reading() as s:
        payment = s.get(CashPayment, pid)
        assert payment is not None
        assert (payment.receipt_no, payment.period_from, payment.period_to) == (
            "К-17", dt.date(2026, 10, 1), dt.date(2026, 12, 1),
        )
        assert s.query(AuditEntry).filter_by(entity="cash_payment", entity_id=pid).count() > 0
    assert dues.reconcile(db, dt.date(2026, 11, 1)).missing_pensioners == []
    with pytest.raises(ValidationError):
        dues.add_cash_payment(db, member, None, dt.date(2026, 10, 5), 0, OCT, OCT)
    with pytest.raises(ValidationError):
        dues.add_cash_payment(
            db, member, None, dt.date(2026, 10, 5), 100, OCT, dt.date(2026, 9, 1)
        )
    with pytest.raises(NotFoundError):
        dues.add_cash_payment(db, 999, None, dt.date(2026, 10, 5), 100, OCT, OCT)


def test_ten_thousand_members_reconcile(db) -> None:  # type: ignore[no-untyped-def]
    """Correct at scale; its speed is a row of tests/perf/bench.py, not a timed unit test."""
    from unionapp.core.models import Member

    with db.transaction() as s:
        s.execute(
            Member.__table__.insert(),
            [
                {"card_no": str(i), "personnel_no": f"T{i}", "surname": f"S{i}", "name": "N",
                 "join_date": dt.date(2020, 1, 1), "pensioner": i % 50 == 0}
                for i in range(1, 10_001)
            ],
        )
    add_payroll(
        db, OCT, [(i, f"T{i}", f"S{i} N", 1_000_000 + i, 10_000) for i in range(1, 10_001)]
    )
    result = dues.reconcile(db, OCT)
    assert result.rows == 10_000
    assert result.wrong_amount  # 1% of 10 000.50 som and up rounds to 100.01
