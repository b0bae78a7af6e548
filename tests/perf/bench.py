"""Benchmark of DESIGN.md's performance targets, as ratios against a baseline in the same run.

Run: ``.venv/bin/python tests/perf/bench.py``. Builds its data with ``unionapp demo``, prints
one table (work, ours, baseline, ratio, target, ok) and exits 1 when a target is missed.
Times are medians of a few runs; each side of a ratio runs on the same machine minutes apart,
so the ratio holds where absolute seconds would not. Rows for later capabilities (dues,
year-end, cards) join the table as those land.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
PY = sys.executable
ENV = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}


@dataclass
class Row:
    work: str
    ours: float
    baseline: float | None
    target: float
    unit: str = "s"

    @property
    def ratio(self) -> float | None:
        return self.ours / self.baseline if self.baseline else None

    @property
    def ok(self) -> bool:
        value = self.ratio if self.baseline is not None else self.ours
        return value is not None and value <= self.target


def make_demo(folder: Path, members: int) -> Path:
    db = folder / f"demo-{members}.sqlite"
    subprocess.run(
        [PY, "-m", "unionapp", "--db", str(db), "demo", "--members", str(members), "--seed", "7"],
        check=True, capture_output=True, env=ENV,
    )
    return db


def _run_script(code: str, home: Path) -> tuple[float, str]:
    """Wall time from process start to exit (interpreter start included), and its output."""
    env = {**ENV, "UNIONAPP_HOME": str(home)}
    start = time.perf_counter()
    done = subprocess.run([PY, "-c", code], capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    return elapsed, done.stdout


BARE_WINDOW = textwrap.dedent("""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
    app = QApplication([])
    window = QMainWindow()
    window.setCentralWidget(QTableView())
    window.resize(1200, 760)
    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, app.quit)
            return False
    spy = FirstPaint()
    window.installEventFilter(spy)
    window.show()
    app.exec()
""")

OUR_WINDOW = textwrap.dedent("""
    import argparse, resource, sys
    from PySide6.QtCore import QTimer
    from unionapp.ui import app as ui_app
    args = argparse.Namespace(db=sys.argv[1] if len(sys.argv) > 1 else DB, lang=None, demo=False)
    running = ui_app.start(args)
    window = running.window
    page = window.pages[0]
    def check():
        # the window is painted with its register shown: rows in the table, nothing loading
        if not page.is_loading() and page.model.rowCount() > 0:
            window.repaint()
            running.app.quit()
        else:
            QTimer.singleShot(1, check)
    QTimer.singleShot(0, check)
    running.app.exec()
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    running.state.close_database(); running.lock.release()
""")


def cold_start(db: Path, home: Path, repeat: int = 3) -> Row:
    ours_code = OUR_WINDOW.replace("DB", repr(str(db)), 1)
    ours = statistics.median(_run_script(ours_code, home)[0] for _ in range(repeat))
    base = statistics.median(_run_script(BARE_WINDOW, home)[0] for _ in range(repeat))
    return Row("cold start to painted window, 10k members", ours, base, 2.0)


def peak_memory(db: Path, home: Path) -> Row:
    _elapsed, out = _run_script(OUR_WINDOW.replace("DB", repr(str(db)), 1), home)
    rss_mb = int(out.strip().splitlines()[-1]) / 1024  # ru_maxrss is in KiB on Linux
    return Row("peak memory, 50k members open in the window", rss_mb, None, 250.0, "MB")


def filter_keystroke(db: Path) -> Row:
    """Typing a name letter by letter: our filter + the view repainted, against a bare scan."""
    from PySide6.QtWidgets import QApplication, QTableView

    from unionapp.core.member_list import MemberList, search_text
    from unionapp.core.store import open_database
    from unionapp.ui.models.members_model import MembersModel

    app = QApplication.instance() or QApplication([])
    database = open_database(db)
    members = MemberList.load(database)
    database.close()
    model = MembersModel()
    model.set_members(members)
    model.set_filter(status="all")
    view = QTableView()
    view.setModel(model)
    view.resize(1200, 700)
    view.show()
    app.processEvents()
    keys = members.keys
    typed = [search_text(w[:n]) for w in ("токтогулова", "иванов", "1234", "физика")
             for n in range(1, len(w) + 1)]

    def ours_once() -> float:
        start = time.perf_counter()
        for query in typed:
            model.set_filter(query=query)
            view.viewport().repaint()
        elapsed = time.perf_counter() - start
        model.set_filter(query="")
        return elapsed

    def base_once() -> float:
        start = time.perf_counter()
        for query in typed:
            _hits = [i for i, key in enumerate(keys) if query in key]
        return time.perf_counter() - start

    ours = statistics.median(ours_once() for _ in range(5)) / len(typed)
    base = statistics.median(base_once() for _ in range(5)) / len(typed)
    view.close()
    return Row("filter keystroke, 50k members (view updated)", ours, base, 3.0)


def members_import() -> Row:
    from import_perf import import_ratio

    ours, base, _ratio = import_ratio(10_000, repeat=3)
    return Row("members import, 10k rows xlsx", ours, base, 2.0)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="unionapp-bench-") as tmp:
        folder = Path(tmp)
        home = folder / "home"
        home.mkdir()
        os.environ["UNIONAPP_HOME"] = str(home)
        db10 = make_demo(folder, 10_000)
        db50 = make_demo(folder, 50_000)
        rows.append(cold_start(db10, home))
        rows.append(filter_keystroke(db50))
        rows.append(members_import())
        rows.append(peak_memory(db50, home))
    header = f"{'work':<48} {'ours':>10} {'baseline':>10} {'ratio':>7} {'target':>8}  ok"
    print(header)
    print("-" * len(header))
    for r in rows:
        base = f"{r.baseline:.4f}" if r.baseline is not None else "—"
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else "—"
        target = f"<={r.target:g}x" if r.baseline is not None else f"<={r.target:g}{r.unit}"
        ours = f"{r.ours:.4f}" if r.unit == "s" else f"{r.ours:.0f}{r.unit}"
        print(f"{r.work:<48} {ours:>10} {base:>10} {ratio:>7} {target:>8}  "
              f"{'yes' if r.ok else 'NO'}")
    return 0 if all(r.ok for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
