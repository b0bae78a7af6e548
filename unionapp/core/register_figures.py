"""The «Figures» sheet of the register file (format v1): every figure with a stable key.

The year's figures are DESIGN.md's contract as ``core.yearend.as_json_dict`` gives them,
flattened to dotted keys (``year.left_by_reason.voluntary``, ``year.vouchers.sanatorium.cost``)
so a program reads them by key, and labelled in the file's language so a person reads them
too. Money and percentages, which the JSON holds as «1234.50» text, become exact numbers in
the sheet (Decimal: never a float), so they can be added up in Excel.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from unionapp.core.codes import AID_REASONS, EXIT_REASONS, VOUCHER_KINDS
from unionapp.core.db import Database
from unionapp.core.errors import UserError
from unionapp.core.i18n import N_, translate_in

Figure = tuple[str, str, Any]  # key, label in the file's language, value

# Labels of the contract's keys; most are the year-end report's own wording, so they share
# its translations. Keys not listed here (ours, added later) are labelled by the key.
YEAR_LABELS: dict[str, str] = {
    "year": N_("Year"),
    "members_start": N_("Members at the start of the year"),
    "admitted": N_("Admitted"),
    "left": N_("Left"),
    "left_by_reason": N_("Left by reason"),
    "members_end": N_("Members at the end of the year"),
    "women_end": N_("Women"),
    "pensioners_end": N_("Pensioners"),
    "youth_end": N_("Youth"),
    "youth_max_age": N_("Youth age limit"),
    "employees": N_("Employees of the employer"),
    "coverage_percent": N_("Coverage of the staff, %"),
    "dues_received": N_("Dues received"),
    "dues_to_higher": N_("Passed to the higher body"),
    "dues_retained": N_("Retained"),
    "dues_higher_share_percent": N_("Dues share to the higher body, %"),
    "dues_by_month": N_("Dues received by month"),
    "vouchers": N_("Recreation vouchers"),
    "members_with_vouchers": N_("Members who went themselves"),
    "children_with_vouchers": N_("Children sent"),
    "aid_count": N_("Payments of aid"),
    "aid_total": N_("Aid paid, total"),
    "aid_by_reason": N_("Material aid"),
    "awards_by_type": N_("Awards given"),
    "awards_count": N_("Awards given"),
    "awards_cost": N_("Cost of prizes and gifts"),
}
PART_LABELS = {
    "count": N_("number"),
    "cost": N_("cost"),
    "copay": N_("paid by the members"),
    "subsidy": N_("subsidy"),
    "total": N_("sum"),
}
CODE_LABELS = {
    "left_by_reason": EXIT_REASONS,
    "vouchers": VOUCHER_KINDS.labels,
    "aid_by_reason": AID_REASONS.labels,
}
SKIPPED = ("no_data", "notes", "previous")  # about the report, not figures of the year
PART_LABEL = "{figure}: {part}"  # punctuation only: the same in ky and ru


def figures_year(day: dt.date) -> int:
    """The last whole year on ``day``: its own year on 31 December, else the year before."""
    return day.year if (day.month, day.day) == (12, 31) else day.year - 1


def year_figures(db: Database, day: dt.date, lang: str) -> list[Figure]:
    """The figures of ``figures_year(day)``, keyed ``year.…``, in the contract's order."""
    from unionapp.core.yearend import as_json_dict, year_end

    try:
        data = as_json_dict(year_end(db, figures_year(day)))
    except UserError:  # a year before any register (yearend's FIRST_YEAR): none to give
        return []
    found: list[Figure] = []
    for key, value in data.items():
        if key not in SKIPPED:
            found.extend(_flatten(lang, key, [key], value))
    return found


def _label(lang: str, path: list[str]) -> str:
    top = path[0]
    label = translate_in(lang, YEAR_LABELS[top]) if top in YEAR_LABELS else top
    for depth, part in enumerate(path[1:], start=1):
        codes = CODE_LABELS.get(top, {}) if depth == 1 else PART_LABELS
        word = translate_in(lang, codes[part]) if part in codes else part
        label = PART_LABEL.format(figure=label, part=word)
    return label


def _flatten(lang: str, key: str, path: list[str], value: Any) -> Iterator[Figure]:
    if isinstance(value, dict):
        for inner_key, inner in value.items():
            yield from _flatten(lang, f"{key}.{inner_key}", [*path, str(inner_key)], inner)
        return
    yield f"year.{key}", _label(lang, path), cell_value(value)


def cell_value(value: Any) -> Any:
    """Numbers stay numbers; the JSON's money and percent text becomes an exact Decimal."""
    if isinstance(value, str):
        try:
            number = Decimal(value)
        except InvalidOperation:
            return value
        return number if number.is_finite() else value
    return value
