"""Reading an import file into plain rows: the first sheet of an .xlsx, or a .csv.

Chairpersons get files from Excel, accounting programs and typed by hand, so the reader
recognises what a file really is before trusting its extension: a password-protected or
old-format workbook renamed .xlsx, a CSV that Excel on a Russian Windows wrote in
Windows-1251. A file that cannot be read at all is refused with a ``UserError`` naming it.
Rows keep their number in the file (1-based, as Excel shows it) for every later message.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from unionapp.core.errors import UserError
from unionapp.core.i18n import N_

OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_HEADER = b"PK\x03\x04"
UTF8_BOM = b"\xef\xbb\xbf"
EXCEL_EXTENSIONS = (".xlsx", ".xlsm")
CSV_EXTENSIONS = (".csv", ".txt")
DELIMITERS = (";", ",", "\t")
TICK_ROWS = 500

# Whole sentences, not a shared tail: a translator sees each message complete.
OLD_XLS = N_(
    "{file} is in the old Excel 97-2003 format (.xls). Open it in Excel, save it with "
    "«Save As» as «Excel Workbook (*.xlsx)» and import that file."
)
OLD_XLS_RENAMED = N_(
    "{file} is in the old Excel 97-2003 format (.xls), though it is named .xlsx. Open it in "
    "Excel, save it with «Save As» as «Excel Workbook (*.xlsx)» and import that file."
)
NOT_XLSX = N_(
    "{file} is not a real Excel workbook (.xlsx). Open it in Excel, save it with «Save As» as "
    "«Excel Workbook (*.xlsx)» and import that file."
)


@dataclass
class Table:
    """The cells of one sheet: ``rows`` are (row number in the file, cell values)."""

    file_name: str
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)
    encoding: str | None = None  # for CSV: "utf-8", "utf-16" or "cp1251"

    @property
    def width(self) -> int:
        return max((len(cells) for _no, cells in self.rows), default=0)


def is_empty_cell(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_table(path: Path, tick: Callable[[int, int], None] | None = None) -> Table:
    """The file's rows, trailing empty rows dropped; refuses what cannot be read.

    ``tick(rows read, rows expected)`` is called every few hundred rows of a workbook, for a
    progress bar and to let a cancel button stop the read (by raising).
    """
    name = path.name
    if not path.is_file():
        raise UserError(N_("{file}: there is no such file."), file=str(path))
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise UserError(OLD_XLS, file=name)
    if suffix not in EXCEL_EXTENSIONS + CSV_EXTENSIONS:
        raise UserError(
            N_("{file} cannot be imported: only .xlsx and .csv files can be."), file=name
        )
    data = path.read_bytes()
    if not data.strip():
        raise UserError(N_("{file} is empty: there is nothing to import."), file=name)
    is_excel = suffix in EXCEL_EXTENSIONS
    table = _read_xlsx(path, data, tick) if is_excel else _read_csv(name, data)
    while table.rows and all(is_empty_cell(v) for v in table.rows[-1][1]):
        table.rows.pop()
    if not table.rows:
        raise UserError(N_("{file} is empty: there is nothing to import."), file=name)
    return table


def _refuse_ole(name: str, data: bytes) -> None:
    """An OLE container named .xlsx is either an encrypted workbook or an old .xls."""
    encrypted = "EncryptedPackage".encode("utf-16-le") in data
    if "Workbook".encode("utf-16-le") in data and not encrypted:
        raise UserError(OLD_XLS_RENAMED, file=name)
    raise UserError(
        N_(
            "{file} is protected with a password, so it cannot be read. Open it in Excel, "
            "remove the password (File → Info → Protect Workbook → Encrypt with Password, "
            "clear it), save it and import it again."
        ),
        file=name,
    )


def _read_xlsx(path: Path, data: bytes, tick: Callable[[int, int], None] | None) -> Table:
    import openpyxl  # imported here: it is slow to import and CSV files do not need it

    name = path.name
    if data.startswith(OLE_HEADER):
        _refuse_ole(name, data)
    not_xlsx = UserError(NOT_XLSX, file=name)
    if not data.startswith(ZIP_HEADER):
        raise not_xlsx
    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True, keep_links=False
        )
    except Exception as exc:  # BadZipFile, KeyError, openpyxl's own and XML errors
        raise not_xlsx from exc
    try:
        sheet = workbook.worksheets[0]
        expected = sheet.max_row or 0
        rows: list[tuple[int, list[Any]]] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            rows.append((number, list(values)))
            if tick is not None and number % TICK_ROWS == 0:
                tick(number, max(expected, number))
    except UserError:
        raise  # a cancel from tick()
    except Exception as exc:  # a damaged sheet inside a valid zip
        raise not_xlsx from exc
    finally:
        workbook.close()
    return Table(name, rows)


def decode_text(data: bytes) -> tuple[str, str]:
    """The text and its encoding: UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1251."""
    if data.startswith(UTF8_BOM):
        return data[len(UTF8_BOM) :].decode("utf-8", errors="replace"), "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1251", errors="replace"), "cp1251"


def sniff_delimiter(lines: list[str]) -> str:
    """The delimiter that splits the most lines into the same number (over one) of cells.

    Consistency, not the longest split, decides: a note full of commas in a ``;`` file splits
    one line many ways, but the header and every other row agree on ``;``. Ties go to the
    earlier of ``DELIMITERS`` (``;`` first, as Excel in Russian writes).
    """
    best, best_score = DELIMITERS[0], (0, 0)
    for delimiter in DELIMITERS:
        counts = Counter(len(next(csv.reader([line], delimiter=delimiter))) for line in lines)
        score = max(
            ((alike, cells) for cells, alike in counts.items() if cells > 1), default=(0, 0)
        )
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(name: str, data: bytes) -> Table:
    if data.startswith((ZIP_HEADER, OLE_HEADER)):
        raise UserError(
            N_("{file} is an Excel workbook, not a CSV text file: rename it to .xlsx."),
            file=name,
        )
    text, encoding = decode_text(data)
    # csv's default limit (131072 characters a cell) would end a file with one long cell in a
    # traceback; the whole text is in memory already, so no cell can cost more than that.
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    sample = [line for line in text.splitlines()[:30] if line.strip()]
    delimiter = sniff_delimiter(sample)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[Any]]] = [
        (number, [cell if cell.strip() else None for cell in cells])
        for number, cells in enumerate(reader, start=1)
    ]
    return Table(name, rows, encoding)
