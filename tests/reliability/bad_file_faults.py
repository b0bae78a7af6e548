"""The faults put into a generated import file, and a bad file made of a few of them.

``SURE`` faults must each be refused (a missing column, an impossible date, a cut workbook…);
``SOFT`` ones (formulas, huge cells, 100k empty rows, cp1251…) may be allowed and ride along.
"""

from __future__ import annotations

import io
import os
import random
import zipfile
from collections.abc import Callable
from typing import Any

from bad_file_kinds import (
    DATE_TYPES,
    MONEY_TYPES,
    BadFile,
    Column,
    Demo,
    csv_bytes,
    csv_text,
    good_file,
    xlsx_bytes,
)

HUGE = 100_000
KYRGYZ_NAMES = ("Үмүт", "Өмүрбек", "Мөңкүбек", "Айгүл", "Нурбүбү", "Төлөн", "Жаңыл", "Күлүйпа")


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
