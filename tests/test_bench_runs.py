"""The benchmark's measurements still run (at a toy size): a renamed name in the program must
not leave ``bench.py`` broken until someone times it. Nothing here is timed or judged."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "perf"))

import cards_perf  # noqa: E402
import import_perf  # noqa: E402


def test_the_cards_baseline_and_ours_still_run(tmp_path: Path) -> None:
    ours, base = cards_perf.cards_ratio(tmp_path, count=3, repeat=1)
    assert ours > 0 and base > 0
    assert (tmp_path / "cards-ours.pdf").stat().st_size > 0
    assert (tmp_path / "cards-raw.pdf").stat().st_size > 0


def test_the_members_import_measurement_still_runs(tmp_path: Path) -> None:
    path = import_perf.make_members_xlsx(tmp_path / "m.xlsx", rows=20)
    assert import_perf.baseline_seconds(path) > 0
    assert import_perf.import_seconds(path, tmp_path / "u.sqlite") > 0
