"""The bad-file generator's good files: each import kind's columns, values the importer
accepts, and one generated file (``BadFile``) written as xlsx or csv.

A file starts good, so only the faults put into it (bad_file_faults.py) are refused.
"""

from __future__ import annotations

import csv
import io
import random
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KINDS = ("members", "children", "payroll", "cash", "vouchers", "aid", "awards")
PAYROLL_MONTH = "2026-10"
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
