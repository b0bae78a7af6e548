"""Members import speed against its baseline: one plain openpyxl read-only pass.

``import_ratio()`` is what the benchmark (tests/perf/bench.py) calls; run this file directly
for a quick look: ``.venv/bin/python tests/perf/import_perf.py [ROWS]``.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

SURNAMES = ("Асанов", "Асан уулу", "Сейит кызы", "Төлөгөнова", "Иванова", "Ким", "Үсөнбеков")
NAMES = ("Бакыт", "Жаңыл", "Айгүл", "Елена", "Сергей", "Өмүрбек", "Нурлан", "Чолпон")
DEPARTMENTS = tuple(f"Кафедра {i}" for i in range(1, 31))
HEADERS = (
    "Номер билета", "Табельный номер", "Фамилия", "Имя", "Отчество", "Пол", "Дата рождения",
    "Подразделение", "Должность", "Дата вступления", "Дата выхода", "Причина выхода",
    "Пенсионер", "Телефон", "E-mail", "Примечание",
)


def make_members_xlsx(path: Path, rows: int = 10_000, seed: int = 1) -> Path:
    """A realistic members list: Excel dates, some leavers, phones, e-mails, notes."""
    from openpyxl import Workbook

    rnd = random.Random(seed)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADERS)
    for i in range(rows):
        born = dt.datetime(1960, 1, 1) + dt.timedelta(days=rnd.randrange(0, 14_000))
        joined = born + dt.timedelta(days=rnd.randrange(7_000, 9_000))
        left = rnd.random() < 0.1
        sheet.append([
            str(100_000 + i), f"{i:06d}", rnd.choice(SURNAMES), rnd.choice(NAMES),
            "Маратович" if i % 2 else None, rnd.choice("МЖ"), born,
            rnd.choice(DEPARTMENTS), "Преподаватель", joined,
            joined + dt.timedelta(days=900) if left else None,
            "по собственному желанию" if left else None,
            "да" if i % 9 == 0 else "нет", f"+996555{i:06d}", f"m{i}@school.kg",
            "примечание" if i % 5 == 0 else None,
        ])
    workbook.save(path)
    return path


def baseline_seconds(path: Path) -> float:
    from openpyxl import load_workbook

    start = time.perf_counter()
    workbook = load_workbook(path, read_only=True)
    for _row in workbook.worksheets[0].iter_rows(values_only=True):
        pass
    workbook.close()
    return time.perf_counter() - start


def import_seconds(path: Path, db_path: Path) -> float:
    from unionapp.core.importing import run_import
    from unionapp.core.store import open_database

    db = open_database(db_path)
    try:
        start = time.perf_counter()
        summary = run_import(db, "members", path)
        elapsed = time.perf_counter() - start
    finally:
        db.close()
    assert summary.added > 0, summary
    return elapsed


def import_ratio(rows: int = 10_000, repeat: int = 3) -> tuple[float, float, float]:
    """(ours, baseline, ratio) in seconds: importing ``rows`` members into an empty database
    against one openpyxl read-only pass over the same file; best of ``repeat`` each."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = make_members_xlsx(folder / "members.xlsx", rows)
        baseline = min(baseline_seconds(path) for _ in range(repeat))
        ours = min(import_seconds(path, folder / f"db{i}.sqlite") for i in range(repeat))
    return ours, baseline, ours / baseline


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    ours, base, ratio = import_ratio(count)
    print(f"members import {count} rows: ours {ours:.2f} s, openpyxl pass {base:.2f} s, "
          f"ratio {ratio:.2f} (target <= 2.0)")
