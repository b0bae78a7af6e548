"""One kill and the checks after it: the database is sound and either «before» or «after».

A command starts as a subprocess and gets SIGKILL after a random delay (half of the kills
aimed at the moments just before and after it first writes). Then: ``unionapp check``
passes, the state equals the one before or the one after, every backup verifies, the lock
does not block, and running the same command again reaches «after». ``Figures`` counts it.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from crash_commands import Scenario
from crash_program import (
    State,
    clean_copy,
    cli_command,
    cli_env,
    database_state,
    differences,
    run_cli,
)

PRE_COMMIT = 0.15  # seconds before the first write that the aimed kills cover


@dataclass
class Figures:
    runs: int = 0
    killed: int = 0
    completed: int = 0
    left_before: int = 0
    left_after: int = 0
    killed_after_commit: int = 0
    killed_before_commit: int = 0
    all_or_nothing_held: int = 0
    partial: int = 0
    integrity_failures: int = 0
    failed_commands: int = 0
    bad_backups: int = 0
    lock_blocked: int = 0
    stale_lock_files: int = 0
    rerun_failures: int = 0
    leftover_files: Counter[str] = field(default_factory=Counter)
    per_command: Counter[str] = field(default_factory=Counter)
    violations: list[str] = field(default_factory=list)


def lock_is_free(db: Path) -> bool:
    from unionapp.core.errors import AlreadyRunningError
    from unionapp.core.lock import DatabaseLock

    try:
        with DatabaseLock(db):
            return True
    except AlreadyRunningError:
        return False


def backups_problems(db: Path) -> list[str]:
    from unionapp.core import backup

    problems = []
    for info in backup.list_backups(db):
        try:
            backup.verify_backup(info.path)
        except Exception as exc:  # noqa: BLE001 - any failure is the finding
            problems.append(f"{info.path.name}: {exc}")
    return problems


def leftovers(db: Path) -> list[str]:
    """Files a killed command left that are neither the database, its log nor a backup."""
    from unionapp.core import backup

    known = {db.name, db.name + "-wal", db.name + "-shm", db.name + ".lock", "backups"}
    backups = {info.path.name for info in backup.list_backups(db)}
    found = [p.name for p in db.parent.iterdir() if p.name not in known]
    folder = db.parent / "backups"
    if folder.is_dir():
        found += [f"backups/{p.name}" for p in folder.iterdir() if p.name not in backups]
    return found


def kill_once(scenario: Scenario, before: State, base: Path, work: Path, home: Path,
              rng: random.Random, figures: Figures) -> None:
    db = work / "run" / "union.sqlite"
    clean_copy(base, db)
    typical = scenario.typical
    if rng.random() < 0.5 or not scenario.writes_at:
        delay = rng.uniform(0.0, typical)
    else:  # aimed at the writing. For an import or a setting the first write seen from
        # outside is the commit (in WAL mode changed pages reach the log only then): the
        # 150 ms before it are inside its transaction (rows checked, statements run).
        delay = rng.uniform(max(0.0, scenario.write_start - PRE_COMMIT), typical)
    proc = subprocess.Popen(cli_command(db, *scenario.args), env=cli_env(home),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    time.sleep(delay)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    _out, errors = proc.communicate()
    figures.runs += 1
    figures.per_command[scenario.name] += 1
    where = f"run {figures.runs} ({scenario.name}, kill at {delay * 1000:.0f} ms)"
    killed = proc.returncode == -signal.SIGKILL
    if killed:
        figures.killed += 1
    elif proc.returncode == 0:
        figures.completed += 1
    else:
        figures.failed_commands += 1
        figures.violations.append(f"{where}: exit {proc.returncode}: {errors.decode()[-500:]}")

    checked = run_cli(db, home, "check")
    if checked.returncode != 0:
        figures.integrity_failures += 1
        figures.violations.append(f"{where}: unionapp check: {checked.stderr.strip()}")
    state = database_state(db)
    ignore = scenario.clock
    if not differences(state, before, ignore):
        figures.left_before += 1
        figures.all_or_nothing_held += 1
        start = scenario.write_start
        just_before = bool(scenario.writes_at) and start - PRE_COMMIT / 1.5 <= delay < start
        figures.killed_before_commit += killed and just_before and scenario.name != "backup"
    elif not differences(state, scenario.after, ignore):
        figures.left_after += 1
        figures.killed_after_commit += killed
        figures.all_or_nothing_held += 1
    else:
        figures.partial += 1
        figures.violations.append(
            f"{where}: neither before nor after; vs after: "
            + "; ".join(differences(state, scenario.after, ignore)[:6]))
    if proc.returncode == 0 and differences(state, scenario.after, ignore):
        figures.violations.append(f"{where}: the command ended well but its work is missing")
    for problem in backups_problems(db):
        figures.bad_backups += 1
        figures.violations.append(f"{where}: backup does not verify: {problem}")
    for name in leftovers(db):
        figures.leftover_files[name.split("_")[-1] if "_" in name else name] += 1
    if db.with_name(db.name + ".lock").exists():
        figures.stale_lock_files += 1  # a killed restore leaves it; it must not block
    if not lock_is_free(db):
        figures.lock_blocked += 1
        figures.violations.append(f"{where}: the database's lock is still held")

    # Nothing stale (a lock, a log, a half copy) may stop the next run; from the state before,
    # it must reach the state after (from the state after, it is a second import of the file).
    was_before = not differences(state, before, ignore)
    again = run_cli(db, home, *scenario.args)
    if again.returncode != 0 or (
            was_before and differences(database_state(db), scenario.after, ignore)):
        figures.rerun_failures += 1
        figures.violations.append(
            f"{where}: running it again after the kill: exit {again.returncode} "
            f"{again.stderr.strip()[-300:]}")
