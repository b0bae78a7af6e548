"""Dates and numbers as the chairperson reads them, through Babel for ``ky`` and ``ru``.

Dates are always ``dd.mm.yyyy``: it is what both languages' paperwork uses and what the import
files and the forms accept back, so one pattern serves display and typing. Numbers group
thousands the way the current language does (a no-break space for both ky and ru).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from babel.dates import format_datetime as _babel_datetime
from babel.numbers import format_decimal as _babel_decimal

from unionapp.core import i18n
from unionapp.core.errors import ValidationError
from unionapp.core.i18n import N_
from unionapp.core.money import as_som_text, to_som

DATETIME_PATTERN = "dd.MM.yyyy HH:mm"
DATE_HINT = N_("dd.mm.yyyy")


def _lang(lang: str | None) -> str:
    return lang or i18n.get_language()


def format_date(day: dt.date | None, lang: str | None = None) -> str:
    """``31.12.1980``; empty text for no date.

    Written without Babel: ``dd.MM.yyyy`` has no words, and ky and ru write it in the same
    digits (tests/core/test_rv8_formatting.py holds it to Babel's text for both), while Babel
    takes ~30 µs a date and a 10 000-row register has ~10 000 distinct birth dates."""
    del lang  # the same in both languages
    if day is None:
        return ""
    return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"


def format_month(month: dt.date | None, lang: str | None = None) -> str:
    """``10.2026`` (Babel's ``MM.yyyy``): a month as the payroll and the forms name it."""
    del lang
    if month is None:
        return ""
    return f"{month.month:02d}.{month.year:04d}"


def format_day_month(day: dt.date, lang: str | None = None) -> str:
    """``01.07`` (Babel's ``dd.MM``): a range's first day when its last one shows the year."""
    del lang
    return f"{day.day:02d}.{day.month:02d}"


def format_datetime(moment: dt.datetime | None, lang: str | None = None) -> str:
    if moment is None:
        return ""
    return str(_babel_datetime(moment, DATETIME_PATTERN, locale=_lang(lang)))


def format_number(number: int | Decimal, lang: str | None = None) -> str:
    """``50 000`` with the language's group separator."""
    return str(_babel_decimal(number, locale=_lang(lang)))


def format_decimal(number: int | float | Decimal, places: int = 1, lang: str | None = None,
                   *, signed: bool = False) -> str:
    """``12,5`` (``+1,5`` when ``signed``): a measure - millimetres, points - with exactly
    ``places`` decimals and the language's decimal sign, where ``f"{x:.1f}"`` would print an
    English point. Not for money (``format_money``). A float is read through its shortest
    text, so 1.45 stays 1.45 before rounding."""
    value = Decimal(repr(number)) if isinstance(number, float) else Decimal(number)
    digits = "#,##0" + ("." + "0" * places if places > 0 else "")
    pattern = f"+{digits};-{digits}" if signed else digits
    return str(_babel_decimal(value, format=pattern, locale=_lang(lang)))


def format_decimal_input(number: int | Decimal | str, lang: str | None = None) -> str:
    """``30,5``: a number as the user types it into a field - the language's decimal sign,
    every digit kept, no group separator (so the text reads back unchanged, where ``1 000``
    would not be a whole number to a parser). A stored text that is not a number is returned
    as it is, for the field's check to refuse."""
    try:
        value = Decimal(str(number).strip())
    except ArithmeticError:
        return str(number)
    if not value.is_finite():
        return str(number)
    return str(
        _babel_decimal(value, locale=_lang(lang), group_separator=False,
                       decimal_quantization=False)
    )


_DOTTED = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_date(text: str, field: str = "") -> dt.date | None:
    """A typed date: ``dd.mm.yyyy`` (also ``d.m.yyyy`` and ISO ``yyyy-mm-dd``); empty is None.

    Anything else raises a ValidationError naming ``field`` so a form can mark it.
    """
    text = text.strip()
    if not text:
        return None
    dotted = _DOTTED.match(text)
    iso = _ISO.match(text)
    try:
        if dotted:
            day, month, year = (int(g) for g in dotted.groups())
            return dt.date(year, month, day)
        if iso:
            year, month, day = (int(g) for g in iso.groups())
            return dt.date(year, month, day)
    except ValueError:
        raise ValidationError(
            N_("There is no such date: {value}."), field=field, value=text
        ) from None
    raise ValidationError(
        N_("Enter the date as dd.mm.yyyy, e.g. 31.12.1980 (not “{value}”)."),
        field=field,
        value=text,
    )


def format_money(tyiyn: int, lang: str | None = None) -> str:
    """``1 234,50``: an amount in tyiyn as som with exactly two decimals, in the language's
    separators (Decimal all the way: money is never a float)."""
    return str(_babel_decimal(to_som(tyiyn), format="#,##0.00", locale=_lang(lang)))


def format_money_input(tyiyn: int, lang: str | None = None) -> str:
    """``1234,5``: an amount in tyiyn as a form's field shows it for editing - the language's
    decimal sign, no grouping, no trailing zeros - so it reads back to the same tyiyn."""
    return format_decimal_input(as_som_text(tyiyn), lang)
