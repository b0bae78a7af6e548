"""``report budget --year YYYY --out FILE``: the смета as a PDF in either language (read back
with pypdf) and as an .xlsx whose figures are the budget's to the tyiyn; refusals exit 2 and
write nothing."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "core"))
from budget_helpers import YEAR, fill_registers, plan_and_post  # noqa: E402

from unionapp.cli import main  # noqa: E402
from unionapp.core import settings  # noqa: E402
from unionapp.core.budget import OVERSPENT, category_label  # noqa: E402
from unionapp.core.i18n import _, set_language  # noqa: E402
from unionapp.printing.budget import TITLE, TOTALS  # noqa: E402

ORG = {"ky": "«Жаңы Үмүт» баштапкы профсоюз уюму",
       "ru": "Первичная профорганизация «Жаны Умут»"}


@pytest.fixture
def filled(db, db_path: Path) -> Path:  # type: ignore[no-untyped-def]
    fill_registers(db)
    plan_and_post(db)
    settings.set_value(db, "org.name_ky", ORG["ky"])
    settings.set_value(db, "org.name_ru", ORG["ru"])
    settings.set_value(db, "org.chairperson", "Өмүрбекова Гүлнара Сейитбековна")
    db.close()
    return db_path


def _text(path: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_budget_to_pdf_in_each_language(filled: Path, tmp_path: Path, lang: str,
                                        capsys) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "smeta.PDF"
    code = main(["--db", str(filled), "--lang", lang, "report", "budget", "--year", str(YEAR),
                 "--out", str(target)])
    assert code == 0
    set_language(lang)
    printed = capsys.readouterr().out
    assert _("Written to {file}.").format(file=target) in printed
    assert category_label("recreation") in printed  # the overspent line is named
    reader = PdfReader(target)
    width, height = (float(x) for x in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 portrait
    text = _text(target)
    for piece in (
        ORG[lang], _(TITLE).format(year=YEAR), "Өмүрбекова Гүлнара Сейитбековна",
        category_label("dues_retained"), _("Material aid"), _(TOTALS["expense"]),
        # planned 40 000, actual 47 000 (32 000 + 15 000 of own-funds vouchers), 117.5 %
        "40 000,00", "47 000,00", "-7 000,00", "117,5 %",
        _(OVERSPENT), "Акт № 12", "Нооруз майрамы", "12 345,50", "ПКО № 1",
        "21.03.2025", ("Бет 1/1" if lang == "ky" else "Стр. 1 из 1"),
    ):
        assert " ".join(piece.split()) in text, piece


def test_budget_to_xlsx_holds_the_figures(filled: Path, tmp_path: Path) -> None:
    target = tmp_path / "smeta.xlsx"
    assert main(["--db", str(filled), "--lang", "ru", "report", "budget", "--year", str(YEAR),
                 "--out", str(target)]) == 0
    set_language("ru")
    book = load_workbook(target)
    sheet, entries = book.worksheets
    rows = {r[0]: r[1:] for r in sheet.iter_rows(values_only=True) if r and r[0]}
    assert ORG["ru"] in rows and _(TITLE).format(year=YEAR) in rows

    def figures(label: str) -> tuple[object, ...]:
        planned, actual, remaining, percent, note = rows[label][:5]
        return (Decimal(str(planned)), Decimal(str(actual)), Decimal(str(remaining)),
                None if percent is None else Decimal(str(percent)), note)

    assert figures(category_label("dues_retained")) == (
        Decimal(3000), Decimal(2660), Decimal(340), Decimal("88.7"), None)
    assert figures(category_label("recreation")) == (
        Decimal(40000), Decimal(47000), Decimal(-7000), Decimal("117.5"), _(OVERSPENT))
    assert figures(category_label("events")) == (
        Decimal(15000), Decimal("12345.5"), Decimal("2654.5"), Decimal("82.3"), None)
    assert figures(category_label("other_expense")) == (0, 0, 0, None, None)
    # income 3 000 + 5 000 planned; 2 660 + 7 000 received
    assert figures(_(TOTALS["income"]))[:3] == (Decimal(8000), Decimal(9660), Decimal(-1660))
    # expenses 40 000 + 20 000 + 3 000 + 15 000; 47 000 + 12 500 + 3 000 + 12 345.50
    assert figures(_(TOTALS["expense"]))[:3] == (Decimal(78000), Decimal("74845.5"),
                                                 Decimal("3154.5"))
    dues_row = next(r for r in sheet.iter_rows() if r[0].value == category_label("dues_retained"))
    assert [c.number_format for c in dues_row[1:5]] == ["0.00", "0.00", "0.00", "0.0"]
    listed = list(entries.iter_rows(min_row=2, values_only=True))
    assert [(d.date().isoformat(), line, doc, Decimal(str(amount)), note)
            for d, line, doc, amount, note in listed] == [
        ("2025-03-21", category_label("events"), "Акт № 12", Decimal("12345.5"),
         "Нооруз майрамы"),
        ("2025-04-10", category_label("other_income"), "ПКО № 1", Decimal(7000), None),
    ]


def test_a_year_with_nothing_is_written_as_zeros_that_say_so(db, db_path: Path,
                                                            tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db.close()
    target = tmp_path / "empty.pdf"
    assert main(["--db", str(db_path), "--lang", "ky", "report", "budget", "--year", "2024",
                 "--out", str(target)]) == 0
    set_language("ky")
    from unionapp.printing.budget import EMPTY

    assert _(EMPTY).format(year=2024) in _text(target)


@pytest.mark.parametrize(("year", "name"), [("2999", "smeta.pdf"), ("2025", "smeta.csv")])
def test_refusals_exit_2_and_write_nothing(filled: Path, tmp_path: Path, year: str, name: str,
                                           capsys) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / name
    code = main(["--db", str(filled), "--lang", "ru", "report", "budget", "--year", year,
                 "--out", str(target)])
    assert code == 2
    assert not target.exists()
    error = capsys.readouterr().err
    assert ("2999" in error) if year == "2999" else (name in error)
