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
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import hashlib
import io
import os
import random
import re
import shutil
import sqlite3
import sys
import tempfile
import time
import traceback
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KINDS = ("members", "children", "payroll", "cash", "vouchers", "aid", "awards")
PAYROLL_MONTH = "2026-10"
HUGE = 100_000
EMPTY_ROWS = 100_000


# ---------------------------------------------------------------- what a good file looks like


@dataclass(frozen=True)
class Column:
    header: str
    type: str  # card, personnel, text, name, full_name, date, money, sex, period, ...
    required: bool = False


SPECS: dict[str, list[Column]] = {
    "members": [
        Column("Номер билета", "new_card", True), Column("Фамилия", "surname"),
        Column("Имя", "name"), Column("Дата рождения", "birth_date"),
        Column("Дата вступления", "date", True), Column("Пол", "sex"),
        Column("Телефон", "text"), Column("Примечание", "note"),
    ],
    "children": [
        Column("Номер билета", "card", True), Column("ФИО ребенка", "full_name", True),
        Column("Дата рождения", "child_birth"), Column("Пол", "sex"),
    ],
    "payroll": [
        Column("Табельный номер", "personnel"), Column("ФИО", "member_name"),
        Column("Начислено", "wage", True), Column("Профвзнос", "withheld", True),
    ],
    "cash": [
        Column("Номер билета", "card", True), Column("Сумма", "money", True),
        Column("Дата оплаты", "date", True), Column("За период", "period", True),
        Column("Номер квитанции", "text"),
    ],
    "vouchers": [
        Column("Номер билета", "card", True), Column("Вид", "voucher_kind", True),
        Column("Учреждение", "institution"), Column("Дата начала", "start", True),
        Column("Дата окончания", "end", True), Column("Стоимость", "money", True),
        Column("Оплата работника", "copay"),
    ],
    "aid": [
        Column("Номер билета", "card", True), Column("Основание", "aid_reason", True),
        Column("Сумма", "money", True), Column("Дата выплаты", "date", True),
    ],
    "awards": [
        Column("Номер билета", "card", True), Column("Награда", "award", True),
        Column("Дата награждения", "decision_day", True),
        Column("Номер протокола", "decision_no", True),
        Column("Дата протокола", "decision_day"), Column("Стоимость", "copay"),
    ],
}
MONEY_TYPES = ("money", "wage", "withheld", "copay")
DATE_TYPES = ("date", "birth_date", "child_birth", "start", "end", "decision_day")
KYRGYZ_NAMES = ("Үмүт", "Өмүрбек", "Мөңкүбек", "Айгүл", "Нурбүбү", "Төлөн", "Жаңыл", "Күлүйпа")


@dataclass
class Demo:
    """What the demo database holds that a good row refers to."""

    cards: list[str]
    personnel: list[tuple[str, str]]  # personnel number, full name
    decisions: list[tuple[str, str]]  # number, held on (yyyy-mm-dd), unique in their year

    @classmethod
    def read(cls, path: Path) -> Demo:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            cards = [r[0] for r in con.execute(
                "select card_no from members where exit_date is null and join_date < '2025-01-01' "
                "order by id")]
            personnel = [(r[0], f"{r[1]} {r[2]}") for r in con.execute(
                "select personnel_no, surname, name from members "
                "where personnel_no is not null and exit_date is null order by id")]
            rows = con.execute("select number, held_on from decisions").fetchall()
        finally:
            con.close()
        per_year = Counter((n, d[:4]) for n, d in rows)
        decisions = [(n, d) for n, d in rows if per_year[(n, d[:4])] == 1]
        return cls(cards, personnel, decisions)


def good_value(col: Column, rng: random.Random, demo: Demo, row: int, ctx: dict[str, Any]) -> Any:
    """A value the importer accepts (so only the injected faults are refused)."""
    t = col.type
    if t == "new_card":
        return f"9{row:05d}"
    if t == "card":
        return ctx.setdefault("card", rng.choice(demo.cards))
    if t == "personnel":
        return ctx.setdefault("person", demo.personnel[row % len(demo.personnel)])[0]
    if t == "member_name":
        return ctx.setdefault("person", demo.personnel[row % len(demo.personnel)])[1]
    if t in ("surname", "name"):
        return rng.choice(("Асанов", "Бакыт", "Айбек", "Сейитова", "Нуржан"))
    if t == "full_name":
        return f"Асанова {rng.choice(('Айжан', 'Бермет', 'Нурай'))} {row}"
    if t == "date":
        return f"{rng.randint(1, 28):02d}.{rng.randint(1, 9):02d}.2026"
    if t == "birth_date":
        return f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(1960, 2000)}"
    if t == "child_birth":
        return f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(2010, 2024)}"
    if t == "start":
        return f"{row % 20 + 1:02d}.07.2026"
    if t == "end":
        return f"{row % 20 + 8:02d}.07.2026"
    if t == "sex":
        return rng.choice(("М", "Ж"))
    if t == "money":
        return rng.choice((15000, "25 000,50", 30000.25, "12000"))
    if t == "copay":
        return rng.choice((1500, "2 500,50", 300.25, "1000"))
    if t == "wage":
        return 40000 + row
    if t == "withheld":
        return f"{(40000 + row) / 100:.2f}"
    if t == "period":
        return rng.choice(("10.2026", "2026-09", "01.2026-03.2026"))
    if t == "voucher_kind":
        return ctx.setdefault("kind", rng.choice(("санаторий", "дом отдыха")))
    if t == "institution":  # a new one, named after its kind: one kind per institution
        return f"Проверка {ctx.setdefault('kind', rng.choice(('санаторий', 'дом отдыха')))}"
    if t == "aid_reason":
        return rng.choice(("свадьба", "рождение ребенка"))
    if t == "award":
        return "Почетная грамота"
    if t == "decision_no":
        return ctx.setdefault("decision", rng.choice(demo.decisions))[0]
    if t == "decision_day":
        number, held_on = ctx.setdefault("decision", rng.choice(demo.decisions))
        return f"{held_on[8:10]}.{held_on[5:7]}.{held_on[:4]}"
    if t == "note":
        return rng.choice(("", "председатель цехкома", "ветеран труда"))
    return rng.choice(("А-17", "тел. 0555 123456", "x"))


@dataclass
class BadFile:
    """One generated file: its table (or raw bytes), format, and the faults put in it."""

    kind: str
    number: int
    suffix: str  # .xlsx or .csv
    headers: list[str]
    columns: list[Column | None]  # None: a column the importer does not know
    rows: list[list[Any]]
    faults: list[str] = field(default_factory=list)
    raw: bytes | None = None  # a file-level fault replaces the whole content
    encoding: str = "utf-8-sig"
    formulas: bool = False  # xlsx: «=…» strings are written as formulas
    empty_rows_at: int | None = None  # where 100k empty rows go (index into rows)
    title_rows: int = 0

    @property
    def name(self) -> str:
        return f"{self.kind}-{self.number:04d}-{'+'.join(self.faults)}{self.suffix}"


def good_file(kind: str, number: int, rng: random.Random, demo: Demo, rows: int = 3) -> BadFile:
    cols = list(SPECS[kind])
    table = []
    for row in range(rows):
        ctx: dict[str, Any] = {}
        table.append([good_value(c, rng, demo, number * 10 + row, ctx) for c in cols])
    suffix = ".xlsx" if rng.random() < 0.6 else ".csv"
    return BadFile(kind, number, suffix, [c.header for c in cols], list(cols), table)


# ---------------------------------------------------------------------------- the faults


def _cols_of(f: BadFile, test: Callable[[Column], bool]) -> list[int]:
    return [i for i, c in enumerate(f.columns) if c is not None and test(c)]


def _cell(f: BadFile, rng: random.Random, cols: list[int], value: Any) -> bool:
    """Put ``value`` in one of ``cols`` of a random row; False when no such column is left."""
    if not cols or not f.rows:
        return False
    row = rng.randrange(len(f.rows))
    col = rng.choice(cols)
    while len(f.rows[row]) <= col:
        f.rows[row].append(None)
    f.rows[row][col] = value
    return True


def missing_required(f: BadFile, rng: random.Random) -> bool:
    cols = _cols_of(f, lambda c: c.required)
    if not cols:
        return False
    header = f.headers[rng.choice(cols)]
    for drop in reversed([i for i, h in enumerate(f.headers) if h == header]):  # repeats too
        f.headers.pop(drop)
        f.columns.pop(drop)
        for row in f.rows:
            if drop < len(row):
                row.pop(drop)
    return True


def duplicate_header(f: BadFile, rng: random.Random) -> bool:
    cols = _cols_of(f, lambda c: True)
    if not cols:
        return False
    col = rng.choice(cols)
    f.headers.append(f.headers[col])
    f.columns.append(f.columns[col])
    for row in f.rows:
        row.append(row[col] if col < len(row) else None)
    return True


def impossible_date(f: BadFile, rng: random.Random) -> bool:
    cols = _cols_of(f, lambda c: c.type in DATE_TYPES and c.type != "decision_day")
    if not cols:
        return False
    return _cell(f, rng, cols, rng.choice(("31.02.2026", "30.02.2025", "29.02.2025", "32.01.2026",
                                   "00.00.0000", "15.13.2026", "01.01.1066", "2026-02-31")))


def wrong_type(f: BadFile, rng: random.Random) -> bool:
    cols = _cols_of(f, lambda c: c.type in MONEY_TYPES + DATE_TYPES + ("sex", "period",
                                                                       "voucher_kind",
                                                                       "aid_reason"))
    cols = [i for i in cols if f.columns[i].type != "decision_day"]  # type: ignore[union-attr]
    if not cols:
        return False
    return _cell(f, rng, cols, rng.choice(("abc", "двенадцать", "12.3.x", "1e999", "--5", "N/A",
                                   "сто сом", "2026/13/45", "0x1F", "∞", "٣٤٥")))


def negative_money(f: BadFile, rng: random.Random) -> bool:
    cols = _cols_of(f, lambda c: c.type in MONEY_TYPES and c.type != "copay")
    if not cols:
        return False
    return _cell(f, rng, cols, rng.choice((-100, "-1 500,00", -0.01, "−300")))


def too_large(f: BadFile, rng: random.Random) -> bool:
    """More than a money column holds: once a traceback (SQLite overflow), now refused."""
    cols = _cols_of(f, lambda c: c.type in MONEY_TYPES)
    if not cols:
        return False
    amounts = (10**8, "25000000", 10**17, 10**20, "1e20", 1e300, "9" * 40)
    return _cell(f, rng, cols, rng.choice(amounts))


def truncated_xlsx(f: BadFile, rng: random.Random) -> bool:
    data = xlsx_bytes(f)
    f.suffix = ".xlsx"
    f.raw = data[: rng.randint(4, len(data) - 20)]
    return True


def not_a_zip(f: BadFile, rng: random.Random) -> bool:
    f.suffix = ".xlsx"
    f.raw = rng.choice((
        csv_bytes(f),
        b"<html><body>Not a workbook</body></html>",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(600),
        b"PK\x05\x06" + bytes(18),  # an empty zip: no workbook inside
        _zip_without_workbook(),
    ))
    return True


def _zip_without_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook><sheets>")  # broken XML
    return buffer.getvalue()


def random_bytes(f: BadFile, rng: random.Random) -> bool:
    f.raw = rng.randbytes(rng.choice((1, 17, 4096, 70_000)))
    if f.suffix == ".xlsx" and rng.random() < 0.5:
        f.raw = b"PK\x03\x04" + f.raw
    return True


def utf16_without_bom(f: BadFile, rng: random.Random) -> bool:
    f.suffix = ".csv"
    f.raw = csv_text(f).encode(rng.choice(("utf-16-le", "utf-16-be")))
    return True


def empty_file(f: BadFile, rng: random.Random) -> bool:
    f.raw = rng.choice((b"", b"   \r\n\t\n", b"\xef\xbb\xbf", b";;;\n;;;\n"))
    if f.raw and f.raw.startswith(b";") and f.suffix == ".xlsx":
        f.suffix = ".csv"
    return True


def unknown_card(f: BadFile, rng: random.Random) -> bool:
    cols = _cols_of(f, lambda c: c.type == "card")
    if not cols:
        return False
    return _cell(f, rng, cols, rng.choice(("77777777", "0", "1001-X", "№")))


def empty_required(f: BadFile, rng: random.Random) -> bool:
    # an empty «withheld» of a payroll list is 0 withheld: allowed
    cols = _cols_of(f, lambda c: c.required and c.type != "withheld")
    return _cell(f, rng, cols, rng.choice((None, "", "   ")))


# Soft faults: allowed in a good file or not, they ride along with a sure one.


def formulas(f: BadFile, rng: random.Random) -> bool:
    f.formulas = True
    for _ in range(rng.randint(1, 3)):
        _cell(f, rng, list(range(len(f.headers))), rng.choice((
            "=1+1", '=HYPERLINK("http://example.com","клик")', "=SUM(A1:A3)", "=1/0",
            "=A2&B2", '=CONCATENATE("10","01")', "=TODAY()")))
    return True


def huge_cell(f: BadFile, rng: random.Random) -> bool:
    text = rng.choice(("Ж", "ab ", "1", "Ү\n"))
    return _cell(f, rng, list(range(len(f.headers))), (text * HUGE)[:HUGE])


def empty_rows(f: BadFile, rng: random.Random) -> bool:
    if f.suffix == ".xlsx" and rng.random() < 0.8:
        f.suffix = ".csv"  # an xlsx of 100k rows takes seconds to write and read
    f.empty_rows_at = rng.randint(1, len(f.rows))
    return True


def lost_letters(f: BadFile, rng: random.Random) -> bool:
    cols = _cols_of(f, lambda c: c.type in ("surname", "name", "full_name", "member_name",
                                            "institution", "note"))
    if cols:
        _cell(f, rng, cols, f"{rng.choice(KYRGYZ_NAMES)} {rng.choice(KYRGYZ_NAMES)}")
    f.suffix = ".csv"
    f.encoding = "cp1251"
    return True


def odd_types(f: BadFile, rng: random.Random) -> bool:
    import datetime as dt

    return _cell(f, rng, list(range(len(f.headers))), rng.choice((
        True, False, 1e300, -0.0, 123456789012345678901234567890, dt.datetime(1900, 1, 1),
        dt.time(12, 30), dt.datetime(2026, 2, 28, 23, 59))))


def junk_columns(f: BadFile, rng: random.Random) -> bool:
    for _ in range(rng.randint(1, 40)):
        f.headers.append(rng.choice(("", "Столбец", "???", "Итого", "=1+1", "A")))
        f.columns.append(None)
        for row in f.rows:
            row.append(rng.choice((None, "x", 0, "—")))
    return True


def title_block(f: BadFile, rng: random.Random) -> bool:
    f.title_rows = rng.randint(1, 40)  # past 30 rows the header is no longer looked for
    return True


def control_chars(f: BadFile, rng: random.Random) -> bool:
    return _cell(f, rng, list(range(len(f.headers))), rng.choice((
        "Асан\x00ов", "\x1b[31mred\x1b[0m", "a\rb\nc", "\u202eмелин", "\ufeffБОМ", "\t\t",
        "строка\u2028другая", "\x0b\x0c")))


def ragged_rows(f: BadFile, rng: random.Random) -> bool:
    row = rng.choice(f.rows)
    if rng.random() < 0.5:
        del row[rng.randrange(len(row)):]
    else:
        row.extend(["лишнее"] * rng.randint(1, 300))
    return True


Fault = Callable[[BadFile, random.Random], bool]
SURE: dict[str, Fault] = {
    "missing-col": missing_required, "dup-header": duplicate_header,
    "bad-date": impossible_date, "wrong-type": wrong_type, "negative": negative_money,
    "too-large": too_large, "cut-xlsx": truncated_xlsx, "not-zip": not_a_zip,
    "random-bytes": random_bytes,
    "utf16-nobom": utf16_without_bom, "empty": empty_file, "unknown-card": unknown_card,
    "empty-required": empty_required,
}
FILE_LEVEL = {"cut-xlsx", "not-zip", "random-bytes", "utf16-nobom", "empty"}
SOFT: dict[str, Fault] = {
    "formula": formulas, "huge": huge_cell, "100k-empty": empty_rows, "cp1251": lost_letters,
    "odd-types": odd_types, "junk-cols": junk_columns, "title": title_block,
    "control": control_chars, "ragged": ragged_rows,
}


def make_bad_file(kind: str, number: int, rng: random.Random, demo: Demo) -> BadFile:
    """A file of ``kind`` with one to four faults, at least one that must be refused."""
    f = good_file(kind, number, rng, demo, rows=rng.randint(1, 6))
    soft = rng.sample(sorted(SOFT), rng.choice((0, 1, 1, 2, 2, 3)))
    if "100k-empty" in soft and rng.random() < 0.7:
        soft.remove("100k-empty")  # keep the slow fault to a few percent of the files
    for name in soft:
        if SOFT[name](f, rng):
            f.faults.append(name)
    sure = [n for n in SURE if n not in FILE_LEVEL or rng.random() < 0.35]
    rng.shuffle(sure)
    wanted = rng.choice((1, 1, 2, 3))
    for name in sure:
        if len([x for x in f.faults if x in SURE]) >= wanted:
            break
        if name in FILE_LEVEL and f.raw is not None:
            continue
        if SURE[name](f, rng):
            f.faults.append(name)
            if name in FILE_LEVEL:
                break  # the content is replaced: later cell faults would not show
    return f


# --------------------------------------------------------------------------- writing files


def _table(f: BadFile) -> list[list[Any]]:
    title = [[f"Ведомость {i}"] for i in range(f.title_rows)]
    rows = [list(r) for r in f.rows]
    if f.empty_rows_at is not None:
        rows[f.empty_rows_at:f.empty_rows_at] = [[None]] * EMPTY_ROWS
    return title + [list(f.headers)] + rows


def csv_text(f: BadFile) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in _table(f):
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue()


def csv_bytes(f: BadFile) -> bytes:
    return csv_text(f).encode(f.encoding, errors="replace")


def xlsx_bytes(f: BadFile) -> bytes:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Лист1")
    for row in _table(f):
        cells: list[Any] = []
        for value in row:
            if isinstance(value, str) and value.startswith("=") and not f.formulas:
                value = " " + value
            if isinstance(value, str):  # XML cannot hold most control characters
                value = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "?", value)
            cells.append(value)
        sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_file(f: BadFile, folder: Path) -> Path:
    path = folder / f.name
    if f.raw is not None:
        path.write_bytes(f.raw)
    elif f.suffix == ".xlsx":
        path.write_bytes(xlsx_bytes(f))
    else:
        path.write_bytes(csv_bytes(f))
    return path


# ------------------------------------------------------------------------- running and checks


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
