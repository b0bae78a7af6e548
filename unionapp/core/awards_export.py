"""The awards register as a file that imports back unchanged (``unionapp export awards FILE``).

The columns are the awards import's own (``importing.benefit_headers.AWARD_COLUMNS``): the
award's name as stored (it is the organization's own wording, not a label to translate), the
protocol by number and date (numbers restart each year), the certificate number «2026/017»
(so an award is found again by it), what it was for and a gift's cost. Only awards: a
nomination waiting for its decision is work in progress, not a line of the register.
Registered in ``exporting.REGISTER_ROWS``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from unionapp.core.awards import format_certificate
from unionapp.core.db import Database
from unionapp.core.member_list import collation_key
from unionapp.core.models import Award, AwardType, Decision, Member
from unionapp.core.money import som_cell

COLUMNS = ("card_no", "full_name", "award", "awarded_on", "decision_no", "decision_date",
           "certificate_no", "reason", "cost")


def award_rows(db: Database, lang: str, csv_file: bool) -> tuple[Sequence[str], list[list[Any]]]:
    """Every award, by date and certificate number (the register's own order)."""
    stmt = (
        select(Member.card_no, Member.surname, Member.name, Member.patronymic, AwardType.name,
               Award.awarded_on, Decision.number, Decision.held_on, Award.cert_year,
               Award.cert_seq, Award.reason, Award.cost, Award.id)
        .join(Member, Member.id == Award.member_id)
        .join(AwardType, AwardType.id == Award.award_type_id)
        .outerjoin(Decision, Decision.id == Award.decision_id)
        .where(Award.awarded_on.is_not(None))
    )
    with db.reading() as s:
        found = list(s.execute(stmt))
    # sorted here, not by ORDER BY: every database writes the same file (see exporting.py)
    found.sort(key=lambda r: (r[5], r[8] or 0, r[9] or 0,
                              collation_key(f"{r[1]} {r[2]}"), r[0], r[12]))
    rows = [
        [card, " ".join(p for p in (surname, name, patronymic) if p), award, awarded_on,
         number, held_on, format_certificate(year, seq) or None, reason,
         som_cell(cost or 0, csv_file)]
        for (card, surname, name, patronymic, award, awarded_on, number, held_on, year, seq,
             reason, cost, _id) in found
    ]
    return COLUMNS, rows
