"""A small crash campaign on every test run: the same code as crash_kill.py, fewer kills.

The full proof is ``.venv/bin/python tests/reliability/crash_kill.py --runs 200`` (its figures
go in the closing note); this keeps it working and catches a regression in the all-or-nothing
writing of an import, a restore or a setting.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import crash_kill  # noqa: E402
import crash_program  # noqa: E402

SMALL = ["import members", "import payroll (replace month)", "restore"]


def test_killed_commands_leave_all_or_nothing(tmp_path: Path) -> None:
    figures = crash_kill.campaign(
        8, seed=8, work=tmp_path, members=60, measure_times=1, only=SMALL, log=lambda _: None
    )
    assert figures.violations == []
    assert figures.runs == 8
    assert figures.all_or_nothing_held == 8
    assert figures.integrity_failures == 0
    assert figures.killed > 0  # the kills did land inside the commands


def test_state_comparison_sees_half_an_import(tmp_path: Path) -> None:
    """The check can fail: one table changed alone is neither the state before nor after."""
    import sqlite3

    db = tmp_path / "t.sqlite"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE members (id INTEGER PRIMARY KEY, note TEXT, at DATETIME)")
    con.execute("CREATE TABLE audit_log (id INTEGER PRIMARY KEY, new TEXT)")
    con.execute("INSERT INTO members (note, at) VALUES ('a', '2026-01-01 10:00:00')")
    con.commit()
    before = crash_program.database_state(db)
    con.execute("UPDATE members SET note = 'b', at = '2026-01-02 11:00:00'")
    con.execute("INSERT INTO audit_log (new) VALUES ('b')")
    con.commit()
    after = crash_program.database_state(db)
    con.execute("DELETE FROM audit_log")  # the members row changed, its audit row not
    con.commit()
    half = crash_program.database_state(db)
    con.close()
    assert crash_program.differences(before, after, set())
    assert crash_program.differences(half, before, set())
    assert crash_program.differences(half, after, set())
    con = sqlite3.connect(db)
    con.execute("UPDATE members SET note = 'a', at = '2030-05-05 00:00:00'")
    con.commit()
    con.close()
    now = crash_program.database_state(db)
    assert not crash_program.differences(now, before, set())  # the clock's columns only
