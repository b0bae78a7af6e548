"""The month's reconciliation and the arrears list as PDFs, read back with pypdf in ky and ru:
A4 landscape, the lists with their counts and sums, Kyrgyz letters intact."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "core"))
from dues_helpers import OCT, known_month  # noqa: E402

from unionapp.cli import main  # noqa: E402
from unionapp.core.db import Database  # noqa: E402
from unionapp.core.dues import arrears, reconcile  # noqa: E402
from unionapp.core.i18n import _, set_language  # noqa: E402
from unionapp.core.store import open_database  # noqa: E402
from unionapp.printing.reconciliation import (  # noqa: E402
    ARREARS_TITLE,
    RECONCILIATION_TITLE,
    write_arrears_pdf,
    write_reconciliation_pdf,
)
from unionapp.printing.statements import month_name  # noqa: E402

ORG = "«Жаңы Үмүт» баштапкы профсоюз уюму"


def _pages(path: Path) -> list[str]:
    """Each page's text with every run of spaces, no-break spaces and line ends as one space."""
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages]


def _landscape_a4(path: Path) -> bool:
    box = PdfReader(path).pages[0].mediabox
    return (round(float(box.width)), round(float(box.height))) == (842, 595)


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_reconciliation_lists_counts_and_sums(db: Database, tmp_path: Path, lang: str) -> None:
    known_month(db)
    set_language(lang)
    path = tmp_path / f"reconciliation-{lang}.pdf"
    write_reconciliation_pdf(reconcile(db, OCT), ORG, path)
    assert _landscape_a4(path)
    text = " ".join(_pages(path))
    for piece in (
        ORG, _(RECONCILIATION_TITLE), month_name(OCT),
        _("Withheld from non-members ({count})").format(count=2),
        _("Nothing withheld ({count})").format(count=4),
        _("Employees: {count}").format(count=2),
        _("Pensioners: {count}").format(count=1),
        _("Cash payers: {count}").format(count=1),
        _("Amount differs from the rate ({count})").format(count=2),
        "Незнакомов Чужой", "Исаев Аты", "Орозов Аты", "Токтогулов Аты", "Усенов Аты",
        "30 000,00 300,00",  # (a): wages and withheld of the two
        "17 345,50 173,46 123,45 -50,01",  # (c): wages, expected, withheld, difference
        "123,46", "T99",
    ):
        assert piece in text, piece
    assert text.count(_("Total")) == 2  # (a) and (c) have sums; (b) has nothing withheld
    assert "Асанов Аты" not in text and "Кадырова" not in text  # paid right / not yet a member
    if lang == "ky":
        assert all(letter in text for letter in "ңөүҮ")


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_arrears_pdf(db: Database, tmp_path: Path, lang: str) -> None:
    known_month(db)
    set_language(lang)
    path = tmp_path / f"arrears-{lang}.pdf"
    as_of = dt.date(2026, 11, 1)
    write_arrears_pdf(arrears(db, as_of), as_of, ORG, path)
    assert _landscape_a4(path)
    text = " ".join(_pages(path))
    assert _(ARREARS_TITLE) in text
    assert _("Arrears as of {date}: {count} members; expected {amount}").format(
        date="01.11.2026", count=4, amount="150,00") in text  # Усенов: as his last receipt
    for name in ("Орозов Аты", "Токтогулов Аты", "Усенов Аты", "Эркинова Аты"):
        assert name in text
    assert "Асанов Аты" not in text
    assert "10.2026 5 000,00 50,00 50,00" in text  # Эркинова: month, wage, a month, in all
    assert "10.2026 — 100,00 100,00" in text  # Усенов: no wage, 900,00 for nine months
    assert text.count("—") >= 2 * 3 + 1 + 1  # three unknown amounts a row, the note, his wage
    assert _("Total") in text


def test_a_demo_month_prints_every_name_of_every_list(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    assert main(["--db", str(path), "demo", "--members", "60"]) == 0
    set_language("ky")
    db = open_database(path)
    try:
        result = reconcile(db, dt.date.today().replace(day=1) - dt.timedelta(days=40))
    finally:
        db.close()
    rows = (result.not_members + result.missing + result.missing_pensioners
            + result.missing_cash_payers + result.wrong_amount)
    assert rows  # a demo month always has someone to look at
    target = tmp_path / "demo.pdf"
    write_reconciliation_pdf(result, "", target)
    pages = _pages(target)
    for number, text in enumerate(pages, start=1):
        assert f"Бет {number}/{len(pages)}" in text
    text = " ".join(pages)
    assert all(" ".join(row.full_name.split()) in text for row in rows)
