"""Jubilees and membership anniversaries coming up: whom to congratulate, and propose for an
award or aid, before the day rather than after it.

A jubilee is a birthday of 50, 55, 60, 65, 70, 75, 80… years (round and half-round ages from
fifty, as Kyrgyz and Russian workplaces mark them); a membership anniversary is 10, 20, 30, 40…
years since joining. Only active members count. Someone born (or joined) on 29 February
celebrates on 28 February in other years, so a jubilee is never skipped. The register is read
in one query and the dates computed in Python: 10,000 members take a few milliseconds.

Also here, for the Home page: the count of members now.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select

from unionapp.core import settings
from unionapp.core.db import Database
from unionapp.core.i18n import ngettext
from unionapp.core.member_list import collation_key
from unionapp.core.models import Department, Member

DAYS_SETTING = "anniversaries.days"
JUBILEE_FROM, JUBILEE_STEP = 50, 5
MEMBERSHIP_STEP = 10
BIRTHDAY, MEMBERSHIP = "birthday", "membership"


@dataclass(frozen=True)
class Anniversary:
    member_id: int
    card_no: str
    full_name: str
    department: str
    day: dt.date  # the day it falls on
    kind: str  # BIRTHDAY or MEMBERSHIP
    years: int

    @property
    def what(self) -> str:
        """What it is, in words and the current language: «60 years», «20 years in the union»."""
        if self.kind == BIRTHDAY:
            text = ngettext("{years} year", "{years} years", self.years)
        else:
            text = ngettext("{years} year in the union", "{years} years in the union", self.years)
        return text.format(years=self.years)

    @property
    def is_jubilee(self) -> bool:
        return self.kind == BIRTHDAY


def on_year(day: dt.date, year: int) -> dt.date:
    """``day``'s anniversary in ``year``; 29 February falls on 28 February in other years."""
    try:
        return day.replace(year=year)
    except ValueError:
        return dt.date(year, 2, 28)


def counts(kind: str, years: int) -> bool:
    if kind == BIRTHDAY:
        return years >= JUBILEE_FROM and years % JUBILEE_STEP == 0
    return years > 0 and years % MEMBERSHIP_STEP == 0


def window_days(db: Database) -> int:
    """The setting ``anniversaries.days``: how far ahead the Home page looks (default 30)."""
    return settings.get_int(db, DAYS_SETTING)


def upcoming(
    db: Database, days: int | None = None, today: dt.date | None = None
) -> list[Anniversary]:
    """Anniversaries from ``today`` to ``today + days`` (both included), by date then name."""
    today = today or dt.date.today()
    days = window_days(db) if days is None else max(0, days)
    last = today + dt.timedelta(days=days)
    years = range(today.year, last.year + 1)
    # Dates of every active member first (three small columns, read as they come), names only
    # of the few whose day falls in the window: at 50k members the whole rows cost ~40 MB.
    dates = select(Member.id, Member.birth_date, Member.join_date).where(
        Member.join_date <= today, or_(Member.exit_date.is_(None), Member.exit_date > today)
    )
    hits: list[tuple[int, str, dt.date, int]] = []
    with db.reading() as s:
        for member_id, birth, join in s.execute(dates):
            for kind, origin in ((BIRTHDAY, birth), (MEMBERSHIP, join)):
                if origin is None:
                    continue
                for year in years:
                    day = on_year(origin, year)
                    if today <= day <= last and counts(kind, year - origin.year):
                        hits.append((member_id, kind, day, year - origin.year))
        people: dict[int, tuple[str, str, str]] = {}
        ids = sorted({hit[0] for hit in hits})
        for start in range(0, len(ids), 500):
            names = (
                select(Member.id, Member.card_no, Member.surname, Member.name,
                       Member.patronymic, Department.name)
                .outerjoin(Department, Department.id == Member.department_id)
                .where(Member.id.in_(ids[start : start + 500]))
            )
            for member_id, card, surname, name, patronymic, department in s.execute(names):
                full = f"{surname} {name} {patronymic}" if patronymic else f"{surname} {name}"
                people[member_id] = (card, full, department or "")
    result = [
        Anniversary(member_id, people[member_id][0], people[member_id][1], people[member_id][2],
                    day, kind, years_count)
        for member_id, kind, day, years_count in hits
    ]
    result.sort(key=lambda a: (a.day, a.kind != BIRTHDAY, collation_key(a.full_name), a.card_no))
    return result


def members_now(db: Database, today: dt.date | None = None) -> int:
    """Members today, by DESIGN.md's definition (joined by today, not yet left)."""
    today = today or dt.date.today()
    with db.reading() as s:
        return int(
            s.scalar(
                select(func.count()).select_from(Member).where(
                    Member.join_date <= today,
                    or_(Member.exit_date.is_(None), Member.exit_date > today),
                )
            ) or 0
        )


def describe_window(days: int) -> str:
    return ngettext(
        "Anniversaries in the next {days} day", "Anniversaries in the next {days} days", days
    ).format(days=days)

