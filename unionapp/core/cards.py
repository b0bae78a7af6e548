"""Membership cards: whose cards to print, and the issue journal (who got which card, when).

The journal (``CardIssue``) is written only after a PDF of the cards was made successfully
(the CLI and the window call ``record_issues`` once the file exists), so a failed or cancelled
printout never reads as issued. A card for a member who had a card issued before is recorded
as a reprint. ``card_no`` is kept as printed: a member renumbered later still shows the
number on the card in the hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from unionapp.core.db import Database
from unionapp.core.errors import ValidationError, raise_all
from unionapp.core.i18n import N_
from unionapp.core.member_list import collation_key
from unionapp.core.models import CardIssue, Member, MemberPhoto

NO_CARD_NUMBER = N_("{name} has no card number: give the member one before printing a card.")
UNKNOWN_CARD = N_("There is no member with card number {card_no}.")
UNKNOWN_MEMBER = N_("There is no member with id {id}.")
FORMER_MEMBER = N_("{name} (card {card_no}) left the union on {date}: a former member gets "
                   "no card.")
NO_ACTIVE_MEMBERS = N_("There are no active members to print cards for.")
PHOTO_CHUNK = 500  # ids per IN (...) query: well under every database's parameter limit


@dataclass(frozen=True)
class CardMember:
    """What a card shows of one member; ``photo`` is the stored JPEG (or None)."""

    member_id: int
    card_no: str
    surname: str
    name: str
    patronymic: str | None
    join_date: dt.date
    photo: bytes | None = None

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.surname, self.name, self.patronymic) if p)


@dataclass(frozen=True)
class CardIssueView:
    """One line of the issue journal."""

    id: int
    member_id: int
    full_name: str
    card_no: str
    issued_on: dt.date
    reprint: bool
    note: str | None


def _is_active(member: Member, today: dt.date) -> bool:
    """DESIGN.md: the exit date is the first day a person is no longer a member."""
    return member.exit_date is None or member.exit_date > today


def _full_name(member: Member) -> str:
    return " ".join(p for p in (member.surname, member.name, member.patronymic) if p)


def _card_member(member: Member) -> CardMember:
    return CardMember(member.id, member.card_no.strip(), member.surname, member.name,
                      member.patronymic, member.join_date)


def _named(s: Session, card_nos: Sequence[str] | None, member_ids: Sequence[int] | None,
           problems: list[ValidationError]) -> list[Member]:
    """The members named by card number or id, in the order named, each once."""
    found: list[Member] = []
    if card_nos is not None:
        wanted = list(dict.fromkeys(c.strip() for c in card_nos if c.strip()))
        rows = list(s.scalars(select(Member).where(Member.card_no.in_(wanted)))) if wanted else []
        by_card = {m.card_no: m for m in rows}
        for card_no in wanted:
            if card_no in by_card:
                found.append(by_card[card_no])
            else:
                problems.append(ValidationError(UNKNOWN_CARD, card_no=card_no))
    if member_ids is not None:
        ids = list(dict.fromkeys(member_ids))
        by_id: dict[int, Member] = {}
        for start in range(0, len(ids), PHOTO_CHUNK):
            chunk = ids[start:start + PHOTO_CHUNK]
            by_id.update((m.id, m) for m in s.scalars(select(Member).where(Member.id.in_(chunk))))
        for member_id in ids:
            if member_id in by_id:
                found.append(by_id[member_id])
            else:
                problems.append(ValidationError(UNKNOWN_MEMBER, id=member_id))
    return list({m.id: m for m in found}.values())


def members_to_print(
    db: Database,
    card_nos: Sequence[str] | None = None,
    *,
    member_ids: Sequence[int] | None = None,
    skip_former: bool = False,
    today: dt.date | None = None,
) -> list[CardMember]:
    """The members whose cards to print, with their photos.

    Named (by card number or by id): in the order named; a number nobody has, a member who
    left or one without a card number is refused, every problem in one message
    (``skip_former``: former members among those named are left out instead — the window's
    "all members shown"). None named: every active member, sorted by name. Nothing to print
    is refused too.
    """
    today = today or dt.date.today()
    problems: list[ValidationError] = []
    with db.reading() as s:
        if card_nos is None and member_ids is None:
            rows = s.scalars(select(Member).where(
                or_(Member.exit_date.is_(None), Member.exit_date > today)))
            chosen = sorted(rows, key=lambda m: (collation_key(_full_name(m)), m.card_no))
        else:
            chosen = []
            for member in _named(s, card_nos, member_ids, problems):
                if _is_active(member, today):
                    chosen.append(member)
                elif not skip_former:
                    problems.append(ValidationError(
                        FORMER_MEMBER, name=_full_name(member), card_no=member.card_no,
                        date=member.exit_date))
        problems += [ValidationError(NO_CARD_NUMBER, name=_full_name(m))
                     for m in chosen if not (m.card_no or "").strip()]
        raise_all(problems)
        if not chosen:
            raise ValidationError(NO_ACTIVE_MEMBERS)
        cards = [_card_member(m) for m in chosen]
        photos = _photos(s, [c.member_id for c in cards])
    return [_with_photo(card, photos.get(card.member_id)) for card in cards]


def _photos(s: Session, member_ids: Sequence[int]) -> dict[int, bytes]:
    photos: dict[int, bytes] = {}
    for start in range(0, len(member_ids), PHOTO_CHUNK):
        chunk = member_ids[start:start + PHOTO_CHUNK]
        rows = s.execute(select(MemberPhoto.member_id, MemberPhoto.image)
                         .where(MemberPhoto.member_id.in_(chunk)))
        photos.update((member_id, image) for member_id, image in rows)
    return photos


def _with_photo(card: CardMember, photo: bytes | None) -> CardMember:
    if photo is None:
        return card
    return CardMember(card.member_id, card.card_no, card.surname, card.name, card.patronymic,
                      card.join_date, photo)


def record_issues(
    db: Database, cards: Iterable[CardMember], issued_on: dt.date | None = None,
    note: str | None = None,
) -> list[CardIssueView]:
    """Record the printed cards in the journal, one transaction; a member who had a card
    issued before gets a reprint line. Call it once the PDF was written."""
    issued_on = issued_on or dt.date.today()
    cards = list({c.member_id: c for c in cards}.values())
    if not cards:
        return []
    with db.transaction() as s:
        issued_before: set[int] = set()
        ids = [c.member_id for c in cards]
        for start in range(0, len(ids), PHOTO_CHUNK):
            chunk = ids[start:start + PHOTO_CHUNK]
            issued_before.update(s.scalars(
                select(CardIssue.member_id).where(CardIssue.member_id.in_(chunk)).distinct()))
        rows = [CardIssue(member_id=c.member_id, card_no=c.card_no, issued_on=issued_on,
                          reprint=c.member_id in issued_before, note=note) for c in cards]
        s.add_all(rows)
        s.flush()
        return [CardIssueView(row.id, c.member_id, c.full_name, row.card_no, row.issued_on,
                              row.reprint, row.note) for row, c in zip(rows, cards, strict=True)]


def journal(db: Database, member_id: int | None = None) -> list[CardIssueView]:
    """The issue journal, newest first: one member's cards, or everyone's."""
    query = (select(CardIssue, Member.surname, Member.name, Member.patronymic)
             .join(Member, Member.id == CardIssue.member_id)
             .order_by(CardIssue.issued_on.desc(), CardIssue.id.desc()))
    if member_id is not None:
        query = query.where(CardIssue.member_id == member_id)
    with db.reading() as s:
        return [
            CardIssueView(issue.id, issue.member_id,
                          " ".join(p for p in (surname, name, patronymic) if p),
                          issue.card_no, issue.issued_on, issue.reprint, issue.note)
            for issue, surname, name, patronymic in s.execute(query)
        ]
