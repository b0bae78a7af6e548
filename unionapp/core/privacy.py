"""Forgetting people who left long ago, keeping the counts of past reports.

A union keeps the personal data of a former member only as long as it needs it. ``purge``
removes what identifies a person who left more than N years ago — names, card and personnel
numbers, contacts, position, note, photo, children's names, the names on old payroll lists
and every line of their history — but keeps what the year-end figures of past years count:
join and exit dates and reason, sex, pensioner, department, the year of birth (youth is
counted by the year of birth alone: DESIGN.md), and the money of their dues, vouchers, aid
and awards. So a past year's report gives the same figures after a purge as before.
A verified backup is made first; the purge is one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import and_, delete, not_, select, update
from sqlalchemy.orm import Session

from unionapp.core import audit
from unionapp.core.db import Database
from unionapp.core.errors import ValidationError
from unionapp.core.i18n import N_
from unionapp.core.models import (
    AidPayment,
    AuditEntry,
    Child,
    Member,
    MemberPhoto,
    PayrollEntry,
    Voucher,
)

PURGED = "—"  # what a forgotten name reads as
CARD_PREFIX = "x-"  # a forgotten member's card number: x-<id>, unique, never a real one
MIN_YEARS = 1
MAX_YEARS = 75
CHUNK = 500  # ids per IN (…)
BACKUP_REASON = "pre-purge"  # the backup made first (Settings → Backups names its kind)


@dataclass(frozen=True)
class PurgeResult:
    members: int
    children: int
    backup: str | None  # the file made before the purge (None for a dry run)


def _cutoff(years: int, today: dt.date) -> dt.date:
    if not MIN_YEARS <= years <= MAX_YEARS:
        raise ValidationError(
            N_("Enter a number of years from {low} to {high}."),
            field="years",
            low=MIN_YEARS,
            high=MAX_YEARS,
        )
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _candidates(s: Session, cutoff: dt.date) -> list[int]:
    """Ids of members who left before ``cutoff`` and are not forgotten yet (a forgotten one
    has both names «—» and an ``x-`` card: neither alone, which a real member might have)."""
    forgotten = and_(Member.surname == PURGED, Member.name == PURGED,
                     Member.card_no.startswith(CARD_PREFIX))
    return list(
        s.scalars(
            select(Member.id)
            .where(Member.exit_date.is_not(None), Member.exit_date < cutoff, not_(forgotten))
            .order_by(Member.id)
        )
    )


def _children_of(s: Session, ids: list[int]) -> list[int]:
    found: list[int] = []
    for chunk in _chunks(ids):
        found += s.scalars(select(Child.id).where(Child.member_id.in_(chunk)))
    return found


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    """At most CHUNK ids per IN (…): SQLite allows only so many values in one statement."""
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def candidates(db: Database, years: int, today: dt.date | None = None) -> list[int]:
    """Ids of members who left before ``today`` minus ``years`` and are not yet forgotten."""
    cutoff = _cutoff(years, today or dt.date.today())
    with db.reading() as s:
        return _candidates(s, cutoff)


def _year_start(day: dt.date | None) -> dt.date | None:
    return None if day is None else dt.date(day.year, 1, 1)


def _free_card(s: Session, member_id: int) -> str:
    """``x-<id>``, or ``x-<id>-2`` … should a real card already read so (card numbers are
    unique: a clash would refuse the whole purge)."""
    card, n = f"{CARD_PREFIX}{member_id}", 1
    while s.scalar(select(Member.id).where(Member.card_no == card, Member.id != member_id)):
        n += 1
        card = f"{CARD_PREFIX}{member_id}-{n}"
    return card


def purge(
    db: Database, years: int, *, today: dt.date | None = None, dry_run: bool = False
) -> PurgeResult:
    """Forget the people who left more than ``years`` years ago (see the module docstring).

    Whom is decided inside the purge's own transaction, so someone re-admitted on another PC
    after the count was shown is not forgotten."""
    cutoff = _cutoff(years, today or dt.date.today())
    with db.reading() as s:
        counted = _candidates(s, cutoff)
        counted_children = _children_of(s, counted)
    if dry_run or not counted:
        return PurgeResult(len(counted), len(counted_children), None)
    if db.path is not None:
        from unionapp.core import backup

        made = str(backup.make_backup(db, BACKUP_REASON))
    else:
        made = None
    with db.transaction() as s:
        ids = _candidates(s, cutoff)
        child_ids = _children_of(s, ids)
        for chunk in _chunks(ids):
            for member in s.scalars(select(Member).where(Member.id.in_(chunk))):
                member.card_no = _free_card(s, member.id)
                member.surname, member.name, member.patronymic = PURGED, PURGED, None
                member.personnel_no = member.position = member.note = None
                member.phone = member.email = None
                member.birth_date = _year_start(member.birth_date)
                member.version = (member.version or 1) + 1
            kids = list(s.scalars(select(Child).where(Child.member_id.in_(chunk))))
            for child in kids:
                child.full_name = PURGED
                child.birth_date = _year_start(child.birth_date)
            s.execute(delete(MemberPhoto).where(MemberPhoto.member_id.in_(chunk)))
            s.execute(
                update(PayrollEntry)
                .where(PayrollEntry.member_id.in_(chunk))
                .values(personnel_no=None, card_no=None, full_name=None)
            )
            s.execute(update(Voucher).where(Voucher.member_id.in_(chunk)).values(note=None))
            s.execute(update(AidPayment).where(AidPayment.member_id.in_(chunk)).values(note=None))
            s.execute(delete(AuditEntry).where(
                (AuditEntry.entity == "member") & AuditEntry.entity_id.in_(chunk)))
            for kid_chunk in _chunks([c.id for c in kids]):
                s.execute(delete(AuditEntry).where(
                    (AuditEntry.entity == "child") & AuditEntry.entity_id.in_(kid_chunk)))
        audit.record(
            s,
            "purge",
            "organization",
            None,
            {"purged": (None, f"members={len(ids)}; children={len(child_ids)}; years={years}")},
        )
    return PurgeResult(len(ids), len(child_ids), made)
