"""The protocol a benefit row cites, found the same way by every import that cites one.

Aid, vouchers and awards name their decision by «Номер протокола», with «Дата протокола» when
the file has it, else the protocol of that number held in the row's year (numbers restart each
year). Two protocols of one number in a year (the committee's and a general meeting's) make
the number alone ambiguous: the row must give the date. Every decision is read once, so a
row resolves its protocol without a query of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from unionapp.core.decisions import AMBIGUOUS_DECISION, UNKNOWN_DECISION, UNKNOWN_DECISION_ON
from unionapp.core.importing.values import cell_text
from unionapp.core.models import Decision

Refuse = Callable[..., None]  # refuse(msgid, **params): the row's problem on «decision_no»


def parse_protocol_no(value: Any) -> str | None:
    """«7», «№ 7», «7.0» from Excel: the number as protocols are cited."""
    text = cell_text(value).lstrip("№").strip()
    return " ".join(text.split()) or None


class Protocols:
    """Every decision by number and date, by number within a year, and its date."""

    def __init__(self, session: Session) -> None:
        self.by_date: dict[tuple[str, dt.date], int] = {}
        self.by_year: dict[tuple[str, int], int] = {}  # the latest of that number in the year
        self.in_year: dict[tuple[str, int], int] = {}  # how many protocols share the number
        self.held_on: dict[int, dt.date] = {}
        stmt = select(Decision.id, Decision.number, Decision.held_on).order_by(Decision.held_on)
        for decision_id, number, held_on in session.execute(stmt):
            self.by_date[(number, held_on)] = decision_id
            key = (number, held_on.year)
            self.by_year[key] = decision_id
            self.in_year[key] = self.in_year.get(key, 0) + 1
            self.held_on[decision_id] = held_on

    def of_row(
        self, values: dict[str, Any], bad: set[str], day: dt.date | None, refuse: Refuse
    ) -> int | None:
        """The decision a row's «decision_no» (and «decision_date») cite, ``day`` giving the
        year when no date is; None with ``refuse`` called when it is unknown or ambiguous,
        None silently when there is nothing to look up (no number, a bad date, no day)."""
        number: str | None = values.get("decision_no")
        held_on: dt.date | None = values.get("decision_date")
        if number is None or "decision_date" in bad:
            return None
        if held_on is not None:
            found = self.by_date.get((number, held_on))
            if found is None:
                refuse(UNKNOWN_DECISION_ON, number=number, date=held_on)
            return found
        if day is None:
            return None
        count = self.in_year.get((number, day.year), 0)
        if count > 1:
            refuse(AMBIGUOUS_DECISION, count=count, number=number, year=day.year)
            return None
        found = self.by_year.get((number, day.year))
        if found is None:
            refuse(UNKNOWN_DECISION, number=number, year=day.year)
        return found
