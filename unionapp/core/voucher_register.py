"""Issued vouchers as lists show them: of a year, a member (with their children) or a child.

The subsidy is always cost − co-payment, computed and never stored, so the two can never
disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from unionapp.core import decisions
from unionapp.core.db import Database
from unionapp.core.i18n import ngettext
from unionapp.core.models import Child, Decision, Institution, Member, Voucher


@dataclass(frozen=True)
class VoucherRow:
    id: int
    member_id: int
    card_no: str
    member_name: str
    child_id: int | None
    child_name: str
    kind: str
    institution_id: int | None
    institution: str
    start_date: dt.date
    end_date: dt.date
    cost: int
    copay: int
    source: str
    decision_id: int | None
    decision_number: str
    decision_date: dt.date | None
    note: str
    queue_place: int | None = None  # issued from the queue: place, points, queue length
    queue_points: int | None = None
    queue_size: int | None = None

    @property
    def subsidy(self) -> int:
        return self.cost - self.copay

    @property
    def protocol(self) -> str:
        if self.decision_date is None:
            return ""
        return decisions.label(self.decision_number, self.decision_date)


@dataclass(frozen=True)
class Totals:
    count: int
    cost: int
    copay: int

    @property
    def subsidy(self) -> int:
        return self.cost - self.copay


def totals(rows: list[VoucherRow]) -> Totals:
    return Totals(len(rows), sum(r.cost for r in rows), sum(r.copay for r in rows))


def list_vouchers(
    db: Database,
    year: int | None = None,
    *,
    member_id: int | None = None,
    child_id: int | None = None,
) -> list[VoucherRow]:
    """Vouchers starting in ``year`` (all years when None), of one member (with those for their
    children) or of one child; newest first. One query whatever the count."""
    v = Voucher
    stmt = (  # columns, not ORM objects: several times faster at thousands of rows
        select(
            v.id, v.member_id, Member.card_no, Member.surname, Member.name, Member.patronymic,
            v.child_id, Child.full_name, v.kind, v.institution_id, Institution.name,
            v.start_date, v.end_date, v.cost, v.copay, v.source, v.decision_id, Decision.number,
            Decision.held_on, v.note, v.queue_place, v.queue_points, v.queue_size,
        )
        .join(Member, Member.id == v.member_id)
        .outerjoin(Child, Child.id == v.child_id)
        .outerjoin(Institution, Institution.id == v.institution_id)
        .outerjoin(Decision, Decision.id == v.decision_id)
    )
    if year is not None:
        stmt = stmt.where(v.start_date >= dt.date(year, 1, 1),
                          v.start_date <= dt.date(year, 12, 31))
    if member_id is not None:
        stmt = stmt.where(v.member_id == member_id)
    if child_id is not None:
        stmt = stmt.where(v.child_id == child_id)
    with db.reading() as s:
        rows = [
            VoucherRow(
                id=vid, member_id=mid, card_no=card,
                member_name=" ".join(p for p in (surname, name, patronymic) if p),
                child_id=cid, child_name=child or "", kind=kind, institution_id=pid,
                institution=place or "", start_date=start, end_date=end, cost=cost,
                copay=copay, source=source, decision_id=did, decision_number=number or "",
                decision_date=held_on, note=note or "", queue_place=queue_place,
                queue_points=points, queue_size=size,
            )
            for (vid, mid, card, surname, name, patronymic, cid, child, kind, pid, place, start,
                 end, cost, copay, source, did, number, held_on, note, queue_place, points,
                 size) in s.execute(stmt)
        ]
    rows.sort(key=lambda r: (r.start_date, r.id), reverse=True)
    return rows


def queue_text(row: VoucherRow) -> str:
    """«2 of 5, 17 points»: where the queue stood for it on the day it was issued; "" for a
    voucher not issued from the queue (or issued before schema 0007 recorded it)."""
    if row.queue_place is None or row.queue_size is None:
        return ""
    points = row.queue_points or 0
    return ngettext("{place} of {size}, {points} point", "{place} of {size}, {points} points",
                    points).format(place=row.queue_place, size=row.queue_size, points=points)


def member_history(db: Database, member_id: int) -> list[VoucherRow]:
    """Every voucher of a member, theirs and their children's, newest first."""
    return list_vouchers(db, member_id=member_id)


def child_history(db: Database, child_id: int) -> list[VoucherRow]:
    return list_vouchers(db, child_id=child_id)


def voucher_years(db: Database) -> list[int]:
    """Years that have vouchers, newest first (the Issued tab's year picker)."""
    with db.reading() as s:
        days = s.scalars(select(Voucher.start_date).distinct()).all()
    return sorted({d.year for d in days}, reverse=True)
