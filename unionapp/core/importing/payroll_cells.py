"""Cells of a payroll list: the month it is for («10.2026», «за октябрь 2026 г.») and amounts
of som (1C writes most as whole numbers).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from unionapp.core.errors import UserError
from unionapp.core.i18n import N_
from unionapp.core.importing.tabular import is_empty_cell
from unionapp.core.importing.values import (
    CellProblem,
    cell_text,
    read_known,
    within_amount_limit,
)
from unionapp.core.money import MoneyError, to_tyiyn

BAD_MONTH_ARGUMENT = N_("Not a month: {value}. Write the month as YYYY-MM, for example 2026-10.")

# Russian and Kyrgyz month names by stem, in any grammatical case («октябрь», «октября»).
_MONTH_STEMS = (
    ("январ", 1), ("феврал", 2), ("март", 3), ("апрел", 4), ("май", 5), ("мая", 5),
    ("мае", 5), ("июн", 6), ("июл", 7), ("август", 8), ("сентябр", 9), ("октябр", 10),
    ("ноябр", 11), ("декабр", 12),
)
_WORD_YEAR = re.compile(r"([а-яё]+)\s+(\d{4})", re.IGNORECASE)
_NUMERIC_MONTH = re.compile(r"^\s*(?:(\d{1,2})[./-](\d{4})|(\d{4})[./-](\d{1,2}))\s*$")


def parse_month_argument(value: str | dt.date | None) -> dt.date | None:
    """``--month 2026-10`` (or a date) -> the first day of that month."""
    if value is None or isinstance(value, dt.date):
        return value.replace(day=1) if value is not None else None
    month = month_of_text(value)
    if month is None:
        raise UserError(BAD_MONTH_ARGUMENT, value=value)
    return month


def month_of_text(text: str) -> dt.date | None:
    """«10.2026», «2026-10», «октябрь 2026», «за октябрь 2026 г.»; None when none is there."""
    match = _NUMERIC_MONTH.match(text)
    if match:
        month, year = (match.group(1), match.group(2)) if match.group(1) else match.group(4, 3)
        return _month(int(year), int(month))
    for word, year in _WORD_YEAR.findall(text):
        key = word.casefold()
        for stem, number in _MONTH_STEMS:
            if key.startswith(stem):
                return _month(int(year), number)
    return None


def _month(year: int, month: int) -> dt.date | None:
    return dt.date(year, month, 1) if 1 <= month <= 12 and 1900 < year < 2200 else None


def parse_month_cell(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime | dt.date):
        return dt.date(value.year, value.month, 1)
    return read_known(value, month_of_text, N_("Not a month: {value}. Write it as mm.yyyy."))


def parse_amount(value: Any) -> int | None:
    """Som as written -> tyiyn; an amount below zero, not a number or too large is refused."""
    tyiyn = amount_of(value)
    return None if tyiyn is None else within_amount_limit(tyiyn)


def amount_of(value: Any) -> int | None:
    """Som as written -> tyiyn, with no upper limit: a totals row sums thousands of wages."""
    if is_empty_cell(value):
        return None
    if type(value) is int:  # most cells of a 1C export: no text or Decimal to go through
        if value < 0:
            raise CellProblem(N_("The amount {value} is below zero."), value=cell_text(value))
        return value * 100
    try:
        tyiyn = to_tyiyn(value)
    except (MoneyError, ArithmeticError) as exc:  # too many digits: decimal.InvalidOperation
        raise CellProblem(
            N_("Not an amount of money: {value}."), value=cell_text(value)
        ) from exc
    if tyiyn < 0:
        raise CellProblem(N_("The amount {value} is below zero."), value=cell_text(value))
    return tyiyn


def month_name(month: dt.date) -> str:
    return f"{month:%Y-%m}"
