"""``dues reconcile --out`` and ``dues arrears --out`` choose the file by its extension: .xlsx as
before, .pdf printable; anything else is refused (exit 2) before any work, writing nothing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "core"))
from dues_helpers import known_month  # noqa: E402

from unionapp.cli import main  # noqa: E402
from unionapp.core import settings  # noqa: E402
from unionapp.core.i18n import _, set_language, translate_in  # noqa: E402

ORG_KY = "«Жаңы Үмүт» баштапкы профсоюз уюму"


@pytest.fixture
def filled(db, db_path: Path) -> Path:  # type: ignore[no-untyped-def]
    known_month(db)
    settings.set_value(db, "org.name_ky", ORG_KY)
    settings.set_value(db, "org.name_ru", "Первичная профорганизация «Жаны Умут»")
    db.close()
    return db_path


def _text(path: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_reconcile_to_pdf(filled: Path, tmp_path: Path, lang: str, capsys) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "october.PDF"  # the extension in any case
    code = main(["--db", str(filled), "--lang", lang, "dues", "reconcile", "--month",
                 "2026-10", "--out", str(target)])
    assert code == 0
    assert target.read_bytes().startswith(b"%PDF")
    set_language(lang)
    assert _("Written to {file}.").format(file=target) in capsys.readouterr().out
    text = _text(target)
    org = ORG_KY if lang == "ky" else "Первичная профорганизация «Жаны Умут»"
    for piece in (org, _("Withheld from non-members ({count})").format(count=2),
                  "Незнакомов Чужой", "Маматов Аты", "Токтогулов Аты"):
        assert piece in text, piece
    assert ("Бет 1/1" if lang == "ky" else "Стр. 1 из 1") in text


def test_arrears_to_pdf(filled: Path, tmp_path: Path) -> None:
    target = tmp_path / "arrears.pdf"
    code = main(["--db", str(filled), "--lang", "ky", "dues", "arrears", "--as-of",
                 "01.11.2026", "--out", str(target)])
    assert code == 0
    text = _text(target)
    assert ORG_KY in text and "Эркинова Аты" in text and "Бет 1/1" in text


def test_xlsx_still_written(filled: Path, tmp_path: Path) -> None:
    target = tmp_path / "october.xlsx"
    assert main(["--db", str(filled), "dues", "reconcile", "--month", "2026-10",
                 "--out", str(target)]) == 0
    assert len(load_workbook(target).sheetnames) == 5
    owed = tmp_path / "owed.xlsx"
    assert main(["--db", str(filled), "dues", "arrears", "--as-of", "01.11.2026",
                 "--out", str(owed)]) == 0
    assert load_workbook(owed).worksheets[0].max_row == 5  # header and four members


@pytest.mark.parametrize("action", [["reconcile", "--month", "2026-10"],
                                    ["arrears", "--as-of", "01.11.2026"]])
@pytest.mark.parametrize("name", ["lists.txt", "lists", "lists.pdf.bak"])
def test_an_unknown_extension_is_refused(  # type: ignore[no-untyped-def]
    filled: Path, tmp_path: Path, action: list[str], name: str, capsys
) -> None:
    target = tmp_path / name
    code = main(["--db", str(filled), "--lang", "ru", "dues", *action, "--out", str(target)])
    assert code == 2
    captured = capsys.readouterr()
    message = translate_in("ru", "Write the lists to a .pdf or an .xlsx file, not {file}.")
    assert message.format(file=target) in captured.err
    assert captured.out == ""  # refused before anything was computed or printed
    assert not target.exists()


def test_an_unwritable_pdf_is_refused_and_leaves_nothing(filled: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x", encoding="utf-8")
    code = main(["--db", str(filled), "dues", "reconcile", "--month", "2026-10",
                 "--out", str(blocker / "october.pdf")])
    assert code == 2
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file() and "sqlite" not in p.name) \
        == ["file-not-folder"]
