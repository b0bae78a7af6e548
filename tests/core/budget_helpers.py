"""A year's money in every register, built by hand, for the budget tests (core, CLI, UI, pg):
each row sits beside one just outside the year, so a boundary slip changes a figure."""

from __future__ import annotations

import datetime as dt

from unionapp.core import budget_edit, settings
from unionapp.core.budget_edit import EntryInput
from unionapp.core.db import Database
from unionapp.core.models import (
    AidPayment,
    Award,
    AwardType,
    CashPayment,
    Member,
    PayrollEntry,
    Voucher,
)

YEAR = 2025
# what fill_registers puts in YEAR, by category (tyiyn)
COUNTED = {"dues_retained": 266_000, "recreation": 4_700_000, "aid": 1_250_000,
           "awards": 300_000}


def _member(s, card: str) -> int:  # type: ignore[no-untyped-def]
    member = Member(card_no=card, surname="Асанова", name="Гүлнара", join_date=dt.date(2010, 1, 1))
    s.add(member)
    s.flush()
    return member.id


def _voucher(member_id: int, start: dt.date, cost: int, copay: int, source: str) -> Voucher:
    return Voucher(member_id=member_id, kind="sanatorium", start_date=start,
                   end_date=start + dt.timedelta(days=11), cost=cost, copay=copay, source=source)


def fill_registers(db: Database) -> None:
    """One year's money in every register, with a row just outside the year beside each."""
    settings.set_value(db, "dues.higher_share_percent", "30")
    with db.transaction() as s:
        a, b = _member(s, "Б-1"), _member(s, "Б-2")
        s.add_all([
            # dues: 1000 + 500 som withheld in January, 2000 in December; 300 som cash in June;
            # December 2024 and January 2026 are other years
            PayrollEntry(month=dt.date(2025, 1, 1), row_no=2, member_id=a, wage=10_000_000,
                         withheld=100_000),
            PayrollEntry(month=dt.date(2025, 1, 1), row_no=3, member_id=b, wage=5_000_000,
                         withheld=50_000),
            PayrollEntry(month=dt.date(2025, 12, 1), row_no=2, member_id=a, wage=20_000_000,
                         withheld=200_000),
            PayrollEntry(month=dt.date(2024, 12, 1), row_no=2, member_id=a, wage=1, withheld=777),
            PayrollEntry(month=dt.date(2026, 1, 1), row_no=2, member_id=a, wage=1, withheld=999),
            CashPayment(member_id=b, paid_on=dt.date(2025, 6, 15), amount=30_000,
                        period_from=dt.date(2025, 4, 1), period_to=dt.date(2025, 6, 1)),
            CashPayment(member_id=b, paid_on=dt.date(2024, 12, 31), amount=11_100,
                        period_from=dt.date(2025, 1, 1), period_to=dt.date(2025, 1, 1)),
            # vouchers: own funds count (subsidy = cost − copay), the employer's do not
            _voucher(a, dt.date(2025, 1, 1), 4_000_000, 800_000, "own"),  # 32 000 som
            _voucher(b, dt.date(2025, 12, 31), 1_500_000, 0, "own"),  # 15 000 som
            _voucher(a, dt.date(2025, 7, 1), 9_000_000, 1_000_000, "employer"),
            _voucher(b, dt.date(2025, 8, 1), 2_000_000, 0, "higher"),
            _voucher(a, dt.date(2024, 12, 31), 1_000_000, 0, "own"),
            _voucher(a, dt.date(2026, 1, 1), 1_000_000, 0, "own"),
            # aid paid in the year
            AidPayment(member_id=a, reason="birth", amount=500_000, paid_on=dt.date(2025, 1, 1)),
            AidPayment(member_id=b, reason="illness", amount=750_000,
                       paid_on=dt.date(2025, 12, 31)),
            AidPayment(member_id=b, reason="illness", amount=40_000,
                       paid_on=dt.date(2024, 12, 31)),
        ])
        kind = AwardType(name="Ардак грамота")
        s.add(kind)
        s.flush()
        s.add_all([
            Award(member_id=a, award_type_id=kind.id, status="awarded",
                  awarded_on=dt.date(2025, 3, 8), cost=300_000, cert_year=2025, cert_seq=1),
            Award(member_id=b, award_type_id=kind.id, status="awarded",
                  awarded_on=dt.date(2025, 10, 1), cost=0, cert_year=2025, cert_seq=2),
            Award(member_id=b, award_type_id=kind.id, status="awarded",
                  awarded_on=dt.date(2024, 10, 1), cost=900_000, cert_year=2024, cert_seq=1),
            Award(member_id=a, award_type_id=kind.id, status="nominated",
                  nominated_on=dt.date(2025, 11, 1), cost=0),
        ])




def plan_and_post(db: Database) -> None:
    """A plan for YEAR (recreation planned short: overspent) and two manual entries."""
    for code, planned in (("dues_retained", 300_000), ("other_income", 500_000),
                          ("recreation", 4_000_000), ("aid", 2_000_000), ("awards", 300_000),
                          ("events", 1_500_000)):
        budget_edit.set_planned(db, YEAR, code, planned)
    budget_edit.add_entry(db, YEAR, EntryInput("events", None, dt.date(2025, 3, 21), 1_234_550,
                                               "Акт № 12", "Нооруз майрамы"))
    budget_edit.add_entry(db, YEAR, EntryInput("other_income", None, dt.date(2025, 4, 10),
                                               700_000, "ПКО № 1", None))
