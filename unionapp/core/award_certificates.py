"""Certificate numbers of awards: «2026/017», running per year, never given twice.

The next number of a year is one more than the highest ever given in that year, and it is
assigned at the moment of awarding, never at nomination (a nomination that is never granted
must not leave a hole). An award deleted or renumbered leaves its number «burnt», remembered
as the year's highest number given (a settings row ``awards.cert_last.YYYY``: no schema
change needed), so the next one does not take it again.
"""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from unionapp.core.db import Database
from unionapp.core.errors import NotFoundError, ValidationError
from unionapp.core.i18n import N_
from unionapp.core.models import Award, Setting

COUNTER_KEY = "awards.cert_last.{year}"
_CERTIFICATE = re.compile(r"^\s*(\d{4})\s*[/\-]\s*0*(\d{1,6})\s*$")


def format_certificate(year: int | None, seq: int | None) -> str:
    return f"{year}/{seq:03d}" if year is not None and seq is not None else ""


def parse_certificate(text: str | None, field: str = "certificate_no") -> tuple[int, int] | None:
    """«2026/017» (also 2026/17, 2026-017) -> (2026, 17); empty -> None."""
    if text is None or not text.strip():
        return None
    match = _CERTIFICATE.match(text)
    if not match or int(match.group(2)) == 0:
        raise ValidationError(
            N_("Not a certificate number: {value}. Write the year and the number, e.g. 2026/017."),
            field=field,
            value=text.strip(),
        )
    return int(match.group(1)), int(match.group(2))


def burnt_up_to(session: Session, year: int) -> int:
    row = session.get(Setting, COUNTER_KEY.format(year=year))
    return int(row.value) if row is not None and row.value.isdigit() else 0


def burn(session: Session, year: int, seq: int) -> None:
    """Remember that ``seq`` was given in ``year``, so it is never given again."""
    key = COUNTER_KEY.format(year=year)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=str(seq)))
    elif not row.value.isdigit() or int(row.value) < seq:
        row.value = str(seq)


def next_seq(session: Session, year: int) -> int:
    """One more than the highest number given (stored or burnt) in ``year``."""
    highest = session.scalar(select(func.max(Award.cert_seq)).where(Award.cert_year == year))
    return max(highest or 0, burnt_up_to(session, year)) + 1


def next_certificate(db: Database, year: int) -> str:
    """The number the next award of ``year`` will get (a form shows it before saving)."""
    with db.reading() as s:
        return format_certificate(year, next_seq(s, year))


def find_award(db: Database, text: str) -> int:
    """An award named as the chairperson knows it: its certificate number «2026/017», or the
    program's id (a plain number, as lists and exports show it)."""
    text = text.strip()
    with db.reading() as s:
        if text.isdigit():
            found = s.get(Award, int(text))
            if found is None:
                raise NotFoundError(N_("The award was not found (it may have been deleted)."))
            return found.id
        year, seq = parse_certificate(text, "award") or (0, 0)
        award_id = s.scalar(select(Award.id).where(Award.cert_year == year, Award.cert_seq == seq))
        if award_id is None:
            raise NotFoundError(
                N_("No award has the certificate number {number}."),
                number=format_certificate(year, seq),
            )
        return award_id
