"""The fast member list (read straight from the driver's cursor), the demo organization, and
the whole-database actions on PostgreSQL: the same lists as from SQLite, clear refusals for
what only an SQLite file has (backups, the file's integrity check)."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields

import pytest
from pg_helpers import content_rows, table_rows

from unionapp.core import backup, demo, integrity, maintenance, members, migrations, settings
from unionapp.core.db import Database
from unionapp.core.errors import DatabaseFileError, UserError
from unionapp.core.member_list import MemberList

TODAY = dt.date(2025, 6, 15)


def _lists(ml: MemberList) -> dict[str, object]:
    return {f.name: getattr(ml, f.name) for f in fields(ml) if not f.name.startswith("_")}


def test_demo_and_member_list_are_the_same_on_both_stores(db, pg_db) -> None:
    on_file = demo.generate_demo(db, members=500, years=3, seed=7, today=TODAY)
    on_server = demo.generate_demo(pg_db, members=500, years=3, seed=7, today=TODAY)
    assert on_file == on_server and on_server.members == 500
    assert content_rows(db) == content_rows(pg_db)

    settings.set_value(db, "youth.max_age", "30")
    settings.set_value(pg_db, "youth.max_age", "30")
    from_file, from_server = MemberList.load(db), MemberList.load(pg_db)
    assert _lists(from_server) == _lists(from_file)
    assert len(from_server) == 500 and from_server.youth_max_age == 30
    # the driver's own types arrive as the list's: dates, not text; booleans, not 0/1
    assert {type(d) for d in from_server.join_date} == {dt.date}
    assert {type(p) for p in from_server.pensioner} == {bool}
    assert any(from_server.pensioner) and any(d is None for d in from_server.exit_date)

    department = from_server.departments()[0]
    for ml in (from_file, from_server):
        ml.sort("birth_date", descending=True)
    for choice in [
        {"query": ""},
        {"query": "ова", "status": "all"},
        {"query": "ОВА  1", "status": "left"},
        {"query": "", "department": department, "pensioners": False},
        {"query": "", "pensioners": True},
        {"query": "а", "youth": True},
    ]:
        rows = from_server.filter(**choice, today=TODAY)  # type: ignore[arg-type]
        assert rows == from_file.filter(**choice, today=TODAY), choice  # type: ignore[arg-type]
    assert from_server.filter("", status="all", today=TODAY) != []


def test_member_list_reads_what_the_services_wrote(pg_db) -> None:
    assert len(MemberList.load(pg_db)) == 0
    member_id = members.create_member(pg_db, members.MemberInput(
        card_no="0042", surname="Жаңыбаева", name="Нуриза", join_date=dt.date(2020, 9, 1),
        birth_date=dt.date(2001, 5, 6), department="Кафедра", pensioner=True, sex="F",
    ))
    ml = MemberList.load(pg_db)
    (row,) = ml.filter("нуриза жаңы", today=TODAY)
    assert ml.ids[row] == member_id and ml.row_of(member_id) == row
    assert (ml.card_no[row], ml.full_name[row], ml.department[row]) == (
        "0042", "Жаңыбаева Нуриза", "Кафедра")
    assert (ml.birth_date[row], ml.pensioner[row], ml.sex[row]) == (dt.date(2001, 5, 6), True, "F")
    assert ml.filter("", youth=True, today=TODAY) == [row]


def test_demo_refuses_a_database_with_members(pg_db) -> None:
    demo.generate_demo(pg_db, members=20, years=1, seed=1, today=TODAY)
    before = table_rows(pg_db)
    with pytest.raises(UserError):
        demo.generate_demo(pg_db, members=20, years=1, seed=2, today=TODAY)
    assert table_rows(pg_db) == before


def test_start_empty_register_on_the_server(pg_db) -> None:
    demo.generate_demo(pg_db, members=30, years=1, seed=1, today=TODAY)
    settings.set_value(pg_db, "youth.max_age", "28")

    assert maintenance.start_empty_register(pg_db) is None  # no file to back up

    assert members.count_members(pg_db) == 0 and members.departments(pg_db) == []
    assert settings.get(pg_db, "org.demo") == "0"
    assert settings.get(pg_db, "youth.max_age") == "28"
    demo.generate_demo(pg_db, members=10, years=1, seed=1, today=TODAY)  # ids go on, no clash


def test_integrity_check_is_the_schema_check_on_a_server(pg_db) -> None:
    # SQLite's integrity_check and foreign_key_check have no server counterpart to run: the
    # server enforces foreign keys itself. What is checked is the schema version.
    assert integrity.check(pg_db) == []
    with pg_db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    (problem,) = integrity.check(pg_db)
    assert "9999" in problem


def test_integrity_check_of_an_unreachable_server_is_a_problem_not_a_crash(pg_url) -> None:
    from sqlalchemy import make_url

    db = Database(make_url(pg_url).set(port=1).render_as_string(hide_password=False))
    try:
        (problem,) = integrity.check(db)
    finally:
        db.close()
    assert problem == DatabaseFileError(migrations.UNREACHABLE, path=db.url).message()
    assert ":***@" in problem


def test_backups_are_refused_cleanly_on_a_server(pg_db, tmp_path) -> None:
    # Backups copy an SQLite file; a server is backed up with its own tools (pg_dump).
    with pytest.raises(UserError) as info:
        backup.make_backup(pg_db, backup.MANUAL)
    assert info.value.msgid == "A server database is backed up with the server's own tools."
    with pytest.raises(UserError):
        backup.make_backup(pg_db, backup.MANUAL, out=tmp_path / "copy.sqlite")
    assert backup.auto_backup_if_due(pg_db) is None
    assert backup.backup_on_close(pg_db) is None
    assert not (tmp_path / "copy.sqlite").exists()
