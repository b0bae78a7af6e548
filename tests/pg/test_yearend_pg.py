"""The year-end figures on both stores: the year built by hand counts the same on SQLite and on
PostgreSQL (dates compared as dates, the month of a cash payment through EXTRACT)."""

from __future__ import annotations

import datetime as dt

from yearend_helpers import EXPECTED_2025, build_year

from unionapp.core import settings
from unionapp.core.yearend import as_json_dict, history, year_end

TODAY = dt.date(2026, 3, 1)


def test_year_end_counts_the_same_on_every_store(any_db) -> None:  # type: ignore[no-untyped-def]
    build_year(any_db)
    settings.set_value(any_db, "org.employees", "16")

    figures = year_end(any_db, 2025, today=TODAY)

    data = as_json_dict(figures)
    assert (data["members_start"], data["admitted"], data["left"], data["members_end"]) == (
        10, 3, 4, 9)
    assert data["left_by_reason"] == EXPECTED_2025["left_by_reason"]
    assert (data["women_end"], data["pensioners_end"], data["youth_end"]) == (4, 1, 4)
    assert (data["dues_received"], data["dues_to_higher"], data["dues_retained"]) == (
        "287.24", "86.18", "201.06")
    assert figures.dues_by_month == EXPECTED_2025["dues_by_month"]
    assert data["coverage_percent"] == "56.3"
    assert data["vouchers"]["children_camp"] == {
        "count": 4, "cost": "28000.00", "copay": "5000.00", "subsidy": "23000.00"}
    assert (data["members_with_vouchers"], data["children_with_vouchers"]) == (2, 3)
    assert (data["aid_count"], data["aid_total"]) == (4, "20500.50")
    assert data["awards_by_type"] == EXPECTED_2025["awards_by_type"]
    for year in history(any_db, range(2009, 2027), today=TODAY):
        assert year.members_end == year.members_start + year.admitted - year.left
