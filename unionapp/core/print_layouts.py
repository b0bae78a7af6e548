"""Saved print layouts: where each field of a pre-printed certificate blank goes.

Many organizations buy certificate forms with the frame, emblem and title already printed;
the program then prints only the fields (the member's name, what for, the decision ...) into
the blank's empty space. Every batch of blanks differs a little, so the positions are set in
the program and saved per template - one template per award type, a ``PrintLayout`` row named
``blank:<award type id>`` - as JSON ``{field: [x, y, font size, width]}``: x and y in mm from
the top-left corner of the page to the top-left corner of the field's box, the font size in
points, the box's width in mm (text is wrapped inside it). A field the blank does not need
(its organization's name is printed on it already, say) is kept with a fifth element
``false``: not printed, but its place is remembered for when it is switched back on.

The JSON is read forgivingly: a damaged or missing entry falls back to the default place, so
a bad row can never stop a certificate from printing. What is saved is checked strictly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

from unionapp.core.db import Database
from unionapp.core.errors import ValidationError, raise_all
from unionapp.core.i18n import N_
from unionapp.core.models import PrintLayout

PAGE_WIDTH_MM = 210.0  # A4 portrait: every certificate and blank
PAGE_HEIGHT_MM = 297.0
MIN_SIZE, MAX_SIZE = 6.0, 72.0  # points
MIN_WIDTH = 10.0  # mm
BLANK_PREFIX = "blank:"

# The fields in the order they are listed in the positions dialog (top to bottom on a blank).
BLANK_FIELDS: tuple[str, ...] = (
    "organization", "award", "name", "position", "reason", "decision", "chairperson", "number",
)
FIELD_LABELS: dict[str, str] = {
    "organization": N_("Organization"),
    "award": N_("Award"),
    "name": N_("Full name"),
    "position": N_("Position"),
    "reason": N_("What for"),
    "decision": N_("Decision"),
    "chairperson": N_("Chairperson"),
    "number": N_("Certificate number"),
}
# The chairperson's name and the number sit on a printed line: written from its left end.
LEFT_ALIGNED = frozenset({"chairperson", "number"})


@dataclass(frozen=True)
class FieldPlace:
    """One field's box on the page: mm from the top-left corner, font size in points."""

    x: float
    y: float
    size: float
    width: float
    shown: bool = True

    def as_json(self) -> list[Any]:
        values: list[Any] = [self.x, self.y, self.size, self.width]
        return values if self.shown else [*values, False]


# A standard A4 blank: the upper ~95 mm carry the printed emblem and title, the text goes in
# the clear space below it, the signature line near the foot. The award's own name is usually
# the blank's printed title, so it is off until a blank needs it.
DEFAULT_BLANK: dict[str, FieldPlace] = {
    "organization": FieldPlace(25, 100, 13, 160),
    "award": FieldPlace(25, 114, 14, 160, shown=False),
    "name": FieldPlace(25, 124, 20, 160),
    "position": FieldPlace(25, 146, 12, 160),
    "reason": FieldPlace(30, 162, 13, 150),
    "decision": FieldPlace(30, 200, 11, 150),
    "chairperson": FieldPlace(120, 242, 12, 65),
    "number": FieldPlace(25, 266, 10, 70),
}

BlankLayout = dict[str, FieldPlace]


def blank_name(award_type_id: int) -> str:
    return f"{BLANK_PREFIX}{award_type_id}"


# -- any named layout --------------------------------------------------------------------------
def get_layout(db: Database, name: str) -> dict[str, Any]:
    """The saved JSON object of ``name``; empty when none is saved or the text is damaged."""
    with db.reading() as s:
        row = s.get(PrintLayout, name)
        text = row.data if row is not None else ""
    try:
        data = json.loads(text) if text else {}
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def save_layout(db: Database, name: str, data: dict[str, Any]) -> None:
    """Store ``data`` under ``name`` (replacing what was there) in one transaction."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    with db.transaction() as s:
        row = s.get(PrintLayout, name)
        if row is None:
            s.add(PrintLayout(name=name, data=text))
        else:
            row.data = text


def delete_layout(db: Database, name: str) -> None:
    with db.transaction() as s:
        row = s.get(PrintLayout, name)
        if row is not None:
            s.delete(row)


# -- pre-printed blanks ------------------------------------------------------------------------
def default_blank() -> BlankLayout:
    return dict(DEFAULT_BLANK)


def _place(value: Any, default: FieldPlace) -> FieldPlace:
    """A stored entry, or ``default`` when it is not four numbers (and an optional flag)."""
    if not isinstance(value, list) or len(value) not in (4, 5):
        return default
    numbers = value[:4]
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in numbers):
        return default
    shown = value[4] is not False if len(value) == 5 else True
    x, y, size, width = (float(v) for v in numbers)
    place = FieldPlace(x, y, size, width, shown)
    return place if not _place_problems("", place) else default


def load_blank(db: Database, award_type_id: int) -> BlankLayout:
    """The positions saved for the blank of ``award_type_id``, defaults for the rest."""
    data = get_layout(db, blank_name(award_type_id))
    return {name: _place(data.get(name), DEFAULT_BLANK[name]) for name in BLANK_FIELDS}


def is_saved(db: Database, award_type_id: int) -> bool:
    return bool(get_layout(db, blank_name(award_type_id)))


def _mm(value: float) -> str:
    """120 rather than 120.0 in a message."""
    return str(int(value)) if value == int(value) else str(round(value, 1))


def _place_problems(name: str, place: FieldPlace) -> list[ValidationError]:
    errors: list[ValidationError] = []

    def err(part: str, msgid: str, /, **params: Any) -> None:
        errors.append(ValidationError(msgid, field=f"{name}.{part}" if name else part, **params))

    if not 0 <= place.x < PAGE_WIDTH_MM:
        err("x", N_("The position {value} mm is off the page (0 to {limit} mm)."),
            value=_mm(place.x), limit=int(PAGE_WIDTH_MM))
    if not 0 <= place.y < PAGE_HEIGHT_MM:
        err("y", N_("The position {value} mm is off the page (0 to {limit} mm)."),
            value=_mm(place.y), limit=int(PAGE_HEIGHT_MM))
    if not MIN_SIZE <= place.size <= MAX_SIZE:
        err("size", N_("The font size must be from {low} to {high} points."),
            low=int(MIN_SIZE), high=int(MAX_SIZE))
    if place.width < MIN_WIDTH:
        err("width", N_("The width must be at least {low} mm."), low=int(MIN_WIDTH))
    elif 0 <= place.x < PAGE_WIDTH_MM and place.x + place.width > PAGE_WIDTH_MM:
        err("width", N_("The field runs off the page: {x} + {width} mm is more than {limit} mm."),
            x=_mm(place.x), width=_mm(place.width), limit=int(PAGE_WIDTH_MM))
    return errors


def blank_problems(places: BlankLayout) -> list[ValidationError]:
    """Every problem with ``places``; each names ``<field>.<x|y|size|width>``."""
    errors: list[ValidationError] = []
    for name in BLANK_FIELDS:
        if name in places:
            errors += _place_problems(name, places[name])
    unknown = sorted(set(places) - set(BLANK_FIELDS))
    if unknown:
        errors.append(ValidationError(N_("Unknown field: {value}."), field=unknown[0],
                                      value=unknown[0]))
    return errors


def save_blank(db: Database, award_type_id: int, places: BlankLayout) -> None:
    """Save the positions of a blank (fields left out keep their defaults); refused whole
    when any place is off the page or unreadable, so a half-set layout is never stored."""
    raise_all(blank_problems(places))
    complete = {name: places.get(name, DEFAULT_BLANK[name]) for name in BLANK_FIELDS}
    save_layout(db, blank_name(award_type_id),
                {name: _rounded(place).as_json() for name, place in complete.items()})


def reset_blank(db: Database, award_type_id: int) -> None:
    """Back to the defaults (the saved row is removed)."""
    delete_layout(db, blank_name(award_type_id))


def _rounded(place: FieldPlace) -> FieldPlace:
    """Tenths of a mm are finer than any printer: the JSON stays readable."""
    return replace(place, x=round(place.x, 1), y=round(place.y, 1), size=round(place.size, 1),
                   width=round(place.width, 1))
