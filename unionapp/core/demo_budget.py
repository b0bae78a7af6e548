"""The demo's budget (смета): a plan for every demo year and the manual entries of a typical year.

A Budget page that opens on zeros teaches nothing, and one whose plan is far from the money
teaches the wrong thing, so each year's plan is drawn from the demo's own money: what the
registers hold for the year (dues retained, vouchers' subsidies, aid, awards), scaled up to a
whole year where the demo covers only part of it, give or take a tenth — and material aid
planned a little short in the years already over, so the page shows what overspending looks
like. Cultural and sports events (Nooruz, the sports day, Teachers' Day), other income (the
employer's transfer under the collective agreement) and other spending are manual entries
with their documents, dated no later than the demo's today.

Runs inside the demo's one transaction after the benefits (it reads the money they wrote);
its own random stream, so it changes nothing an earlier writer made with the same seed.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from unionapp.core.demo_dues import months_of
from unionapp.core.models import (
    AidPayment,
    Award,
    BudgetEntry,
    BudgetLine,
    CashPayment,
    PayrollEntry,
    Setting,
    Voucher,
)
from unionapp.core.money import percent_of

if TYPE_CHECKING:
    from unionapp.core.demo import DemoOrg

SOM = 100
ROUND_TO = 1_000 * SOM  # plans are round thousands of som
# (the day as (month, day) or a rule, share of the events' plan, the note in ky, in ru)
EVENTS = (
    ((3, 21), 0.35, "Нооруз майрамы", "Праздник Нооруз"),
    ((5, 16), 0.25, "Спорттук мелдеш", "Спортивные соревнования"),
    ("teachers_day", 0.30, "Мугалимдер күнү", "День учителя"),
)
OTHER_INCOME = (
    ((4, 10), "Иш берүүчүнүн которуусу (жамааттык келишим боюнча)",
     "Перечисление работодателя (по коллективному договору)"),
    ((10, 12), "Иш берүүчүнүн которуусу (жамааттык келишим боюнча)",
     "Перечисление работодателя (по коллективному договору)"),
)
OTHER_EXPENSE = (
    ((2, 14), "Кеңсе буюмдары", "Канцелярские товары"),
    ((6, 30), "Банктын кызмат акысы", "Услуги банка"),
    ((12, 24), "Балдарга жаңы жылдык белектер", "Новогодние подарки детям"),
)


def _round(tyiyn: float) -> int:
    return max(ROUND_TO, int(round(tyiyn / ROUND_TO)) * ROUND_TO)


def _teachers_day(year: int) -> dt.date:
    """The last Sunday of September (Kyrgyzstan's Мугалимдер күнү)."""
    day = dt.date(year, 9, 30)
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)


def _on(year: int, when: Any) -> dt.date:
    return _teachers_day(year) if when == "teachers_day" else dt.date(year, *when)


def _money_of(s: Session, year: int) -> dict[str, int]:
    """The registers' money of ``year``, read in the demo's own session."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    share_row = s.get(Setting, "dues.higher_share_percent")
    share = Decimal(share_row.value if share_row is not None else "0")
    by_month: dict[int, int] = {}
    for month, withheld in s.execute(
        select(PayrollEntry.month, func.sum(PayrollEntry.withheld))
        .where(PayrollEntry.month >= first, PayrollEntry.month <= last)
        .group_by(PayrollEntry.month)
    ):
        by_month[month.month] = by_month.get(month.month, 0) + int(withheld or 0)
    for paid_on, amount in s.execute(
        select(CashPayment.paid_on, CashPayment.amount)
        .where(CashPayment.paid_on >= first, CashPayment.paid_on <= last)
    ):
        by_month[paid_on.month] = by_month.get(paid_on.month, 0) + amount

    def summed(stmt: Any) -> int:
        return int(s.scalar(stmt) or 0)

    return {
        "dues_retained": sum(t - percent_of(t, share) for t in by_month.values()),
        "recreation": summed(select(func.sum(Voucher.cost - Voucher.copay)).where(
            Voucher.start_date >= first, Voucher.start_date <= last, Voucher.source == "own")),
        "aid": summed(select(func.sum(AidPayment.amount)).where(
            AidPayment.paid_on >= first, AidPayment.paid_on <= last)),
        "awards": summed(select(func.sum(Award.cost)).where(
            Award.status == "awarded", Award.awarded_on >= first, Award.awarded_on <= last)),
    }


def _plan(rng: random.Random, money: dict[str, int], whole: float, part: float,
          finished: bool, members: int) -> dict[str, int]:
    """The year's planned amounts by category: the registers' money give or take a tenth, the
    rest by the organization's size."""
    plan: dict[str, int] = {}
    for code, actual in money.items():
        factor = rng.uniform(0.95, 1.1)
        if code == "aid" and finished:
            factor = rng.uniform(0.82, 0.92)  # planned short: shown as overspent
        plan[code] = _round(actual * whole * factor) if actual else 0
    plan["events"] = _round(members * part * rng.uniform(45, 60) * SOM)
    plan["other_income"] = _round(members * part * rng.uniform(20, 30) * SOM)
    plan["other_expense"] = _round(members * part * rng.uniform(15, 25) * SOM)
    return plan


def _postings(rng: random.Random, year: int, plan: dict[str, int],
              ru: bool) -> list[tuple[dt.date, str, int, str]]:
    """(date, category, amount, note) of the year's manual entries, by date."""
    found: list[tuple[dt.date, str, int, str]] = []
    for when, share, ky, ru_text in EVENTS:
        amount = plan["events"] * share * rng.uniform(0.85, 1.2)
        found.append((_on(year, when), "events", int(amount), ru_text if ru else ky))
    for when, ky, ru_text in OTHER_INCOME:
        amount = plan["other_income"] / 2 * rng.uniform(0.9, 1.0)
        found.append((_on(year, when), "other_income", int(amount), ru_text if ru else ky))
    for when, ky, ru_text in OTHER_EXPENSE:
        amount = plan["other_expense"] / 3 * rng.uniform(0.7, 1.3)
        found.append((_on(year, when), "other_expense", int(amount), ru_text if ru else ky))
    return sorted(found)


def write_budget(s: Session, org: DemoOrg, advance: Callable[[int], None]) -> None:
    months = months_of(org)
    if not months:
        return
    rng = random.Random(f"unionapp-demo:{org.seed}:budget")
    start = months[0]
    lines: list[dict[str, Any]] = []
    entries: list[tuple[int, str, dict[str, Any]]] = []  # (year, category, row)
    for year in range(start.year, org.today.year + 1):
        covered = sum(1 for m in months if m.year == year) or 1
        # the year under way is planned for the whole of it; the demo's first year, which it
        # covers only from its first month, for the months it covers
        whole, part = (12 / covered, 1.0) if year == org.today.year else (1.0, covered / 12)
        plan = _plan(rng, _money_of(s, year), whole, part, year < org.today.year,
                     max(org.active, 1))
        for code, amount in plan.items():
            side = "income" if code in ("dues_retained", "other_income") else "expense"
            lines.append({"year": year, "side": side, "category": code, "name": None,
                          "planned": amount})
        numbers = {"income": 0, "expense": 0}  # receipts and acts are numbered per year
        for day, code, amount, note in _postings(rng, year, plan, org.kind != "school"):
            if not start <= day <= org.today:
                continue
            side = "income" if code == "other_income" else "expense"
            numbers[side] += 1
            document = ("ПКО № {n}" if side == "income" else "Акт № {n}").format(n=numbers[side])
            entries.append((year, code, {"entry_date": day, "document_no": document,
                                         "amount": max(SOM, amount // SOM * SOM),
                                         "note": note}))
    if not lines:
        return
    line_table: Any = BudgetLine.__table__  # a Table; typed Any as in demo._insert_chunks
    entry_table: Any = BudgetEntry.__table__
    s.connection().execute(insert(line_table), lines)
    ids = {
        (year, code): line_id
        for line_id, year, code in s.execute(
            select(BudgetLine.id, BudgetLine.year, BudgetLine.category)
            .where(BudgetLine.name.is_(None))
        )
    }
    rows = [{"line_id": ids[(year, code)], **row} for year, code, row in entries]
    if rows:
        s.connection().execute(insert(entry_table), rows)
    advance(len(lines) + len(rows))
