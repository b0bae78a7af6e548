"""Organization settings: names in ky and ru, chairperson, headcount, youth age, dues share.

Stored as text in ``settings``; each key has a type and a default here, so a missing key
reads as its default and a bad value is refused with a message naming the key.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select

from unionapp.core import audit
from unionapp.core.db import Database
from unionapp.core.errors import ValidationError
from unionapp.core.i18n import LANGUAGES, N_
from unionapp.core.models import Setting
from unionapp.core.stored_text import NUL_CHARACTER


def _text(value: str) -> str:
    if "\x00" in value:  # PostgreSQL cannot store it (see stored_text)
        raise ValidationError(NUL_CHARACTER)
    return value.strip()


def _int_range(low: int, high: int) -> Callable[[str], str]:
    def parse(value: str) -> str:
        try:
            number = int(value.strip())
        except ValueError as exc:
            raise ValidationError(N_("Enter a whole number."), field="") from exc
        if not low <= number <= high:
            raise ValidationError(
                N_("Enter a number from {low} to {high}."), field="", low=low, high=high
            )
        return str(number)

    return parse


def _percent(value: str) -> str:
    try:
        number = Decimal(value.strip().replace(",", "."))
    except InvalidOperation as exc:
        raise ValidationError(N_("Enter a percentage, e.g. 30 or 12.5."), field="") from exc
    if not number.is_finite():  # "nan" and "inf" parse as Decimals but are no percentage
        raise ValidationError(N_("Enter a percentage, e.g. 30 or 12.5."), field="")
    if not Decimal(0) <= number <= Decimal(100):
        raise ValidationError(N_("Enter a number from {low} to {high}."), low=0, high=100)
    return str(number.normalize()) if number != number.to_integral() else str(int(number))


def _flag(value: str) -> str:
    """A yes/no setting stored as "1" or "0"."""
    value = value.strip().casefold()
    if value in ("1", "true", "yes"):
        return "1"
    if value in ("0", "false", "no", ""):
        return "0"
    raise ValidationError(N_("Enter 1 (yes) or 0 (no)."))


def _language(value: str) -> str:
    value = value.strip()
    if value not in LANGUAGES:
        raise ValidationError(N_("The language must be ky or ru."))
    return value


PRINT_OFFSET_LIMIT_MM = 10
OFFSETS_SHAPE = N_('Write the printer offsets as {example}: x and y in mm per printer.')


def _print_offsets(value: str) -> str:
    """``{"printer": [x, y]}`` in mm (within ±10, to 0.1 mm); stored sorted, zeros dropped."""
    try:
        found = json.loads(value.strip() or "{}")
    except ValueError:
        found = None
    example = '{"HP LaserJet": [1.5, -0.5]}'
    if not isinstance(found, dict):
        raise ValidationError(OFFSETS_SHAPE, example=example)
    kept: dict[str, list[float]] = {}
    for name, offset in found.items():
        numbers = offset if isinstance(offset, list) and len(offset) == 2 else None
        if (not name.strip() or "\x00" in name or numbers is None
                or not all(type(n) in (int, float) and math.isfinite(n) for n in numbers)):
            raise ValidationError(OFFSETS_SHAPE, example=example)
        if any(abs(n) > PRINT_OFFSET_LIMIT_MM for n in numbers):
            raise ValidationError(N_("A printer offset must be from -{limit} to {limit} mm."),
                                  limit=PRINT_OFFSET_LIMIT_MM)
        x, y = (round(float(n), 1) + 0.0 for n in numbers)  # + 0.0: no "-0.0"
        if x or y:
            kept[name.strip()] = [x, y]
    return json.dumps(kept, ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True)
class SettingDef:
    key: str
    label: str
    default: str
    parse: Callable[[str], str]


DEFINITIONS: dict[str, SettingDef] = {
    d.key: d
    for d in (
        SettingDef("org.name_ky", N_("Organization name (Kyrgyz)"), "", _text),
        SettingDef("org.name_ru", N_("Organization name (Russian)"), "", _text),
        SettingDef("org.chairperson", N_("Chairperson"), "", _text),
        # In the membership cards' QR codes (printing/cards.py); empty: the name is used.
        SettingDef("org.id", N_("Organization identifier (e.g. INN) for card QR codes"), "", _text),
        SettingDef("org.employees", N_("Employer's headcount"), "0", _int_range(0, 1_000_000)),
        SettingDef("youth.max_age", N_("Youth age limit"), "35", _int_range(14, 100)),
        SettingDef(
            "dues.higher_share_percent", N_("Dues share to the higher body, %"), "30", _percent
        ),
        SettingDef("dues.rate_percent", N_("Dues rate, percent of the wage"), "1", _percent),
        SettingDef(
            "aid.yearly_cap_som", N_("Yearly cap of material aid per member, som (0: no cap)"),
            "0", _int_range(0, 100_000_000),
        ),
        # The voucher queue's weights (core/voucher_queue.py): whole points, printed with
        # the queue so a member can check the order.
        SettingDef("queue.points_per_year_without", N_("Points per year without a voucher"),
                   "3", _int_range(0, 100)),
        SettingDef("queue.never_years", N_("Years counted for no voucher ever"),
                   "10", _int_range(1, 50)),
        SettingDef("queue.points_per_member_year", N_("Points per year of membership"),
                   "1", _int_range(0, 100)),
        SettingDef("queue.points_per_child_year", N_("Points per year of a child's age in camp"),
                   "2", _int_range(0, 100)),
        SettingDef("queue.points_many_children", N_("Points for many children"),
                   "5", _int_range(0, 100)),
        SettingDef("queue.points_disability", N_("Points for disability"),
                   "5", _int_range(0, 100)),
        SettingDef("anniversaries.days", N_("Anniversaries shown ahead, days"),
                   "30", _int_range(1, 366)),
        SettingDef("ui.language", N_("Language"), "ky", _language),
        # Per printer, how far its sheets come out shifted (core/print_offsets.py).
        SettingDef("print.offsets", N_("Printer offsets, mm"), "{}", _print_offsets),
        # "1" in a database made by ``unionapp demo``: the window shows a demo banner.
        SettingDef("org.demo", N_("Demo organization"), "0", _flag),
    )
}


def _definition(key: str) -> SettingDef:
    if key not in DEFINITIONS:
        raise ValidationError(
            N_("Unknown setting {key}. Known settings: {known}."),
            field=key,
            key=key,
            known=", ".join(DEFINITIONS),
        )
    return DEFINITIONS[key]


def get_all(db: Database) -> dict[str, str]:
    with db.reading() as s:
        stored = {row.key: row.value for row in s.scalars(select(Setting))}
    return {key: stored.get(key, d.default) for key, d in DEFINITIONS.items()}


def get(db: Database, key: str) -> str:
    return get_all(db)[_definition(key).key]


def get_int(db: Database, key: str) -> int:
    return int(get(db, key))


def get_decimal(db: Database, key: str) -> Decimal:
    return Decimal(get(db, key))


def set_many(db: Database, values: dict[str, Any]) -> None:
    """Validate every value first, then save all in one transaction (or none)."""
    parsed: dict[str, str] = {}
    for key, value in values.items():
        definition = _definition(key)
        try:
            parsed[key] = definition.parse(str(value))
        except ValidationError as exc:
            exc.field = key
            raise
    with db.transaction() as s:
        for key, value in parsed.items():
            row = s.get(Setting, key)
            old = row.value if row else DEFINITIONS[key].default
            if row is None:
                s.add(Setting(key=key, value=value))
            else:
                row.value = value
            audit.record(s, "update", "setting", None, {key: (old, value)})


def set_value(db: Database, key: str, value: str) -> None:
    set_many(db, {key: value})
