"""People of the demo organization: names, ages, departments, joining and leaving, children.

Pure Python over ``random.Random`` and date ordinals (no database), so it is fast (50,000
people in about a second) and the same seed and day always give the same people.

The membership flow: ``years`` yearly periods end on ``today``. Members present before the
first period joined some time after they started working; in each period about 5-10% of the
members at its start are admitted and 4-8% leave, with a reason that fits their age. The
register's size (``--members``) counts everyone in it, those who left included.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from unionapp.core import demo_names as names

KYRGYZ_SHARE = 0.7
PATRONYMIC_SURNAME_SHARE = 0.1  # «Асан уулу», «Сейит кызы»: the whole is the surname
PENSION_AGE = {"M": 63, "F": 58}  # Kyrgyzstan
PENSIONER_SHARE = 0.85  # of those at pension age; the rest have not claimed a pension yet
ADMITTED_RATE = (0.05, 0.10)
LEFT_RATE = (0.04, 0.08)
# Ages 20..70 with the weight of each year of age: youth (<= 35) is about a quarter.
AGE_WEIGHTS = [(age, 1.7 if age <= 35 else 2.3 if age <= 50 else 2.4 if age <= 57
                else 2.0 if age <= 62 else 1.2) for age in range(20, 71)]
EXIT_WEIGHTS_WORKING = (("voluntary", 55), ("dismissal", 15), ("transfer", 15),
                        ("other", 8), ("expelled", 3), ("death", 1))
EXIT_WEIGHTS_PENSION_AGE = (("retirement", 55), ("voluntary", 25), ("death", 7),
                            ("other", 8), ("transfer", 5))
CHILDREN_WEIGHTS = ((0, 28), (1, 34), (2, 26), (3, 10), (4, 2))  # about 1.2 on average
SIBLING_GAP_DAYS = 300  # ten months at least between two siblings' births
DAYS_IN_YEAR = 365.2425


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (or earlier); 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(slots=True)
class Person:
    """One member as generated; dates are ordinals until the rows are written."""

    kyrgyz: bool
    sex: str
    surname: str
    name: str
    patronymic: str | None
    family: str | None  # the surname's male form; None for «уулу»/«кызы» surnames
    birth: int
    adult: int  # 18th birthday
    department: str = ""
    position: str = ""
    join: int = 0
    exit: int | None = None
    reason: str | None = None
    pensioner: bool = False
    phone: str | None = None
    email: str | None = None
    note: str | None = None

    def age_on(self, day: int) -> int:
        return int((day - self.birth) / DAYS_IN_YEAR)


@dataclass(slots=True)
class ChildRow:
    parent: int  # index into the people list
    full_name: str
    birth: int
    sex: str


@dataclass
class Flow:
    """The yearly periods (ordinals; period k is ``starts[k] <= day < starts[k + 1]``)."""

    starts: list[int]
    admitted: list[int] = field(default_factory=list)  # how many join in each period
    left_rates: list[float] = field(default_factory=list)  # share of its members who leave


def _patronymic(father: str, sex: str) -> str:
    # Russian spelling rule: after ж ш ч щ ц the suffix is -евич/-евна (Кубанычевич).
    stem = "ев" if father[-1] in "жшчщц" else "ов"
    return father + stem + ("ич" if sex == "M" else "на")


def make_person(rng: random.Random, sex: str, birth: dt.date) -> Person:
    kyrgyz = rng.random() < KYRGYZ_SHARE
    if kyrgyz:
        name = rng.choice(names.KY_MALE if sex == "M" else names.KY_FEMALE)
        father = rng.choice(names.KY_FATHERS)
        while father == name:  # «Нурсултан уулу Нурсултан» is possible but looks like a bug
            father = rng.choice(names.KY_FATHERS)
        if rng.random() < PATRONYMIC_SURNAME_SHARE:
            surname, family = f"{father} {'уулу' if sex == 'M' else 'кызы'}", None
            patronymic = None
        else:
            family = rng.choice(names.KY_SURNAMES)
            surname = family if sex == "M" else family + "а"
            patronymic = _patronymic(father, sex)
    else:
        name = rng.choice(names.RU_MALE if sex == "M" else names.RU_FEMALE)
        family = rng.choice(names.RU_SURNAMES)
        surname = family if sex == "M" else family + "а"
        patronymic = rng.choice(names.RU_PATRONYMICS)[0 if sex == "M" else 1]
    return Person(kyrgyz, sex, surname, name, patronymic, family, birth.toordinal(),
                  add_years(birth, 18).toordinal())


def make_people(rng: random.Random, count: int, women_share: float, today: dt.date) -> list[Person]:
    """``count`` people aged 20-70 on ``today``, sex consistent with their names."""
    bounds = {age: (add_years(today, -age - 1).toordinal() + 1, add_years(today, -age).toordinal())
              for age, _w in AGE_WEIGHTS}
    ages = rng.choices([a for a, _w in AGE_WEIGHTS], [w for _a, w in AGE_WEIGHTS], k=count)
    people = []
    for age in ages:
        sex = "F" if rng.random() < women_share else "M"
        birth = dt.date.fromordinal(rng.randint(*bounds[age]))
        people.append(make_person(rng, sex, birth))
    return people


def plan_flow(rng: random.Random, count: int, years: int, today: dt.date) -> Flow:
    """Admissions per period so that members before + admitted = ``count``."""
    flow = Flow([add_years(today, k - years).toordinal() for k in range(years)]
                + [today.toordinal() + 1])
    size, sizes_rates = 1.0, []
    for _k in range(years):
        admit, leave = rng.uniform(*ADMITTED_RATE), rng.uniform(*LEFT_RATE)
        sizes_rates.append((size, admit))
        flow.left_rates.append(leave)
        size *= 1 + admit - leave
    initial = count / (1 + sum(s * a for s, a in sizes_rates))
    flow.admitted = [round(initial * s * a) for s, a in sizes_rates]
    return flow


def assign_joins(rng: random.Random, people: list[Person], flow: Flow) -> None:
    """Join dates: the admitted of each period, and earlier joins for everyone else.

    Whoever turned 18 too late to join before the first period must be among the admitted;
    the rest of the admitted are drawn favouring the young (new staff are mostly young).
    """
    start = flow.starts[0]
    forced = [i for i, p in enumerate(people) if p.adult + 1 >= start]
    forced_set = set(forced)
    wanted = max(sum(flow.admitted), len(forced))
    if wanted > sum(flow.admitted):  # tiny registers over many years: admit more, last period
        flow.admitted[-1] += wanted - sum(flow.admitted)
    # Weighted sampling without replacement (Efraimidis-Spirakis keys).
    def weight(p: Person) -> float:
        age = p.age_on(start)
        return 3.0 if age <= 30 else 1.5 if age <= 40 else 1.0

    keyed = sorted(
        ((rng.random() ** (1.0 / weight(p)), i)
         for i, p in enumerate(people) if i not in forced_set),
        reverse=True,
    )
    admitted = forced + [i for _key, i in keyed[: wanted - len(forced)]]
    capacity = list(flow.admitted)
    for i in sorted(admitted, key=lambda i: -people[i].adult):  # youngest choose first
        p = people[i]
        periods = [k for k in range(len(capacity)) if flow.starts[k + 1] - 1 > p.adult + 1]
        weights = [capacity[k] for k in periods]
        k = rng.choices(periods, weights)[0] if sum(weights) > 0 else periods[-1]
        capacity[k] = max(0, capacity[k] - 1)
        p.join = rng.randint(max(flow.starts[k], p.adult + 1), flow.starts[k + 1] - 1)
    admitted_set = set(admitted)
    for i, p in enumerate(people):
        if i not in admitted_set:
            work_start = max(p.adult + 1, p.birth + int(rng.uniform(20, 26) * DAYS_IN_YEAR))
            p.join = rng.randint(min(work_start, start - 1), start - 1)


def assign_exits(rng: random.Random, people: list[Person], flow: Flow) -> None:
    """In each period 4-8% of the members at its start leave, with an age-fitting reason."""
    for k in range(len(flow.starts) - 1):
        begin, last = flow.starts[k], flow.starts[k + 1] - 1
        present = sum(1 for p in people if p.join < begin and p.exit is None)
        candidates = [p for p in people if p.exit is None and p.join + 30 <= last]
        leaving = rng.sample(candidates, min(len(candidates),
                                            round(present * flow.left_rates[k])))
        for p in leaving:
            p.exit = rng.randint(max(begin, p.join + 30), last)
            at_pension_age = p.age_on(p.exit) >= PENSION_AGE[p.sex] - 1
            reasons = EXIT_WEIGHTS_PENSION_AGE if at_pension_age else EXIT_WEIGHTS_WORKING
            p.reason = rng.choices([r for r, _w in reasons], [w for _r, w in reasons])[0]


def assign_details(rng: random.Random, people: list[Person], units: tuple[names.UnitSpec, ...],
                   notes: tuple[tuple[str, str], ...], today: int) -> None:
    """Department, position, pensioner, phone, e-mail and now and then a note."""
    chosen = rng.choices(units, [u.weight for u in units], k=len(people))
    # A second director or chief accountant gets the unit's commonest other position.
    fallback = {u.name: max((pos for pos in u.positions if pos[0] not in names.SINGLE_POSITIONS),
                            key=lambda pos: pos[1], default=("", 0))[0] for u in units}
    taken: set[str] = set()
    for p, unit in zip(people, chosen, strict=True):
        p.department = unit.name
        titles, weights = zip(*unit.positions, strict=True)
        p.position = rng.choices(titles, weights)[0]
        if p.position in names.SINGLE_POSITIONS:
            if p.position in taken and fallback[unit.name]:
                p.position = fallback[unit.name]
            taken.add(p.position)
        age = p.age_on(today)
        p.pensioner = p.reason == "retirement" or (
            age >= PENSION_AGE[p.sex] and rng.random() < PENSIONER_SHARE)
        if rng.random() < 0.9:
            pairs = " ".join(f"{rng.randrange(100):02d}" for _ in range(3))
            p.phone = f"+996 {rng.choice(names.PHONE_PREFIXES)} {pairs}"
        if rng.random() < (0.45 if age <= 40 else 0.15):
            year = dt.date.fromordinal(p.birth).year % 100
            p.email = "{}.{}{}@{}".format(names.latin(p.name), names.latin(p.surname),
                                          f"{year:02d}" if rng.random() < 0.5 else "",
                                          rng.choice(names.EMAIL_DOMAINS))
        if rng.random() < 0.04:
            text, fits = rng.choice(notes)
            if fits == "any" or (fits == "mother" and p.sex == "F" and age < 40) or (
                    fits == "veteran" and age >= 55):
                p.note = text


def make_children(rng: random.Random, people: list[Person], today: dt.date) -> list[ChildRow]:
    """About 1.2 children per member aged 25-50, born after the parent turned 20.

    Siblings are born at least ``SIBLING_GAP_DAYS`` apart and have different names, as in
    life (twins aside): an import tells one parent's children apart by name and birth date,
    and a demo register must export and import back like a real one.
    """
    day = today.toordinal()
    limit = add_years(today, -18).toordinal()  # the register keeps mostly minors
    counts = rng.choices([c for c, _w in CHILDREN_WEIGHTS], [w for _c, w in CHILDREN_WEIGHTS],
                         k=len(people))
    children: list[ChildRow] = []
    for index, (p, count) in enumerate(zip(people, counts, strict=True)):
        if not count or not 25 <= p.age_on(day) <= 50:
            continue
        birth = dt.date.fromordinal(p.birth)
        low = max(add_years(birth, 20).toordinal() + 1, limit)
        high = min(day, add_years(birth, 42).toordinal())
        count = min(count, (high - low) // SIBLING_GAP_DAYS + 1)
        # count days in a range shortened by the gaps, then each pushed past the ones before
        room = high - low - (count - 1) * SIBLING_GAP_DAYS
        starts = sorted(rng.randint(low, low + room) for _ in range(count))
        names_taken: set[str] = set()
        for order, start in enumerate(starts):
            sex = "M" if rng.random() < 0.51 else "F"
            name = _child_name(rng, p, sex)
            while name in names_taken:
                name = _child_name(rng, p, sex)
            names_taken.add(name)
            children.append(ChildRow(index, name, start + order * SIBLING_GAP_DAYS, sex))
    return children


def _child_name(rng: random.Random, parent: Person, sex: str) -> str:
    if parent.kyrgyz:
        name = rng.choice(names.KY_BOYS if sex == "M" else names.KY_GIRLS)
        if parent.family is None or (parent.sex == "M" and rng.random() < 0.15):
            father = parent.name if parent.sex == "M" else rng.choice(names.KY_FATHERS)
            while name == father:
                name = rng.choice(names.KY_BOYS if sex == "M" else names.KY_GIRLS)
            return f"{father} {'уулу' if sex == 'M' else 'кызы'} {name}"
    else:
        name = rng.choice(names.RU_BOYS if sex == "M" else names.RU_GIRLS)
    assert parent.family is not None
    return f"{parent.family if sex == 'M' else parent.family + 'а'} {name}"
