"""Bench rows: the members register of a 10k-member demo to PDF (issue 6: under 3 s).

What the window's «Print list…» and ``unionapp print register members`` do: read the register
(one query), lay it out on A4 landscape pages and write the file. Two rows: the register as
it prints by default (the active members, ~8.7k of the demo's 10k: gating, absolute 3 s) and
every one of the 10k, those who left too (one more column, more wrapped rows: information).
Times are the median of three runs, each in this process after a first warm-up run (fonts
registered, modules imported), as the window's second printout would be.

Run alone: ``.venv/bin/python tests/perf/register_perf.py DB``.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))


def register_seconds(db_path: Path, repeat: int = 3) -> tuple[float, int, float, int]:
    """(seconds, rows) for the active members' register and for all members' register."""
    from unionapp.core import i18n
    from unionapp.core.member_list import MemberList
    from unionapp.core.store import open_database
    from unionapp.printing.registers import print_register

    i18n.set_language("ky")
    db = open_database(db_path)
    try:
        everyone = MemberList.load(db).ids
        with tempfile.TemporaryDirectory(prefix="unionapp-register-") as folder:
            out = Path(folder) / "register.pdf"
            print_register(db, "members", out)  # warm-up

            def timed(**kwargs: object) -> tuple[float, int]:
                times, rows = [], 0
                for _ in range(repeat):
                    start = time.perf_counter()
                    rows = print_register(db, "members", out, **kwargs).count  # type: ignore[arg-type]
                    times.append(time.perf_counter() - start)
                return statistics.median(times), rows

            active, active_rows = timed()
            full, all_rows = timed(member_ids=everyone, filter_text="all members")
    finally:
        db.close()
    return active, active_rows, full, all_rows


if __name__ == "__main__":
    seconds, rows, all_seconds, all_rows = register_seconds(Path(sys.argv[1]))
    print(f"active: {rows} rows in {seconds:.2f} s; all: {all_rows} rows in {all_seconds:.2f} s")
