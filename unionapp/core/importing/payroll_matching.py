"""Whose dues a payroll row is: the register loaded once into dicts, each row matched by
personnel number (leading zeros aside), else card number, else the exact full name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from unionapp.core.i18n import N_
from unionapp.core.importing.sheet import ProblemLog
from unionapp.core.models import Member


def name_key(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass
class Members:
    """The register loaded once: member ids by personnel number, card number and full name."""

    by_personnel: dict[str, list[int]] = field(default_factory=dict)
    by_card: dict[str, int] = field(default_factory=dict)
    by_name: dict[str, list[int]] = field(default_factory=dict)
    # all-digit personnel numbers without their leading zeros: 1C writes «00010007» for the
    # «10007» typed into the register, and that is the same number
    by_digits: dict[str, list[int]] = field(default_factory=dict)


def digits_key(personnel: str) -> str | None:
    return (personnel.lstrip("0") or "0") if personnel.isdigit() else None


def load_members(session: Session) -> Members:
    found = Members()
    stmt = select(Member.id, Member.personnel_no, Member.card_no, Member.surname, Member.name,
                  Member.patronymic)
    for member_id, personnel, card, surname, name, patronymic in session.execute(stmt):
        if personnel:
            found.by_personnel.setdefault(personnel, []).append(member_id)
            digits = digits_key(personnel)
            if digits is not None:
                found.by_digits.setdefault(digits, []).append(member_id)
        found.by_card[card] = member_id
        full = " ".join(p for p in (surname, name, patronymic) if p)
        found.by_name.setdefault(name_key(full), []).append(member_id)
    return found


def match_entry(
    row_no: int,
    values: dict[str, Any],
    members: Members,
    warnings: ProblemLog,
    month: dt.date,
    source: str,
) -> dict[str, Any]:
    """A payroll row as stored: its member by personnel number, else card number, else the
    exact full name (a name-only match is a warning to look at); None when nobody fits."""
    personnel, card, full_name = (values.get(k) for k in ("personnel_no", "card_no", "full_name"))
    member_id: int | None = None
    if personnel:
        ids = members.by_personnel.get(personnel, [])
        if not ids and (digits := digits_key(personnel)) is not None:
            ids = members.by_digits.get(digits, [])
        member_id = ids[0] if len(ids) == 1 else None
    if member_id is None and card:
        member_id = members.by_card.get(card)
    if member_id is None and full_name:
        ids = members.by_name.get(name_key(full_name), [])
        if len(ids) == 1:
            member_id = ids[0]
            warnings.add(
                row_no,
                "full_name",
                N_("Matched to the member {name} by the name only: check that it is them."),
                name=full_name,
            )
    return {
        "month": month,
        "row_no": row_no,
        "member_id": member_id,
        "personnel_no": personnel,
        "card_no": card,
        "full_name": full_name,
        "wage": values.get("wage") or 0,
        "withheld": values.get("withheld") or 0,
        "source": source,
    }
