"""One way to write money, measures and dates (review 8 #6, #16, #17): the hand-made forms are
gone, and what replaced them writes exactly what Babel would for ky and ru."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from babel.dates import format_date as babel_date
from babel.numbers import format_decimal as babel_decimal

from unionapp.core import budget_edit
from unionapp.core.budget import CATEGORIES
from unionapp.core.formatting import (
    format_date,
    format_day_month,
    format_decimal,
    format_money,
    format_money_input,
    format_month,
)
from unionapp.core.i18n import set_language
from unionapp.core.money import AMOUNT_LIMIT, to_som, to_tyiyn

DAYS = [dt.date(1, 1, 1), dt.date(999, 3, 7), dt.date(1980, 12, 31), dt.date(2026, 2, 28),
        dt.date(9999, 12, 31)]


@pytest.mark.parametrize("lang", ["ky", "ru"])
@pytest.mark.parametrize("day", DAYS)
def test_dates_and_months_are_babel_s_text(lang: str, day: dt.date) -> None:
    assert format_date(day, lang) == babel_date(day, "dd.MM.yyyy", locale=lang)
    assert format_month(day, lang) == babel_date(day, "MM.yyyy", locale=lang)
    assert format_day_month(day, lang) == babel_date(day, "dd.MM", locale=lang)
    assert format_date(None) == format_month(None) == ""


@pytest.mark.parametrize("tyiyn", [0, 1, 5, 10, 99, 100, 12345, -250, AMOUNT_LIMIT])
def test_to_som_is_exact_and_money_reads_back(tyiyn: int) -> None:
    som = to_som(tyiyn)
    assert isinstance(som, Decimal) and som * 100 == tyiyn
    for lang in ("ky", "ru"):
        assert format_money(tyiyn, lang) == babel_decimal(
            Decimal(tyiyn) / 100, format="#,##0.00", locale=lang)
        shown = format_money_input(tyiyn, lang)
        assert "." not in shown and " " not in shown and "\u00a0" not in shown
        assert to_tyiyn(shown) == tyiyn  # what a field shows is what it saves


@pytest.mark.parametrize(("lang", "value", "places", "signed", "expected"), [
    ("ru", 1.5, 1, True, "+1,5"),
    ("ky", -2.0, 1, True, "-2,0"),
    ("ru", 0.0, 1, True, "+0,0"),
    ("ky", 12.25, 1, False, "12,2"),  # half-even, as f"{12.25:.1f}" rounded
    ("ru", 1.45, 1, False, "1,4"),
    ("ru", 30, 0, False, "30"),
])
def test_measures_use_the_language_s_decimal_sign(
        lang: str, value: float, places: int, signed: bool, expected: str) -> None:
    assert format_decimal(value, places, lang, signed=signed) == expected


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_the_budget_limit_is_the_money_limit_and_is_said_as_money(lang: str) -> None:
    set_language(lang)
    assert budget_edit.MAX_AMOUNT == AMOUNT_LIMIT
    problems = budget_edit.line_problems(CATEGORIES[0].code, None, AMOUNT_LIMIT + 1, new=False)
    assert [p.field for p in problems] == ["planned"]
    assert format_money(AMOUNT_LIMIT) in problems[0].message()  # «21 474 836,47», not «.47»
    assert budget_edit.line_problems(CATEGORIES[0].code, None, AMOUNT_LIMIT, new=False) == []
