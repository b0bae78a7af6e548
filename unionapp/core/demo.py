"""The demo organization: a realistic school or university in an empty database.

``generate_demo`` first builds everything in memory (``plan_organization``), then writes it in
one transaction, step by step (``WRITERS``). Each part of the data draws from its own
``random.Random`` seeded with the seed and the part's name, so a later step (dues, vouchers,
aid, awards for the same ``years``) is one more writer that reads ``DemoOrg.people`` and
``member_ids``, and adding it does not change the members or children an earlier version
made with the same seed.

Department and position names are in one language per organization: Kyrgyz for a school,
Russian for a university (see ``demo_names``).

Speed: rows go in with Core bulk inserts (``session.execute(insert(Member), rows)``), never
one ORM object per row; 50,000 members with their children take a few seconds.

The audit log gets one row (``action="demo"``, entity ``organization``, source ``demo``),
not one per member: the demo is made only in an empty database, so there is no earlier
state to trace, and per-member rows would double the time and the file's size.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from unionapp.core import audit, demo_benefits, demo_budget, demo_dues
from unionapp.core import demo_names as names
from unionapp.core import demo_people as gen
from unionapp.core.db import Database
from unionapp.core.errors import UserError, ValidationError
from unionapp.core.i18n import N_
from unionapp.core.models import Child, Department, Member, Setting
from unionapp.core.settings import DEFINITIONS

MAX_MEMBERS = 200_000
MAX_YEARS = 10
SCHOOL_MAX_MEMBERS = 150  # a larger register is a university's
FIRST_CARD_NO = 1001
CHUNK = 5000  # rows per insert: the progress callback is called after each
DB_FILE_NAME = "unionapp.sqlite"  # what paths.default_db_path() uses under UNIONAPP_HOME

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class DemoSummary:
    members: int
    active: int
    left: int
    children: int
    departments: int
    name_ky: str
    name_ru: str


@dataclass
class DemoOrg:
    """Everything generated, shared by the writers (who add the database ids)."""

    seed: int
    years: int
    today: dt.date
    kind: str  # "school" or "university"
    name_ky: str
    name_ru: str
    units: tuple[names.UnitSpec, ...]
    people: list[gen.Person]  # in join order: card numbers follow it
    children: list[gen.ChildRow]
    chairperson: str
    employees: int
    member_ids: list[int] = field(default_factory=list)
    personnel_nos: list[str] = field(default_factory=list)
    department_ids: dict[str, int] = field(default_factory=dict)

    @property
    def active(self) -> int:
        return sum(1 for p in self.people if p.exit is None)


def rng_for(seed: int, part: str) -> random.Random:
    """An independent random stream per part (str seeds are stable across runs)."""
    return random.Random(f"unionapp-demo:{seed}:{part}")


def check_arguments(members: int, years: int) -> None:
    if not 1 <= members <= MAX_MEMBERS:
        raise ValidationError(
            N_("Enter a number from {low} to {high}."), field="members", low=1, high=MAX_MEMBERS
        )
    if not 0 <= years <= MAX_YEARS:
        raise ValidationError(
            N_("Enter a number from {low} to {high}."), field="years", low=0, high=MAX_YEARS
        )


def plan_organization(members: int, years: int, seed: int, today: dt.date) -> DemoOrg:
    """The whole organization in memory; nothing touches the database here."""
    check_arguments(members, years)
    school = members <= SCHOOL_MAX_MEMBERS
    org_rng = rng_for(seed, "organization")
    if school:
        number = org_rng.randint(1, 120)
        name_ky, name_ru = (text.format(number=number) for text in names.SCHOOL_NAME)
        units, notes, women = names.SCHOOL_UNITS, names.SCHOOL_NOTES, 0.72
    else:
        name_ky, name_ru = org_rng.choice(names.UNIVERSITY_NAMES)
        units, notes, women = names.UNIVERSITY_UNITS, names.UNIVERSITY_NOTES, 0.67
    people = gen.make_people(rng_for(seed, "people"), members, women, today)
    flow = gen.plan_flow(rng_for(seed, "flow"), members, years, today)
    gen.assign_joins(rng_for(seed, "joins"), people, flow)
    gen.assign_exits(rng_for(seed, "exits"), people, flow)
    gen.assign_details(rng_for(seed, "details"), people, units, notes, today.toordinal())
    people.sort(key=lambda p: (p.join, p.birth))
    org = DemoOrg(
        seed=seed,
        years=years,
        today=today,
        kind="school" if school else "university",
        name_ky=name_ky,
        name_ru=name_ru,
        units=units,
        people=people,
        children=gen.make_children(rng_for(seed, "children"), people, today),
        chairperson="",
        employees=0,
    )
    _choose_chairperson(org_rng, org, flow.starts[0])
    active = org.active
    org.employees = max(active + 1, math.ceil(active / org_rng.uniform(0.75, 0.95)))
    return org


def _choose_chairperson(rng: random.Random, org: DemoOrg, flow_start: int) -> None:
    """A long-standing active member aged 40-60 chairs the committee (any active one if none)."""
    day = org.today.toordinal()
    active = [p for p in org.people if p.exit is None]
    fitting = [p for p in active if 40 <= p.age_on(day) <= 60 and p.join < flow_start]
    if not fitting and not active:
        org.chairperson = "Асанова Гүлнара Бакытовна"
        return
    chair = rng.choice(fitting or active)
    chair.note = names.CHAIRPERSON_NOTE[0 if org.kind == "school" else 1]
    org.chairperson = " ".join(x for x in (chair.surname, chair.name, chair.patronymic) if x)


Writer = Callable[[Session, DemoOrg, Callable[[int], None]], None]


def _write_settings(s: Session, org: DemoOrg, _advance: Callable[[int], None]) -> None:
    values = {
        "org.name_ky": org.name_ky,
        "org.name_ru": org.name_ru,
        "org.chairperson": org.chairperson,
        "org.employees": str(org.employees),
        "youth.max_age": "35",
        "dues.higher_share_percent": "30",
        "org.demo": "1",
    }
    for key, value in values.items():
        value = DEFINITIONS[key].parse(value)
        row = s.get(Setting, key)
        if row is None:
            s.add(Setting(key=key, value=value))
        else:
            row.value = value
    s.flush()


def _write_departments(s: Session, org: DemoOrg, _advance: Callable[[int], None]) -> None:
    """Departments the database may already have (with no members yet) are reused."""
    existing = set(s.scalars(select(Department.name)))
    missing = [{"name": u.name} for u in org.units if u.name not in existing]
    if missing:
        s.execute(insert(Department), missing)
    org.department_ids = {
        name: dep_id for name, dep_id in s.execute(select(Department.name, Department.id))
    }


def _write_members(s: Session, org: DemoOrg, advance: Callable[[int], None]) -> None:
    rng = rng_for(org.seed, "personnel")
    date = dt.date.fromordinal
    org.personnel_nos = [str(10_000 + 3 * i + rng.randrange(3)) for i in range(len(org.people))]
    rows = [
        {
            "card_no": str(FIRST_CARD_NO + i),
            "personnel_no": org.personnel_nos[i],
            "surname": p.surname,
            "name": p.name,
            "patronymic": p.patronymic,
            "sex": p.sex,
            "birth_date": date(p.birth),
            "department_id": org.department_ids[p.department],
            "position": p.position,
            "join_date": date(p.join),
            "exit_date": date(p.exit) if p.exit is not None else None,
            "exit_reason": p.reason,
            "pensioner": p.pensioner,
            "phone": p.phone,
            "email": p.email,
            "note": p.note,
        }
        for i, p in enumerate(org.people)
    ]
    _insert_chunks(s, Member, rows, advance)
    # Ids are read back by card number instead of assumed, so PostgreSQL sequences stay right.
    ids = {card: id_ for card, id_ in s.execute(select(Member.card_no, Member.id))}
    org.member_ids = [ids[str(FIRST_CARD_NO + i)] for i in range(len(org.people))]


def _write_children(s: Session, org: DemoOrg, advance: Callable[[int], None]) -> None:
    date = dt.date.fromordinal
    rows = [
        {
            "member_id": org.member_ids[c.parent],
            "full_name": c.full_name,
            "birth_date": date(c.birth),
            "sex": c.sex,
        }
        for c in org.children
    ]
    _insert_chunks(s, Child, rows, advance)


def _insert_chunks(
    s: Session, model: type[Any], rows: Sequence[dict[str, Any]], advance: Callable[[int], None]
) -> None:
    """Core executemany on the table: the ORM's bulk insert would split the rows into a
    statement per pattern of empty fields (tens of thousands of statements for 50k members).
    """
    table = model.__table__
    conn = s.connection()
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        conn.execute(insert(table), chunk)
        advance(len(chunk))


# The order matters: members need department ids, children need member ids. Dues, vouchers,
# aid and awards for ``org.years`` years will be further writers appended here.
WRITERS: tuple[Writer, ...] = (_write_settings, _write_departments, _write_members,
                               _write_children, demo_dues.write_dues,
                               demo_benefits.write_benefits, demo_budget.write_budget)


def generate_demo(
    db: Database,
    *,
    members: int = 300,
    years: int = 3,
    seed: int = 1,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Fill an empty database with a demo organization, in one transaction.

    ``progress(done, total)`` counts rows written (members, children, then dues, whose count
    is estimated ahead; the last call is always ``(total, total)``). A database that
    already has a member is refused with a ``UserError`` and left unchanged.
    """
    check_arguments(members, years)
    with db.transaction() as s:
        _refuse_non_empty(s)
        org = plan_organization(members, years, seed, today or dt.date.today())
        total = len(org.people) + len(org.children) + demo_dues.estimate_rows(org)
        done = 0

        def advance(rows: int) -> None:
            nonlocal done
            done = min(done + rows, total)  # the dues are counted ahead only roughly
            if progress is not None:
                progress(done, total)

        if progress is not None:
            progress(0, total)
        for write in WRITERS:
            write(s, org, advance)
        if progress is not None and done < total:
            progress(total, total)
        audit.record(
            s,
            "demo",
            "organization",
            None,
            {"demo": (None, f"members={members}; years={years}; seed={seed}")},
            source="demo",
        )
    active = org.active
    return DemoSummary(
        members=len(org.people),
        active=active,
        left=len(org.people) - active,
        children=len(org.children),
        departments=len(org.units),
        name_ky=org.name_ky,
        name_ru=org.name_ru,
    )


def _refuse_non_empty(s: Session) -> None:
    if s.scalar(select(Member.id).limit(1)) is not None:
        raise UserError(
            N_(
                "The database already has members. A demo organization is made only in an "
                "empty database; choose a new file with --db."
            )
        )


def make_temp_demo(
    members: int = 300, *, years: int = 3, seed: int = 1, today: dt.date | None = None
) -> Path:
    """A fresh folder in the temp directory with a demo database; returns the database path.

    ``unionapp --demo`` points UNIONAPP_HOME at the folder, so the default database, the
    backups and the logs all stay there and real data is never touched.
    """
    from unionapp.core.store import open_database

    folder = Path(tempfile.mkdtemp(prefix="unionapp-demo-"))
    db_path = folder / DB_FILE_NAME
    db = open_database(db_path)
    try:
        generate_demo(db, members=members, years=years, seed=seed, today=today)
        db.checkpoint()
    finally:
        db.close()
    return db_path
