"""The demo's benefits: the committee's protocols and what they granted over ``years`` years.

Every voucher, aid payment and award hangs on a protocol held before it, goes to someone who
was a member that day, and a camp voucher to a child of the camp's ages — the same rules the
forms and imports enforce — so the demo never shows a record the program would refuse.
Volumes follow a typical primary organization: a meeting a month except in summer, vouchers
for about one member in thirty a year, aid for one in twenty, awards for one in fifty, and a
queue of open applications waiting for next season.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from unionapp.core.award_types import SEED
from unionapp.core.demo_vouchers import (
    INSTITUTIONS,
    children_of,
    draw_applications,
    draw_voucher,
    member_on,
    queue_places,
)
from unionapp.core.models import (
    AidPayment,
    Award,
    AwardType,
    Decision,
    Institution,
    Voucher,
    VoucherApplication,
)

if TYPE_CHECKING:
    from unionapp.core.demo import DemoOrg

# the catalogue a new database is seeded with (Kyrgyz names), and each one's share of awards
AWARD_TYPES = tuple(
    (seed.ky, seed.level, seed.form, share)
    for seed, share in zip(SEED, (45, 35, 12, 8), strict=True)
)
AWARD_REASONS = (
    "Көп жылдык үзүрлүү эмгеги жана профсоюз ишине активдүү катышканы үчүн",
    "За многолетний добросовестный труд и активное участие в работе профсоюза",
    "Мугалимдер күнүнө карата",
    "В связи с юбилеем",
)
# reason, weight, amount range in som
AID = (
    ("birth", 20, (5_000, 5_000)),
    ("wedding", 15, (3_000, 5_000)),
    ("death", 20, (5_000, 10_000)),
    ("illness", 30, (3_000, 15_000)),
    ("jubilee", 10, (3_000, 5_000)),
    ("disaster", 3, (10_000, 20_000)),
    ("other", 2, (2_000, 4_000)),
)
AGENDA = (
    "Жолдомолорду бөлүштүрүү жөнүндө\nМатериалдык жардам көрсөтүү жөнүндө",
    "О распределении путевок\nОб оказании материальной помощи",
    "Сыйлыкка көрсөтүү жөнүндө\nАр кандай маселелер",
    "О награждении\nРазное",
)


def _insert(s: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    if rows:
        s.connection().execute(insert(model.__table__), rows)


def _ids(s: Session, model: Any) -> list[int]:
    return list(s.scalars(select(model.id).order_by(model.id)))


class _Register:
    """Who was a member on a day, by people index (ordinals compared, no dates built)."""

    def __init__(self, org: DemoOrg) -> None:
        self.org = org

    def members_on(self, day: dt.date) -> list[int]:
        d = day.toordinal()
        return [
            i
            for i, p in enumerate(self.org.people)
            if p.join <= d and (p.exit is None or p.exit > d)
        ]


def _meeting_days(org: DemoOrg) -> list[dt.date]:
    start = dt.date(org.today.year - org.years, org.today.month, 1)
    days: list[dt.date] = []
    year, month = start.year, start.month
    while (year, month) <= (org.today.year, org.today.month):
        if month not in (7, 8):  # no meetings in the summer holidays
            day = dt.date(year, month, 10 + (year * 7 + month * 3) % 12)
            if start <= day <= org.today - dt.timedelta(days=3):
                days.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return days


def write_benefits(s: Session, org: DemoOrg, advance: Callable[[int], None]) -> None:
    """Three years of meetings and what they granted, drawn in one fixed order from one seeded
    generator: the same seed gives the same demo, row for row."""
    if org.years == 0:
        return
    rng = random.Random(f"unionapp-demo:{org.seed}:benefits")
    days = _meeting_days(org)
    if not days:
        return
    decision_ids, institution_ids, type_ids = _write_catalogues(s, days)
    children = children_of(s, org)
    register = _Register(org)
    vouchers: list[dict[str, Any]] = []
    aid: list[dict[str, Any]] = []
    awards: list[dict[str, Any]] = []
    cert_seq: dict[int, int] = {}
    for decision_id, day in zip(decision_ids, days, strict=True):
        present = register.members_on(day)
        if not present:
            continue
        per_meeting = max(1, len(present) // 300)
        for _ in range(per_meeting):
            row = draw_voucher(rng, org, present, children, day, institution_ids, decision_id)
            if row is not None:
                vouchers.append(row)
        aid += _meeting_aid(rng, org, present, day, decision_id)
        if day.month in (3, 9, 10, 12):  # women's day, teachers' day, the year's end
            awards += _meeting_awards(rng, org, present, day, decision_id, type_ids, cert_seq)
    queue_places(org, vouchers)
    now = register.members_on(org.today)
    if not now:
        return _insert_all(s, advance, vouchers, aid, awards, [])
    awards += _waiting_nominations(rng, org, now, type_ids[0])
    _insert_all(s, advance, vouchers, aid, awards, draw_applications(rng, org, now, children))


def _write_catalogues(
    s: Session, days: list[dt.date]
) -> tuple[list[int], list[int], list[int]]:
    """The meetings' protocols (numbered from 1 each year), the institutions and the award
    types; their ids in insert order."""
    numbers: dict[int, int] = {}
    decisions = []
    for k, day in enumerate(days):
        numbers[day.year] = numbers.get(day.year, 0) + 1
        decisions.append(
            {
                "kind": "general" if day.month == 12 else "committee",
                "number": str(numbers[day.year]),
                "held_on": day,
                "agenda": AGENDA[k % len(AGENDA)],
                "note": None,
            }
        )
    _insert(s, Decision, decisions)
    decision_ids = _ids(s, Decision)
    _insert(
        s,
        Institution,
        [
            {
                "name": name,
                "kind": kind,
                "min_child_age": ages[0] if ages else None,
                "max_child_age": ages[1] if ages else None,
                "note": None,
            }
            for name, kind, ages, _cost, _days in INSTITUTIONS
        ],
    )
    institution_ids = _ids(s, Institution)
    _insert(
        s,
        AwardType,
        [
            {"name": name, "level": level, "form": form, "active": True}
            for name, level, form, _share in AWARD_TYPES
        ],
    )
    return decision_ids, institution_ids, _ids(s, AwardType)


def _meeting_aid(
    rng: random.Random, org: DemoOrg, present: list[int], day: dt.date, decision_id: int
) -> list[dict[str, Any]]:
    """A meeting's material aid: about one payment per 220 members, paid within two weeks."""
    aid: list[dict[str, Any]] = []
    for _ in range(max(1, len(present) // 220)):
        reason, _w, (low, high) = rng.choices(AID, weights=[a[1] for a in AID])[0]
        paid = min(day + dt.timedelta(days=rng.randrange(1, 15)), org.today)
        who = rng.choice(present)
        if not member_on(org, who, paid):
            continue
        aid.append(
            {
                "member_id": org.member_ids[who],
                "reason": reason,
                "amount": rng.randrange(low, high + 1, 500) * 100,
                "paid_on": paid,
                "decision_id": decision_id,
                "note": None,
            }
        )
    return aid


def _meeting_awards(
    rng: random.Random,
    org: DemoOrg,
    present: list[int],
    day: dt.date,
    decision_id: int,
    type_ids: list[int],
    cert_seq: dict[int, int],
) -> list[dict[str, Any]]:
    """A festive meeting's awards (about one per 120 members), certificates numbered on in
    ``cert_seq`` per year."""
    awards: list[dict[str, Any]] = []
    for _ in range(max(1, len(present) // 120)):
        cert_seq[day.year] = cert_seq.get(day.year, 0) + 1
        kind = rng.choices(range(len(type_ids)), weights=[t[3] for t in AWARD_TYPES])[0]
        who = rng.choice(present)
        nominated = max(
            day - dt.timedelta(days=rng.randrange(10, 40)),
            dt.date.fromordinal(org.people[who].join),
        )
        awards.append(
            {
                "member_id": org.member_ids[who],
                "award_type_id": type_ids[kind],
                "status": "awarded",
                "nominated_on": nominated,
                "awarded_on": day,
                "decision_id": decision_id,
                "cert_year": day.year,
                "cert_seq": cert_seq[day.year],
                "cost": rng.choice((0, 0, 200_000, 300_000, 500_000)),
                "reason": rng.choice(AWARD_REASONS),
                "note": None,
            }
        )
    return awards


def _waiting_nominations(
    rng: random.Random, org: DemoOrg, now: list[int], type_id: int
) -> list[dict[str, Any]]:
    """Nominations waiting for the next meeting: about one per 150 members of today."""
    awards: list[dict[str, Any]] = []
    for _ in range(max(1, len(now) // 150)):
        who = rng.choice(now)
        nominated = max(
            org.today - dt.timedelta(rng.randrange(1, 20)),
            dt.date.fromordinal(org.people[who].join),
        )
        awards.append(
            {
                "member_id": org.member_ids[who],
                "award_type_id": type_id,
                "status": "nominated",
                "nominated_on": nominated,
                "awarded_on": None,
                "decision_id": None,
                "cert_year": None,
                "cert_seq": None,
                "cost": 0,
                "reason": AWARD_REASONS[0],
                "note": None,
            }
        )
    return awards


def _insert_all(
    s: Session,
    advance: Callable[[int], None],
    vouchers: list[dict[str, Any]],
    aid: list[dict[str, Any]],
    awards: list[dict[str, Any]],
    applications: list[dict[str, Any]],
) -> None:
    for model, rows in (
        (Voucher, vouchers),
        (AidPayment, aid),
        (Award, awards),
        (VoucherApplication, applications),
    ):
        _insert(s, model, rows)
    advance(len(vouchers) + len(aid) + len(awards) + len(applications))
