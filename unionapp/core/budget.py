"""The budget (смета) of a year: planned income and expenses against what came in and went out.

What was planned is stored (``BudgetLine.planned``); what actually happened is never typed twice:
the lines the registers already know are counted from them —

- dues retained: the dues statement's «retained» for the year (``dues_statement``), so the
  budget and the statement to the higher body can never disagree;
- recreation: vouchers' subsidies (cost − the member's co-payment) of vouchers starting in the
  year and paid from the organization's own funds (source ``own``: a voucher the employer or
  the higher body paid for is not this budget's money);
- material aid: aid paid in the year; awards: the costs of awards given in the year —

and anything else (other income, cultural and sports events, other spending, or a correction
to a counted line) is a manual ``BudgetEntry`` with its document number. Every category has a
line of its own even when nothing was planned for it, so spending without a plan shows up;
a line may also carry its own wording («Нооруз майрамы») beside the category's line. The
registers' figures always go to the category's own line (the one without a name).

Money is integer tyiyn throughout; percentages are Decimals rounded half-up to one place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from unionapp.core.db import Database
from unionapp.core.dues_statement import dues_statement
from unionapp.core.errors import ValidationError
from unionapp.core.i18n import N_, _, get_language
from unionapp.core.models import (
    AidPayment,
    Award,
    BudgetEntry,
    BudgetLine,
    CashPayment,
    PayrollEntry,
    Voucher,
)

INCOME, EXPENSE = "income", "expense"
SIDES = {INCOME: N_("Income"), EXPENSE: N_("Expenses")}
OWN_FUNDS = "own"  # the voucher source whose subsidies this budget pays
OVERSPENT = N_("Overspent")  # said in words beside any colour: printouts are black and white
NO_PLAN = "—"  # the percentage of a line with nothing planned
NOT_A_YEAR = N_("Not a budget year: {value}. Choose a year from {first} to {last}.")
FIRST_YEAR = 1900


@dataclass(frozen=True)
class Category:
    """A kind of budget line; ``counted`` lines take their actual sum from a register."""

    side: str
    code: str
    label: str  # marked with N_(); translated where shown
    counted: bool


CATEGORIES: tuple[Category, ...] = (
    Category(INCOME, "dues_retained", N_("Dues retained"), True),
    Category(INCOME, "other_income", N_("Other income"), False),
    Category(EXPENSE, "recreation", N_("Recreation (vouchers)"), True),
    Category(EXPENSE, "aid", N_("Material aid"), True),
    Category(EXPENSE, "awards", N_("Awards"), True),
    Category(EXPENSE, "events", N_("Cultural and sports events"), False),
    Category(EXPENSE, "other_expense", N_("Other expenses"), False),
)
BY_CODE = {c.code: c for c in CATEGORIES}
ORDER = {c.code: i for i, c in enumerate(CATEGORIES)}


def category(code: str | None) -> Category | None:
    return BY_CODE.get(code or "")


def category_label(code: str) -> str:
    found = BY_CODE.get(code)
    return _(found.label) if found is not None else code


def line_label(code: str, name: str | None) -> str:
    """The line as people read it: the category, with the line's own wording after it."""
    if not name:
        return category_label(code)
    return f"{category_label(code)}: {name}"  # punctuation only: the same in ky and ru


def percent_text(value: Decimal | None, lang: str | None = None) -> str:
    """``112,5 %`` in the language's decimal sign; a dash when nothing was planned."""
    if value is None:
        return NO_PLAN
    from babel.numbers import format_decimal

    return f"{format_decimal(value, format='#,##0.0', locale=lang or get_language())}\u00a0%"


def status_text(overspent: bool) -> str:
    return _(OVERSPENT) if overspent else ""


def last_year(today: dt.date | None = None) -> int:
    """A budget is planned ahead for next year at most; a later year is a typing slip."""
    return (today or dt.date.today()).year + 1


def check_year(year: int, today: dt.date | None = None) -> None:
    if not FIRST_YEAR <= year <= last_year(today):
        raise ValidationError(NOT_A_YEAR, field="year", value=year, first=FIRST_YEAR,
                              last=last_year(today))


def percent(part: int, whole: int) -> Decimal | None:
    """100 × part / whole to one decimal, half-up; None when nothing was planned."""
    if whole == 0:
        return None
    exact = Decimal(part) * 100 / Decimal(whole)
    return exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class LineRow:
    """One line of the year: planned, and actual = counted from registers + manual entries."""

    id: int | None  # None: the category's line, not stored yet (nothing planned or posted)
    side: str
    category: str
    name: str | None
    planned: int
    counted: int  # from the registers (0 for a line no register feeds)
    posted: int  # the sum of the line's manual entries
    entries: int  # how many manual entries

    @property
    def key(self) -> tuple[str, str, str | None]:
        return self.side, self.category, self.name

    @property
    def label(self) -> str:
        return line_label(self.category, self.name)

    @property
    def actual(self) -> int:
        return self.counted + self.posted

    @property
    def remaining(self) -> int:
        """What is left of the plan (negative: spent over it; income: still to come in)."""
        return self.planned - self.actual

    @property
    def overspent(self) -> bool:
        """Expenses over the plan, an unplanned expense included; income is never overspent."""
        return self.side == EXPENSE and self.actual > self.planned

    @property
    def percent_used(self) -> Decimal | None:
        return percent(self.actual, self.planned)


@dataclass(frozen=True)
class SideTotals:
    side: str
    planned: int
    actual: int

    @property
    def remaining(self) -> int:
        return self.planned - self.actual

    @property
    def overspent(self) -> bool:
        return self.side == EXPENSE and self.actual > self.planned

    @property
    def percent_used(self) -> Decimal | None:
        return percent(self.actual, self.planned)


@dataclass(frozen=True)
class EntryRow:
    """A manual posting, with its line."""

    id: int
    line_id: int
    side: str
    category: str
    name: str | None
    entry_date: dt.date
    amount: int
    document_no: str | None
    note: str | None

    @property
    def key(self) -> tuple[str, str, str | None]:
        return self.side, self.category, self.name

    @property
    def label(self) -> str:
        return line_label(self.category, self.name)


@dataclass(frozen=True)
class Budget:
    year: int
    lines: tuple[LineRow, ...]
    entries: tuple[EntryRow, ...]  # by date

    def side_lines(self, side: str) -> list[LineRow]:
        return [line for line in self.lines if line.side == side]

    def totals(self, side: str) -> SideTotals:
        lines = self.side_lines(side)
        return SideTotals(side, sum(x.planned for x in lines), sum(x.actual for x in lines))

    @property
    def income(self) -> SideTotals:
        return self.totals(INCOME)

    @property
    def expense(self) -> SideTotals:
        return self.totals(EXPENSE)

    @property
    def balance_planned(self) -> int:
        return self.income.planned - self.expense.planned

    @property
    def balance_actual(self) -> int:
        return self.income.actual - self.expense.actual

    @property
    def overspent(self) -> list[LineRow]:
        return [line for line in self.lines if line.overspent]

    @property
    def has_plan(self) -> bool:
        return any(line.planned for line in self.lines)

    @property
    def is_empty(self) -> bool:
        """Nothing planned, counted or posted: a report of zeros that should say so."""
        return not any(line.planned or line.actual or line.entries for line in self.lines)

    def line(self, key: tuple[str, str, str | None]) -> LineRow | None:
        return next((line for line in self.lines if line.key == key), None)


def _bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def counted_actuals(db: Database, session: Session, year: int) -> dict[str, int]:
    """What the registers say was received or spent in ``year``, by category code."""
    first, last = _bounds(year)
    recreation = session.scalar(
        select(func.coalesce(func.sum(Voucher.cost - Voucher.copay), 0)).where(
            Voucher.start_date >= first, Voucher.start_date <= last, Voucher.source == OWN_FUNDS
        )
    )
    aid = session.scalar(
        select(func.coalesce(func.sum(AidPayment.amount), 0)).where(
            AidPayment.paid_on >= first, AidPayment.paid_on <= last
        )
    )
    awards = session.scalar(
        select(func.coalesce(func.sum(Award.cost), 0)).where(
            Award.status == "awarded", Award.awarded_on >= first, Award.awarded_on <= last
        )
    )
    return {
        "dues_retained": dues_statement(db, year).retained,
        "recreation": int(recreation or 0),
        "aid": int(aid or 0),
        "awards": int(awards or 0),
    }


def budget(db: Database, year: int) -> Budget:
    """The year's budget: every category's line (planned or not), named lines, manual entries."""
    check_year(year)
    with db.reading() as session:
        counted = counted_actuals(db, session, year)
        stored = list(session.execute(
            select(BudgetLine.id, BudgetLine.side, BudgetLine.category, BudgetLine.name,
                   BudgetLine.planned).where(BudgetLine.year == year)
        ))
        entry_rows = list(session.execute(
            select(BudgetEntry.id, BudgetEntry.line_id, BudgetLine.side, BudgetLine.category,
                   BudgetLine.name, BudgetEntry.entry_date, BudgetEntry.amount,
                   BudgetEntry.document_no, BudgetEntry.note)
            .join(BudgetLine, BudgetLine.id == BudgetEntry.line_id)
            .where(BudgetLine.year == year)
            .order_by(BudgetEntry.entry_date, BudgetEntry.id)
        ))
    posted: dict[int, tuple[int, int]] = {}
    for row in entry_rows:
        total, count = posted.get(row.line_id, (0, 0))
        posted[row.line_id] = (total + row.amount, count + 1)
    lines: list[LineRow] = []
    own_lines = {(r.side, r.category) for r in stored if not r.name}
    for r in stored:
        total, count = posted.get(r.id, (0, 0))
        lines.append(LineRow(r.id, r.side, r.category, r.name or None, int(r.planned),
                             0 if r.name else counted.get(r.category, 0), total, count))
    for c in CATEGORIES:
        if (c.side, c.code) not in own_lines:
            lines.append(LineRow(None, c.side, c.code, None, 0, counted.get(c.code, 0), 0, 0))
    lines.sort(key=lambda x: (x.side != INCOME, ORDER.get(x.category, len(ORDER)),
                              x.name is not None, (x.name or "").casefold()))
    entries = tuple(
        EntryRow(r.id, r.line_id, r.side, r.category, r.name or None, r.entry_date,
                 int(r.amount), r.document_no, r.note)
        for r in entry_rows
    )
    return Budget(year, tuple(lines), entries)


def budget_years(db: Database, today: dt.date | None = None) -> list[int]:
    """Every year from the first with any budget or register money up to next year, newest
    first: the years a chairperson may open (a year with no data shows zeros)."""
    now = (today or dt.date.today()).year
    with db.reading() as session:
        firsts = [
            session.scalar(select(func.min(BudgetLine.year))),
            _year_of(session.scalar(select(func.min(PayrollEntry.month)))),
            _year_of(session.scalar(select(func.min(CashPayment.paid_on)))),
            _year_of(session.scalar(select(func.min(Voucher.start_date)))),
            _year_of(session.scalar(select(func.min(AidPayment.paid_on)))),
            _year_of(session.scalar(select(func.min(Award.awarded_on)))),
        ]
    first = min([y for y in firsts if y is not None and y >= FIRST_YEAR] + [now])
    return list(range(last_year(today), first - 1, -1))


def _year_of(day: dt.date | None) -> int | None:
    return day.year if day is not None else None


def planned_years(db: Database) -> list[int]:
    """The years with any planned amount, newest first."""
    with db.reading() as session:
        return list(session.scalars(
            select(BudgetLine.year).where(BudgetLine.planned != 0)
            .group_by(BudgetLine.year).order_by(BudgetLine.year.desc())
        ))
