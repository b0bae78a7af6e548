"""What an awards import works with: the register read once (``AwardsRegister``: members,
protocols, stored awards and open nominations, no query per row) and the plan a file makes
(``AwardsPlan``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from unionapp.core.errors import Problem
from unionapp.core.i18n import N_
from unionapp.core.importing.protocols import Protocols
from unionapp.core.models import Award, Member
from unionapp.core.quotes import inside_quotes

NEW_TYPES = N_("New award types added to the catalogue ({count}): {names}.")
Cert = tuple[int, int]
TypeRef = int | str  # a stored type's id, or the name key of a type the file adds
# columns an update may change, when the file has them
OPTIONAL = ("reason", "cost")


@dataclass
class StoredAward:
    """An award as the register holds it, what a row is compared with."""

    id: int
    member_id: int
    type_id: int
    nominated_on: dt.date | None
    awarded_on: dt.date | None
    decision_id: int | None
    cert: Cert | None
    reason: str | None
    cost: int


@dataclass
class AwardsPlan:
    new_types: dict[str, str] = field(default_factory=dict)  # name key -> name as written
    adds: list[dict[str, Any]] = field(default_factory=list)  # Award columns + "type_ref"
    updates: list[tuple[StoredAward, dict[str, Any]]] = field(default_factory=list)
    numbered: list[dict[str, Any]] = field(default_factory=list)  # rows given the next number
    warnings: list[Problem] = field(default_factory=list)

    def summary_fields(self) -> dict[str, Any]:
        if not self.new_types:
            return {}
        names = ", ".join(f"«{inside_quotes(name)}»" for name in self.new_types.values())
        return {"notes": [(NEW_TYPES, {"count": len(self.new_types), "names": names})]}


class AwardsRegister:
    """Everything a row is checked against, read once: no query per row."""

    def __init__(self, session: Session) -> None:
        self.members: dict[str, int] = {}
        self.spans: dict[int, tuple[dt.date, dt.date | None, str]] = {}
        for member_id, card, join, exit_, surname, name in session.execute(select(
            Member.id, Member.card_no, Member.join_date, Member.exit_date, Member.surname,
            Member.name,
        )):
            self.members[card] = member_id
            self.spans[member_id] = (join, exit_, f"{surname} {name}")
        self.protocols = Protocols(session)
        self.by_cert: dict[Cert, StoredAward] = {}
        self.by_key: dict[tuple[int, int, dt.date], StoredAward] = {}
        self.open: dict[tuple[int, int], list[StoredAward]] = {}
        # ordered here, not by ORDER BY: empty dates sort first in SQLite, last in PostgreSQL,
        # and the oldest nomination (undated first) must be the one a row awards on both
        stored_awards = sorted(session.scalars(select(Award)),
                               key=lambda a: (a.nominated_on or dt.date.min, a.id))
        for a in stored_awards:
            cert = (a.cert_year, a.cert_seq) if a.cert_year and a.cert_seq else None
            stored = StoredAward(a.id, a.member_id, a.award_type_id, a.nominated_on, a.awarded_on,
                             a.decision_id, cert, a.reason, a.cost)
            if cert is not None:
                self.by_cert[cert] = stored
            if a.awarded_on is not None:
                self.by_key.setdefault((a.member_id, a.award_type_id, a.awarded_on), stored)
            else:
                self.open.setdefault((a.member_id, a.award_type_id), []).append(stored)

    def match(self, member: int, type_ref: TypeRef, day: dt.date) -> StoredAward | None:
        """The stored award a row without a certificate number stands for, if any."""
        if not isinstance(type_ref, int):
            return None
        found = self.by_key.get((member, type_ref, day))
        if found is not None:
            return found
        waiting = self.open.get((member, type_ref), [])
        for stored in waiting:
            if stored.nominated_on is None or stored.nominated_on <= day:
                waiting.remove(stored)  # one row awards one nomination
                return stored
        return None
