"""The copy's figures come from the very snapshot its rows are copied from: another program
writing to the register while the copy runs must not make a good copy look broken."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import event

from unionapp.core.copying import copy_database
from unionapp.core.db import Database
from unionapp.core.models import Department
from unionapp.core.store import open_database


def test_a_write_by_another_program_after_the_count_does_not_fail_the_copy(
        db: Database, db_path: Path, tmp_path: Path) -> None:
    with db.transaction() as s:
        s.add_all([Department(name=f"Цех {n}") for n in range(1, 4)])
    fired: list[str] = []

    def another_pc_writes(conn: Any, cursor: Any, statement: str, *_args: Any) -> None:
        """Right after the departments were counted, another program adds one (a separate
        SQLite connection: a real second writer, committed at once)."""
        if not fired and "count" in statement.lower() and "departments" in statement:
            fired.append(statement)
            other = sqlite3.connect(db_path, timeout=5)
            other.execute("INSERT INTO departments (name) VALUES ('Новый цех')")
            other.commit()
            other.close()

    event.listen(db.engine, "after_cursor_execute", another_pc_writes)
    try:
        summary = copy_database(db, tmp_path / "copy.sqlite")  # was: MISMATCH (departments)
    finally:
        event.remove(db.engine, "after_cursor_execute", another_pc_writes)
    assert fired  # the other write really happened during the copy
    assert summary.rows["departments"] == 3  # what the snapshot held, counted and copied
    copy = open_database(tmp_path / "copy.sqlite")
    try:
        with copy.reading() as s:
            names = sorted(d.name for d in s.query(Department))
    finally:
        copy.close()
    assert names == ["Цех 1", "Цех 2", "Цех 3"]
    with db.reading() as s:  # the original did take the other program's row
        assert s.query(Department).count() == 4
