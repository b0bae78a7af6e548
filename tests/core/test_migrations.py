"""Schema upgrades: every released schema opens with its data intact, after a backup.

``tests/fixtures/db/schema-*.sqlite`` holds one database per released schema (see
``make_schema_0001.py``); adding a schema means adding one file there. The path from an
older schema is exercised with revisions written by the test into an extra version folder.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3
import textwrap
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from unionapp.core import backup, members, migrations, settings
from unionapp.core.errors import DatabaseFileError, UserError
from unionapp.core.store import open_database

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "db"
SCHEMA_FILES = sorted(FIXTURES.glob("schema-*.sqlite"))

# What every fixture holds, whatever its schema (make_schema_0001.py writes it).
BASELINE_MEMBERS = {
    "0001": ("Асан уулу", "Бакыт", None, "Математика кафедрасы", dt.date(1985, 3, 14)),
    "0002": ("Сейит кызы", "Жаңыл", None, "Башталгыч класстар", dt.date(1990, 11, 2)),
    "0003": ("Өмүрбекова", "Гүлнара", "Сейитбековна", "Администрация", dt.date(1958, 6, 30)),
    "0004": ("Түлөгөнов", "Мөңкүбек", "Үсөнович", "Чарба бөлүмү", dt.date(1979, 1, 21)),
    "0005": ("Иванова", "Ольга", "Петровна", "Математика кафедрасы", dt.date(1988, 4, 9)),
    "0006": ("Ким", "Сергей", None, None, None),
}


def _revision(path: Path) -> str:
    conn = sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True)
    try:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        conn.close()


def _photo_hash(path: Path) -> str:
    conn = sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True)
    try:
        image = conn.execute("SELECT image FROM member_photos WHERE member_id = 2").fetchone()[0]
    finally:
        conn.close()
    return hashlib.sha256(image).hexdigest()


def test_there_is_a_fixture_of_the_newest_schema() -> None:
    assert SCHEMA_FILES, "no tests/fixtures/db/schema-*.sqlite"
    assert migrations.head_revision() in {_revision(p) for p in SCHEMA_FILES}, (
        "a new schema needs its fixture: tests/fixtures/db/schema-NNNN.sqlite"
    )


@pytest.mark.parametrize("fixture", SCHEMA_FILES, ids=lambda p: p.name)
def test_released_schema_opens_with_data_intact(fixture: Path, tmp_path: Path) -> None:
    path = tmp_path / "union.sqlite"
    shutil.copyfile(fixture, path)
    old_revision = _revision(path)
    photo = _photo_hash(path)

    db = open_database(path)
    try:
        assert migrations.current_revision(db) == migrations.head_revision()
        assert backup.check(db) == []
        assert members.count_members(db) == len(BASELINE_MEMBERS)
        for card, (surname, name, patronymic, department, birth) in BASELINE_MEMBERS.items():
            member_id = members.find_by_card(db, card)
            assert member_id is not None, card
            data = members.get_member(db, member_id).data
            assert (data.surname, data.name, data.patronymic) == (surname, name, patronymic)
            assert (data.department, data.birth_date) == (department, birth)
        leaver = members.get_member(db, members.find_by_card(db, "0004") or 0).data
        assert (leaver.exit_date, leaver.exit_reason) == (dt.date(2023, 7, 1), "transfer")
        assert members.get_member(db, members.find_by_card(db, "0003") or 0).data.pensioner
        bakyt = members.get_member(db, members.find_by_card(db, "0001") or 0)
        assert [c.full_name for c in bakyt.children] == [
            "Бакыт уулу Нурсултан",
            "Бакыт кызы Айпери",
        ]
        zhanyl = members.find_by_card(db, "0002") or 0
        assert hashlib.sha256(members.get_photo(db, zhanyl) or b"").hexdigest() == photo
        assert [h.field for h in members.history(db, members.find_by_card(db, "0004") or 0)][
            :2
        ] == ["exit_reason", "exit_date"]
        assert settings.get(db, "org.chairperson") == "Өмүрбекова Гүлнара Сейитбековна"
        assert settings.get(db, "org.employees") == "84"
    finally:
        db.close()
    upgraded = old_revision != migrations.head_revision()
    saved = [b for b in backup.list_backups(path) if b.reason == "pre-upgrade"]
    assert len(saved) == (1 if upgraded else 0)
    if upgraded:
        backup.verify_backup(saved[0].path)
        assert _revision(saved[0].path) == old_revision


def _extra_versions(folder: Path, *steps: tuple[str, str, str]) -> ScriptDirectory:
    """Revisions after the program's head, each (revision, down_revision, body of upgrade)."""
    folder.mkdir()
    for rev, down, body in steps:
        header = (
            "import sqlalchemy as sa\nfrom alembic import op\n\n"
            f"revision = {rev!r}\ndown_revision = {down!r}\n"
            "branch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n"
        )
        step = header + textwrap.indent(textwrap.dedent(body).strip(), "    ") + "\n"
        (folder / f"{rev}_test_step.py").write_text(step, encoding="utf-8")
    return migrations.script_directory([folder])


ADD_TABLE = """
op.create_table("upgrade_probe", sa.Column("id", sa.Integer, primary_key=True))
op.execute("INSERT INTO upgrade_probe (id) VALUES (7)")
"""


def _tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()


def test_upgrade_of_an_older_database_backs_it_up_first(tmp_path: Path) -> None:
    path = tmp_path / "union.sqlite"
    shutil.copyfile(SCHEMA_FILES[-1], path)
    head = migrations.head_revision()
    scripts = _extra_versions(tmp_path / "versions", ("9002", head, ADD_TABLE))

    db = open_database(path, scripts=scripts)
    try:
        assert migrations.current_revision(db) == "9002"
        assert members.count_members(db) == len(BASELINE_MEMBERS)
    finally:
        db.close()

    (saved,) = backup.list_backups(path)
    assert saved.reason == "pre-upgrade"
    backup.verify_backup(saved.path)
    assert _revision(saved.path) == head  # the state before the step ran
    assert "upgrade_probe" not in _tables(saved.path)
    assert "upgrade_probe" in _tables(path)


def test_no_upgrade_runs_when_the_backup_cannot_be_made(tmp_path: Path) -> None:
    path = tmp_path / "union.sqlite"
    shutil.copyfile(SCHEMA_FILES[-1], path)
    before = path.read_bytes()
    (tmp_path / "backups").write_text("a file where the backups folder belongs")
    scripts = _extra_versions(
        tmp_path / "versions", ("9002", migrations.head_revision(), ADD_TABLE)
    )

    with pytest.raises(UserError):
        open_database(path, scripts=scripts)

    assert path.read_bytes() == before
    assert _revision(path) == migrations.head_revision()


def test_each_step_commits_with_its_version_stamp(tmp_path: Path) -> None:
    path = tmp_path / "union.sqlite"
    shutil.copyfile(SCHEMA_FILES[-1], path)
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
        open_database(path, scripts=scripts)

    assert _revision(path) == "9002"  # the finished step is kept, with its stamp
    assert "upgrade_probe" in _tables(path)
    assert "half_done" not in _tables(path)  # the broken step left nothing behind


def test_a_new_database_is_created_at_head_without_a_backup(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        assert migrations.current_revision(db) == migrations.head_revision()
        assert backup.check(db) == []
    finally:
        db.close()
    assert backup.list_backups(db_path) == []


def test_a_database_newer_than_the_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "union.sqlite"
    shutil.copyfile(SCHEMA_FILES[-1], path)
    scripts = _extra_versions(
        tmp_path / "versions", ("9002", migrations.head_revision(), ADD_TABLE)
    )
    open_database(path, scripts=scripts).close()  # a "newer program" upgraded it
    before = path.read_bytes()

    with pytest.raises(DatabaseFileError) as caught:
        open_database(path)

    assert caught.value.msgid == migrations.NEWER
    assert "9002" in caught.value.message() and str(path) in caught.value.message()
    assert path.read_bytes() == before
    with pytest.raises(DatabaseFileError):
        open_database(path, upgrade=False)


def test_the_migrations_build_exactly_the_models(db_path: Path) -> None:
    """A model changed without a migration (or the reverse) would surface only on a user's PC."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from unionapp.core.models import Base

    db = open_database(db_path)
    try:
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        db.close()


def test_benefits_of_schema_0003_survive_upgrades(tmp_path: Path) -> None:
    path = tmp_path / "union.sqlite"
    shutil.copyfile(FIXTURES / "schema-0003.sqlite", path)
    db = open_database(path)
    try:
        with db.engine.connect() as conn:
            rows = conn.exec_driver_sql(
                "SELECT v.cost, v.copay, d.number, i.max_child_age FROM vouchers v"
                " JOIN decisions d ON d.id = v.decision_id"
                " JOIN institutions i ON i.id = v.institution_id"
            ).all()
            assert [tuple(r) for r in rows] == [(1_800_000, 360_000, "7", 15)]
            award = conn.exec_driver_sql(
                "SELECT t.name, a.cert_year, a.cert_seq FROM awards a"
                " JOIN award_types t ON t.id = a.award_type_id"
            ).one()
            assert tuple(award) == ("Ардак грамота", 2026, 17)
    finally:
        db.close()


def test_printing_records_of_schema_0004_survive_upgrades(tmp_path: Path) -> None:
    path = tmp_path / "union.sqlite"
    shutil.copyfile(FIXTURES / "schema-0004.sqlite", path)
    db = open_database(path)
    try:
        with db.engine.connect() as conn:
            issues = conn.exec_driver_sql(
                "SELECT card_no, issued_on, reprint FROM card_issues ORDER BY id"
            ).all()
            assert [tuple(r) for r in issues] == [
                ("0001", "2024-02-01", 0),
                ("0001", "2026-03-10", 1),
            ]
            layout = conn.exec_driver_sql("SELECT name FROM print_layouts").scalar_one()
            assert layout == "blank:Ардак грамота"
    finally:
        db.close()


def test_the_budget_of_schema_0005_survives_upgrades(tmp_path: Path) -> None:
    path = tmp_path / "union.sqlite"
    shutil.copyfile(FIXTURES / "schema-0005.sqlite", path)
    db = open_database(path)
    try:
        with db.engine.connect() as conn:
            lines = conn.exec_driver_sql(
                "SELECT l.category, l.name, l.planned, e.amount, e.document_no"
                " FROM budget_lines l LEFT JOIN budget_entries e ON e.line_id = l.id"
                " ORDER BY l.id"
            ).all()
            assert [tuple(r) for r in lines] == [
                ("dues_retained", None, 70_000_000, None, None),
                ("recreation", None, 30_000_000, None, None),
                ("events", "Нооруз майрамы", 5_000_000, 4_250_050, "Акт № 12"),
            ]
    finally:
        db.close()


def test_member_versions_of_schema_0006_survive_upgrades(tmp_path: Path) -> None:
    path = tmp_path / "union.sqlite"
    shutil.copyfile(FIXTURES / "schema-0006.sqlite", path)
    db = open_database(path)
    try:
        assert members.get_member(db, members.find_by_card(db, "0002") or 0).version == 3
        assert members.get_member(db, members.find_by_card(db, "0001") or 0).version == 1
    finally:
        db.close()


def test_vouchers_of_schema_0006_have_no_place_and_0007_keeps_it(tmp_path: Path) -> None:
    from unionapp.core import vouchers

    for name, expected in (("schema-0006.sqlite", (None, None, None)),
                           ("schema-0007.sqlite", (2, 17, 5))):
        path = tmp_path / name
        shutil.copyfile(FIXTURES / name, path)
        db = open_database(path)
        try:
            (row,) = vouchers.list_vouchers(db)
            assert (row.queue_place, row.queue_points, row.queue_size) == expected
        finally:
            db.close()
