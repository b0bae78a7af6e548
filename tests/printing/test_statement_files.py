"""The statement as PDF (read back with pypdf) and xlsx (read back with openpyxl), ky and ru."""

from __future__ import annotations

import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "core"))
from test_dues_statement import known_register  # noqa: E402

from unionapp.core import settings  # noqa: E402
from unionapp.core.db import Database  # noqa: E402
from unionapp.core.dues_statement import dues_statement  # noqa: E402
from unionapp.core.i18n import set_language  # noqa: E402
from unionapp.printing.statements import write_pdf, write_xlsx  # noqa: E402

ORG = {"ky": "«Үмүт» башталгыч профсоюз уюму", "ru": "Первичная профорганизация «Умут»"}
EXPECT = {
    "ky": ("Мүчөлүк акылар боюнча маалымкат", "2026-жыл", "Бардыгы", "Бет 1/1", "М.О.",
           "2 233,39"),
    "ru": ("Справка о членских взносах", "2026 год", "Итого", "Стр. 1 из 1", "М.П.",
           "2 233,39"),
}
SCREENSHOTS = Path("/work/screenshots")


def _text(path: Path) -> str:
    return " ".join((p.extract_text() or "") for p in PdfReader(path).pages)


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_pdf_has_title_totals_and_page_numbers(db: Database, tmp_path: Path, lang: str) -> None:
    known_register(db)
    set_language(lang)
    path = tmp_path / f"statement-{lang}.pdf"
    write_pdf(dues_statement(db, 2026), ORG[lang], "Асанова Гүлнара", path)
    assert len(PdfReader(path).pages) == 1
    text = _text(path).replace("\u00a0", " ").replace("\u202f", " ")
    for piece in (ORG[lang], "Асанова Гүлнара", *EXPECT[lang]):
        assert piece in text, piece
    assert "670,02" in text and "1 563,37" in text  # passed up and retained in all
    if lang == "ky":
        assert all(letter in text for letter in "үөҮ")
    if shutil.which("pdftoppm") and SCREENSHOTS.is_dir():
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(path),
                        str(SCREENSHOTS / f"statement-{lang}")], check=True)


def test_long_period_breaks_pages_and_counts_them(db: Database, tmp_path: Path) -> None:
    set_language("ru")
    path = tmp_path / "long.pdf"
    statement = dues_statement(db, 2026)
    statement.rows.extend(statement.rows * 4)  # 60 rows: more than one page
    write_pdf(statement, ORG["ru"], "", path)
    pages = len(PdfReader(path).pages)
    assert pages > 1
    assert f"Стр. {pages} из {pages}" in PdfReader(path).pages[-1].extract_text()


def test_xlsx_has_translated_headers_and_numbers(db: Database, tmp_path: Path) -> None:
    known_register(db)
    settings.set_value(db, "dues.higher_share_percent", "30")
    set_language("ky")
    path = tmp_path / "statement.xlsx"
    write_xlsx(dues_statement(db, 2026, quarter=1), ORG["ky"], path)
    sheet = load_workbook(path).active
    assert sheet is not None
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[0][0] == ORG["ky"]
    assert rows[3][0] == "Ай" and rows[3][3] == "Түшкөн мүчөлүк акылар"
    assert rows[3][4] == "Жогору турган органга которулду (30%)" and rows[3][5] == "Уюмда калды"
    assert rows[-1][0] == "Бардыгы"
    assert [Decimal(str(v)) for v in rows[-1][1:]] == [
        Decimal("1833.34"), Decimal("300"), Decimal("2133.34"), Decimal("640"),
        Decimal("1493.34")]
    assert len(rows) == 4 + 3 + 1
    assert sheet.cell(5, 2).number_format == "0.00"
