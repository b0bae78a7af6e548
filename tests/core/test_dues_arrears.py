"""Arrears: the months a member owes between the first payroll month and the month before the
chosen date, and what each should have brought (rate × last wage, else as the last cash
receipt, else unknown)."""

from __future__ import annotations

import datetime as dt

from dues_helpers import add_cash, add_member, add_payroll

from unionapp.core import dues, settings

SEP, OCT, NOV = dt.date(2026, 9, 1), dt.date(2026, 10, 1), dt.date(2026, 11, 1)


def _by_name(rows: list[dues.Arrear]) -> dict[str, dues.Arrear]:
    return {r.full_name.split()[0]: r for r in rows}


def test_months_owed_follow_membership_payroll_and_cash(db) -> None:  # type: ignore[no-untyped-def]
    paid = add_member(db, "1", "Асанов", personnel="T1")
    gap = add_member(db, "2", "Бекова", personnel="T2")
    zero = add_member(db, "3", "Исаев", personnel="T3")
    add_member(db, "4", "Кадырова", join=dt.date(2026, 10, 20))
    add_member(db, "5", "Жумаев", exit_=dt.date(2026, 10, 1))
    cash = add_member(db, "6", "Сыдыкова", pensioner=True)
    add_member(db, "7", "Усенов", join=dt.date(2026, 12, 1))
    add_cash(db, cash, SEP, SEP, 40000)
    add_payroll(db, SEP, [
        (paid, "T1", "Асанов Аты", 2_000_000, 20_000),
        (gap, "T2", "Бекова Аты", 1_234_550, 12_346),
        (zero, "T3", "Исаев Аты", 500_000, 5_000),
    ])
    add_payroll(db, OCT, [
        (paid, "T1", "Асанов Аты", 2_500_000, 25_000),
        (zero, "T3", "Исаев Аты", 600_000, 0),
    ])
    add_payroll(db, NOV, [(paid, "T1", "Асанов Аты", 2_500_000, 25_000)])

    rows = _by_name(dues.arrears(db, dt.date(2026, 11, 15)))  # counts September-October
    assert set(rows) == {"Бекова", "Исаев", "Кадырова", "Жумаев", "Сыдыкова"}
    assert rows["Бекова"].months == (OCT,)
    # 1% of 12 345.50 som = 123.455 -> 123.46 half-up
    assert (rows["Бекова"].wage, rows["Бекова"].monthly, rows["Бекова"].total) == (
        1_234_550, 12_346, 12_346,
    )
    assert rows["Исаев"].months == (OCT,) and rows["Исаев"].monthly == 6_000  # last wage
    assert rows["Кадырова"].months == (OCT,) and rows["Кадырова"].total is None
    assert rows["Жумаев"].months == (SEP,)  # left on 1 October: a member in September only
    assert rows["Сыдыкова"].months == (OCT,)  # cash covered September
    # no wage on payroll: a month expected as on her last receipt (400,00 for September)
    assert (rows["Сыдыкова"].monthly, rows["Сыдыкова"].from_receipt) == (40_000, True)
    assert rows["Кадырова"].monthly is None  # neither a wage nor a receipt: unknown

    later = _by_name(dues.arrears(db, dt.date(2027, 1, 1)))  # September-December
    assert later["Бекова"].months == (OCT, NOV, dt.date(2026, 12, 1))
    assert later["Бекова"].total == 3 * 12_346
    assert later["Усенов"].months == (dt.date(2026, 12, 1),)
    assert later["Асанов"].months == (dt.date(2026, 12, 1),)  # no December list yet
    assert later["Асанов"].monthly == 25_000


def test_the_rate_setting_and_the_start_of_records(db) -> None:  # type: ignore[no-untyped-def]
    member = add_member(db, "1", "Асанов", join=dt.date(2020, 1, 1))
    assert dues.arrears(db, dt.date(2026, 11, 1)) == []  # no payroll: nothing to count from
    add_payroll(db, OCT, [(member, None, "Асанов Аты", 1_000_000, 0)])
    assert dues.arrears(db, OCT) == []  # October is not over on 1 October
    settings.set_value(db, dues.RATE_KEY, "2")
    (row,) = dues.arrears(db, NOV)
    assert row.months == (OCT,)  # not from 2020: payroll records start in October
    assert row.monthly == 20_000
