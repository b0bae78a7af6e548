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
from unionapp.core.models import (
    AidPayment,
    Award,
    AwardType,
    Child,
    Decision,
    Institution,
    Voucher,
    VoucherApplication,
)

if TYPE_CHECKING:
    from unionapp.core.demo import DemoOrg

# name, kind, children's ages (camps), cost range in som, days
INSTITUTIONS = (
    ("«Ысык-Көл Аврора» санаторийи", "sanatorium", None, (38_000, 62_000), 12),
    ("«Жалал-Абад» санаторийи", "sanatorium", None, (24_000, 36_000), 12),
    ("«Кыргызское взморье» санаторий", "sanatorium", None, (30_000, 48_000), 12),
    ("«Ала-Арча» эс алуу үйү", "rest_home", None, (12_000, 20_000), 7),
    ("«Голубой Иссык-Куль» пансионат", "rest_home", None, (16_000, 26_000), 10),
    ("«Сокол» балдар лагери", "children_camp", (7, 15), (14_000, 20_000), 18),
    ("«Жаштык» балдар лагери", "children_camp", (8, 16), (12_000, 18_000), 21),
    ("Сары-Челек туристтик жолу", "tour", None, (9_000, 15_000), 5),
)
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
    if org.years == 0:
        return
    rng = random.Random(f"unionapp-demo:{org.seed}:benefits")
    days = _meeting_days(org)
    if not days:
        return
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
    type_ids = _ids(s, AwardType)
    children = _children(s, org)
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
            row = _voucher(rng, org, present, children, day, institution_ids, decision_id)
            if row is not None:
                vouchers.append(row)
        for _ in range(max(1, len(present) // 220)):
            reason, _w, (low, high) = rng.choices(AID, weights=[a[1] for a in AID])[0]
            paid = min(day + dt.timedelta(days=rng.randrange(1, 15)), org.today)
            who = rng.choice(present)
            if not _member_on(org, who, paid):
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
        if day.month in (3, 9, 10, 12):  # women's day, teachers' day, the year's end
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
    _queue_places(org, vouchers)
    now = register.members_on(org.today)
    if not now:
        return _insert_all(s, advance, vouchers, aid, awards, [])
    for _ in range(max(1, len(now) // 150)):  # nominations waiting for the next meeting
        who = rng.choice(now)
        nominated = max(
            org.today - dt.timedelta(rng.randrange(1, 20)),
            dt.date.fromordinal(org.people[who].join),
        )
        awards.append(
            {
                "member_id": org.member_ids[who],
                "award_type_id": type_ids[0],
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
    _insert_all(s, advance, vouchers, aid, awards, _applications(rng, org, now, children))


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


def _children(s: Session, org: DemoOrg) -> dict[int, list[tuple[int, dt.date]]]:
    """Each member's children (id, birth date), by the member's people index."""
    index = {member_id: i for i, member_id in enumerate(org.member_ids)}
    found: dict[int, list[tuple[int, dt.date]]] = {}
    for child_id, member_id, birth in s.execute(
        select(Child.id, Child.member_id, Child.birth_date).order_by(Child.id)
    ):
        if birth is not None:
            found.setdefault(index[member_id], []).append((child_id, birth))
    return found


def _member_on(org: DemoOrg, index: int, day: dt.date) -> bool:
    person, d = org.people[index], day.toordinal()
    return person.join <= d and (person.exit is None or person.exit > d)


def _age(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _queue_places(org: DemoOrg, vouchers: list[dict[str, Any]]) -> None:
    """Most demo vouchers were given from the queue: its place, points and length that day
    (a random stream of its own, so the rest of the demo stays as it was)."""
    rng = random.Random(f"unionapp-demo:{org.seed}:queue")
    for row in vouchers:
        queued = rng.random() < 0.7
        size = rng.randrange(3, 13)
        place = min(size, 1 + int(rng.expovariate(1.0)))
        points = rng.randrange(20, 60) - 3 * place
        row.update(queue_place=place if queued else None,
                   queue_points=points if queued else None,
                   queue_size=size if queued else None)


def _voucher(
    rng: random.Random,
    org: DemoOrg,
    present: list[int],
    children: dict[int, list[tuple[int, dt.date]]],
    day: dt.date,
    institution_ids: list[int],
    decision_id: int,
) -> dict[str, Any] | None:
    """One voucher granted at the meeting on ``day``; camps go in summer to a child in age."""
    start = day + dt.timedelta(days=rng.randrange(14, 60))
    if start > org.today + dt.timedelta(days=90):
        return None
    index = rng.randrange(len(INSTITUTIONS))
    name, kind, ages, (low, high), length = INSTITUTIONS[index]
    member = rng.choice(present)
    child_id = None
    if kind == "children_camp":
        start = dt.date(day.year, 6 + rng.randrange(3), 1 + rng.randrange(10))
        if start <= day:
            return None
        assert ages is not None
        fits = [
            (i, c)
            for i in rng.sample(present, min(len(present), 40))
            for c, birth in children.get(i, [])
            if ages[0] <= _age(birth, start) <= ages[1]
        ]
        if not fits:
            return None
        member, child_id = fits[0]
    if not _member_on(org, member, start):
        return None  # leaves before the trip: the committee would not grant it
    cost = rng.randrange(low, high + 1, 500) * 100
    copay = cost * rng.choice((10, 20, 30, 50)) // 100
    return {
        "member_id": org.member_ids[member],
        "child_id": child_id,
        "kind": kind,
        "institution_id": institution_ids[index],
        "start_date": start,
        "end_date": start + dt.timedelta(days=length - 1),
        "cost": cost,
        "copay": copay,
        "source": rng.choices(("own", "higher", "employer", "fund"), weights=(6, 2, 1, 1))[0],
        "decision_id": decision_id,
        "note": None,
    }


def _applications(
    rng: random.Random,
    org: DemoOrg,
    now: list[int],
    children: dict[int, list[tuple[int, dt.date]]],
) -> list[dict[str, Any]]:
    """The open queue: applications of the last months for next season."""
    rows: list[dict[str, Any]] = []
    taken: set[tuple[int, str]] = set()
    in_camp_age = [
        (i, child_id)
        for i in now
        for child_id, birth in children.get(i, [])
        if 7 <= _age(birth, org.today) <= 14
    ]
    for _ in range(max(2, len(now) // 60)):
        kind = rng.choices(("sanatorium", "rest_home", "children_camp"), weights=(5, 2, 3))[0]
        member, child_id = rng.choice(now), None
        if kind == "children_camp":
            if not in_camp_age:
                continue
            member, child_id = rng.choice(in_camp_age)
        if (member, kind) in taken:
            continue
        taken.add((member, kind))
        rows.append(
            {
                "member_id": org.member_ids[member],
                "kind": kind,
                "child_id": child_id,
                "season": "summer"
                if kind == "children_camp"
                else rng.choice(("winter", "spring", "summer", "autumn")),
                "applied_on": max(
                    org.today - dt.timedelta(days=rng.randrange(1, 240)),
                    dt.date.fromordinal(org.people[member].join),
                ),
                "many_children": len(children.get(member, [])) >= 3,
                "disability": rng.random() < 0.05,
                "status": "open",
                "voucher_id": None,
                "note": None,
            }
        )
    return rows
