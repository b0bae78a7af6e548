"""Money as integer tyiyn (1 сом = 100 тыйын): parsed from files and forms, rounded half-up.

Floats never hold money here: an Excel cell's float is turned into a Decimal through its
shortest text form (0.1 stays 0.1), and every sum is of integers, so totals are exact.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

TYIYN_PER_SOM = 100


# The largest amount an INTEGER column holds on every store (21 474 836,47 som).
AMOUNT_LIMIT = 2**31 - 1


class MoneyError(ValueError):
    """Text or a cell that is not an amount of money."""


def to_decimal(value: Any) -> Decimal:
    """An amount as written: 1234.5, "1 234,50", "1234.50 сом"; never via binary floats."""
    if isinstance(value, bool):
        raise MoneyError(str(value))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        return value
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    for unit in ("сом", "som", "с."):
        if text.casefold().endswith(unit):
            text = text[: -len(unit)]
    text = text.replace(",", ".")
    if not text.isascii():  # Decimal reads «٣٤٥» (Arabic-Indic digits) too: not an amount here
        raise MoneyError(str(value))
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise MoneyError(str(value)) from exc
    if not number.is_finite():
        raise MoneyError(str(value))
    return number


def to_tyiyn(value: Any) -> int:
    """Som (as written) to integer tyiyn, rounding half-up to the tyiyn."""
    som = to_decimal(value)
    try:  # «1e300» is a number, but no amount: quantize overflows the context's precision
        return int((som * TYIYN_PER_SOM).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    except ArithmeticError as exc:
        raise MoneyError(str(value)) from exc


def percent_of(tyiyn: int, percent: Decimal) -> int:
    """``percent`` % of an amount in tyiyn, rounded half-up to the tyiyn (1% dues of a wage)."""
    exact = Decimal(tyiyn) * percent / Decimal(100)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def to_som(tyiyn: int) -> Decimal:
    """Tyiyn as an exact Decimal of som (12345 -> 123.45): what a spreadsheet cell holds and
    Babel formats. The one place the division is written, so no writer drifts into floats."""
    return Decimal(tyiyn) / TYIYN_PER_SOM


def som_cell(tyiyn: int, as_text: bool) -> Decimal | str:
    """An amount as an exported file holds it: an exact Decimal number of som in .xlsx,
    "1234.50" text in .csv (no float ever, so the file imports back to the tyiyn)."""
    return as_som_text(tyiyn) if as_text else to_som(tyiyn)


def as_som_text(tyiyn: int) -> str:
    """Plain "1234.50" (the JSON and CSV form); formatted display goes through Babel."""
    sign = "-" if tyiyn < 0 else ""
    whole, cents = divmod(abs(tyiyn), TYIYN_PER_SOM)
    return f"{sign}{whole}.{cents:02d}"
