"""Opening a PostgreSQL database: created at the newest schema, upgraded step by step, refused
with a clear message when it is someone else's, newer, or cannot be reached."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from pg_helpers import table_rows
from sqlalchemy import create_engine, inspect, make_url
from test_migrations import ADD_TABLE, _extra_versions

from unionapp.core import backup, migrations, settings
from unionapp.core.db import Database
from unionapp.core.errors import DatabaseFileError
from unionapp.core.models import Base
from unionapp.core.store import open_database


def _scalar(url: str, sql: str) -> Any:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.exec_driver_sql(sql).scalar()
    finally:
        engine.dispose()


def test_a_new_database_is_created_at_head_without_a_backup(pg_url: str, tmp_path) -> None:
    db = open_database(pg_url)
    try:
        assert not db.is_sqlite and db.path is None
        assert migrations.current_revision(db) == migrations.head_revision()
        with db.engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
        assert {t.name for t in Base.metadata.sorted_tables} | {"alembic_version"} == tables
        assert backup.check(db) == []
    finally:
        db.close()
    assert not list(tmp_path.rglob("*.sqlite"))  # nothing was written beside us


def test_opening_again_changes_nothing(pg_url: str) -> None:
    db = open_database(pg_url)
    settings.set_value(db, "org.name_ru", "Профком школы № 5")
    before = table_rows(db)
    db.close()

    db = open_database(pg_url)
    try:
        assert migrations.upgrade(db) is False  # no step left to run
        assert table_rows(db) == before
        assert settings.get(db, "org.name_ru") == "Профком школы № 5"
    finally:
        db.close()
    assert _scalar(pg_url, "SELECT count(*) FROM alembic_version") == 1


@pytest.mark.parametrize("change", ["password", "port", "database"])
def test_a_server_that_cannot_be_reached_is_a_clear_refusal(pg_url: str, change: str) -> None:
    url = make_url(pg_url).set(password="s3cret-pw-42")  # wrong, and shown nowhere
    if change != "password":
        url = url.set(password=make_url(pg_url).password)
    wrong = {
        "password": url,
        "port": url.set(port=1),  # nothing listens there
        "database": url.set(database="no_such_database_42"),
    }[change].render_as_string(hide_password=False)
    with pytest.raises(DatabaseFileError) as info:
        open_database(wrong)
    assert info.value.msgid == migrations.UNREACHABLE
    assert "no_such_database_42" in info.value.message() or change != "database"
    assert "s3cret-pw-42" not in info.value.message() + repr(info.value.params)


def test_the_password_is_kept_out_of_messages(pg_url: str) -> None:
    db = Database(make_url(pg_url).set(password="s3cret-pw-42").render_as_string(
        hide_password=False))
    try:
        assert "s3cret-pw-42" not in db.url and ":***@" in db.url
        assert "s3cret-pw-42" not in " ".join(backup.check(db))
    finally:
        db.close()


def test_another_programs_tables_are_refused_and_left_alone(pg_url: str) -> None:
    engine = create_engine(pg_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE invoices (id integer PRIMARY KEY)")
        conn.exec_driver_sql("INSERT INTO invoices VALUES (7)")
    engine.dispose()

    with pytest.raises(DatabaseFileError) as info:
        open_database(pg_url)

    assert info.value.msgid == migrations.NOT_UNIONAPP_SERVER
    assert "SQLite" not in info.value.msgid
    assert _scalar(pg_url, "SELECT count(*) FROM information_schema.tables "
                           "WHERE table_schema = current_schema()") == 1
    assert _scalar(pg_url, "SELECT id FROM invoices") == 7


def test_a_newer_schema_is_refused(pg_db, pg_url: str) -> None:
    with pg_db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    pg_db.close()
    with pytest.raises(DatabaseFileError) as info:
        open_database(pg_url)
    assert info.value.msgid == migrations.NEWER
    assert info.value.params["rev"] == "9999"


def test_each_upgrade_step_commits_with_its_stamp(pg_db, pg_url: str, tmp_path) -> None:
    pg_db.close()
    failing = """
    op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
    raise RuntimeError("power cut")
    """
    scripts = _extra_versions(
        tmp_path / "versions",
        ("9002", migrations.head_revision(), ADD_TABLE),
        ("9003", "9002", failing),
    )

    with pytest.raises(RuntimeError, match="power cut"):
        open_database(pg_url, scripts=scripts)

    assert _scalar(pg_url, "SELECT version_num FROM alembic_version") == "9002"
    assert _scalar(pg_url, "SELECT id FROM upgrade_probe") == 7
    assert _scalar(pg_url, "SELECT to_regclass('half_done')") is None  # DDL rolled back too
    # the lock was given back: the next open is not kept waiting
    scripts = _extra_versions(tmp_path / "v2", ("9002", migrations.head_revision(), ADD_TABLE))
    open_database(pg_url, scripts=scripts).close()


def test_programs_opening_one_new_database_at_once_take_turns(pg_url: str) -> None:
    count = 4
    start = threading.Barrier(count)
    failures: list[BaseException] = []

    def open_it() -> None:
        try:
            start.wait()
            open_database(pg_url).close()
        except BaseException as exc:  # reported below
            failures.append(exc)

    threads = [threading.Thread(target=open_it, daemon=True) for _ in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not any(t.is_alive() for t in threads), "an open is stuck"
    assert failures == []
    assert _scalar(pg_url, "SELECT version_num FROM alembic_version") == (
        migrations.head_revision()
    )

