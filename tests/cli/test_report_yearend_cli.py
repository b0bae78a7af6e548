"""``unionapp report year-end --year YYYY --out FILE``: .json (DESIGN's keys, money as text),
.xlsx (figures + one sheet per breakdown), .pdf in ky and ru; a year to come exits 2 and writes
nothing; an empty year is zeros that say so."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "core"))
from yearend_helpers import EXPECTED_2025, build_year  # noqa: E402

from unionapp.cli import main  # noqa: E402
from unionapp.core import settings  # noqa: E402
from unionapp.core.i18n import translate_in  # noqa: E402

CONTRACT_KEYS = {
    "members_start", "admitted", "left", "left_by_reason", "members_end", "women_end",
    "pensioners_end", "youth_end", "employees", "coverage_percent", "dues_received",
    "dues_to_higher", "dues_retained", "vouchers", "members_with_vouchers",
    "children_with_vouchers", "aid_count", "aid_total", "aid_by_reason", "awards_by_type",
}
OUR_KEYS = {"year", "youth_max_age", "dues_higher_share_percent", "dues_by_month",
            "awards_count", "awards_cost", "no_data", "notes", "previous"}
MONEY_TEXT = re.compile(r"^-?\d+\.\d{2}$")
NAME_KY = "Ош мамлекеттик университетинин баштапкы профсоюз уюму"
NAME_RU = "Первичная профсоюзная организация Ошского государственного университета"


@pytest.fixture
def filled(db, db_path: Path) -> Path:  # type: ignore[no-untyped-def]
    build_year(db)
    settings.set_many(db, {"org.employees": "16", "org.name_ky": NAME_KY,
                           "org.name_ru": NAME_RU, "org.chairperson": "Асанова Жаңыл"})
    db.close()
    return db_path


def _run(db_path: Path, *args: str) -> int:
    return main(["--db", str(db_path), *args])


def test_json_has_the_contracts_keys_and_money_as_text(filled: Path, tmp_path: Path,
                                                       capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "year-end.json"
    assert _run(filled, "report", "year-end", "--year", "2025", "--out", str(path)) == 0

    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data) == CONTRACT_KEYS | OUR_KEYS
    assert set(data["previous"]) == CONTRACT_KEYS | OUR_KEYS - {"previous"}
    for key in ("dues_received", "dues_to_higher", "dues_retained", "aid_total"):
        assert MONEY_TEXT.match(data[key]), key
    for kind in data["vouchers"].values():
        assert all(MONEY_TEXT.match(kind[k]) for k in ("cost", "copay", "subsidy"))
    assert (data["members_start"], data["admitted"], data["left"], data["members_end"]) == (
        10, 3, 4, 9)
    assert data["members_end"] == data["members_start"] + data["admitted"] - data["left"]
    assert (data["dues_received"], data["dues_to_higher"], data["dues_retained"]) == (
        "287.24", "86.18", "201.06")
    assert data["left_by_reason"] == EXPECTED_2025["left_by_reason"]
    assert data["awards_by_type"] == EXPECTED_2025["awards_by_type"]
    assert data["previous"]["year"] == 2024 and data["previous"]["dues_received"] == "570.00"
    out = capsys.readouterr().out
    assert "2025" in out and str(path) in out


def test_xlsx_has_a_sheet_of_figures_and_one_per_breakdown(filled: Path,
                                                           tmp_path: Path) -> None:
    path = tmp_path / "year-end.XLSX"
    assert _run(filled, "--lang", "ru", "report", "year-end", "--year", "2025",
                "--out", str(path)) == 0

    book = load_workbook(path)
    assert len(book.sheetnames) == 6
    figures = book.worksheets[0]
    rows = [r for r in figures.iter_rows(values_only=True)]
    assert rows[0][0] == NAME_RU
    header = next(r for r in rows if r[1] == 2024)
    assert header[2] == 2025 and header[3] == translate_in("ru", "Difference")
    received = next(r for r in rows if r[0] == translate_in("ru", "Dues received"))
    assert [Decimal(str(v)) for v in received[1:]] == [
        Decimal("570.00"), Decimal("287.24"), Decimal("-282.76")]
    left = next(r for r in rows if r[0] == translate_in("ru", "Left"))
    assert left[1:] == (1, 4, 3)
    reasons = {r[0]: r[2:] for r in book.worksheets[1].iter_rows(min_row=2, values_only=True)}
    assert reasons["voluntary"] == (0, 1) and reasons["death"] == (1, 0)
    kinds = {r[0]: r for r in book.worksheets[2].iter_rows(min_row=2, values_only=True)}
    assert kinds["sanatorium"][1] == "санаторий"
    assert kinds["sanatorium"][2:] == (2, 55000, 9000, 46000)
    aid = {r[0]: r[2:] for r in book.worksheets[3].iter_rows(min_row=2, values_only=True)}
    assert aid["death"] == (1, 2500.5)
    awards = {r[0]: r[1:] for r in book.worksheets[4].iter_rows(min_row=2, values_only=True)}
    assert awards == {"Ардак грамота": (0, 2), "Ыраазычылык кат": (0, 1), "Төш белгиси": (1, 0)}
    months = list(book.worksheets[5].iter_rows(min_row=2, values_only=True))
    assert len(months) == 13 and months[-1][1:] == (570, 287.24)


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_pdf_in_each_language(filled: Path, tmp_path: Path, lang: str) -> None:
    path = tmp_path / f"year-end-{lang}.pdf"
    assert _run(filled, "--lang", lang, "report", "year-end", "--year", "2025",
                "--out", str(path)) == 0

    reader = PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    name = NAME_KY if lang == "ky" else NAME_RU
    assert name in flat
    for msgid in ("own wish", "children's camp", "birth of a child", "Dues received",
                  "Difference", "Total"):
        assert translate_in(lang, msgid) in flat, msgid
    pages = len(reader.pages)
    assert translate_in(lang, "Page {page} of {pages}").format(page=pages, pages=pages) in flat
    assert "Асанова Жаңыл" in flat
    assert "287,24" in flat and "2024" in flat  # the year before stands beside the year
    assert "Ардак грамота" in flat


def test_a_year_to_come_is_refused(filled: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    future = dt.date.today().year + 1
    path = tmp_path / "future.json"
    assert _run(filled, "--lang", "ru", "report", "year-end", "--year", str(future),
                "--out", str(path)) == 2
    assert not path.exists()
    message = capsys.readouterr().err
    assert str(future) in message and translate_in("ru", "Error: {message}").split("{")[0] in \
        message


@pytest.mark.parametrize("name", ["year.txt", "year"])
def test_a_file_of_another_kind_is_refused(filled: Path, tmp_path: Path, name: str) -> None:
    assert _run(filled, "report", "year-end", "--year", "2025", "--out",
                str(tmp_path / name)) == 2
    assert list(tmp_path.glob("year*")) == []


def test_an_empty_year_is_zeros_with_a_note(filled: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "empty.json"
    assert _run(filled, "report", "year-end", "--year", "1999", "--out", str(path)) == 0

    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["no_data"] is True
    assert (data["members_end"], data["dues_received"], data["aid_total"]) == (0, "0.00", "0.00")
    assert data["notes"][0]["code"] == "no_data"
    out = capsys.readouterr().out
    assert data["notes"][0]["message"] in out
    pdf = tmp_path / "empty.pdf"
    assert _run(filled, "report", "year-end", "--year", "1999", "--out", str(pdf)) == 0
    flat = " ".join("\n".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    assert data["notes"][0]["message"] in flat
