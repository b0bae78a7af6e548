"""Money in integer tyiyn: amounts as files write them, half-up rounding, no binary floats."""

from __future__ import annotations

from decimal import Decimal

import pytest

from unionapp.core.money import MoneyError, as_som_text, percent_of, to_tyiyn


@pytest.mark.parametrize(
    ("written", "tyiyn"),
    [
        (1234.5, 123450),
        ("1 234,50", 123450),
        ("1\u00a0234.5 сом", 123450),
        (0.1, 10),
        (350, 35000),
        ("281,255", 28126),  # half-up to the tyiyn
        (Decimal("0.005"), 1),
        ("-12,30", -1230),
    ],
)
def test_amounts_as_written(written: object, tyiyn: int) -> None:
    assert to_tyiyn(written) == tyiyn


@pytest.mark.parametrize("bad", ["", "abc", "nan", "inf", "12,3,4", True, "٣٤٥", "１２"])
def test_not_money(bad: object) -> None:
    with pytest.raises(MoneyError):
        to_tyiyn(bad)


def test_one_percent_of_a_wage_rounds_half_up() -> None:
    assert percent_of(2_812_550, Decimal(1)) == 28_126  # 28 125.5 tyiyn -> 28 126
    assert percent_of(2_812_450, Decimal(1)) == 28_125  # 28 124.5 -> 28 125
    assert percent_of(100_000, Decimal("30")) == 30_000


def test_plain_text_for_json_and_csv() -> None:
    assert [as_som_text(t) for t in (123450, 5, -1230, 0)] == ["1234.50", "0.05", "-12.30", "0.00"]


@pytest.mark.parametrize("text", ["1e300", "1e26", "99999999999999999999999999999"])
def test_a_number_too_large_for_an_amount_is_not_money(text: str) -> None:
    """A form's amount field gets a MoneyError it shows on the field, never a crash."""
    from unionapp.core.money import MoneyError, to_tyiyn

    with pytest.raises(MoneyError):
        to_tyiyn(text)
