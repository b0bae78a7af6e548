"""The awards a certificate is printed for, read in one look at the register.

The printout (``printing.certificate_data``) words and draws them; which awards they are, and
the refusals that depend only on what is stored (an award or decision not found, a decision
that granted none, nothing chosen), are the data's, so they are here, beside the other
services, and the printout never opens a session of its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from unionapp.core.db import Database
from unionapp.core.errors import NotFoundError, UserError
from unionapp.core.i18n import N_
from unionapp.core.models import Award, AwardType, Decision, Member

NOT_FOUND = N_("The award was not found (it may have been deleted).")
DECISION_NOT_FOUND = N_("The decision was not found (it may have been deleted).")
DECISION_EMPTY = N_("Protocol No. {number} of {date} granted no awards.")
NOTHING_CHOSEN = N_("Choose the awards to print.")


@dataclass(frozen=True)
class GrantingDecision:
    kind: str  # "committee" or "general"
    number: str
    held_on: dt.date


@dataclass(frozen=True)
class CertificateAward:
    """One award as a certificate needs it: who, what, on whose authority."""

    award_id: int
    award_type_id: int
    type_name: str  # as stored
    type_form: str  # codes.AWARD_FORMS
    granted: bool  # awarded (with a date), not only nominated
    member_name: str  # surname, name, patronymic
    position: str
    reason: str
    cert_year: int | None
    cert_seq: int | None
    decision: GrantingDecision | None  # None: the award names no decision


def certificate_awards(
    db: Database, *, award_ids: list[int] | None = None, decision_id: int | None = None
) -> list[CertificateAward]:
    """The awards ``award_ids`` (in that order, each once) or every award ``decision_id``
    granted (by certificate number)."""
    stmt = (
        select(Award, AwardType, Member, Decision)
        .join(AwardType, AwardType.id == Award.award_type_id)
        .join(Member, Member.id == Award.member_id)
        .outerjoin(Decision, Decision.id == Award.decision_id)
    )
    with db.reading() as s:
        if decision_id is not None:
            decision = s.get(Decision, decision_id)
            if decision is None:
                raise NotFoundError(DECISION_NOT_FOUND)
            rows = list(s.execute(stmt.where(Award.decision_id == decision_id)
                                  .order_by(Award.cert_year, Award.cert_seq, Award.id)))
            if not rows:
                raise UserError(DECISION_EMPTY, number=decision.number, date=decision.held_on)
        else:
            wanted = list(dict.fromkeys(award_ids or []))
            if not wanted:
                raise UserError(NOTHING_CHOSEN)
            found = {row[0].id: row for row in s.execute(stmt.where(Award.id.in_(wanted)))}
            if any(i not in found for i in wanted):
                raise NotFoundError(NOT_FOUND)
            rows = [found[i] for i in wanted]
        return [_award(*row) for row in rows]


def _award(award: Award, award_type: AwardType, member: Member,
           decision: Decision | None) -> CertificateAward:
    name = " ".join(part for part in (member.surname, member.name, member.patronymic) if part)
    return CertificateAward(
        award.id, award_type.id, award_type.name, award_type.form,
        award.status == "awarded" and award.awarded_on is not None, name,
        (member.position or "").strip(), (award.reason or "").strip(),
        award.cert_year, award.cert_seq,
        None if decision is None else GrantingDecision(decision.kind, decision.number,
                                                       decision.held_on),
    )
