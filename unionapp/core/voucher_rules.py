"""The rules of a voucher over plain facts, and the words of their refusals.

Every refusal of the issue's «bad input» is a ValidationError on the field a form marks (a
child who is not the member's, a child outside the camp's ages, a co-payment above the cost,
dates out of order, not a member on the start date, negative money). ``voucher_problems``
holds those rules over plain facts (``PersonFacts``, ``PlaceFacts``), so a form and an import
file are refused by the same words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from unionapp.core import decisions
from unionapp.core.codes import FUNDING_SOURCES, VOUCHER_KINDS
from unionapp.core.errors import ValidationError
from unionapp.core.i18n import N_
from unionapp.core.institutions import kinds_agree
from unionapp.core.member_list import age_on
from unionapp.core.models import Institution, Member
from unionapp.core.money import AMOUNT_LIMIT
from unionapp.core.quotes import inside_quotes

CAMP = "children_camp"
REQUIRED = N_("This field is required.")
NEGATIVE = N_("The amount cannot be negative.")
NOT_FOUND = N_("The voucher was not found (it may have been deleted).")
CHILD_NOT_OURS = N_("{child} is not a child of {member}.")
CAMP_NEEDS_CHILD = N_("A children's camp voucher is for a child: choose the child.")
TOO_OLD = N_(
    "{child} is {age} on {date}, older than «{place}» takes (up to {high})."
)
TOO_YOUNG = N_(
    "{child} is {age} on {date}, younger than «{place}» takes (from {low})."
)
NO_BIRTH_DATE = N_(
    "The birth date of {child} is not known, so the ages «{place}» takes cannot be checked: "
    "enter it in the member's card first."
)
COPAY_ABOVE_COST = N_("The co-payment ({copay}) is more than the cost ({cost}).")
END_BEFORE_START = N_("The voucher ends ({end}) before it starts ({start}).")
NOT_A_MEMBER = N_("{name} was not a member on {date}.")
WRONG_PLACE = N_("«{name}» takes vouchers of the kind «{kind}», not «{voucher_kind}».")
UNKNOWN_DECISION = N_("The chosen decision is not in the register (it may have been deleted).")


@dataclass(frozen=True)
class PersonFacts:
    """What the rules need of the member or the child: a name and the dates."""

    name: str
    join_date: dt.date | None = None
    exit_date: dt.date | None = None
    birth_date: dt.date | None = None
    belongs: bool = True  # a child: is it this member's?


@dataclass(frozen=True)
class PlaceFacts:
    name: str
    kind: str
    min_age: int | None
    max_age: int | None


def voucher_problems(
    *,
    kind: str | None,
    start: dt.date | None,
    end: dt.date | None,
    cost: int | None,
    copay: int | None,
    source: str | None,
    member: PersonFacts | None,
    child: PersonFacts | None,
    place: PlaceFacts | None,
) -> list[ValidationError]:
    """Every rule of a voucher over plain facts; a missing fact's rules are skipped (its own
    field is refused by whoever could not read it)."""
    errors: list[ValidationError] = []
    if kind is not None and kind not in VOUCHER_KINDS:
        errors.append(ValidationError(N_("Unknown voucher kind: {value}."), field="kind",
                                      value=kind))
    if start is not None and end is not None and end < start:
        errors.append(ValidationError(END_BEFORE_START, field="end_date", start=start, end=end))
    for name, amount in (("cost", cost), ("copay", copay)):
        if amount is not None and amount < 0:
            errors.append(ValidationError(NEGATIVE, field=name))
        elif amount is not None and amount > AMOUNT_LIMIT:
            errors.append(ValidationError(N_("The amount is too large."), field=name))
    if cost is not None and copay is not None and 0 <= cost < copay:
        from unionapp.core.formatting import format_money

        errors.append(ValidationError(COPAY_ABOVE_COST, field="copay",
                                      copay=format_money(copay), cost=format_money(cost)))
    if source is not None and source not in FUNDING_SOURCES:
        errors.append(ValidationError(N_("Unknown source of money: {value}."), field="source",
                                      value=source))
    if (
        member is not None and start is not None and member.join_date is not None
        and not decisions.member_on(member.join_date, member.exit_date, start)
    ):
        errors.append(ValidationError(NOT_A_MEMBER, field="member", name=member.name,
                                          date=start))
    if kind == CAMP and child is None:
        errors.append(ValidationError(CAMP_NEEDS_CHILD, field="child"))
    if child is not None and member is not None and not child.belongs:
        errors.append(ValidationError(CHILD_NOT_OURS, field="child", child=child.name,
                                      member=member.name))
    elif child is not None and place is not None and start is not None:
        errors.extend(_age_problems(child, place, start))
    if place is not None and kind is not None and kind in VOUCHER_KINDS and not kinds_agree(
        place.kind, kind
    ):
        errors.append(ValidationError(WRONG_PLACE, field="institution",
                                      name=inside_quotes(place.name),
                                      kind=VOUCHER_KINDS.label(place.kind),
                                      voucher_kind=VOUCHER_KINDS.label(kind)))
    return errors


def _age_problems(child: PersonFacts, place: PlaceFacts, start: dt.date) -> list[ValidationError]:
    if place.min_age is None and place.max_age is None:
        return []
    if child.birth_date is None:
        return [ValidationError(NO_BIRTH_DATE, field="child", child=child.name,
                                place=inside_quotes(place.name))]
    age = age_on(child.birth_date, start)
    params: dict[str, Any] = {"child": child.name, "age": age, "date": start,
                              "place": inside_quotes(place.name)}
    if place.max_age is not None and age > place.max_age:
        return [ValidationError(TOO_OLD, field="child", high=place.max_age, **params)]
    if place.min_age is not None and age < place.min_age:
        return [ValidationError(TOO_YOUNG, field="child", low=place.min_age, **params)]
    return []


def member_facts(member: Member) -> PersonFacts:
    return PersonFacts(f"{member.surname} {member.name}", member.join_date, member.exit_date)


def place_facts(place: Institution) -> PlaceFacts:
    return PlaceFacts(place.name, place.kind, place.min_child_age, place.max_child_age)
