"""Counts an import or an export prints are grouped as the language groups them: «1 000» with
a no-break space in ky and ru (formatting.format_number), not «1000» (review 8, #16)."""

from __future__ import annotations

from pathlib import Path

import pytest

from unionapp.cli import main
from unionapp.core import i18n
from unionapp.core.i18n import translate_in
from unionapp.core.importing.awards_plan import NEW_TYPES
from unionapp.core.importing.sheet import ImportSummary

ROWS = 1000
GROUPED = "1\u00a0000"  # what format_number gives for 1000 in both languages


def members_csv(path: Path, rows: int, *, bad: bool = False) -> Path:
    """A members register of ``rows`` people; ``bad``: every birth date is not a date."""
    lines = ["ФИО;Пол;Дата рождения;Подразделение;Дата вступления;Номер билета"]
    for n in range(rows):
        born = "не знаю" if bad else f"{1 + n % 28:02d}.0{1 + n % 9}.19{60 + n % 40}"
        lines.append(f"Асанов Бакыт {n};м;{born};Цех {n % 7};01.03.2015;{10_000 + n}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


def said(lang: str, msgid: str, /, **params: object) -> str:
    text = translate_in(lang, msgid)
    assert text != msgid, f"no {lang} translation of {msgid!r}"
    return text.format(**params)


def said_n(lang: str, singular: str, plural: str, count: int, /, **params: object) -> str:
    i18n.set_language(lang)
    text = i18n.ngettext(singular, plural, count)
    assert text not in (singular, plural), f"no {lang} translation of {plural!r}"
    return text.format(**params)


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_an_import_and_an_export_of_a_thousand_rows_say_1_000(
    lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "union.sqlite")
    source = members_csv(tmp_path / "members.csv", ROWS)
    assert main(["--lang", lang, "--db", db, "import", "members", str(source)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert said(lang, "Rows read: {count}", count=GROUPED) in lines
    assert said(lang, "Added: {count}", count=GROUPED) in lines
    assert said(lang, "Rows read: {count}", count=ROWS) not in lines  # was «1000»

    written = tmp_path / "out.csv"
    assert main(["--lang", lang, "--db", db, "export", "members", str(written)]) == 0
    assert capsys.readouterr().out == said_n(
        lang, "{count} row written to {file}.", "{count} rows written to {file}.", ROWS,
        count=GROUPED, file=written,
    ) + "\n"

    assert main(["--lang", lang, "--db", db, "import", "members", str(written), "--dry-run"]) == 0
    assert said(lang, "Unchanged: {count}", count=GROUPED) in capsys.readouterr().out.splitlines()


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_a_thousand_problems_are_counted_as_1_000(
    lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = members_csv(tmp_path / "bad.csv", ROWS, bad=True)
    assert main(["--lang", lang, "--db", str(tmp_path / "u.sqlite"), "import", "members",
                 str(source)]) == 2
    last = capsys.readouterr().err.splitlines()[-1]
    assert last == said_n(
        lang, "{count} problem found in {file}; nothing was imported.",
        "{count} problems found in {file}; nothing was imported.", ROWS,
        count=GROUPED, file="bad.csv",
    )


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_a_summary_note_groups_its_count(lang: str) -> None:
    """What a kind adds (new award types, new institutions) counts the same way."""
    summary = ImportSummary("awards", "a.xlsx", notes=[(NEW_TYPES, {"count": 1234,
                                                                     "names": "«Грамота»"})])
    i18n.set_language(lang)
    assert summary.note_lines() == [said(lang, NEW_TYPES, count="1\u00a0234",
                                         names="«Грамота»")]
