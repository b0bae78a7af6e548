"""Year-end figures (DESIGN.md "Year-end figures (definitions)") on a year built by hand: every
figure, every boundary (joined 1 Jan, left 31 Dec, left 1 Jan, youth age on 31 Dec, leap-day
births), the dues share rounded per month as the statement does, the JSON contract."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from yearend_helpers import EXPECTED_2025, build_year

from unionapp.core import settings
from unionapp.core.db import Database
from unionapp.core.dues_statement import dues_statement
from unionapp.core.errors import UserError
from unionapp.core.yearend import (
    NO_DATA,
    NO_EMPLOYEES,
    YEAR_NOT_OVER,
    AidFigures,
    VoucherFigures,
    YearEnd,
    as_json_dict,
    check_year,
    history,
    write_json,
    year_end,
)
from unionapp.core.yearend_report import format_change, sections, year_end_report

TODAY = dt.date(2026, 3, 1)
CONTRACT_KEYS = [
    "members_start", "admitted", "left", "left_by_reason", "members_end", "women_end",
    "pensioners_end", "youth_end", "employees", "coverage_percent", "dues_received",
    "dues_to_higher", "dues_retained", "vouchers", "members_with_vouchers",
    "children_with_vouchers", "aid_count", "aid_total", "aid_by_reason", "awards_by_type",
]
OUR_KEYS = ["year", "youth_max_age", "dues_higher_share_percent", "dues_by_month",
            "awards_count", "awards_cost", "no_data", "notes"]


@pytest.fixture
def year_db(db: Database) -> Database:
    build_year(db)
    settings.set_value(db, "org.employees", "16")
    return db


def test_every_figure_of_the_year_built_by_hand(year_db: Database) -> None:
    f = year_end(year_db, 2025, today=TODAY)
    e = EXPECTED_2025

    assert (f.members_start, f.admitted, f.left, f.members_end) == (
        e["members_start"], e["admitted"], e["left"], e["members_end"])
    assert f.members_end == f.members_start + f.admitted - f.left
    assert f.left_by_reason == e["left_by_reason"]
    assert sum(f.left_by_reason.values()) == f.left
    assert (f.women_end, f.pensioners_end, f.youth_end, f.youth_max_age) == (
        e["women_end"], e["pensioners_end"], e["youth_end"], 35)
    assert f.employees == 16
    assert f.coverage_percent == Decimal("56.3")  # 900 / 16 = 56.25, half-up
    assert (f.dues_received, f.dues_to_higher, f.dues_retained) == (
        e["dues_received"], e["dues_to_higher"], e["dues_received"] - e["dues_to_higher"])
    assert f.dues_by_month == e["dues_by_month"]
    assert f.dues_share_percent == Decimal(30)
    assert f.vouchers == {kind: VoucherFigures(*v) for kind, v in e["vouchers"].items()}
    assert f.vouchers["sanatorium"].subsidy == 4_600_000
    assert f.vouchers["children_camp"].subsidy == 2_300_000
    assert f.vouchers_total == VoucherFigures(7, 9_300_000, 1_900_000)
    assert (f.members_with_vouchers, f.children_with_vouchers) == (2, 3)
    assert f.aid_by_reason == {r: AidFigures(*a) for r, a in e["aid_by_reason"].items()}
    assert (f.aid_count, f.aid_total) == (4, 2_050_050)
    assert f.awards_by_type == e["awards_by_type"]
    assert (f.awards_count, f.awards_cost) == (3, 600_000)
    assert f.notes == ()


def test_the_year_before_and_the_boundaries_between_them(year_db: Database) -> None:
    before, year = history(year_db, [2024, 2025], today=TODAY)

    # K left 31 Dec 2024 and H joined that day: counted in 2024's moves, not in 2025's
    assert (before.members_start, before.admitted, before.left, before.members_end) == (
        10, 1, 1, 10)
    assert before.left_by_reason["death"] == 1
    assert before.members_end == year.members_start
    assert (before.women_end, before.pensioners_end) == (5, 2)  # B C E G O; F G
    assert before.youth_end == 4  # B, C (35 on 31 Dec 2024), H, O
    assert (before.dues_received, before.dues_to_higher) == (57000, 17100)
    assert before.vouchers["tour"] == VoucherFigures(1, 400_000, 100_000)
    assert (before.members_with_vouchers, before.children_with_vouchers) == (1, 0)
    assert before.aid_by_reason["wedding"] == AidFigures(1, 200_000)
    assert before.awards_by_type == {"Төш белгиси": 1}
    assert history(year_db, [2025], today=TODAY) == [year_end(year_db, 2025, today=TODAY)]


def test_members_end_is_start_plus_admitted_minus_left_every_year(year_db: Database) -> None:
    for figures in history(year_db, range(2008, 2027), today=TODAY):
        assert figures.members_end == figures.members_start + figures.admitted - figures.left
    ends = [f.members_end for f in history(year_db, range(2008, 2027), today=TODAY)]
    starts = [f.members_start for f in history(year_db, range(2009, 2028), today=TODAY)]
    assert ends == starts  # 31 Dec of one year is the start of the next


def test_youth_limit_is_the_age_on_31_december(year_db: Database) -> None:
    settings.set_value(year_db, "youth.max_age", "30")
    assert year_end(year_db, 2025, today=TODAY).youth_end == 2  # H 1996, I born 1 Jan 1995
    settings.set_value(year_db, "youth.max_age", "33")
    assert year_end(year_db, 2025, today=TODAY).youth_end == 3  # D (29 Feb 1992: 33), H, I
    settings.set_value(year_db, "youth.max_age", "32")
    assert year_end(year_db, 2025, today=TODAY).youth_end == 2  # D is 33 on 31 Dec: not
    assert year_end(year_db, 2025, today=TODAY).youth_max_age == 32


def test_dues_are_the_statements_to_the_tyiyn(year_db: Database) -> None:
    settings.set_value(year_db, "dues.higher_share_percent", "12.5")
    for year in (2024, 2025, 2026):
        figures = year_end(year_db, year, today=TODAY)
        statement = dues_statement(year_db, year)
        assert (figures.dues_received, figures.dues_to_higher, figures.dues_retained) == (
            statement.total, statement.to_higher, statement.retained)
        assert list(figures.dues_by_month) == [row.total for row in statement.rows]


def test_the_json_holds_the_contracts_keys_and_money_as_text(year_db: Database,
                                                            tmp_path: Path) -> None:
    f = year_end(year_db, 2025, today=TODAY)
    data = as_json_dict(f)

    assert list(data) == CONTRACT_KEYS + OUR_KEYS
    assert data["dues_received"] == "287.24"
    assert data["dues_to_higher"] == "86.18"
    assert data["dues_retained"] == "201.06"
    assert data["coverage_percent"] == "56.3"
    assert data["employees"] == 16
    assert data["vouchers"]["sanatorium"] == {
        "count": 2, "cost": "55000.00", "copay": "9000.00", "subsidy": "46000.00"}
    assert list(data["vouchers"]) == ["sanatorium", "rest_home", "children_camp", "tour",
                                      "other"]
    assert data["left_by_reason"] == EXPECTED_2025["left_by_reason"]
    assert data["aid_total"] == "20500.50"
    assert data["aid_by_reason"]["death"] == {"count": 1, "total": "2500.50"}
    assert data["awards_by_type"] == {"Ардак грамота": 2, "Ыраазычылык кат": 1}
    assert data["dues_by_month"]["2025-12"] == "13.38"
    assert data["notes"] == [] and data["no_data"] is False

    path = tmp_path / "year.json"
    write_json(f, year_end(year_db, 2024, today=TODAY), path)
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written["previous"]["members_end"] == 10
    assert "Ардак грамота" in path.read_text(encoding="utf-8")  # not \\u escapes

    def no_floats(value: object) -> None:
        assert not isinstance(value, float), value
        for inner in (value.values() if isinstance(value, dict) else
                      value if isinstance(value, list) else ()):
            no_floats(inner)

    no_floats(written)


def test_an_empty_year_is_zeros_that_say_so(db: Database) -> None:
    f = year_end(db, 2024, today=TODAY)

    assert f == YearEnd(
        year=2024, left_by_reason=f.left_by_reason, vouchers=f.vouchers,
        aid_by_reason=f.aid_by_reason, dues_share_percent=Decimal(30),
        notes=(NO_DATA, NO_EMPLOYEES))
    assert set(f.left_by_reason.values()) == {0}
    assert {v.count for v in f.vouchers.values()} == {0}
    data = as_json_dict(f)
    assert data["no_data"] is True
    assert data["dues_received"] == "0.00" and data["aid_total"] == "0.00"
    assert data["employees"] is None and data["coverage_percent"] is None
    assert [n["code"] for n in data["notes"]] == [NO_DATA, NO_EMPLOYEES]
    assert "2024" in data["notes"][0]["message"]


def test_coverage_is_left_out_without_a_headcount(year_db: Database) -> None:
    settings.set_value(year_db, "org.employees", "0")
    f = year_end(year_db, 2025, today=TODAY)
    assert (f.employees, f.coverage_percent, f.notes) == (None, None, (NO_EMPLOYEES,))
    assert f.members_end == 9  # the rest is counted as ever
    coverage = next(r for s in sections(year_end_report(year_db, 2025, today=TODAY))
                    for r in s.rows if r.current is None)
    assert format_change(coverage) == "—"


def test_a_year_to_come_is_refused_and_this_year_is_marked(year_db: Database) -> None:
    with pytest.raises(UserError) as refused:
        year_end(year_db, 2027, today=TODAY)
    assert "2027" in refused.value.message()
    with pytest.raises(UserError):
        check_year(1899, TODAY)
    assert YEAR_NOT_OVER in year_end(year_db, 2026, today=TODAY).notes
    assert check_year(2026, TODAY) == 2026


def test_the_report_puts_each_figure_beside_the_previous_years(year_db: Database) -> None:
    report = year_end_report(year_db, 2025, today=TODAY)
    assert (report.current.year, report.previous.year) == (2025, 2024)
    assert [f.year for f in report.years] == [2021, 2022, 2023, 2024, 2025]
    rows = {row.label: row for section in sections(report) for row in section.rows}
    admitted = next(r for r in rows.values() if r.current == 3 and r.previous == 1)
    assert admitted.change == 2 and format_change(admitted) == "+2"
    received = [r for r in rows.values() if (r.previous, r.current) == (57000, 28724)]
    assert received and format_change(received[0]) == "−282,76"
