"""Bad import files, proven: generate broken files of every import kind and check the refusals.

Issue 8 asks that a bad file never costs the chairperson anything: each one is refused (exit 2)
with messages that say where the problem is, no traceback is ever shown, and the database file
is byte-for-byte what it was. This script makes ``--count`` files that mix several faults
(wrong types, missing or repeated columns, broken encodings, cut or fake workbooks, huge cells,
formulas, 100k empty rows, impossible dates, negative money), every one of them with at least
one fault that must be refused, imports each through the CLI in-process against a copy of a
demo database and checks all of that. It prints its figures and exits 1 on any violation; the
files that caused one are kept in ``--keep`` for a bug report.

    .venv/bin/python tests/reliability/bad_files.py --count 1000 [--seed S]

``tests/reliability/test_bad_files.py`` runs a small batch through the same code on every run.

The pieces: bad_file_kinds.py (good files of each kind, writing them), bad_file_faults.py
(the faults), bad_file_checks.py (one import and its checks, the figures); this module is
the batch and its command line.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from bad_file_checks import Report, make_demo, run_one, sha256
from bad_file_faults import make_bad_file
from bad_file_kinds import KINDS, Demo


def run_batch(count: int, seed: int, work: Path, keep: Path | None = None,
              log: Callable[[str], None] | None = None) -> Report:
    """Generate ``count`` bad files (kinds in turn) and check each refusal."""
    demo_db = make_demo(work)
    demo = Demo.read(demo_db)
    db = work / "db" / demo_db.name
    db.parent.mkdir()
    shutil.copyfile(demo_db, db)
    db_hash = sha256(db)
    files = work / "files"
    files.mkdir()
    rng = random.Random(seed)
    outcomes = []
    for number in range(count):
        kind = KINDS[number % len(KINDS)]
        f = make_bad_file(kind, number, rng, demo)
        outcome = run_one(f, files, db, db_hash, rng)
        outcomes.append(outcome)
        if outcome.violations:
            if log:
                log(f"VIOLATION {outcome.name}: {outcome.violations}\n{outcome.stderr[-2000:]}")
            if keep is not None:
                keep.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(files / outcome.name, keep / outcome.name)
            for p in db.parent.iterdir():  # start the next file from the demo again
                p.unlink()
            shutil.copyfile(demo_db, db)
        (files / outcome.name).unlink()
        if log and (number + 1) % 100 == 0:
            log(f"{number + 1} files")
    return Report(outcomes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, default=None,
                        help="folder to copy the files that caused a violation into")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bad-files-") as tmp:
        os.environ["UNIONAPP_HOME"] = str(Path(tmp) / "home")  # backups go there, not home
        os.environ.pop("UNIONAPP_DB", None)
        report = run_batch(args.count, args.seed, Path(tmp), args.keep,
                           log=lambda s: print(s, file=sys.stderr, flush=True))
    for line in report.figures():
        print(line)
    return 1 if report.bad else 0


if __name__ == "__main__":
    sys.exit(main())
