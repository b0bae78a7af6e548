"""The fair queue for vouchers: open applications ordered by points anyone can recount.

Members ask «why her and not me?». So the order is not a judgement but a sum of a few points,
each with its reason in words, and the weights are the committee's settings (``queue.*``):

- every full year since the member's last voucher (any but a child's camp; for a children's
  camp: since this child's last camp) gives points; no voucher ever counts as a fixed number
  of years;
- every full year of membership gives points;
- for a camp, every year of the child's age above the camps' youngest age gives points, so a
  child about to age out goes first; a child outside the camps' ages waits after the others;
- many children and disability add fixed points;
- equal points go by the date applied, earlier first (then by the application's number);
- someone who has left the union waits after the members, whatever their points, with the
  day they left as the reason (the application stays open until it is withdrawn).

``rank`` is a pure function over facts loaded once (``load_queue``: a few grouped queries, no
query per application), so a queue of thousands is ordered in milliseconds and a test can
build the facts by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, or_, select

from unionapp.core import settings
from unionapp.core.codes import VOUCHER_KINDS
from unionapp.core.db import Database
from unionapp.core.errors import ValidationError
from unionapp.core.formatting import format_date
from unionapp.core.i18n import N_, _, ngettext
from unionapp.core.institutions import camp_age_limits
from unionapp.core.member_list import age_on, search_text
from unionapp.core.models import Child, Member, Voucher, VoucherApplication

CAMP = "children_camp"
# The first day of each season: a child's age is taken on the start of the wished season.
SEASON_START = {"winter": (12, 1), "spring": (3, 1), "summer": (6, 1), "autumn": (9, 1)}
WEIGHT_KEYS = {
    "per_year_without": "queue.points_per_year_without",
    "never_years": "queue.never_years",
    "per_member_year": "queue.points_per_member_year",
    "per_child_year": "queue.points_per_child_year",
    "many_children": "queue.points_many_children",
    "disability": "queue.points_disability",
}

LAST_NEVER = N_("last voucher: never, counted as {years} years: +{points}")
LAST_ON = N_("last voucher: {date}, {years} full years ago: +{points}")
LAST_LONG_AGO = N_("last voucher: {date}, more than {years} years ago: +{points}")
CAMP_NEVER = N_("this child's last camp: never, counted as {years} years: +{points}")
CAMP_ON = N_("this child's last camp: {date}, {years} full years ago: +{points}")
CAMP_LONG_AGO = N_("this child's last camp: {date}, more than {years} years ago: +{points}")
MEMBERSHIP = N_("member for {years} years: +{points}")
CHILD_AGE = N_("child's age on {date}: {age} (camps take {low}–{high}): +{points}")
CHILD_OUTSIDE = N_(
    "child's age on {date}: {age}, outside the camps' ages {low}–{high}: waits after the others"
)
CHILD_NO_BIRTH = N_("child's birth date is not known: age not counted")
NO_CHILD = N_("no child named: age not counted")
NO_LIMITS = N_("the camps' ages are not in the catalogue: age not counted")
MANY_CHILDREN = N_("many children: +{points}")
DISABILITY = N_("disability: +{points}")
APPLIED = N_("applied on {date}")
NOT_A_MEMBER = N_("not a member since {date}: waits after the members")


@dataclass(frozen=True)
class Weights:
    """Points per reason; the committee sets them on the Settings page."""

    per_year_without: int = 3
    never_years: int = 10
    per_member_year: int = 1
    per_child_year: int = 2
    many_children: int = 5
    disability: int = 5

    @classmethod
    def from_settings(cls, values: Mapping[str, str]) -> Weights:
        return cls(**{name: int(values[key]) for name, key in WEIGHT_KEYS.items()})


@dataclass(frozen=True)
class Applicant:
    """An open application with every fact its points come from."""

    application_id: int
    member_id: int
    card_no: str
    member_name: str
    kind: str
    applied_on: dt.date
    join_date: dt.date
    last_voucher: dt.date | None  # own voucher, or this child's last camp for a camp
    season: str | None = None
    child_id: int | None = None
    child_name: str = ""
    child_birth: dt.date | None = None
    many_children: bool = False
    disability: bool = False
    note: str = ""
    exit_date: dt.date | None = None  # left the union: waits after the members


@dataclass(frozen=True)
class Reason:
    """One line of «why»: a message and its numbers, put into words when shown."""

    msgid: str
    params: Mapping[str, Any]
    points: int = 0

    def text(self) -> str:
        shown = {
            k: format_date(v) if isinstance(v, dt.date) else v
            for k, v in self.params.items()
        }
        return _(self.msgid).format(**shown)


@dataclass(frozen=True)
class Position:
    place: int  # 1 is the first in the queue
    applicant: Applicant
    points: int
    reasons: tuple[Reason, ...]
    eligible: bool = True  # False: a child outside the camps' ages or someone who left the
    # union (listed after the others)

    def reasons_text(self, separator: str = "; ") -> str:
        return separator.join(r.text() for r in self.reasons)

    @property
    def search_key(self) -> str:
        a = self.applicant
        return search_text(f"{a.member_name} {a.card_no} {a.child_name}")


@dataclass
class Queue:
    kind: str
    as_of: dt.date
    weights: Weights
    camp_limits: tuple[int, int] | None
    positions: list[Position] = field(default_factory=list)

    def filter(self, query: str) -> list[Position]:
        """Positions whose name, card number or child match every word typed (ё as е)."""
        words = search_text(query).split()
        return [p for p in self.positions if all(w in p.search_key for w in words)]

    def rules(self) -> list[str]:
        """The rules with the current weights, in words: printed above the queue."""
        return rules_text(self.kind, self.weights, self.camp_limits)


def full_years(start: dt.date, end: dt.date) -> int:
    return max(0, age_on(start, end))


def season_start(season: str | None, as_of: dt.date) -> dt.date:
    """The day a child's age is taken on: the wished season's first day, or ``as_of`` while
    that season is on (or when none was wished). A season is three months long."""
    if season not in SEASON_START:
        return as_of
    month, day = SEASON_START[season]
    for year in (as_of.year - 1, as_of.year, as_of.year + 1):
        start = dt.date(year, month, day)
        end_month = month + 3
        end = dt.date(year + (end_month - 1) // 12, (end_month - 1) % 12 + 1, 1)
        if as_of < end:
            return max(start, as_of)
    return as_of  # not reached: next year's season always ends after as_of


def _reason(msgid: str, points: int = 0, **params: Any) -> Reason:
    return Reason(msgid, {**params, "points": points}, points)


def _last_voucher(a: Applicant, w: Weights, as_of: dt.date) -> Reason:
    camp = a.kind == CAMP
    if a.last_voucher is None:
        years = w.never_years
        return _reason(CAMP_NEVER if camp else LAST_NEVER, years * w.per_year_without,
                       years=years)
    years = full_years(a.last_voucher, as_of)
    if years > w.never_years:
        return _reason(CAMP_LONG_AGO if camp else LAST_LONG_AGO,
                       w.never_years * w.per_year_without, date=a.last_voucher,
                       years=w.never_years)
    return _reason(CAMP_ON if camp else LAST_ON, years * w.per_year_without,
                   date=a.last_voucher, years=years)


def _child_age(
    a: Applicant, w: Weights, as_of: dt.date, limits: tuple[int, int] | None
) -> tuple[Reason, bool]:
    """The child's age reason, and whether the child is within the camps' ages."""
    if a.child_id is None:
        return _reason(NO_CHILD), True
    if a.child_birth is None:
        return _reason(CHILD_NO_BIRTH), True
    if limits is None:
        return _reason(NO_LIMITS), True
    low, high = limits
    on = season_start(a.season, as_of)
    age = full_years(a.child_birth, on)
    if not low <= age <= high:
        return _reason(CHILD_OUTSIDE, date=on, age=age, low=low, high=high), False
    return _reason(CHILD_AGE, (age - low) * w.per_child_year, date=on, age=age, low=low,
                   high=high), True


def points_of(
    a: Applicant, w: Weights, as_of: dt.date, limits: tuple[int, int] | None
) -> tuple[int, tuple[Reason, ...], bool]:
    """Points, their reasons in order, and whether the application is eligible."""
    reasons = [_last_voucher(a, w, as_of)]
    left = a.exit_date is not None and a.exit_date <= as_of
    years = full_years(a.join_date, a.exit_date if left and a.exit_date else as_of)
    reasons.append(_reason(MEMBERSHIP, years * w.per_member_year, years=years))
    eligible = True
    if a.kind == CAMP:
        reason, eligible = _child_age(a, w, as_of, limits)
        reasons.append(reason)
    if a.many_children:
        reasons.append(_reason(MANY_CHILDREN, w.many_children))
    if a.disability:
        reasons.append(_reason(DISABILITY, w.disability))
    reasons.append(_reason(APPLIED, date=a.applied_on))
    if left:
        reasons.insert(0, _reason(NOT_A_MEMBER, date=a.exit_date))
        eligible = False
    return sum(r.points for r in reasons), tuple(reasons), eligible


def rank(
    applicants: Iterable[Applicant],
    weights: Weights,
    as_of: dt.date,
    camp_limits: tuple[int, int] | None = None,
) -> list[Position]:
    """The queue: eligible first, most points first, then earlier applied, then lower number."""
    scored = []
    for a in applicants:
        points, reasons, eligible = points_of(a, weights, as_of, camp_limits)
        scored.append((not eligible, -points, a.applied_on, a.application_id, a, reasons))
    scored.sort(key=lambda s: s[:4])
    return [
        Position(place, a, -minus, reasons, not outside)
        for place, (outside, minus, _day, _id, a, reasons) in enumerate(scored, start=1)
    ]


def rules_text(kind: str, w: Weights, limits: tuple[int, int] | None) -> list[str]:
    """One sentence per rule, with the weights in force (plural forms by ``ngettext``)."""
    camp = kind == CAMP
    lines = [
        _("Open applications for «{kind}» are ordered by points; equal points go by the date "
          "applied, earlier first.").format(kind=VOUCHER_KINDS.label(kind)),
        (ngettext("Each full year since the child's last camp gives {points} point.",
                  "Each full year since the child's last camp gives {points} points.",
                  w.per_year_without) if camp else
         ngettext("Each full year since the member's last voucher gives {points} point.",
                  "Each full year since the member's last voucher gives {points} points.",
                  w.per_year_without)).format(points=w.per_year_without),
        (ngettext("A child who has never been to a camp counts as {years} year.",
                  "A child who has never been to a camp counts as {years} years.",
                  w.never_years) if camp else
         ngettext("A member who has never had a voucher counts as {years} year.",
                  "A member who has never had a voucher counts as {years} years.",
                  w.never_years)).format(years=w.never_years),
        ngettext("Each full year of membership gives {points} point.",
                 "Each full year of membership gives {points} points.",
                 w.per_member_year).format(points=w.per_member_year),
    ]
    if camp and limits is not None:
        lines += [
            ngettext("Each year of the child's age above {low} gives {points} point, so a child "
                     "about to age out goes first.",
                     "Each year of the child's age above {low} gives {points} points, so a child "
                     "about to age out goes first.",
                     w.per_child_year).format(points=w.per_child_year, low=limits[0]),
            _("A child outside the camps' ages {low}–{high} at the start of the wished season "
              "waits after the others.").format(low=limits[0], high=limits[1]),
        ]
    lines += [
        ngettext("Many children: {points} point.", "Many children: {points} points.",
                 w.many_children).format(points=w.many_children),
        ngettext("Disability: {points} point.", "Disability: {points} points.",
                 w.disability).format(points=w.disability),
        _("Someone who has left the union waits after the members, whatever their points."),
        _("The union committee sets these weights on the Settings page."),
    ]
    return lines


def _full_name(surname: str, name: str, patronymic: str | None) -> str:
    return " ".join(p for p in (surname, name, patronymic) if p)


def load_applicants(db: Database, kind: str) -> list[Applicant]:
    """Open applications of ``kind`` with their facts: three queries whatever the count."""
    with db.reading() as s:
        own = dict(  # a sanatorium with a child («мать и дитя») is the member's stay too
            s.execute(
                select(Voucher.member_id, func.max(Voucher.start_date))
                .where(or_(Voucher.child_id.is_(None), Voucher.kind != CAMP))
                .group_by(Voucher.member_id)
            ).all()
        )
        camps = dict(
            s.execute(
                select(Voucher.child_id, func.max(Voucher.start_date))
                .where(Voucher.child_id.is_not(None), Voucher.kind == CAMP)
                .group_by(Voucher.child_id)
            ).all()
        )
        a = VoucherApplication
        stmt = (  # columns, not ORM objects: several times faster at thousands of rows
            select(
                a.id, a.member_id, a.kind, a.applied_on, a.season, a.child_id, a.many_children,
                a.disability, a.note, Member.card_no, Member.surname, Member.name,
                Member.patronymic, Member.join_date, Member.exit_date, Child.full_name,
                Child.birth_date,
            )
            .join(Member, Member.id == a.member_id)
            .outerjoin(Child, Child.id == a.child_id)
            .where(a.status == "open", a.kind == kind)
        )
        out = []
        for (app_id, member_id, app_kind, applied_on, season, child_id, many, disability, note,
             card, surname, name, patronymic, joined, left, child, birth) in s.execute(stmt):
            last = camps.get(child_id) if kind == CAMP else own.get(member_id)
            out.append(
                Applicant(
                    application_id=app_id, member_id=member_id, card_no=card,
                    member_name=_full_name(surname, name, patronymic), kind=app_kind,
                    applied_on=applied_on, join_date=joined, last_voucher=last,
                    season=season, child_id=child_id, child_name=child or "",
                    child_birth=birth, many_children=bool(many), disability=bool(disability),
                    note=note or "", exit_date=left,
                )
            )
        return out


def load_queue(db: Database, kind: str, as_of: dt.date | None = None) -> Queue:
    """The queue of ``kind`` as of a day (today), weights from the settings."""
    if kind not in VOUCHER_KINDS:
        raise ValidationError(N_("Unknown voucher kind: {value}."), field="kind", value=kind)
    as_of = as_of or dt.date.today()
    weights = Weights.from_settings(settings.get_all(db))
    with db.reading() as s:
        limits = camp_age_limits(s)
    positions = rank(load_applicants(db, kind), weights, as_of, limits)
    return Queue(kind, as_of, weights, limits, positions)


@dataclass(frozen=True)
class Standing:
    """An application's place in its queue on a day: what a voucher issued from it keeps."""

    place: int
    points: int
    size: int


def standing(db: Database, kind: str, application_id: int, as_of: dt.date) -> Standing | None:
    """The place and points of an open application in the queue of ``kind`` (None if it is
    not open in that queue)."""
    queue = load_queue(db, kind, as_of)
    for position in queue.positions:
        if position.applicant.application_id == application_id:
            return Standing(position.place, position.points, len(queue.positions))
    return None


def open_counts(db: Database) -> dict[str, int]:
    """Open applications per kind (the Home page's and the kind picker's numbers)."""
    with db.reading() as s:
        return dict(
            s.execute(
                select(VoucherApplication.kind, func.count())
                .where(VoucherApplication.status == "open")
                .group_by(VoucherApplication.kind)
            ).all()
        )
