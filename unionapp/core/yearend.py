"""The year-end figures of DESIGN.md ("Year-end figures (definitions)"), counted once, here.

Every output (the JSON, the workbook, the PDF, the Reports page) reads a ``YearEnd``; none
counts anything itself, so the same figure is the same number everywhere.

Why a few grouped queries: the register may hold 10k members and three years of monthly
payroll rows (~360k); each figure is an aggregate the database computes in one pass over an
indexed range (members by their dates, payroll by month, vouchers, aid and awards by date),
so the work stays close to what the same SQL costs through bare sqlite3 (the bench holds us to
3x), where loading ORM objects and counting in Python would be tens of times slower. The
queries are plain SQL on both stores: dates compared as dates, the month of a cash payment
through ``EXTRACT`` (SQLAlchemy writes STRFTIME for SQLite).

Boundaries, as DESIGN defines them: the exit date is the first day someone is no longer a
member; a member at the start joined before 1 January and had not left by then; youth are
those whose age on 31 December is at most ``youth.max_age``, which is everyone born on or
after 1 January of (year - max age): on 31 December every birthday of the year, 29 February
included, has passed. The share passed up is rounded half-up per month, exactly as the dues
statement does, so the year's retained dues here equal the statement's and the budget's.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import and_, case, distinct, extract, func, or_, select
from sqlalchemy.orm import Session

from unionapp.core import settings
from unionapp.core.atomic_files import atomic_output
from unionapp.core.codes import AID_REASONS, EXIT_REASONS, VOUCHER_KINDS
from unionapp.core.db import Database
from unionapp.core.errors import UserError
from unionapp.core.i18n import N_, _
from unionapp.core.models import (
    AidPayment,
    Award,
    AwardType,
    CashPayment,
    Member,
    PayrollEntry,
    Voucher,
)
from unionapp.core.money import as_som_text, percent_of

FIRST_YEAR = 1900
FUTURE_YEAR = N_("The year {year} has not begun yet: a year-end report is made for {first} to "
                 "{last}.")
NOT_A_YEAR = N_("Not a year: {value}.")

# Notes: figures left out or to be read with care; codes in the JSON, texts when shown.
NO_DATA, NO_EMPLOYEES, YEAR_NOT_OVER = "no_data", "no_employees", "year_not_over"
NOTE_TEXTS = {
    NO_DATA: N_("Nothing is recorded for {year}: no members, dues, vouchers, aid or awards. "
                "The figures are zeros."),
    NO_EMPLOYEES: N_("The employer's headcount is not set (Settings), so the coverage of the "
                     "staff is left out."),
    YEAR_NOT_OVER: N_("The year {year} is not over yet: the figures count what is recorded so "
                      "far."),
}


@dataclass(frozen=True)
class VoucherFigures:
    """Vouchers of one kind starting in the year; money in tyiyn."""

    count: int = 0
    cost: int = 0
    copay: int = 0  # paid by the member

    @property
    def subsidy(self) -> int:
        return self.cost - self.copay


@dataclass(frozen=True)
class AidFigures:
    count: int = 0
    total: int = 0  # tyiyn


@dataclass(frozen=True)
class YearEnd:
    """Every figure of DESIGN's list for one year (money in integer tyiyn), plus what the
    printouts need beside them: the month-by-month dues, the awards' costs, the notes."""

    year: int
    members_start: int = 0
    admitted: int = 0
    left: int = 0
    left_by_reason: dict[str, int] = field(default_factory=dict)
    members_end: int = 0
    women_end: int = 0
    pensioners_end: int = 0
    youth_end: int = 0
    youth_max_age: int = 35
    employees: int | None = None  # None: not set, so no coverage
    coverage_percent: Decimal | None = None  # one decimal
    dues_received: int = 0
    dues_to_higher: int = 0
    dues_share_percent: Decimal = Decimal(0)
    dues_by_month: tuple[int, ...] = (0,) * 12  # received, January first
    vouchers: dict[str, VoucherFigures] = field(default_factory=dict)
    members_with_vouchers: int = 0
    children_with_vouchers: int = 0
    aid_by_reason: dict[str, AidFigures] = field(default_factory=dict)
    awards_by_type: dict[str, int] = field(default_factory=dict)
    awards_cost: int = 0
    notes: tuple[str, ...] = ()

    @property
    def dues_retained(self) -> int:
        return self.dues_received - self.dues_to_higher

    @property
    def aid_count(self) -> int:
        return sum(a.count for a in self.aid_by_reason.values())

    @property
    def aid_total(self) -> int:
        return sum(a.total for a in self.aid_by_reason.values())

    @property
    def awards_count(self) -> int:
        return sum(self.awards_by_type.values())

    @property
    def vouchers_total(self) -> VoucherFigures:
        kinds = self.vouchers.values()
        return VoucherFigures(sum(v.count for v in kinds), sum(v.cost for v in kinds),
                              sum(v.copay for v in kinds))

    @property
    def no_data(self) -> bool:
        return NO_DATA in self.notes

    def note_texts(self) -> list[str]:
        """The notes in the current language."""
        return [_(NOTE_TEXTS[code]).format(year=self.year) for code in self.notes]


def check_year(year: int, today: dt.date | None = None) -> int:
    """A year that has begun (a year to come is refused: there is nothing to report yet)."""
    last = (today or dt.date.today()).year
    if year < FIRST_YEAR:
        raise UserError(NOT_A_YEAR, value=year)
    if year > last:
        raise UserError(FUTURE_YEAR, year=year, first=FIRST_YEAR, last=last)
    return year


def year_end(db: Database, year: int, *, today: dt.date | None = None) -> YearEnd:
    """The figures of ``year`` (refused when the year has not begun)."""
    today = today or dt.date.today()
    check_year(year, today)
    return history(db, [year], today=today)[0]


def history(db: Database, years: Iterable[int], *, today: dt.date | None = None) -> list[YearEnd]:
    """The figures of several years (the charts' members over the years), in one session."""
    today = today or dt.date.today()
    values = settings.get_all(db)
    with db.reading() as s:
        return [_count(s, year, values, today) for year in years]


def _count(s: Session, year: int, values: dict[str, str], today: dt.date) -> YearEnd:
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    youth_age = int(values["youth.max_age"])
    share = Decimal(values["dues.higher_share_percent"])
    members = _members(s, first, last, youth_age)
    by_month = _dues_by_month(s, first, last)
    to_higher = sum(percent_of(amount, share) for amount in by_month)
    vouchers, with_vouchers, children = _vouchers(s, first, last)
    aid = _aid(s, first, last)
    awards, awards_cost = _awards(s, first, last)
    employees = int(values["org.employees"]) or None
    coverage = None
    if employees:
        coverage = (Decimal(100 * members["end"]) / employees).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP)
    anything = (members["start"] or members["admitted"] or members["left"] or any(by_month)
                or any(v.count for v in vouchers.values()) or any(a.count for a in aid.values())
                or awards)
    notes = [code for code, applies in ((NO_DATA, not anything), (NO_EMPLOYEES, not employees),
                                        (YEAR_NOT_OVER, year >= today.year)) if applies]
    return YearEnd(
        year=year, members_start=members["start"], admitted=members["admitted"],
        left=members["left"], left_by_reason=_left_by_reason(s, first, last),
        members_end=members["end"], women_end=members["women"],
        pensioners_end=members["pensioners"], youth_end=members["youth"],
        youth_max_age=youth_age, employees=employees, coverage_percent=coverage,
        dues_received=sum(by_month), dues_to_higher=to_higher, dues_share_percent=share,
        dues_by_month=tuple(by_month), vouchers=vouchers, members_with_vouchers=with_vouchers,
        children_with_vouchers=children, aid_by_reason=aid, awards_by_type=awards,
        awards_cost=awards_cost, notes=tuple(notes),
    )


def _sum_if(condition: Any) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _members(s: Session, first: dt.date, last: dt.date, youth_age: int) -> dict[str, int]:
    """Start, admitted, left and the members on 31 December with their kinds: one pass over
    the members who were in the union at some time in the year."""
    m = Member
    at_start = and_(m.join_date < first, or_(m.exit_date.is_(None), m.exit_date >= first))
    at_end = and_(m.join_date <= last, or_(m.exit_date.is_(None), m.exit_date > last))
    born_from = dt.date(first.year - youth_age, 1, 1)
    row = s.execute(
        select(
            _sum_if(at_start), _sum_if(m.join_date.between(first, last)),
            _sum_if(m.exit_date.between(first, last)), _sum_if(at_end),
            _sum_if(and_(at_end, m.sex == "F")), _sum_if(and_(at_end, m.pensioner.is_(True))),
            _sum_if(and_(at_end, m.birth_date >= born_from)),
        ).where(m.join_date <= last, or_(m.exit_date.is_(None), m.exit_date >= first))
    ).one()
    names = ("start", "admitted", "left", "end", "women", "pensioners", "youth")
    return {name: int(value) for name, value in zip(names, row, strict=True)}


def _left_by_reason(s: Session, first: dt.date, last: dt.date) -> dict[str, int]:
    """Every reason code (zeros too, so the keys are always the same); a missing reason is
    counted as "other", so the reasons add up to ``left``."""
    found = dict.fromkeys(EXIT_REASONS, 0)
    for reason, count in s.execute(
        select(Member.exit_reason, func.count()).where(Member.exit_date.between(first, last))
        .group_by(Member.exit_reason)
    ):
        key = reason or "other"
        found[key] = found.get(key, 0) + int(count)
    return found


def _dues_by_month(s: Session, first: dt.date, last: dt.date) -> list[int]:
    """Dues received in each month: payroll of the month plus cash paid in it."""
    months = [0] * 12
    for month, amount in s.execute(
        select(PayrollEntry.month, func.sum(PayrollEntry.withheld))
        .where(PayrollEntry.month.between(first, last)).group_by(PayrollEntry.month)
    ):
        months[month.month - 1] += int(amount or 0)
    paid_in = extract("month", CashPayment.paid_on)
    for month_no, amount in s.execute(
        select(paid_in, func.sum(CashPayment.amount))
        .where(CashPayment.paid_on.between(first, last)).group_by(paid_in)
    ):
        months[int(month_no) - 1] += int(amount or 0)
    return months


def _vouchers(
    s: Session, first: dt.date, last: dt.date
) -> tuple[dict[str, VoucherFigures], int, int]:
    """By kind (every kind code, zeros too); distinct members who went themselves and
    distinct children sent."""
    v = Voucher
    starting = v.start_date.between(first, last)
    kinds = {code: VoucherFigures() for code in VOUCHER_KINDS.codes}
    for kind, count, cost, copay in s.execute(
        select(v.kind, func.count(), func.sum(v.cost), func.sum(v.copay))
        .where(starting).group_by(v.kind)
    ):
        kinds[kind] = VoucherFigures(int(count), int(cost or 0), int(copay or 0))
    members, children = s.execute(
        select(func.count(distinct(case((v.child_id.is_(None), v.member_id)))),
               func.count(distinct(v.child_id))).where(starting)
    ).one()
    return kinds, int(members), int(children)


def _aid(s: Session, first: dt.date, last: dt.date) -> dict[str, AidFigures]:
    found = {code: AidFigures() for code in AID_REASONS.codes}
    for reason, count, total in s.execute(
        select(AidPayment.reason, func.count(), func.sum(AidPayment.amount))
        .where(AidPayment.paid_on.between(first, last)).group_by(AidPayment.reason)
    ):
        found[reason] = AidFigures(int(count), int(total or 0))
    return found


def _awards(s: Session, first: dt.date, last: dt.date) -> tuple[dict[str, int], int]:
    """Awards given in the year by their type's name as stored (names in order), and their
    costs (prizes, gifts) for the spending chart."""
    counts: dict[str, int] = {}
    cost = 0
    for name, count, spent in s.execute(
        select(AwardType.name, func.count(), func.sum(Award.cost))
        .join(AwardType, Award.award_type_id == AwardType.id)
        .where(Award.status == "awarded", Award.awarded_on.between(first, last))
        .group_by(AwardType.name).order_by(AwardType.name)
    ):
        counts[name] = int(count)
        cost += int(spent or 0)
    return counts, cost


# -- the JSON of the public contract ---------------------------------------------------------


def as_json_dict(figures: YearEnd, previous: YearEnd | None = None) -> dict[str, Any]:
    """DESIGN's keys exactly (in its order), then ours; money as "1234.50" text, percentages
    as "45.3" text (never a float); codes as keys. ``previous``: the year before, the same
    shape, under "previous"."""
    f = figures
    data: dict[str, Any] = {
        "members_start": f.members_start,
        "admitted": f.admitted,
        "left": f.left,
        "left_by_reason": dict(f.left_by_reason),
        "members_end": f.members_end,
        "women_end": f.women_end,
        "pensioners_end": f.pensioners_end,
        "youth_end": f.youth_end,
        "employees": f.employees,
        "coverage_percent": None if f.coverage_percent is None else str(f.coverage_percent),
        "dues_received": as_som_text(f.dues_received),
        "dues_to_higher": as_som_text(f.dues_to_higher),
        "dues_retained": as_som_text(f.dues_retained),
        "vouchers": {
            kind: {"count": v.count, "cost": as_som_text(v.cost), "copay": as_som_text(v.copay),
                   "subsidy": as_som_text(v.subsidy)}
            for kind, v in f.vouchers.items()
        },
        "members_with_vouchers": f.members_with_vouchers,
        "children_with_vouchers": f.children_with_vouchers,
        "aid_count": f.aid_count,
        "aid_total": as_som_text(f.aid_total),
        "aid_by_reason": {reason: {"count": a.count, "total": as_som_text(a.total)}
                          for reason, a in f.aid_by_reason.items()},
        "awards_by_type": dict(f.awards_by_type),
        # ours, beside the contract's
        "year": f.year,
        "youth_max_age": f.youth_max_age,
        "dues_higher_share_percent": str(f.dues_share_percent),
        "dues_by_month": {f"{f.year}-{month:02d}": as_som_text(amount)
                          for month, amount in enumerate(f.dues_by_month, start=1)},
        "awards_count": f.awards_count,
        "awards_cost": as_som_text(f.awards_cost),
        "no_data": f.no_data,
        "notes": [{"code": code, "message": text}
                  for code, text in zip(f.notes, f.note_texts(), strict=True)],
    }
    if previous is not None:
        data["previous"] = as_json_dict(previous)
    return data


def write_json(figures: YearEnd, previous: YearEnd | None, path: Path) -> None:
    """UTF-8, indented, Cyrillic as it is (not \\u escapes), written beside and renamed."""
    text = json.dumps(as_json_dict(figures, previous), ensure_ascii=False, indent=2)
    with atomic_output(path) as temp:
        temp.write_text(text + "\n", encoding="utf-8")
