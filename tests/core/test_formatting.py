"""Dates and numbers the way ky and ru readers write them; typed dates read back."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from unionapp.core import i18n
from unionapp.core.errors import ValidationError
from unionapp.core.formatting import format_date, format_datetime, format_number, parse_date
from unionapp.core.member_fields import field_label, history_value

NBSP = "\xa0"


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_dates_are_dd_mm_yyyy(lang: str) -> None:
    assert format_date(dt.date(2024, 3, 5), lang) == "05.03.2024"
    assert format_date(None, lang) == ""
    assert format_datetime(dt.datetime(2024, 3, 5, 14, 7), lang) == "05.03.2024 14:07"


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_numbers_group_thousands(lang: str) -> None:
    assert format_number(50000, lang) == f"50{NBSP}000"
    assert format_number(1234567, lang) == f"1{NBSP}234{NBSP}567"
    assert format_number(Decimal("1234.5"), lang) == f"1{NBSP}234,5"
    assert format_number(7, lang) == "7"


def test_current_language_is_the_default() -> None:
    i18n.set_language("ru")
    assert format_number(1000) == f"1{NBSP}000"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31.12.1980", dt.date(1980, 12, 31)),
        ("5.3.1980", dt.date(1980, 3, 5)),
        (" 05/03/1980 ", dt.date(1980, 3, 5)),
        ("1980-03-05", dt.date(1980, 3, 5)),
        ("", None),
        ("   ", None),
    ],
)
def test_typed_dates(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31.02.1980", "12.13.1980", "1980", "вчера", "12.05.80"])
def test_bad_typed_dates_name_the_field_and_the_text(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_date(text, "birth_date")
    assert info.value.field == "birth_date"
    assert text in info.value.message()


def test_field_labels_and_history_values() -> None:
    assert field_label("join_date") == i18n._("Date of joining")
    assert field_label("unknown_field") == "unknown_field"
    assert field_label(None) == ""
    assert history_value("birth_date", "1990-02-28") == "28.02.1990"
    assert history_value("pensioner", "1") == i18n._("yes")
    assert history_value("exit_reason", "voluntary") == i18n._("own wish")
    assert history_value("sex", "F") == i18n._("female")
    assert history_value("child", "Бакытов Азамат 2012-03-04") == "Бакытов Азамат 04.03.2012"
    assert history_value("surname", None) == ""
    assert history_value("surname", "Асанов") == "Асанов"


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_decimals_for_a_field_use_the_language_s_sign_and_read_back(lang: str) -> None:
    from unionapp.core import settings
    from unionapp.core.formatting import format_decimal_input

    assert format_decimal_input("30.5", lang) == "30,5"
    assert format_decimal_input(Decimal("0.125"), lang) == "0,125"  # every digit kept
    assert format_decimal_input(30, lang) == "30"
    assert format_decimal_input("1234567.5", lang) == "1234567,5"  # no group separator
    assert format_decimal_input("abc", lang) == "abc"  # not a number: left for the check
    i18n.set_language(lang)
    assert format_decimal_input("12.5") == "12,5"  # the current language by default
    parse = settings.DEFINITIONS["dues.higher_share_percent"].parse
    for stored in ("30.5", "12.25", "40"):  # what is shown reads back as what was stored
        assert parse(format_decimal_input(stored, lang)) == stored
