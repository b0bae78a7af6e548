"""The demo's dues: the accounting office's monthly lists and pensioners' cash receipts.

A demo that opens on an empty Dues page teaches nothing, so ``years`` years of months are
written the way they arrive in real life: every working member's 1% of a wage that rises each
January, working pensioners on the list too, pensioners who no longer work paying in cash by
the quarter, and — in the last month only, where the chairperson looks first — the handful of
slips each reconciliation list exists for: a member the office forgot, a person who left but
is still withheld from, an unknown personnel number, an amount not 1% of the wage.

Rows are built as tuples and inserted with one executemany per chunk: 10,000 members × 3 years
is 360,000 rows, and per-row ORM objects would make the demo ten times slower.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from unionapp.core.dues import member_in_month
from unionapp.core.models import CashPayment, PayrollEntry

if TYPE_CHECKING:
    from unionapp.core.demo import DemoOrg

CHUNK = 20_000
CASH_MONTHLY = 10_000  # tyiyn: 100 som a month, what a pensioner's committee usually asks
SOURCE = "demo"


def _day(ordinal: int | None) -> dt.date | None:
    return None if ordinal is None else dt.date.fromordinal(ordinal)


def months_of(org: DemoOrg) -> list[dt.date]:
    """The first days of the months with dues: ``years`` years up to last month."""
    if org.years == 0:
        return []
    last = (org.today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    first = dt.date(last.year - org.years, last.month, 1)
    months, day = [], first
    while day < last:
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        months.append(day)
    return months


def estimate_rows(org: DemoOrg) -> int:
    """About how many rows ``write_dues`` writes (member-months), for the progress bar."""
    months = months_of(org)
    if not months:
        return 0
    first, last = months[0].toordinal(), months[-1].toordinal()
    total = 0
    for p in org.people:
        start = max(p.join, first)
        end = min(p.exit if p.exit is not None else last + 31, last + 31)
        if end > start:
            total += round((end - start) / 30.44)
    return total


def _half_up_percent(wage: int) -> int:
    """1% of a wage in tyiyn, half-up to the tyiyn (the program's own rounding rule)."""
    return (wage + 50) // 100


def _wage(rng: random.Random, position: str) -> int:
    """A wage in whole som as the accounting office writes it, in tyiyn."""
    base = rng.randrange(16_000, 42_000)
    if any(word in position.casefold() for word in ("директор", "ректор", "декан", "башчы")):
        base += rng.randrange(15_000, 40_000)
    return base * 100


def write_dues(s: Session, org: DemoOrg, advance: Callable[[int], None]) -> None:
    months = months_of(org)
    if not months:
        return
    rng = random.Random(f"unionapp-demo:{org.seed}:dues")
    conn = s.connection()
    payroll: Any = PayrollEntry.__table__  # a Table; typed Any as in demo._insert_chunks
    people = org.people
    cash_payers = {
        i for i, p in enumerate(people) if p.pensioner and p.exit is None and rng.random() < 0.6
    }
    wages = [_wage(rng, p.position) for p in people]
    raises = [1 + rng.uniform(0.04, 0.10) for _ in people]
    last = months[-1]
    slips = _last_month_slips(rng, org, last, cash_payers)

    joins = [dt.date.fromordinal(p.join) for p in people]
    exits = [_day(p.exit) for p in people]

    def payroll_rows() -> Iterator[dict[str, object]]:
        year = months[0].year
        for month in months:
            if month.year != year:
                year = month.year
                for i in range(len(wages)):  # January: everyone's raise, rounded to the som
                    wages[i] = round(wages[i] * raises[i] / 100) * 100
            row_no = 7
            for i in range(len(people)):
                if i in cash_payers or i in slips.forgotten and month == last:
                    continue
                still_paying = month == last and i in slips.left_still_paying
                if not member_in_month(joins[i], exits[i], month) and not still_paying:
                    continue
                row_no += 1
                wage = wages[i]
                withheld = _half_up_percent(wage)
                if month == last and i in slips.wrong_amount:
                    withheld += rng.choice((-1, 1)) * rng.randrange(500, 5_000)
                yield _payroll(org, i, month, row_no, wage, withheld)
            if month == last:
                for k, (personnel, name) in enumerate(slips.strangers):
                    wage = rng.randrange(15_000, 30_000) * 100
                    yield {
                        "month": month,
                        "row_no": row_no + 1 + k,
                        "member_id": None,
                        "personnel_no": personnel,
                        "card_no": None,
                        "full_name": name,
                        "wage": wage,
                        "withheld": _half_up_percent(wage),
                        "source": SOURCE,
                    }

    chunk: list[dict[str, object]] = []
    for row in payroll_rows():
        chunk.append(row)
        if len(chunk) == CHUNK:
            conn.execute(insert(payroll), chunk)
            advance(len(chunk))
            chunk = []
    if chunk:
        conn.execute(insert(payroll), chunk)
        advance(len(chunk))
    cash = list(_cash_rows(rng, org, months, cash_payers))
    if cash:
        cash_table: Any = CashPayment.__table__
        conn.execute(insert(cash_table), cash)
        advance(len(cash))


def _payroll(
    org: DemoOrg, i: int, month: dt.date, row_no: int, wage: int, withheld: int
) -> dict[str, object]:
    p = org.people[i]
    return {
        "month": month,
        "row_no": row_no,
        "member_id": org.member_ids[i],
        "personnel_no": org.personnel_nos[i],
        "card_no": None,
        "full_name": " ".join(x for x in (p.surname, p.name, p.patronymic) if x),
        "wage": wage,
        "withheld": withheld,
        "source": SOURCE,
    }


class _Slips:
    def __init__(self) -> None:
        self.forgotten: set[int] = set()
        self.left_still_paying: set[int] = set()
        self.wrong_amount: set[int] = set()
        self.strangers: list[tuple[str, str]] = []


def _last_month_slips(
    rng: random.Random, org: DemoOrg, last: dt.date, cash_payers: set[int]
) -> _Slips:
    """A few of each kind, about one in two hundred members, never fewer than one."""
    slips = _Slips()
    people = org.people
    working = [
        i
        for i, p in enumerate(people)
        if i not in cash_payers and member_in_month(dt.date.fromordinal(p.join), _day(p.exit), last)
    ]
    left = [
        i
        for i, p in enumerate(people)
        if p.exit is not None
        and dt.date.fromordinal(p.exit) < last
        and dt.date.fromordinal(p.exit) >= dt.date(last.year - 1, last.month, 1)
    ]
    few = max(1, len(working) // 200)
    picked = rng.sample(working, min(len(working), 2 * few))
    slips.forgotten = set(picked[:few])
    slips.wrong_amount = set(picked[few:])
    slips.left_still_paying = set(rng.sample(left, min(len(left), max(1, few // 2))))
    slips.strangers = [
        (
            str(90_000 + k),
            rng.choice(
                ("Абдыкеримов Нурлан", "Петрова Анна Сергеевна", "Жээнбеков Улан", "Сыдыкова Айгүл")
            ),
        )
        for k in range(max(1, few // 3))
    ]
    return slips


def _cash_rows(
    rng: random.Random, org: DemoOrg, months: list[dt.date], cash_payers: set[int]
) -> Iterator[dict[str, object]]:
    """Each cash payer pays a quarter at a time, in the quarter's first month; a few are late."""
    receipt = 0
    for i in sorted(cash_payers):
        if rng.random() < 0.15:
            continue  # has not paid at all: shows up under arrears
        joined = dt.date.fromordinal(org.people[i].join)
        for start in range(0, len(months), 3):
            quarter = [m for m in months[start : start + 3] if member_in_month(joined, None, m)]
            if not quarter or rng.random() < 0.05:
                continue
            receipt += 1
            paid = quarter[0] + dt.timedelta(days=rng.randrange(0, 20))
            yield {
                "member_id": org.member_ids[i],
                "receipt_no": f"К-{receipt:04d}",
                "paid_on": min(paid, org.today),
                "amount": CASH_MONTHLY * len(quarter),
                "period_from": quarter[0],
                "period_to": quarter[-1],
                "note": None,
            }
