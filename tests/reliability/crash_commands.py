"""The commands the crash campaign kills, and the files they import.

Each command's files are the demo's own registers (``unionapp export KIND``) changed with
openpyxl so that importing them changes the database. Every command is measured once it runs
to its end: how long it takes, when it first writes, and the state it leaves («after»).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from crash_program import State, clean_copy, cli_command, cli_env, database_state, run_ok

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
