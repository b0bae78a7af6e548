"""Cash receipts entered by hand: every mistake reported at once, a member's receipts listed,
a mistaken one deleted with the audit log keeping it; and arrears months written compactly."""

from __future__ import annotations

import datetime as dt

import pytest
from dues_helpers import add_member
from sqlalchemy import func, select

from unionapp.core import dues
from unionapp.core.errors import NotFoundError, ValidationError, ValidationGroup
from unionapp.core.models import AuditEntry, CashPayment

SEP, OCT, NOV = dt.date(2026, 9, 1), dt.date(2026, 10, 1), dt.date(2026, 11, 1)


def _count(db) -> int:  # type: ignore[no-untyped-def]
    with db.reading() as s:
        return int(s.scalar(select(func.count()).select_from(CashPayment)) or 0)


def test_every_problem_is_reported_at_once() -> None:
    problems = dues.cash_payment_problems("R" * 51, None, -5, NOV, SEP, "a\x00b")
    assert [p.field for p in problems] == ["paid_on", "amount", "period", "receipt_no", "note"]
    period = problems[2]
    assert period.params == {"first": "11.2026", "last": "09.2026"}
    assert dues.cash_payment_problems("R-1", OCT, 100, SEP, SEP) == []
    too_big = dues.cash_payment_problems(None, OCT, dues.AMOUNT_LIMIT + 1, SEP, SEP)
    assert [p.field for p in too_big] == ["amount"]
    missing_period = dues.cash_payment_problems(None, OCT, 100, SEP, None)
    assert [p.field for p in missing_period] == ["period"]


def test_validate_still_raises_the_first_problem_only() -> None:
    with pytest.raises(ValidationError) as refused:
        dues.validate_cash_payment(None, OCT, 0, NOV, SEP)
    assert refused.value.field == "amount"
    assert not isinstance(refused.value, ValidationGroup)


def test_add_refuses_every_mistake_together_and_saves_nothing(db) -> None:  # type: ignore[no-untyped-def]
    member = add_member(db, "1", "Асанов")
    with pytest.raises(ValidationGroup) as refused:
        dues.add_cash_payment(db, member, "R-1", OCT, -100, NOV, SEP)
    assert {e.field for e in refused.value.errors} == {"amount", "period"}
    assert _count(db) == 0


def test_a_members_receipts_newest_first_and_a_mistake_deleted(db) -> None:  # type: ignore[no-untyped-def]
    member = add_member(db, "1", "Асанов")
    other = add_member(db, "2", "Бекова")
    first = dues.add_cash_payment(db, member, " R-1 ", SEP, 40_000, SEP, SEP, note="  ")
    second = dues.add_cash_payment(db, member, None, NOV, 80_050, OCT, NOV, note=" пенсия ")
    dues.add_cash_payment(db, other, "R-9", OCT, 100, OCT, OCT)

    listed = dues.member_cash_payments(db, member)
    assert [p.id for p in listed] == [second, first]
    newest = listed[0]
    assert (newest.receipt_no, newest.paid_on, newest.amount) == (None, NOV, 80_050)
    assert (newest.period_from, newest.period_to, newest.note) == (OCT, NOV, "пенсия")
    assert (listed[1].receipt_no, listed[1].note) == ("R-1", None)

    dues.delete_cash_payment(db, first)
    assert [p.id for p in dues.member_cash_payments(db, member)] == [second]
    assert _count(db) == 2
    with db.reading() as s:
        logged = {
            e.field: e.old for e in s.scalars(
                select(AuditEntry).where(
                    AuditEntry.entity == "cash_payment", AuditEntry.entity_id == first,
                    AuditEntry.action == "delete",
                )
            )
        }
    assert logged["amount"] == "40000" and logged["receipt_no"] == "R-1"
    assert logged["member_id"] == str(member) and logged["period_from"] == "2026-09-01"
    with pytest.raises(NotFoundError):
        dues.delete_cash_payment(db, first)


def test_a_deleted_receipt_no_longer_covers_its_month(db) -> None:  # type: ignore[no-untyped-def]
    member = add_member(db, "1", "Асанов", pensioner=True)
    payment = dues.add_cash_payment(db, member, "R-1", OCT, 40_000, OCT, OCT)
    assert dues.reconcile(db, OCT).missing_pensioners == []
    dues.delete_cash_payment(db, payment)
    assert [r.member_id for r in dues.reconcile(db, OCT).missing_pensioners] == [member]


@pytest.mark.parametrize(
    ("months", "text"),
    [
        ([], ""),
        ([OCT], "10.2026"),
        ([SEP, OCT, NOV], "09–11.2026"),
        ([dt.date(2026, 1, 1), dt.date(2026, 2, 1), dt.date(2026, 3, 1), dt.date(2026, 5, 1)],
         "01–03.2026, 05.2026"),
        ([dt.date(2025, 11, 1), dt.date(2025, 12, 1), dt.date(2026, 1, 1), dt.date(2026, 2, 1)],
         "11.2025–02.2026"),
        ([NOV, SEP, dt.date(2026, 11, 20)], "09.2026, 11.2026"),  # unordered, repeated
    ],
)
def test_months_are_written_compactly(months: list[dt.date], text: str) -> None:
    assert dues.compact_months(months) == text


def test_a_receipts_period_is_written_compactly() -> None:
    assert dues.compact_period(OCT, OCT) == "10.2026"
    assert dues.compact_period(SEP, NOV) == "09–11.2026"
    assert dues.compact_period(NOV, dt.date(2027, 1, 1)) == "11.2026–01.2027"
