"""Year-end figures against the same aggregates through bare sqlite3 (DESIGN: <= 3.0x).

The baseline is honest: the very figures ``core.yearend`` counts (members at the start,
admitted, left, at the end, women, pensioners, youth; left by reason; dues by month from
payroll and cash; vouchers by kind with distinct members and children; aid by reason; awards
by type; the settings), as plain SQL on one sqlite3 connection, rows fetched into tuples
and nothing else. Ours is ``year_end(db, year)`` on the program's open database: SQLAlchemy,
the settings service, the per-month rounding and the frozen dataclasses included.

Run alone: ``.venv/bin/python tests/perf/yearend_perf.py [DB]`` (makes a 10k demo without DB).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import statistics
import sys
import time
from pathlib import Path

BASELINE_SQL = (
    ("""SELECT
          SUM(CASE WHEN join_date < :first AND (exit_date IS NULL OR exit_date >= :first)
                   THEN 1 ELSE 0 END),
          SUM(CASE WHEN join_date BETWEEN :first AND :last THEN 1 ELSE 0 END),
          SUM(CASE WHEN exit_date BETWEEN :first AND :last THEN 1 ELSE 0 END),
          SUM(CASE WHEN join_date <= :last AND (exit_date IS NULL OR exit_date > :last)
                   THEN 1 ELSE 0 END),
          SUM(CASE WHEN join_date <= :last AND (exit_date IS NULL OR exit_date > :last)
                    AND sex = 'F' THEN 1 ELSE 0 END),
          SUM(CASE WHEN join_date <= :last AND (exit_date IS NULL OR exit_date > :last)
                    AND pensioner = 1 THEN 1 ELSE 0 END),
          SUM(CASE WHEN join_date <= :last AND (exit_date IS NULL OR exit_date > :last)
                    AND birth_date >= :born_from THEN 1 ELSE 0 END)
        FROM members
        WHERE join_date <= :last AND (exit_date IS NULL OR exit_date >= :first)"""),
    ("""SELECT exit_reason, COUNT(*) FROM members
        WHERE exit_date BETWEEN :first AND :last GROUP BY exit_reason"""),
    ("""SELECT month, SUM(withheld) FROM payroll_entries
        WHERE month BETWEEN :first AND :last GROUP BY month"""),
    ("""SELECT CAST(STRFTIME('%m', paid_on) AS INTEGER), SUM(amount) FROM cash_payments
        WHERE paid_on BETWEEN :first AND :last GROUP BY 1"""),
    ("""SELECT kind, COUNT(*), SUM(cost), SUM(copay) FROM vouchers
        WHERE start_date BETWEEN :first AND :last GROUP BY kind"""),
    ("""SELECT COUNT(DISTINCT CASE WHEN child_id IS NULL THEN member_id END),
               COUNT(DISTINCT child_id)
        FROM vouchers WHERE start_date BETWEEN :first AND :last"""),
    ("""SELECT reason, COUNT(*), SUM(amount) FROM aid_payments
        WHERE paid_on BETWEEN :first AND :last GROUP BY reason"""),
    ("""SELECT award_types.name, COUNT(*), SUM(awards.cost) FROM awards
        JOIN award_types ON awards.award_type_id = award_types.id
        WHERE awards.status = 'awarded' AND awards.awarded_on BETWEEN :first AND :last
        GROUP BY award_types.name ORDER BY award_types.name"""),
    "SELECT key, value FROM settings",
)


def baseline_once(connection: sqlite3.Connection, year: int) -> float:
    params = {"first": f"{year}-01-01", "last": f"{year}-12-31",
              "born_from": f"{year - 35}-01-01"}
    start = time.perf_counter()
    for sql in BASELINE_SQL:
        connection.execute(sql, params).fetchall()
    return time.perf_counter() - start


def ours_once(database: object, year: int) -> float:
    from unionapp.core.yearend import year_end

    start = time.perf_counter()
    year_end(database, year)  # type: ignore[arg-type]
    return time.perf_counter() - start


def yearend_ratio(db_path: Path, repeat: int = 9) -> tuple[float, float]:
    """Medians of ``repeat`` runs of each side, taken in turns, after one warm-up run each
    (both read the same file, both with its pages in the OS cache)."""
    from unionapp.core.store import open_database

    year = dt.date.today().year - 1  # the last whole year: three years of dues lie around it
    database = open_database(db_path)
    connection = sqlite3.connect(db_path)
    try:
        figures_check(database, connection, year)
        ours_once(database, year)
        baseline_once(connection, year)
        ours, base = [], []
        for _ in range(repeat):
            ours.append(ours_once(database, year))
            base.append(baseline_once(connection, year))
    finally:
        connection.close()
        database.close()
    return statistics.median(ours), statistics.median(base)


def figures_check(database: object, connection: sqlite3.Connection, year: int) -> None:
    """Both sides count the same figures, and real work: the year has members and dues."""
    from unionapp.core.yearend import year_end

    figures = year_end(database, year)  # type: ignore[arg-type]
    assert figures.members_end > 5000 and figures.dues_received > 0, figures
    params = {"first": f"{year}-01-01", "last": f"{year}-12-31",
              "born_from": f"{year - figures.youth_max_age}-01-01"}
    members = connection.execute(BASELINE_SQL[0], params).fetchone()
    assert tuple(members) == (figures.members_start, figures.admitted, figures.left,
                              figures.members_end, figures.women_end, figures.pensioners_end,
                              figures.youth_end), (members, figures)
    payroll = sum(row[1] for row in connection.execute(BASELINE_SQL[2], params))
    cash = sum(row[1] for row in connection.execute(BASELINE_SQL[3], params))
    assert payroll + cash == figures.dues_received


if __name__ == "__main__":
    import os
    import subprocess
    import tempfile

    if len(sys.argv) > 1:
        path = Path(sys.argv[1])
    else:
        folder = Path(tempfile.mkdtemp(prefix="unionapp-yearend-"))
        os.environ["UNIONAPP_HOME"] = str(folder / "home")
        path = folder / "demo.sqlite"
        subprocess.run([sys.executable, "-m", "unionapp", "--db", str(path), "demo",
                        "--members", "10000", "--seed", "7"], check=True, capture_output=True)
    ours, base = yearend_ratio(path)
    print(f"ours={ours:.4f} base={base:.4f} ratio={ours / base:.2f}")
