"""The dues statement's figures: payroll by month, cash by payment date, the share per month."""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dues_helpers import add_cash, add_member, add_payroll  # noqa: E402

from unionapp.core import settings  # noqa: E402
from unionapp.core.db import Database  # noqa: E402
from unionapp.core.dues_statement import dues_statement  # noqa: E402
from unionapp.core.errors import ValidationError  # noqa: E402


def known_register(db: Database) -> None:
    """Payroll in Jan (1000.00 + 333.33), Feb (500.01) and Dec 2025 (outside); cash paid 10 Feb
    (300.00, covering Jan-Mar) and 5 Apr (100.05)."""
    a = add_member(db, "1", "Асанов", personnel="P1")
    b = add_member(db, "2", "Бекова", personnel="P2", pensioner=True)
    add_payroll(db, dt.date(2026, 1, 1), [(a, "P1", "Асанов", 100000_00, 1000_00),
                                          (None, "X", "Чужой", 33333_00, 333_33)])
    add_payroll(db, dt.date(2026, 2, 1), [(a, "P1", "Асанов", 50001_00, 500_01)])
    add_payroll(db, dt.date(2025, 12, 1), [(a, "P1", "Асанов", 99999_00, 999_99)])
    add_cash(db, b, dt.date(2026, 2, 10), dt.date(2026, 3, 1), 300_00)
    add_cash(db, b, dt.date(2026, 4, 5), dt.date(2026, 4, 1), 100_05)


def test_year_rows_and_totals(db: Database) -> None:
    known_register(db)
    st = dues_statement(db, 2026)
    assert [r.month.month for r in st.rows] == list(range(1, 13))
    jan, feb, mar, apr = st.rows[:4]
    assert (jan.payroll, jan.cash, jan.total, jan.to_higher, jan.retained) == (
        1333_33, 0, 1333_33, 400_00, 933_33)  # 30% of 1333.33 = 399.999 -> 400.00
    assert (feb.payroll, feb.cash, feb.total, feb.to_higher) == (500_01, 300_00, 800_01, 240_00)
    assert mar.total == 0  # cash counts by the payment date, not the months it covers
    assert (apr.cash, apr.to_higher) == (100_05, 30_02)  # 30.015 -> 30.02, half-up
    assert st.total == 2233_39 and st.payroll == 1833_34 and st.cash == 400_05
    assert st.to_higher == 400_00 + 240_00 + 30_02  # the sum of the months
    assert st.retained == st.total - st.to_higher


def test_quarter_month_and_share_setting(db: Database) -> None:
    known_register(db)
    settings.set_value(db, "dues.higher_share_percent", "50")
    q1 = dues_statement(db, 2026, quarter=1)
    assert [r.month for r in q1.rows] == [dt.date(2026, m, 1) for m in (1, 2, 3)]
    assert q1.share_percent == Decimal(50) and q1.to_higher == 666_67 + 400_01
    assert dues_statement(db, 2026, quarter=2).total == 100_05
    assert dues_statement(db, 2025, month=12).total == 999_99


@pytest.mark.parametrize("kwargs", [{"year": 99}, {"year": 2026, "quarter": 5},
                                    {"year": 2026, "month": 13}])
def test_bad_period_is_refused(db: Database, kwargs: dict[str, int]) -> None:
    with pytest.raises(ValidationError):
        dues_statement(db, **kwargs)
