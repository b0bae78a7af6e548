"""Calendar months as dues count them: a month's first and last day, membership in a month,
and months written the way people write them («01–03.2026»).

Membership in a month: a member "in the month" is a member on at least one day of it, i.e.
``join_date <= last day`` and (``exit_date`` empty or ``exit_date > first day``), the
year-end definition of a member on a day applied to each day of the month. Someone who
joined on the 20th or left on the 10th owes that month's dues, so a deduction from them
is right and no deduction is "missing".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from unionapp.core.formatting import format_month


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(month: dt.date) -> dt.date:
    """The last day of ``month``'s month."""
    following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def member_in_month(join: dt.date, exit_: dt.date | None, month: dt.date) -> bool:
    """A member on at least one day of the month (see the module docstring)."""
    first = month_start(month)
    return join <= month_end(first) and (exit_ is None or exit_ > first)


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every month from ``first`` to ``last`` (first days), both included."""
    months: list[dt.date] = []
    month = first
    while month <= last:
        months.append(month)
        month = month_end(month) + dt.timedelta(days=1)
    return months


def compact_months(months: Sequence[dt.date]) -> str:
    """Months as people write them: runs of following months joined, «01–03.2026, 05.2026»;
    a run over New Year keeps both years, «11.2025–02.2026»."""
    ordered = sorted({month_start(m) for m in months})
    runs: list[tuple[dt.date, dt.date]] = []
    for month in ordered:
        if runs and month_start(runs[-1][1] + dt.timedelta(days=32)) == month:
            runs[-1] = (runs[-1][0], month)
        else:
            runs.append((month, month))
    parts = []
    for first, last in runs:
        if first == last:
            parts.append(format_month(first))
        elif first.year == last.year:  # «01–03.2026»: the first month without its year
            parts.append(f"{first.month:02d}–{format_month(last)}")
        else:
            parts.append(f"{format_month(first)}–{format_month(last)}")
    return ", ".join(parts)


def compact_period(first: dt.date, last: dt.date) -> str:
    """A receipt's months from ``first`` to ``last``: «10.2026», «10–12.2026»."""
    return compact_months(months_between(month_start(first), month_start(last)))
