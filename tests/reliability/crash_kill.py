"""Crash safety, proven: SIGKILL the CLI at random moments of imports and edits.

A power cut or a killed process must never leave half an import behind. This script makes a
real demo database (``unionapp demo --members 300 --years 1``), builds real .xlsx files from
its own registers (``unionapp export KIND``, then changed with openpyxl so that importing
them changes the database), and measures once, for every command, the database's state
before and after the command ran to its end (and how long it takes, and when it starts to
write). Then, ``--runs`` times, it copies the database, starts one command as a subprocess,
kills it with SIGKILL after a random delay within the command's typical duration (half of
the kills aimed at its last 150 ms before it first writes to disk and after), and checks:

* ``unionapp check`` passes (integrity, foreign keys, schema);
* the database equals either the state before or the state after the command, table by
  table (row counts, sums and a digest of every column; only the clock's columns left out);
* every backup in the backups folder verifies, and the database's lock does not block;
* the same command run again to its end reaches the "after" state (nothing stale blocks it).

Usage: ``.venv/bin/python tests/reliability/crash_kill.py --runs 200 [--seed S]``. It prints
a table of figures and exits 1 on any violation. tests/reliability/test_crash_kill.py runs a
small campaign through the same code on every test run.

The pieces: crash_program.py (running the CLI, a database's state), crash_commands.py
(the commands, their files, measuring them), crash_checks.py (one kill and its checks);
this module is the campaign and its command line.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from crash_checks import Figures, kill_once
from crash_commands import build_scenarios, measure
from crash_program import database_state, differences, run_ok

# -- the campaign --------------------------------------------------------------------------


def campaign(runs: int, seed: int, work: Path, *, members: int = 300, measure_times: int = 2,
             only: list[str] | None = None, log: Callable[[str], None] = print) -> Figures:
    home = work / "home"
    files = work / "files"
    for folder in (home, files):
        folder.mkdir(parents=True, exist_ok=True)
    demo = work / "demo" / "union.sqlite"
    demo.parent.mkdir(parents=True, exist_ok=True)
    run_ok(demo, home, "demo", "--members", str(members), "--years", "1")
    base = work / "base.sqlite"
    src = sqlite3.connect(demo)
    dst = sqlite3.connect(base)
    src.backup(dst)  # one self-contained file (no log), the starting point of every run
    dst.execute("PRAGMA journal_mode=WAL")
    dst.close()
    src.close()
    before = database_state(base)
    scenarios = build_scenarios(base, home, files, only)
    for scenario in scenarios:
        measure(scenario, base, work, home, measure_times)
        log(f"measured {scenario.name}: {scenario.typical * 1000:.0f} ms, first write at "
            f"{scenario.write_start * 1000:.0f} ms, changes "
            f"{len(differences(before, scenario.after, scenario.clock))} table/column digests")
        if scenario.name != "backup" and not differences(before, scenario.after, scenario.clock):
            raise RuntimeError(f"{scenario.name} changes nothing: the check would prove nothing")
    rng = random.Random(seed)
    figures = Figures()
    for _ in range(runs):
        kill_once(rng.choice(scenarios), before, base, work, home, rng, figures)
    return figures


def report(figures: Figures) -> str:
    lines = [
        ("runs", figures.runs),
        ("killed mid-command (SIGKILL)", figures.killed),
        ("completed before the kill", figures.completed),
        ("database after the kill:", ""),
        ("  left as before (nothing written)", figures.left_before),
        ("    of them killed <100 ms before its commit (rolled back)",
         figures.killed_before_commit),
        ("  left as after (all written)", figures.left_after),
        ("    of them killed after the commit, before exit", figures.killed_after_commit),
        ("all-or-nothing holds", figures.all_or_nothing_held),
        ("partial states (must be 0)", figures.partial),
        ("integrity failures (must be 0)", figures.integrity_failures),
        ("commands failing on their own (must be 0)", figures.failed_commands),
        ("backups not verifying (must be 0)", figures.bad_backups),
        ("lock file left behind (must not block)", figures.stale_lock_files),
        ("lock still held after the kill (must be 0)", figures.lock_blocked),
        ("re-run after the kill failing (must be 0)", figures.rerun_failures),
    ]
    width = max(len(name) for name, _ in lines)
    text = io.StringIO()
    for name, value in lines:
        text.write(f"{name:<{width}}  {value:>5}\n")
    text.write("runs per command: " + ", ".join(
        f"{k} {v}" for k, v in sorted(figures.per_command.items())) + "\n")
    if figures.leftover_files:
        text.write("files left beside the database by killed commands: " + ", ".join(
            f"{k} x{v}" for k, v in sorted(figures.leftover_files.items())) + "\n")
    return text.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--members", type=int, default=300)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(10**6)
    print(f"seed {seed}")
    with contextlib.ExitStack() as stack:
        if args.keep is not None:
            work = args.keep
            work.mkdir(parents=True, exist_ok=True)
        else:
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="crash-kill-")))
        started = time.monotonic()
        figures = campaign(args.runs, seed, work, members=args.members)
        print(report(figures), end="")
        print(f"took {time.monotonic() - started:.0f} s")
    for violation in figures.violations:
        print("VIOLATION:", violation)
    return 1 if figures.violations else 0


if __name__ == "__main__":
    sys.exit(main())
