"""Material aid: money paid to a member for a reason (a birth, a death, an illness ...).

Every payment cites the committee decision that granted it, so «why did she get aid?» is
answered by the protocol. A member may get aid only while a member (DESIGN's definition, on
the day paid). The organization may cap what one member gets in a calendar year (setting
``aid.yearly_cap_som``); going over is not forbidden - a disaster may need more - but it is
never done unnoticed: ``check_aid`` says where the member stands and ``add_aid`` refuses to
go over the cap unless the caller confirms it was asked and agreed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from unionapp.core import audit, decisions
from unionapp.core.codes import AID_REASONS
from unionapp.core.db import Database
from unionapp.core.errors import NotFoundError, ValidationError, raise_all
from unionapp.core.i18n import N_, _
from unionapp.core.models import AidPayment, Decision, Member, Setting
from unionapp.core.money import AMOUNT_LIMIT
from unionapp.core.settings import DEFINITIONS
from unionapp.core.stored_text import text_problem

CAP_KEY = "aid.yearly_cap_som"
REQUIRED = N_("This field is required.")
UNKNOWN_REASON = N_("Unknown reason of aid: {value}.")
NOT_POSITIVE = N_("The amount must be more than zero.")
IN_FUTURE = N_("The payment date {date} is in the future.")
NO_DECISION = N_("Choose the protocol of the decision that granted the aid.")
DECISION_GONE = N_("The chosen protocol is no longer in the register.")
OVER_CAP = N_(
    "With this payment {name} gets {total} of material aid in {year}, over the yearly cap "
    "of {cap} (paid before: {received})."
)
AUDITED = ("member_id", "reason", "amount", "paid_on", "decision_id", "note")


@dataclass
class AidInput:
    """One payment as a form or a caller gives it; money in tyiyn."""

    member_id: int | None
    reason: str | None
    amount: int | None
    paid_on: dt.date | None
    decision_id: int | None
    note: str | None = None


@dataclass(frozen=True)
class CapCheck:
    """Where a member stands against the yearly cap if this payment is made."""

    member_name: str
    year: int
    cap: int  # tyiyn; 0: the organization sets no cap
    received: int  # tyiyn paid to the member in ``year`` before (the edited payment left out)
    amount: int  # tyiyn of this payment

    @property
    def new_total(self) -> int:
        return self.received + self.amount

    @property
    def exceeded(self) -> bool:
        return self.cap > 0 and self.new_total > self.cap

    def message(self) -> str:
        """The warning in the user's language (money formatted the language's way)."""
        from unionapp.core.formatting import format_money

        return _(OVER_CAP).format(
            name=self.member_name, total=format_money(self.new_total), year=self.year,
            cap=format_money(self.cap), received=format_money(self.received),
        )


class OverCapError(ValidationError):
    """The payment would take the member over the yearly cap and nobody confirmed it."""

    def __init__(self, check: CapCheck) -> None:
        super().__init__(
            OVER_CAP, field="amount", name=check.member_name, total=_som(check.new_total),
            year=check.year, cap=_som(check.cap), received=_som(check.received),
        )
        self.check = check

    def message(self) -> str:
        return self.check.message()


@dataclass(frozen=True)
class AidRow:
    """One payment for a list: who, why, how much, when and by which protocol."""

    id: int
    member_id: int
    card_no: str
    member_name: str
    reason: str
    amount: int  # tyiyn
    paid_on: dt.date
    decision_id: int | None
    decision_number: str | None
    decision_date: dt.date | None
    note: str | None

    @property
    def reason_label(self) -> str:
        return AID_REASONS.label(self.reason)

    @property
    def decision_label(self) -> str:
        if self.decision_number is None or self.decision_date is None:
            return ""
        return decisions.label(self.decision_number, self.decision_date)


def _som(tyiyn: int) -> str:
    from unionapp.core.money import as_som_text

    return as_som_text(tyiyn)


def full_name(surname: str, name: str, patronymic: str | None) -> str:
    return " ".join(p for p in (surname, name, patronymic) if p)


# -- rules ------------------------------------------------------------------------------------
def _problems(
    session: Session, data: AidInput, today: dt.date
) -> tuple[list[ValidationError], Member | None]:
    """Every refusal of ``data`` at once, each on its field; and the member when found."""
    errors: list[ValidationError] = []
    if not data.reason:
        errors.append(ValidationError(REQUIRED, field="reason"))
    elif data.reason not in AID_REASONS:
        errors.append(ValidationError(UNKNOWN_REASON, field="reason", value=data.reason))
    if data.amount is None:
        errors.append(ValidationError(REQUIRED, field="amount"))
    elif data.amount <= 0:
        errors.append(ValidationError(NOT_POSITIVE, field="amount"))
    elif data.amount > AMOUNT_LIMIT:
        errors.append(ValidationError(N_("The amount is too large."), field="amount"))
    if data.paid_on is None:
        errors.append(ValidationError(REQUIRED, field="paid_on"))
    elif data.paid_on > today:
        errors.append(ValidationError(IN_FUTURE, field="paid_on", date=data.paid_on))
    if data.decision_id is None:
        errors.append(ValidationError(NO_DECISION, field="decision"))
    elif session.get(Decision, data.decision_id) is None:
        errors.append(ValidationError(DECISION_GONE, field="decision"))
    note = text_problem("note", data.note, None)
    if note is not None:
        errors.append(note)
    member: Member | None = None
    if data.member_id is None:
        errors.append(ValidationError(REQUIRED, field="member"))
    elif data.paid_on is not None:
        try:
            member = decisions.check_member_on(session, data.member_id, data.paid_on, "member")
        except ValidationError as exc:
            errors.append(exc)
        except NotFoundError as exc:
            errors.append(ValidationError(exc.msgid, field="member", **exc.params))
    return errors, member


def aid_problems(db: Database, data: AidInput, aid_id: int | None = None) -> list[ValidationError]:
    """What keeps ``data`` from being saved (a form shows them all on their fields)."""
    with db.reading() as session:
        if aid_id is not None:
            _get(session, aid_id)
        return _problems(session, data, dt.date.today())[0]


def yearly_cap(session: Session) -> int:
    """The cap in tyiyn (0: none), read in the caller's session."""
    row = session.get(Setting, CAP_KEY)
    return int(row.value if row is not None else DEFINITIONS[CAP_KEY].default) * 100


def _received(session: Session, member_id: int, year: int, aid_id: int | None) -> int:
    stmt = select(func.coalesce(func.sum(AidPayment.amount), 0)).where(
        AidPayment.member_id == member_id,
        AidPayment.paid_on >= dt.date(year, 1, 1),
        AidPayment.paid_on <= dt.date(year, 12, 31),
    )
    if aid_id is not None:
        stmt = stmt.where(AidPayment.id != aid_id)
    return int(session.scalar(stmt) or 0)


def _cap_check(
    session: Session, member: Member, paid_on: dt.date, amount: int, aid_id: int | None
) -> CapCheck:
    return CapCheck(
        member_name=full_name(member.surname, member.name, member.patronymic),
        year=paid_on.year,
        cap=yearly_cap(session),
        received=_received(session, member.id, paid_on.year, aid_id),
        amount=amount,
    )


def check_aid(
    db: Database, member_id: int, paid_on: dt.date, amount: int, aid_id: int | None = None
) -> CapCheck:
    """How much the member got in ``paid_on``'s year, the cap, and the total with this payment
    (``aid_id``: the payment being edited, left out of what was paid before)."""
    with db.reading() as session:
        member = session.get(Member, member_id)
        if member is None:
            raise NotFoundError(N_("The member was not found (they may have been deleted)."))
        return _cap_check(session, member, paid_on, amount, aid_id)


def _checked(
    session: Session, data: AidInput, aid_id: int | None, over_cap_confirmed: bool
) -> dict[str, Any]:
    errors, member = _problems(session, data, dt.date.today())
    raise_all(errors)
    assert member is not None and data.paid_on is not None and data.amount is not None
    check = _cap_check(session, member, data.paid_on, data.amount, aid_id)
    if check.exceeded and not over_cap_confirmed:
        raise OverCapError(check)
    return {
        "member_id": data.member_id,
        "reason": data.reason,
        "amount": data.amount,
        "paid_on": data.paid_on,
        "decision_id": data.decision_id,
        "note": (data.note or "").strip() or None,
    }


# -- changes ----------------------------------------------------------------------------------
def add_aid(db: Database, data: AidInput, *, over_cap_confirmed: bool = False) -> int:
    """Save one payment (one transaction, audited); returns its id.

    Raises ValidationError/ValidationGroup for every refusal, and ``OverCapError`` when the
    payment takes the member over the yearly cap and ``over_cap_confirmed`` is False.
    """
    with db.transaction() as session:
        values = _checked(session, data, None, over_cap_confirmed)
        payment = AidPayment(**values)
        session.add(payment)
        session.flush()
        audit.record(
            session, "create", "aid_payment", payment.id, {k: (None, values[k]) for k in AUDITED}
        )
        return payment.id


def update_aid(
    db: Database, aid_id: int, data: AidInput, *, over_cap_confirmed: bool = False
) -> None:
    with db.transaction() as session:
        payment = _get(session, aid_id)
        values = _checked(session, data, aid_id, over_cap_confirmed)
        changes = {k: (getattr(payment, k), values[k]) for k in AUDITED}
        for key, value in values.items():
            setattr(payment, key, value)
        audit.record(session, "update", "aid_payment", aid_id, changes)


def delete_aid(db: Database, aid_id: int) -> None:
    """For a payment recorded by mistake; the audit keeps what it was."""
    with db.transaction() as session:
        payment = _get(session, aid_id)
        changes = {k: (getattr(payment, k), None) for k in AUDITED}
        session.delete(payment)
        audit.record(session, "delete", "aid_payment", aid_id, changes)


def _get(session: Session, aid_id: int) -> AidPayment:
    payment = session.get(AidPayment, aid_id)
    if payment is None:
        raise NotFoundError(N_("The aid payment was not found (it may have been deleted)."))
    return payment


def get_aid(db: Database, aid_id: int) -> AidInput:
    with db.reading() as session:
        p = _get(session, aid_id)
        return AidInput(p.member_id, p.reason, p.amount, p.paid_on, p.decision_id, p.note)


# -- lists ------------------------------------------------------------------------------------
def list_aid(
    db: Database, year: int | None = None, *, member_id: int | None = None
) -> list[AidRow]:
    """Payments newest first (of one calendar year, or one member's), in one query."""
    stmt = (
        select(
            AidPayment.id, AidPayment.member_id, Member.card_no, Member.surname, Member.name,
            Member.patronymic, AidPayment.reason, AidPayment.amount, AidPayment.paid_on,
            AidPayment.decision_id, Decision.number, Decision.held_on, AidPayment.note,
        )
        .join(Member, Member.id == AidPayment.member_id)
        .outerjoin(Decision, Decision.id == AidPayment.decision_id)
        .order_by(AidPayment.paid_on.desc(), AidPayment.id.desc())
    )
    if year is not None:
        stmt = stmt.where(
            AidPayment.paid_on >= dt.date(year, 1, 1), AidPayment.paid_on <= dt.date(year, 12, 31)
        )
    if member_id is not None:
        stmt = stmt.where(AidPayment.member_id == member_id)
    with db.reading() as session:
        found = list(session.execute(stmt))
    return [
        AidRow(
            id=i, member_id=m, card_no=card, member_name=full_name(surname, name, patronymic),
            reason=reason, amount=amount, paid_on=paid_on, decision_id=decision_id,
            decision_number=number, decision_date=held_on, note=note,
        )
        for (i, m, card, surname, name, patronymic, reason, amount, paid_on, decision_id,
             number, held_on, note) in found
    ]


def member_aid(db: Database, member_id: int) -> list[AidRow]:
    """One member's aid, newest first: the member dialog's history."""
    return list_aid(db, member_id=member_id)


def aid_years(db: Database) -> list[int]:
    """The years a list can show, newest first: every year with aid, and this year."""
    with db.reading() as session:
        first, last = session.execute(
            select(func.min(AidPayment.paid_on), func.max(AidPayment.paid_on))
        ).one()
    this_year = dt.date.today().year
    low = min(first.year, this_year) if first else this_year
    high = max(last.year, this_year) if last else this_year
    return list(range(high, low - 1, -1))
