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
from dataclasses import dataclass

from sqlalchemy import delete, or_, select, update

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


def candidates(db: Database, years: int, today: dt.date | None = None) -> list[int]:
    """Ids of members who left before ``today`` minus ``years`` and are not yet forgotten."""
    cutoff = _cutoff(years, today or dt.date.today())
    with db.reading() as s:
        return list(
            s.scalars(
                select(Member.id)
                .where(Member.exit_date.is_not(None), Member.exit_date < cutoff)
                .where(Member.card_no.not_like(f"{CARD_PREFIX}%"))
                .order_by(Member.id)
            )
        )


def _year_start(day: dt.date | None) -> dt.date | None:
    return None if day is None else dt.date(day.year, 1, 1)


def purge(
    db: Database, years: int, *, today: dt.date | None = None, dry_run: bool = False
) -> PurgeResult:
    """Forget the people who left more than ``years`` years ago (see the module docstring)."""
    ids = candidates(db, years, today)
    with db.reading() as s:
        child_ids = list(s.scalars(select(Child.id).where(Child.member_id.in_(ids)))) if ids else []
    if dry_run or not ids:
        return PurgeResult(len(ids), len(child_ids), None)
    if db.path is not None:
        from unionapp.core import backup

        made = str(backup.make_backup(db, BACKUP_REASON))
    else:
        made = None
    with db.transaction() as s:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for member in s.scalars(select(Member).where(Member.id.in_(chunk))):
                member.card_no = f"{CARD_PREFIX}{member.id}"
                member.surname, member.name, member.patronymic = PURGED, PURGED, None
                member.personnel_no = member.position = member.note = None
                member.phone = member.email = None
                member.birth_date = _year_start(member.birth_date)
                member.version = (member.version or 1) + 1
            for child in s.scalars(select(Child).where(Child.member_id.in_(chunk))):
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
            kids = [c for c in child_ids if c]
            s.execute(
                delete(AuditEntry).where(
                    or_(
                        (AuditEntry.entity == "member") & AuditEntry.entity_id.in_(chunk),
                        (AuditEntry.entity == "child") & AuditEntry.entity_id.in_(kids),
                    )
                )
            )
        audit.record(
            s,
            "purge",
            "organization",
            None,
            {"purged": (None, f"members={len(ids)}; children={len(child_ids)}; years={years}")},
        )
    return PurgeResult(len(ids), len(child_ids), made)
