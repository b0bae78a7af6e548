"""The demo's vouchers: the institutions, a voucher drawn for a meeting, the queue's record on
the vouchers given from it, and the open applications for next season.

A camp voucher goes to a child in the camp's ages and every voucher to someone who is still a
member on its first day, the rules the forms enforce. Each function draws from the generator it
is given, in a fixed order: the same seed gives the same demo.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from unionapp.core.models import Child

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


def children_of(s: Session, org: DemoOrg) -> dict[int, list[tuple[int, dt.date]]]:
    """Each member's children (id, birth date), by the member's people index."""
    index = {member_id: i for i, member_id in enumerate(org.member_ids)}
    found: dict[int, list[tuple[int, dt.date]]] = {}
    for child_id, member_id, birth in s.execute(
        select(Child.id, Child.member_id, Child.birth_date).order_by(Child.id)
    ):
        if birth is not None:
            found.setdefault(index[member_id], []).append((child_id, birth))
    return found


def member_on(org: DemoOrg, index: int, day: dt.date) -> bool:
    """Whether people index ``index`` was a member on ``day``."""
    person, d = org.people[index], day.toordinal()
    return person.join <= d and (person.exit is None or person.exit > d)


def _age(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def queue_places(org: DemoOrg, vouchers: list[dict[str, Any]]) -> None:
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


def draw_voucher(
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
    if not member_on(org, member, start):
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


def draw_applications(
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
