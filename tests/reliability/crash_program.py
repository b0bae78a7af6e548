"""The crash campaign's view of the program: running the CLI, and a database's state.

A state is every table's row count and a digest of every column, so «before» and «after» a
command can be compared table by table; the clock's columns are left out (two complete runs
differ there). Used by crash_commands.py, crash_checks.py and crash_kill.py.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

LANG = "ru"  # the exports' column names; the imports read either language
# Columns written from the clock: two complete runs differ there, so they are left out of the
# comparison (their tables' row counts and every other column still count).
CLOCK_TYPES = ("DATETIME", "TIMESTAMP")

State = dict[str, tuple[int, str]]  # "table" / "table.column" -> (row count, digest)


# -- the program ---------------------------------------------------------------------------


def cli_command(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "unionapp", "--lang", LANG, "--db", str(db), *args]


def cli_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["UNIONAPP_HOME"] = str(home)
    env.pop("UNIONAPP_DB", None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def run_cli(db: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cli_command(db, *args), env=cli_env(home), capture_output=True, text=True, timeout=120
    )


def run_ok(db: Path, home: Path, *args: str) -> str:
    done = run_cli(db, home, *args)
    if done.returncode != 0:
        raise RuntimeError(f"unionapp {' '.join(args)} failed ({done.returncode}):\n"
                           f"{done.stdout}{done.stderr}")
    return done.stdout


# -- the database's state ------------------------------------------------------------------


def database_state(db: Path) -> State:
    """Every table's row count and, per column, the count of values and a digest of them."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        state: State = {}
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        for table in sorted(tables):
            count = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            state[table] = (count, "")
            for _cid, column, kind, *_rest in con.execute(f'PRAGMA table_info("{table}")'):
                if any(k in str(kind).upper() for k in CLOCK_TYPES):
                    continue
                digest = hashlib.sha256()
                for (value,) in con.execute(f'SELECT "{column}" FROM "{table}" ORDER BY rowid'):
                    digest.update(repr(value).encode())
                total = con.execute(
                    f'SELECT total("{column}") FROM "{table}" WHERE typeof("{column}") '
                    "IN ('integer', 'real')").fetchone()[0]
                state[f"{table}.{column}"] = (count, f"sum={total:g} {digest.hexdigest()[:16]}")
        return state
    finally:
        con.close()


def differences(a: State, b: State, ignore: set[str]) -> list[str]:
    keys = (set(a) | set(b)) - ignore
    return sorted(f"{k}: {a.get(k)} != {b.get(k)}" for k in keys if a.get(k) != b.get(k))


def clean_copy(source: Path, target: Path) -> None:
    """The database file alone (it is checkpointed: no log beside it), nothing else."""
    if target.parent.exists():
        shutil.rmtree(target.parent)
    target.parent.mkdir(parents=True)
    shutil.copyfile(source, target)
