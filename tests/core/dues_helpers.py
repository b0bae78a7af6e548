"""A small known register and payroll month for the dues tests, written straight to the tables."""

from __future__ import annotations

import datetime as dt

from unionapp.core.db import Database
from unionapp.core.models import CashPayment, Department, Member, PayrollEntry

OCT = dt.date(2026, 10, 1)


def add_member(
    db: Database,
    card: str,
    surname: str,
    *,
    personnel: str | None = None,
    join: dt.date = dt.date(2020, 1, 1),
    exit_: dt.date | None = None,
    pensioner: bool = False,
    department: str | None = "Бухгалтерия",
) -> int:
    with db.transaction() as s:
        dep_id = None
        if department:
            dep = s.query(Department).filter_by(name=department).one_or_none()
            if dep is None:
                dep = Department(name=department)
                s.add(dep)
                s.flush()
            dep_id = dep.id
        member = Member(
            card_no=card, personnel_no=personnel, surname=surname, name="Аты",
            join_date=join, exit_date=exit_, pensioner=pensioner, department_id=dep_id,
        )
        s.add(member)
        s.flush()
        return member.id


def add_payroll(
    db: Database, month: dt.date, rows: list[tuple[int | None, str | None, str, int, int]]
) -> None:
    """rows: (member id, personnel no, full name, wage tyiyn, withheld tyiyn)."""
    with db.transaction() as s:
        for row_no, (member_id, pers, name, wage, withheld) in enumerate(rows, start=2):
            s.add(PayrollEntry(
                month=month, row_no=row_no, member_id=member_id, personnel_no=pers,
                full_name=name, wage=wage, withheld=withheld, source="test.xlsx",
            ))


def add_cash(db: Database, member_id: int, first: dt.date, last: dt.date, amount: int) -> None:
    with db.transaction() as s:
        s.add(CashPayment(
            member_id=member_id, receipt_no="R1", paid_on=first, amount=amount,
            period_from=first, period_to=last,
        ))


def known_month(db: Database) -> dict[str, int]:
    """October 2026: who is who in the register and on the payroll list."""
    ids = {
        "ok": add_member(db, "1", "Асанов", personnel="T1"),
        "joined_late": add_member(db, "2", "Бекова", personnel="T2", join=dt.date(2026, 10, 31)),
        "left_before": add_member(db, "3", "Исаев", personnel="T3", exit_=dt.date(2026, 10, 1)),
        "left_during": add_member(db, "4", "Жумаев", personnel="T4", exit_=dt.date(2026, 10, 2)),
        "joins_after": add_member(db, "5", "Кадырова", personnel="T5", join=dt.date(2026, 11, 1)),
        "wrong": add_member(db, "6", "Маматов", personnel="T6"),
        "nothing": add_member(db, "7", "Орозов", personnel="T7"),
        "pensioner_paid": add_member(db, "8", "Сыдыкова", pensioner=True),
        "pensioner_unpaid": add_member(db, "9", "Токтогулов", pensioner=True),
        "cash_unpaid": add_member(db, "10", "Усенов"),
        "zero": add_member(db, "11", "Эркинова", personnel="T11"),
    }
    add_cash(db, ids["pensioner_paid"], dt.date(2026, 9, 1), dt.date(2026, 12, 1), 40000)
    add_cash(db, ids["cash_unpaid"], dt.date(2026, 1, 1), dt.date(2026, 9, 1), 90000)
    add_payroll(db, OCT, [
        (ids["ok"], "T1", "Асанов Аты", 2_500_000, 25_000),
        (ids["joined_late"], "T2", "Бекова Аты", 1_000_000, 10_000),
        (ids["left_before"], "T3", "Исаев Аты", 1_000_000, 10_000),
        (ids["left_during"], "T4", "Жумаев Аты", 1_000_000, 10_000),
        (None, "T99", "Незнакомов Чужой", 2_000_000, 20_000),
        # 1% of 12 345.50 som = 123.455 -> 123.46 half-up; 123.45 withheld is wrong
        (ids["wrong"], "T6", "Маматов Аты", 1_234_550, 12_345),
        (ids["zero"], "T11", "Эркинова Аты", 500_000, 0),
    ])
    return ids
