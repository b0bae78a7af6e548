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
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import io
import os
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

LANG = "ru"  # the exports' column names; the imports read either language
# Columns written from the clock: two complete runs differ there, so they are left out of the
# comparison (their tables' row counts and every other column still count).
CLOCK_TYPES = ("DATETIME", "TIMESTAMP")

PRE_COMMIT = 0.15  # seconds before the first write that the aimed kills cover
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


# -- the files the commands import ---------------------------------------------------------


def rewrite_xlsx(src: Path, dst: Path, change: Callable[[dict[str, int], list[list]], list[list]]
                 ) -> None:
    """The export with its data rows changed; ``change`` gets column indexes by header."""
    book = openpyxl.load_workbook(src)
    sheet = book.active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header, data = rows[0], rows[1:]
    columns = {str(name): i for i, name in enumerate(header) if name is not None}
    data = change(columns, data)
    out = openpyxl.Workbook()
    target = out.active
    target.append(header)
    for row in data:
        target.append(row)
    out.save(dst)


def changed_members(c: dict[str, int], rows: list[list]) -> list[list]:
    for i, row in enumerate(rows):
        row[c["Примечание"]] = f"проверка {i}"
    added = []
    for i, row in enumerate(rows[:100]):
        new = list(row)
        new[c["Номер билета"]] = str(90000 + i)
        new[c["Табельный номер"]] = str(900000 + i)
        new[c["Фамилия"]] = f"{row[c['Фамилия']]}-Новый"
        new[c["Дата выхода"]] = None
        new[c["Причина выхода"]] = None
        added.append(new)
    return rows + added


def payroll_for(month: dt.date, raise_som: int) -> Callable[[dict[str, int], list[list]],
                                                              list[list]]:
    def change(c: dict[str, int], rows: list[list]) -> list[list]:
        for row in rows:
            row[c["Месяц"]] = month.strftime("%m.%Y")
            wage = int(row[c["Начислено"]]) + raise_som
            row[c["Начислено"]] = wage
            row[c["Профвзнос"]] = round(wage / 100, 2)
        return rows
    return change


def changed_cash(c: dict[str, int], rows: list[list]) -> list[list]:
    for row in rows:
        row[c["Номер квитанции"]] = f"{row[c['Номер квитанции']]}-П"
        row[c["Сумма"]] = int(row[c["Сумма"]]) + 50
    return rows


def shifted_dates(*names: str, days: int) -> Callable[[dict[str, int], list[list]],
                                                        list[list]]:
    def change(c: dict[str, int], rows: list[list]) -> list[list]:
        for row in rows:
            for name in names:
                if isinstance(row[c[name]], dt.datetime):
                    row[c[name]] = row[c[name]] - dt.timedelta(days=days)
        return rows
    return change


def changed_awards(c: dict[str, int], rows: list[list]) -> list[list]:
    for i, row in enumerate(rows):
        row[c["Номер грамоты"]] = f"{row[c['Номер грамоты']].split('/')[0]}/{500 + i}"
        row[c["Дата"]] = row[c["Дата"]] + dt.timedelta(days=1)
    return rows


# -- the commands --------------------------------------------------------------------------


@dataclass
class Scenario:
    """One command, and what it was measured to do when it ran to its end."""

    name: str
    args: list[str]
    durations: list[float] = field(default_factory=list)
    writes_at: list[float] = field(default_factory=list)
    after: State = field(default_factory=dict)
    clock: set[str] = field(default_factory=set)  # keys two complete runs disagree on

    @property
    def typical(self) -> float:
        return statistics.median(self.durations)

    @property
    def write_start(self) -> float:
        return statistics.median(self.writes_at) if self.writes_at else 0.0


def build_scenarios(base: Path, home: Path, files: Path, only: list[str] | None = None
                    ) -> list[Scenario]:
    """The commands (those named in ``only``), with their files made from the demo's exports."""
    con = sqlite3.connect(base)
    last = dt.date.fromisoformat(con.execute("SELECT max(month) FROM payroll_entries")
                                 .fetchone()[0])
    con.close()
    following = (last + dt.timedelta(days=32)).replace(day=1)

    def made(name: str, kind: str, change: Callable[[dict[str, int], list[list]], list[list]]
             ) -> str:
        exported = files / f"{kind}-export.xlsx"
        if not exported.exists():
            month = ["--month", last.strftime("%Y-%m")] if kind == "dues" else []
            run_ok(base, home, "export", kind, *month, str(exported))
        rewrite_xlsx(exported, files / name, change)
        return str(files / name)

    def other_state_backup() -> str:
        backup_file = files / "backup-other-state.sqlite"
        other = files / "other" / "other.sqlite"
        clean_copy(base, other)
        run_ok(other, home, "config", "set", "org.employees", "777")
        run_ok(other, home, "backup", "--out", str(backup_file))
        return str(backup_file)

    commands: dict[str, Callable[[], list[str]]] = {
        "import members": lambda: [
            "import", "members", made("members.xlsx", "members", changed_members)],
        "import payroll (new month)": lambda: [
            "import", "--month", following.strftime("%Y-%m"), "payroll",
            made("payroll-new.xlsx", "dues", payroll_for(following, 1000))],
        "import payroll (replace month)": lambda: [
            "import", "--month", last.strftime("%Y-%m"), "payroll",
            made("payroll-replace.xlsx", "dues", payroll_for(last, 500))],
        "import cash": lambda: ["import", "cash", made("cash.xlsx", "cash", changed_cash)],
        "import vouchers": lambda: ["import", "vouchers", made(
            "vouchers.xlsx", "vouchers", shifted_dates("Дата начала", "Дата окончания", days=2))],
        "import aid": lambda: [
            "import", "aid", made("aid.xlsx", "aid", shifted_dates("Дата", days=1))],
        "import awards": lambda: [
            "import", "awards", made("awards.xlsx", "awards", changed_awards)],
        "config set": lambda: ["config", "set", "dues.rate_percent", "2"],
        "backup": lambda: ["backup"],
        "restore": lambda: ["restore", other_state_backup()],
    }
    unknown = set(only or ()) - set(commands)
    if unknown:
        raise ValueError(f"no such command: {sorted(unknown)}")
    return [Scenario(name, args()) for name, args in commands.items()
            if only is None or name in only]


def _files_now(folder: Path) -> dict[Path, int]:
    found = {}
    for path in folder.rglob("*"):
        with contextlib.suppress(OSError):
            if path.is_file() and not path.name.endswith("-shm") and path.stat().st_size:
                found[path] = path.stat().st_size
    return found


def watch_first_write(proc: subprocess.Popen[bytes], db: Path, started: float) -> float | None:
    """Seconds from start until a file beside the database first changes (the command writes:
    its log grows, a backup or a copy appears)."""
    at_start = _files_now(db.parent)
    while proc.poll() is None:
        if _files_now(db.parent) != at_start:
            return time.monotonic() - started
        time.sleep(0.002)
    return None


def measure(scenario: Scenario, base: Path, work: Path, home: Path, times: int) -> None:
    """Run the command to its end ``times`` times: duration, write start, the after state."""
    states = []
    for _ in range(times):
        db = work / "measure" / "union.sqlite"
        clean_copy(base, db)
        started = time.monotonic()
        proc = subprocess.Popen(cli_command(db, *scenario.args), env=cli_env(home),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        first = watch_first_write(proc, db, started)
        out, errors = proc.communicate()
        scenario.durations.append(time.monotonic() - started)
        if first is not None:
            scenario.writes_at.append(first)
        if proc.returncode != 0:
            raise RuntimeError(f"{scenario.name} failed ({proc.returncode}): "
                               f"{out.decode()}{errors.decode()}")
        states.append(database_state(db))
    scenario.after = states[0]
    scenario.clock = {k for s in states[1:] for k in set(s) | set(states[0])
                      if s.get(k) != states[0].get(k)}


# -- one kill ------------------------------------------------------------------------------


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
