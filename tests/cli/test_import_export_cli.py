"""``unionapp import`` and ``unionapp export`` through the command line, as a user runs them."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from unionapp.cli import main
from unionapp.core import i18n
from unionapp.core.i18n import translate_in

SAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "samples"
KEPT_BY_HAND = SAMPLES / "members-kept-by-hand.xlsx"


def db_bytes(db_path: Path) -> str:
    from unionapp.core.store import open_database

    db = open_database(db_path)
    db.checkpoint()
    db.close()
    return hashlib.sha256(db_path.read_bytes()).hexdigest()


def run(db_path: Path, *args: str) -> int:
    return main(["--db", str(db_path), *args])


def said(lang: str, msgid: str, /, **params: object) -> str:
    """``msgid`` in ``lang`` with its placeholders filled; it must not be left in English."""
    text = translate_in(lang, msgid)
    assert text != msgid, f"no {lang} translation of {msgid!r}"
    return text.format(**params)


def said_n(lang: str, singular: str, plural: str, count: int, /, **params: object) -> str:
    """The plural form ``lang`` uses for ``count``."""
    i18n.set_language(lang)  # ngettext speaks the current language; the next main() resets it
    text = i18n.ngettext(singular, plural, count)
    assert text not in (singular, plural), f"no {lang} translation of {plural!r}"
    return text.format(count=count, **params)


def summary(lang: str, *, read: int, added: int, updated: int, unchanged: int,
            skipped: int, departments: int = 0) -> list[str]:
    """The lines an import prints after the file name."""
    lines = [
        said(lang, "Rows read: {count}", count=read),
        said(lang, "Added: {count}", count=added),
        said(lang, "Updated: {count}", count=updated),
        said(lang, "Unchanged: {count}", count=unchanged),
        said(lang, "Skipped (empty rows): {count}", count=skipped),
    ]
    if departments:
        lines.append(said(lang, "New departments: {count}", count=departments))
    return lines


FIRST_IMPORT = {"read": 6, "added": 5, "updated": 0, "unchanged": 0, "skipped": 1,
                "departments": 5}  # members-kept-by-hand.xlsx into an empty database


def test_import_prints_a_summary(db_path: Path, capsys) -> None:
    assert run(db_path, "import", "members", str(KEPT_BY_HAND)) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == said("ky", "File: {file}", file=KEPT_BY_HAND.name)
    assert lines[1:] == summary("ky", **FIRST_IMPORT)
    assert run(db_path, "import", "members", str(KEPT_BY_HAND)) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1:] == summary("ky", read=6, added=0, updated=0, unchanged=5, skipped=1)


@pytest.mark.parametrize(
    ("flag", "stored", "lang"),
    [([], None, "ky"), (["--lang", "ru"], None, "ru"), ([], "ru", "ru"),
     (["--lang", "ky"], "ru", "ky")],
    ids=["default", "flag", "stored", "flag-over-stored"],
)
def test_import_answers_in_the_chosen_language(
    db_path: Path, capsys, flag: list[str], stored: str | None, lang: str
) -> None:
    """--lang, else the database's language setting, else Kyrgyz."""
    if stored:
        assert run(db_path, "config", "set", "ui.language", stored) == 0
        capsys.readouterr()
    assert run(db_path, *flag, "import", "members", str(KEPT_BY_HAND)) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1:] == summary(lang, **FIRST_IMPORT)
    assert "Rows read" not in out and "Added" not in out  # no English


def test_dry_run_saves_nothing(db_path: Path, capsys) -> None:
    assert run(db_path, "config", "set", "org.chairperson", "Жаңыл") == 0  # a new database
    capsys.readouterr()
    before = db_bytes(db_path)
    assert run(db_path, "import", "members", str(KEPT_BY_HAND), "--dry-run") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1:] == [
        *summary("ky", **FIRST_IMPORT),
        said("ky", "(dry run: nothing saved)"),
    ]
    assert db_bytes(db_path) == before


def test_month_is_accepted_for_members(db_path: Path, capsys) -> None:
    assert run(db_path, "import", "members", str(KEPT_BY_HAND), "--month", "2026-11") == 0


@pytest.mark.parametrize(("flag", "lang"), [([], "ky"), (["--lang", "ru"], "ru")])
def test_refused_import_prints_every_problem_and_exits_2(
    db_path: Path, tmp_path: Path, capsys, flag: list[str], lang: str
) -> None:
    assert run(db_path, "import", "members", str(KEPT_BY_HAND)) == 0
    before = db_bytes(db_path)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Номер билета", "Фамилия", "Имя", "Дата вступления", "Причина выхода"])
    sheet.append(["2001", "Иванова", "Елена", "31.02.2010", None])
    sheet.append(["2002", "Маматов", "Нурлан", "01.09.2010", "надоело"])
    sheet.append(["2002", "Ким", "Анна", "01.09.2010", None])
    workbook.save(tmp_path / "bad.xlsx")
    capsys.readouterr()
    assert run(db_path, *flag, "import", "members", str(tmp_path / "bad.xlsx")) == 2
    captured = capsys.readouterr()
    twice = said(lang, "Card number {card_no} appears more than once in the file: rows {rows}.",
                 card_no="2002", rows="3, 4")
    assert captured.err.splitlines() == [  # the columns as the file names them
        "bad.xlsx:2:Дата вступления: "
        + said(lang, "There is no such date: {value}.", value="31.02.2010"),
        f"bad.xlsx:3:Номер билета: {twice}",
        "bad.xlsx:3:Причина выхода: " + said(lang, "Unknown exit reason: {value}.",
                                             value="надоело"),
        f"bad.xlsx:4:Номер билета: {twice}",
        said_n(lang, "{count} problem found in {file}; nothing was imported.",
               "{count} problems found in {file}; nothing was imported.", 4, file="bad.xlsx"),
    ]
    assert captured.out == ""
    assert db_bytes(db_path) == before


def test_the_windows_1251_sample_is_refused(db_path: Path, tmp_path: Path, capsys) -> None:
    shutil.copy(SAMPLES / "members-excel-ru.csv", tmp_path / "members-excel-ru.csv")
    assert run(db_path, "import", "members", str(tmp_path / "members-excel-ru.csv")) == 2
    err = capsys.readouterr().err
    assert err.startswith("members-excel-ru.csv:4:Фамилия:")
    assert "CSV UTF-8" in err


def test_unreadable_file_exits_2_naming_it(db_path: Path, tmp_path: Path, capsys) -> None:
    (tmp_path / "list.xlsx").write_text("hello", encoding="utf-8")
    assert run(db_path, "import", "members", str(tmp_path / "list.xlsx")) == 2
    assert "list.xlsx" in capsys.readouterr().err


def test_unknown_kind_is_an_argument_error(db_path: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        run(db_path, "import", "salaries", str(KEPT_BY_HAND))
    assert caught.value.code == 2


@pytest.mark.parametrize(
    ("args", "first_header"),
    [(["--lang", "ru"], "Номер билета"), (["--lang", "ky"], "Билеттин номери"), ([], None)],
)
def test_export_headers_in_the_chosen_language(
    db_path: Path, tmp_path: Path, capsys, args: list[str], first_header: str | None
) -> None:
    assert run(db_path, "import", "members", str(KEPT_BY_HAND)) == 0
    out_file = tmp_path / "out.xlsx"
    capsys.readouterr()
    assert run(db_path, "export", "members", str(out_file), *args) == 0
    lang = args[1] if args else "ky"  # the export's --lang is also the language it answers in
    assert capsys.readouterr().out == said_n(
        lang, "{count} row written to {file}.", "{count} rows written to {file}.", 5,
        file=out_file,
    ) + "\n"
    header = [c.value for c in next(load_workbook(out_file).worksheets[0].iter_rows())]
    assert header[0] == (first_header or "Билеттин номери")  # ky is the default language
    assert run(db_path, "import", "members", str(out_file)) == 0
    assert said("ky", "Unchanged: {count}", count=5) in capsys.readouterr().out.splitlines()


def test_global_lang_chooses_the_export_language(db_path: Path, tmp_path: Path) -> None:
    assert run(db_path, "import", "members", str(KEPT_BY_HAND)) == 0
    assert main(["--db", str(db_path), "--lang", "ru", "export", "children",
                 str(tmp_path / "c.csv")]) == 0
    assert (tmp_path / "c.csv").read_text(encoding="utf-8-sig").startswith("Номер билета;")


def test_through_a_real_process(tmp_path: Path) -> None:
    db_path = tmp_path / "p.sqlite"
    done = subprocess.run(
        [sys.executable, "-m", "unionapp", "--db", str(db_path), "import", "members",
         str(SAMPLES / "members-excel-ru.csv")],
        capture_output=True, text=True, encoding="utf-8",
    )
    assert done.returncode == 2
    assert "members-excel-ru.csv:4:" in done.stderr


@pytest.mark.parametrize("dry_run", [[], ["--dry-run"]])
@pytest.mark.parametrize("empty_rows", [0, 3])
def test_a_file_with_a_header_and_no_data_is_refused(
    db_path: Path, tmp_path: Path, capsys, dry_run: list[str], empty_rows: int
) -> None:
    """Nothing to import most likely means the wrong file or sheet: refused, not «read 0»."""
    assert run(db_path, "import", "members", str(KEPT_BY_HAND)) == 0
    before = db_bytes(db_path)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Номер билета", "Фамилия", "Имя", "Дата вступления"])
    for _ in range(empty_rows):
        sheet.append([None, " ", None, None])
    workbook.save(tmp_path / "header.xlsx")
    capsys.readouterr()

    assert run(db_path, "--lang", "ru", "import", *dry_run, "members",
               str(tmp_path / "header.xlsx")) == 2

    captured = capsys.readouterr()
    assert captured.out == ""
    from unionapp.core.importing.service import NO_DATA_ROWS

    assert captured.err == said(
        "ru", "Error: {message}", message=said("ru", NO_DATA_ROWS, file="header.xlsx")
    ) + "\n"
    assert db_bytes(db_path) == before


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_a_bad_yes_no_cell_names_each_word_once(
    db_path: Path, tmp_path: Path, capsys, lang: str
) -> None:
    bad = tmp_path / "pensioners.csv"
    bad.write_text("Номер билета;Фамилия;Имя;Дата вступления;Пенсионер\n"
                   "1;Асанов;Бакыт;01.09.2010;может\n", encoding="utf-8")

    assert run(db_path, "--lang", lang, "import", "members", str(bad)) == 2

    first = capsys.readouterr().err.splitlines()[0]
    message = said(lang, "Write да or нет (ооба or жок): {value}.", value="может")
    assert first == f"pensioners.csv:2:Пенсионер: {message}"
    for word in ("да", "нет", "ооба", "жок"):
        assert len(re.findall(rf"\b{word}\b", message, re.IGNORECASE)) == 1, word
