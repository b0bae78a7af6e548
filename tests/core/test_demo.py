"""The demo organization through the core API: shape, determinism, refusal, one transaction."""

from __future__ import annotations

import datetime as dt
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import pytest

from unionapp import paths
from unionapp.core import demo, members, settings
from unionapp.core.codes import EXIT_REASONS
from unionapp.core.demo_names import SCHOOL_UNITS, UNIVERSITY_UNITS
from unionapp.core.errors import UserError, ValidationError
from unionapp.core.i18n import _
from unionapp.core.members import MemberInput
from unionapp.core.store import open_database

TODAY = dt.date(2025, 6, 15)
ALREADY_FILLED = (
    "The database already has members. A demo organization is made only in an empty database; "
    "choose a new file with --db."
)


def rows(path: Path, sql: str) -> list[dict[str, Any]]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql)]
    finally:
        conn.close()


def everything(path: Path) -> dict[str, list[dict[str, Any]]]:
    return {
        table: rows(path, f"SELECT * FROM {table} ORDER BY 1")
        for table in ("members", "children", "departments", "settings")
    }


def test_university_register_passes_the_member_checks(db, db_path: Path) -> None:
    summary = demo.generate_demo(db, members=2000, years=3, seed=3, today=TODAY)
    assert (summary.members, summary.departments) == (2000, len(UNIVERSITY_UNITS))
    assert summary.active + summary.left == 2000
    found = rows(db_path, "SELECT m.*, d.name AS department FROM members m "
                          "JOIN departments d ON d.id = m.department_id")
    assert len(found) == 2000
    assert sum(1 for m in found if m["exit_date"] is None) == summary.active
    assert {m["department"] for m in found} <= {u.name for u in UNIVERSITY_UNITS}
    for m in found:  # the very checks a form or an import applies
        data = MemberInput(**{
            k: (dt.date.fromisoformat(v) if k.endswith("_date") and v else v)
            for k, v in m.items() if k not in ("id", "department_id", "version")
        })
        data.pensioner = bool(m["pensioner"])
        assert members.validate(data, today=TODAY) == [], m
    assert len(rows(db_path, "SELECT id FROM children")) == summary.children


def test_settings_describe_the_demo_organization(db, db_path: Path) -> None:
    summary = demo.generate_demo(db, members=400, seed=5, today=TODAY)
    values = settings.get_all(db)
    assert values["org.demo"] == "1"
    assert values["youth.max_age"] == "35"
    assert values["dues.higher_share_percent"] == "30"
    assert values["org.name_ky"] == summary.name_ky
    assert "университетинин баштапкы профсоюз уюму" in values["org.name_ky"]
    assert values["org.name_ru"].startswith("Первичная профсоюзная организация")
    employees = int(values["org.employees"])
    assert 0.75 <= summary.active / employees <= 0.95
    active_names = {
        " ".join(x for x in (m["surname"], m["name"], m["patronymic"]) if x)
        for m in rows(db_path, "SELECT * FROM members WHERE exit_date IS NULL")
    }
    assert values["org.chairperson"] in active_names


def test_a_small_register_is_a_school_with_kyrgyz_units(db, db_path: Path) -> None:
    summary = demo.generate_demo(db, members=120, seed=2, today=TODAY)
    assert "орто мектебинин" in summary.name_ky
    assert "средней школы №" in summary.name_ru
    names = {r["name"] for r in rows(db_path, "SELECT name FROM departments")}
    assert names == {u.name for u in SCHOOL_UNITS}
    positions = {r["position"] for r in rows(db_path, "SELECT position FROM members")}
    assert any("мугалим" in p for p in positions)


def test_same_seed_and_day_give_identical_rows(tmp_path: Path) -> None:
    made = []
    for name, seed in (("a", 9), ("b", 9), ("c", 10)):
        db = open_database(tmp_path / f"{name}.sqlite")
        try:
            demo.generate_demo(db, members=700, years=4, seed=seed, today=TODAY)
        finally:
            db.close()
        made.append(everything(tmp_path / f"{name}.sqlite"))
    assert made[0] == made[1]
    assert made[0]["members"] != made[2]["members"]


def test_years_set_the_window_of_joining_and_leaving(db, db_path: Path) -> None:
    demo.generate_demo(db, members=1500, years=5, seed=4, today=TODAY)
    found = rows(db_path, "SELECT join_date, exit_date FROM members")
    start = dt.date(2020, 6, 15)
    exits = [dt.date.fromisoformat(m["exit_date"]) for m in found if m["exit_date"]]
    assert exits and min(exits) >= start and max(exits) <= TODAY
    joins = [dt.date.fromisoformat(m["join_date"]) for m in found]
    assert max(joins) <= TODAY
    for year in range(5):  # each year: 5-10% admitted, 4-8% left (rounding aside)
        begin, end = dt.date(2020 + year, 6, 15), dt.date(2021 + year, 6, 15)
        present = sum(1 for j, m in zip(joins, found, strict=True) if j < begin and (
            not m["exit_date"] or dt.date.fromisoformat(m["exit_date"]) >= begin))
        admitted = sum(1 for j in joins if begin <= j < end)
        left = sum(1 for e in exits if begin <= e < end)
        assert 0.04 <= admitted / present <= 0.11, (year, admitted, present)
        assert 0.035 <= left / present <= 0.085, (year, left, present)


def test_no_years_means_no_one_has_left(db, db_path: Path) -> None:
    summary = demo.generate_demo(db, members=200, years=0, seed=1, today=TODAY)
    assert summary.left == 0
    assert rows(db_path, "SELECT count(*) AS n FROM members WHERE exit_date IS NOT NULL") == [
        {"n": 0}
    ]


def test_a_database_with_a_member_is_refused_and_unchanged(db, db_path: Path) -> None:
    members.create_member(
        db, MemberInput(card_no="7", surname="Асанов", name="Бакыт", join_date=TODAY)
    )
    before = everything(db_path)
    with pytest.raises(UserError) as info:
        demo.generate_demo(db, members=50, today=TODAY)
    assert info.value.message() == _(ALREADY_FILLED)
    assert _(ALREADY_FILLED) != ALREADY_FILLED  # shown in Kyrgyz, not in English
    assert everything(db_path) == before


def test_existing_departments_are_reused(db, db_path: Path) -> None:
    with db.transaction() as s:
        from unionapp.core.models import Department

        s.add(Department(name="Башталгыч класстар"))
    summary = demo.generate_demo(db, members=100, today=TODAY)
    assert summary.departments == len(SCHOOL_UNITS)
    assert len(rows(db_path, "SELECT id FROM departments")) == len(SCHOOL_UNITS)


def test_everything_is_one_transaction(db, db_path: Path) -> None:
    before = everything(db_path)

    def power_cut(done: int, total: int) -> None:
        if done > 0:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        demo.generate_demo(db, members=12_000, today=TODAY, progress=power_cut)
    assert everything(db_path) == before
    assert rows(db_path, "SELECT count(*) AS n FROM audit_log") == [{"n": 0}]


def test_progress_counts_rows_up_to_the_total(db) -> None:
    calls: list[tuple[int, int]] = []
    summary = demo.generate_demo(
        db, members=11_000, today=TODAY, progress=lambda d, t: calls.append((d, t))
    )
    total = calls[0][1]
    assert total > summary.members + summary.children  # three years of dues are rows too
    assert calls[0] == (0, total) and calls[-1] == (total, total)
    assert all(t == total for _d, t in calls)
    assert [d for d, _t in calls] == sorted(d for d, _t in calls)
    assert len(calls) > 3


def test_one_audit_row_says_a_demo_was_made(db, db_path: Path) -> None:
    demo.generate_demo(db, members=300, seed=8, today=TODAY)
    audit = rows(db_path, "SELECT action, entity, source, new FROM audit_log")
    assert audit == [
        {"action": "demo", "entity": "organization", "source": "demo",
         "new": "members=300; years=3; seed=8"}
    ]


@pytest.mark.parametrize(("count", "years"), [(0, 3), (200_001, 3), (10, -1), (10, 11)])
def test_bad_arguments_are_refused(db, db_path: Path, count: int, years: int) -> None:
    with pytest.raises(ValidationError):
        demo.generate_demo(db, members=count, years=years, today=TODAY)
    assert rows(db_path, "SELECT count(*) AS n FROM members") == [{"n": 0}]


def test_every_exit_reason_is_a_known_code(db, db_path: Path) -> None:
    demo.generate_demo(db, members=3000, years=6, seed=12, today=TODAY)
    reasons = [r["exit_reason"] for r in rows(db_path, "SELECT exit_reason FROM members "
                                                       "WHERE exit_date IS NOT NULL")]
    assert set(reasons) <= set(EXIT_REASONS) and None not in reasons
    counts = {code: reasons.count(code) for code in set(reasons)}
    assert max(counts, key=lambda code: counts[code]) == "voluntary"
    assert counts.get("death", 0) < 0.05 * len(reasons)
    assert {"dismissal", "retirement", "transfer"} <= set(counts)


def test_demo_flag_setting_defaults_to_no(db) -> None:
    assert settings.get(db, "org.demo") == "0"
    settings.set_value(db, "org.demo", " yes ")
    assert settings.get(db, "org.demo") == "1"
    settings.set_value(db, "org.demo", "0")
    assert settings.get(db, "org.demo") == "0"
    with pytest.raises(ValidationError) as info:
        settings.set_value(db, "org.demo", "maybe")
    assert info.value.field == "org.demo"


def test_make_temp_demo_makes_a_fresh_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    first = demo.make_temp_demo(members=150, seed=2)
    second = demo.make_temp_demo(members=150, seed=2)
    assert first.parent != second.parent
    for made in (first, second):
        assert made.parent.parent == tmp_path
        assert made.parent.name.startswith("unionapp-demo-")
        monkeypatch.setenv("UNIONAPP_HOME", str(made.parent))
        assert paths.default_db_path() == made  # the app finds it through UNIONAPP_HOME
    db = open_database(first)
    try:
        assert members.count_members(db) == 150
        assert settings.get(db, "org.demo") == "1"
    finally:
        db.close()


def test_siblings_have_their_own_names_and_births_months_apart() -> None:
    import random

    from unionapp.core import demo_people as gen

    people = gen.make_people(random.Random(7), 20_000, 0.6, TODAY)
    children = gen.make_children(random.Random(8), people, TODAY)
    families: dict[int, list[gen.ChildRow]] = {}
    for child in children:
        families.setdefault(child.parent, []).append(child)
    assert max(len(f) for f in families.values()) == 4
    for family in families.values():
        names = [" ".join(c.full_name.casefold().split()) for c in family]
        assert len(set(names)) == len(names), [c.full_name for c in family]
        births = sorted(c.birth for c in family)
        assert all(b - a >= gen.SIBLING_GAP_DAYS for a, b in zip(births, births[1:], strict=False))
        assert births[-1] <= TODAY.toordinal()


def test_demo_children_export_and_import_back(db, db_path: Path, tmp_path: Path) -> None:
    """The register a demo makes is one a chairperson could keep: it round-trips."""
    from unionapp.core.exporting import export_register
    from unionapp.core.importing import run_import

    demo.generate_demo(db, members=2000, years=3, seed=1)  # today: the importer checks today
    children_sql = ("SELECT m.card_no, c.full_name, c.birth_date, c.sex FROM children c "
                    "JOIN members m ON m.id = c.member_id ORDER BY 1, 3, 2")
    made = rows(db_path, children_sql)
    assert len(made) > 1000
    export_register(db, "members", tmp_path / "members.xlsx", "ky")
    for suffix in (".xlsx", ".csv"):
        path = tmp_path / f"children{suffix}"
        assert export_register(db, "children", path, "ru") == len(made)
        summary = run_import(db, "children", path)
        assert (summary.added, summary.updated, summary.unchanged) == (0, 0, len(made))
        fresh_path = tmp_path / f"fresh{suffix}.sqlite"
        fresh = open_database(fresh_path)
        try:
            run_import(fresh, "members", tmp_path / "members.xlsx")
            assert run_import(fresh, "children", path).added == len(made)
        finally:
            fresh.close()
        assert rows(fresh_path, children_sql) == made
