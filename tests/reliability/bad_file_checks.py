"""Running one bad file through the CLI and checking its refusal; the figures of a batch.

A refusal is exit 2 with every line located (``FILE:ROW:COLUMN: …`` and a trailer naming the
file) or one «Error: …» line naming it; no traceback; the database byte-identical and
nothing left beside it.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import random
import re
import time
import traceback
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bad_file_kinds import KINDS, PAYROLL_MONTH, BadFile, write_file


@dataclass
class Outcome:
    kind: str
    name: str
    code: int
    seconds: float
    located: int  # FILE:ROW:COLUMN lines
    whole_file: bool  # one «Error: … FILE …» line
    violations: list[str]
    stdout: str = ""
    stderr: str = ""

    @property
    def longest_line(self) -> int:
        return max((len(line) for line in self.stderr.splitlines()), default=0)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """``unionapp.cli.main`` in this process; an escaping exception counts as exit 1."""
    from unionapp.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse
            code = exc.code if isinstance(exc.code, int) else 1
        except BaseException:
            traceback.print_exc()
            code = 1
    return code, out.getvalue(), err.getvalue()


def check_output(name: str, lang: str, code: int, stdout: str, stderr: str
                 ) -> tuple[int, bool, list[str]]:
    """(located lines, whole-file refusal, violations) of one refused import's output."""
    from unionapp.core.i18n import translate_in

    violations = []
    if "Traceback" in stdout + stderr or 'File "' in stderr:
        violations.append("traceback")
    if code != 2:
        violations.append(f"exit {code}")
    lines = [line for line in stderr.splitlines() if line.strip()]
    located_re = re.compile(rf"^{re.escape(name)}:\d+:[^\n]*?: \S")
    located = [line for line in lines if located_re.match(line)]
    prefix = translate_in(lang, "Error: {message}").split("{message}")[0]
    whole = len(lines) == 1 and lines[0].startswith(prefix) and name in lines[0]
    if code == 2 and not whole:
        trailer = lines[-1:] if lines else []
        if not located or not trailer or name not in trailer[0] or located_re.match(trailer[0]):
            violations.append("no located message")
        unlocated = [line for line in lines[:-1] if not located_re.match(line)]
        if unlocated:
            violations.append(f"unlocated line: {unlocated[0][:200]!r}")
    return len(located), whole, violations


def run_one(f: BadFile, folder: Path, db: Path, db_hash: str, rng: random.Random) -> Outcome:
    path = write_file(f, folder)
    options = ["--dry-run"] if rng.random() < 0.2 else []
    return check_import(f.kind, path, db, db_hash, rng.choice(("ru", "ky")), options)


def check_import(kind: str, path: Path, db: Path, db_hash: str, lang: str = "ru",
                 options: list[str] | None = None) -> Outcome:
    """Import ``path`` through the CLI and check the refusal (see ``check_output``)."""
    argv = ["--db", str(db), "--lang", lang, "import", kind, str(path), *(options or [])]
    if kind == "payroll":
        argv += ["--month", PAYROLL_MONTH]
    start = time.perf_counter()
    code, stdout, stderr = run_cli(argv)
    seconds = time.perf_counter() - start
    located, whole, violations = check_output(path.name, lang, code, stdout, stderr)
    leftovers = [p.name for p in db.parent.iterdir() if p.name != db.name]
    if sha256(db) != db_hash:
        violations.append("database changed")
    if leftovers:
        violations.append(f"files beside the database: {leftovers}")
    return Outcome(kind, path.name, code, seconds, located, whole, violations, stdout, stderr)


def make_demo(folder: Path) -> Path:
    """A demo database of 200 members, made once per run (``unionapp demo``)."""
    path = folder / "demo" / "union.sqlite"
    path.parent.mkdir(parents=True)
    code, stdout, stderr = run_cli(
        ["--db", str(path), "demo", "--members", "200", "--years", "1"])
    if code != 0:
        raise RuntimeError(f"unionapp demo failed ({code}): {stdout}{stderr}")
    return path


@dataclass
class Report:
    outcomes: list[Outcome]

    @property
    def bad(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.violations]

    def faults(self) -> Counter[str]:
        """How many files had each fault (the file names list them)."""
        return Counter(
            fault for o in self.outcomes
            for fault in Path(o.name).stem.split("-", 2)[2].split("+"))

    def figures(self) -> list[str]:
        per_kind = Counter(o.kind for o in self.outcomes)
        slowest = max(self.outcomes, key=lambda o: o.seconds)
        kinds_of = Counter(v.split(":")[0] for o in self.outcomes for v in o.violations)
        return [
            f"files: {len(self.outcomes)} ("
            + ", ".join(f"{k} {per_kind[k]}" for k in KINDS) + ")",
            f"refused (exit 2): {sum(o.code == 2 for o in self.outcomes)}",
            f"accepted (exit 0): {sum(o.code == 0 for o in self.outcomes)}",
            f"located messages (FILE:ROW:COLUMN): {sum(o.located for o in self.outcomes)}"
            f" in {sum(o.located > 0 for o in self.outcomes)} files",
            f"whole-file refusals naming the file: {sum(o.whole_file for o in self.outcomes)}",
            f"tracebacks: {kinds_of['traceback']}",
            f"exit 1: {sum(o.code == 1 for o in self.outcomes)}",
            f"db changes: {kinds_of['database changed']}",
            f"unlocated messages: {kinds_of['unlocated line'] + kinds_of['no located message']}",
            f"files with a violation: {len(self.bad)}",
            "faults: " + ", ".join(f"{k} {n}" for k, n in sorted(self.faults().items())),
            f"longest stderr line: {max(o.longest_line for o in self.outcomes)} characters",
            f"slowest file: {slowest.name} {slowest.seconds:.2f} s;"
            f" total {sum(o.seconds for o in self.outcomes):.1f} s",
        ]
