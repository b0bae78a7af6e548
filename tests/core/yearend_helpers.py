"""A small year built by hand (2025, with 2024 before it) for the year-end tests, written
straight to the tables so every boundary of DESIGN.md's definitions is placed on purpose.

Who is who (Y = 2025; youth: born on or after 1 Jan 1990 with the default limit 35):
- A  M 1980  joined 2010, active; goes to a sanatorium and a rest home, two children in camps
- B  F 1990-01-01 (35 on 31 Dec: youth by a day), joined 2015, active
- C  F 1989-12-31 (36 on 31 Dec 2025: not youth; 35 on 31 Dec 2024: youth then)
- D  M 1992-02-29 (leap day) joined 1 Jan 2025: admitted, not at the start
- E  F joined 2020, left 31 Dec 2025 (voluntary): at the start, left, not at the end
- F  M pensioner, joined 2019, left 1 Jan 2025 (retirement): at the start, left
- G  F pensioner 1960-02-29 (leap day), joined 2000, active; pays dues in cash
- H  M 1996 joined 31 Dec 2024: at the start of 2025 (admitted in 2024); a child in a camp
- I  F 1995-01-01 joined 31 Dec 2025: admitted and a member on 31 Dec
- J  M joined and left (dismissal) in 2025
- K  M left 31 Dec 2024 (death): not at the start of 2025
- L  F joins 1 Jan 2026: nowhere in 2025
- M  M 1985 leaves 1 Jan 2026 (transfer): still a member on 31 Dec 2025
- N  no sex, no birth date, joined 2021, active
- O  F 1991 joined 2016, left 5 May 2025 (expelled)
"""

from __future__ import annotations

import datetime as dt

from unionapp.core.db import Database
from unionapp.core.models import (
    AidPayment,
    Award,
    AwardType,
    CashPayment,
    Child,
    Member,
    PayrollEntry,
    Voucher,
)

D = dt.date
PEOPLE = {  # key: (sex, birth, join, exit, reason, pensioner)
    "A": ("M", D(1980, 5, 5), D(2010, 3, 1), None, None, False),
    "B": ("F", D(1990, 1, 1), D(2015, 1, 1), None, None, False),
    "C": ("F", D(1989, 12, 31), D(2018, 4, 1), None, None, False),
    "D": ("M", D(1992, 2, 29), D(2025, 1, 1), None, None, False),
    "E": ("F", D(1985, 3, 3), D(2020, 6, 1), D(2025, 12, 31), "voluntary", False),
    "F": ("M", D(1958, 8, 8), D(2019, 1, 1), D(2025, 1, 1), "retirement", True),
    "G": ("F", D(1960, 2, 29), D(2000, 1, 1), None, None, True),
    "H": ("M", D(1996, 7, 1), D(2024, 12, 31), None, None, False),
    "I": ("F", D(1995, 1, 1), D(2025, 12, 31), None, None, False),
    "J": ("M", D(1988, 1, 1), D(2025, 3, 1), D(2025, 9, 1), "dismissal", False),
    "K": ("M", D(1950, 1, 1), D(2010, 1, 1), D(2024, 12, 31), "death", False),
    "L": ("F", D(2000, 1, 1), D(2026, 1, 1), None, None, False),
    "M": ("M", D(1985, 1, 1), D(2012, 1, 1), D(2026, 1, 1), "transfer", False),
    "N": (None, None, D(2021, 1, 1), None, None, False),
    "O": ("F", D(1991, 1, 1), D(2016, 1, 1), D(2025, 5, 5), "expelled", False),
}


def build_year(db: Database) -> dict[str, int]:
    """Write the register, dues, vouchers, aid and awards; returns member ids by key."""
    ids: dict[str, int] = {}
    with db.transaction() as s:
        for number, (key, (sex, birth, join, exit_, reason, pensioner)) in enumerate(
                PEOPLE.items(), start=1):
            member = Member(card_no=str(100 + number), surname=f"Мүчө {key}", name="Аты",
                            sex=sex, birth_date=birth, join_date=join, exit_date=exit_,
                            exit_reason=reason, pensioner=pensioner)
            s.add(member)
            s.flush()
            ids[key] = member.id
        children = {}
        for name, parent in (("c1", "A"), ("c2", "A"), ("c3", "H")):
            child = Child(member_id=ids[parent], full_name=f"Бала {name}", birth_date=D(2015, 1, 1))
            s.add(child)
            s.flush()
            children[name] = child.id

        def payroll(month: dt.date, member: str | None, withheld: int) -> None:
            s.add(PayrollEntry(month=month, row_no=2, member_id=ids[member] if member else None,
                               full_name="x", wage=withheld * 100, withheld=withheld))

        payroll(D(2025, 1, 1), "A", 12345)
        payroll(D(2025, 1, 1), None, 10001)  # someone the register does not know: still dues
        payroll(D(2025, 6, 1), "B", 15)  # 30 % = 4.5 -> 5 (half-up, per month)
        payroll(D(2025, 7, 1), "B", 25)  # 30 % = 7.5 -> 8
        payroll(D(2025, 12, 1), "A", 333)
        payroll(D(2024, 12, 1), "A", 50000)  # the year before
        payroll(D(2026, 1, 1), "A", 70000)  # the year after
        for paid_on, amount in ((D(2025, 1, 1), 5000), (D(2025, 12, 31), 1005),
                                (D(2024, 12, 31), 7000), (D(2026, 1, 1), 8000)):
            s.add(CashPayment(member_id=ids["G"], paid_on=paid_on, amount=amount,
                              period_from=D(paid_on.year, paid_on.month, 1),
                              period_to=D(paid_on.year, paid_on.month, 1)))

        for member, child, kind, start, cost, copay in (
            ("A", None, "sanatorium", D(2025, 1, 1), 3_000_000, 900_000),
            ("B", None, "sanatorium", D(2025, 12, 31), 2_500_000, 0),
            ("A", "c1", "children_camp", D(2025, 6, 10), 800_000, 200_000),
            ("A", "c2", "children_camp", D(2025, 7, 1), 800_000, 200_000),
            ("A", "c1", "children_camp", D(2025, 8, 1), 500_000, 100_000),  # c1 again
            ("A", None, "rest_home", D(2025, 9, 1), 1_000_000, 500_000),  # A again
            ("H", "c3", "children_camp", D(2025, 6, 15), 700_000, 0),  # H did not go himself
            ("B", None, "tour", D(2024, 12, 31), 400_000, 100_000),  # the year before
            ("D", None, "sanatorium", D(2026, 1, 1), 3_000_000, 0),  # the year after
        ):
            s.add(Voucher(member_id=ids[member], child_id=children[child] if child else None,
                          kind=kind, start_date=start, end_date=start + dt.timedelta(days=12),
                          cost=cost, copay=copay))

        for member, reason, amount, paid_on in (
            ("A", "birth", 500_000, D(2025, 1, 1)),
            ("B", "birth", 300_000, D(2025, 12, 31)),
            ("G", "illness", 1_000_000, D(2025, 5, 5)),
            ("E", "death", 250_050, D(2025, 3, 3)),
            ("A", "wedding", 200_000, D(2024, 12, 31)),
            ("A", "jubilee", 100_000, D(2026, 1, 1)),
        ):
            s.add(AidPayment(member_id=ids[member], reason=reason, amount=amount,
                             paid_on=paid_on))

        types = {}
        for name in ("Ардак грамота", "Ыраазычылык кат", "Төш белгиси"):
            award_type = AwardType(name=name)
            s.add(award_type)
            s.flush()
            types[name] = award_type.id
        for member, type_name, status, day, cost in (
            ("A", "Ардак грамота", "awarded", D(2025, 1, 1), 0),
            ("B", "Ардак грамота", "awarded", D(2025, 12, 31), 500_000),
            ("G", "Ыраазычылык кат", "awarded", D(2025, 6, 1), 100_000),
            ("C", "Ардак грамота", "nominated", None, 0),  # not given: not counted
            ("A", "Төш белгиси", "awarded", D(2024, 12, 31), 0),  # the year before
            ("B", "Ыраазычылык кат", "awarded", D(2026, 1, 1), 0),  # the year after
        ):
            s.add(Award(member_id=ids[member], award_type_id=types[type_name], status=status,
                        awarded_on=day, cost=cost))
    return ids


# The figures of 2025, worked out by hand from the rows above (see the module docstring).
EXPECTED_2025 = {
    "members_start": 10,  # A B C E F G H M N O
    "admitted": 3,  # D I J
    "left": 4,  # E F J O
    "left_by_reason": {"voluntary": 1, "dismissal": 1, "retirement": 1, "death": 0,
                       "transfer": 0, "expelled": 1, "other": 0},
    "members_end": 9,  # A B C D G H I M N
    "women_end": 4,  # B C G I
    "pensioners_end": 1,  # G
    "youth_end": 4,  # B D H I
    "dues_received": 28724,  # Jan 12345+10001+5000, Jun 15, Jul 25, Dec 333+1005
    "dues_to_higher": 8618,  # 8204 + 5 + 8 + 401 (the total's 30 % would be 8617)
    "dues_by_month": (27346, 0, 0, 0, 0, 15, 25, 0, 0, 0, 0, 1338),
    "vouchers": {
        "sanatorium": (2, 5_500_000, 900_000),
        "rest_home": (1, 1_000_000, 500_000),
        "children_camp": (4, 2_800_000, 500_000),
        "tour": (0, 0, 0),
        "other": (0, 0, 0),
    },
    "members_with_vouchers": 2,  # A, B
    "children_with_vouchers": 3,  # c1 c2 c3
    "aid_by_reason": {"birth": (2, 800_000), "wedding": (0, 0), "death": (1, 250_050),
                      "illness": (1, 1_000_000), "jubilee": (0, 0), "disaster": (0, 0),
                      "other": (0, 0)},
    "awards_by_type": {"Ардак грамота": 2, "Ыраазычылык кат": 1},
    "awards_cost": 600_000,
}
