"""``unionapp import payroll FILE --month YYYY-MM`` as the chairperson runs it."""

from __future__ import annotations

import hashlib
from pathlib import Path

from unionapp.cli import main
from unionapp.core.i18n import translate_in

SAMPLE = (
    Path(__file__).resolve().parent.parent / "fixtures" / "samples"
    / "payroll-2026-10-accounting-export.xlsx"
)


def said(lang: str, msgid: str, /, **params: object) -> str:
    text = translate_in(lang, msgid)
    assert text != msgid, f"no {lang} translation of {msgid!r}"
    return text.format(**params)


def db_bytes(db_path: Path) -> str:
    from unionapp.core.store import open_database

    db = open_database(db_path)
    db.checkpoint()
    db.close()
    return hashlib.sha256(db_path.read_bytes()).hexdigest()


def run(db_path: Path, *args: str) -> int:
    return main(["--db", str(db_path), "--lang", "ru", *args])


def test_import_prints_the_month_matches_and_totals(tmp_path: Path, capsys) -> None:
    db_path = tmp_path / "u.db"
    assert run(db_path, "import", "payroll", str(SAMPLE), "--month", "2026-10") == 0
    lines = capsys.readouterr().out.splitlines()
    for expected in (
        said("ru", "Rows read: {count}", count=6),
        said("ru", "Month: {month}", month="2026-10"),
        said("ru", "Matched to members: {count}", count=0),
        said("ru", "Not matched (stored without a member): {count}", count=6),
        said("ru", "Rows of the month replaced: {count}", count=0),
        said("ru", "Total wage: {amount}", amount="248790.50"),
        said("ru", "Total dues withheld: {amount}", amount="2487.90"),
    ):
        assert expected in lines
    assert run(db_path, "import", "payroll", str(SAMPLE), "--month", "2026-10") == 0
    assert said("ru", "Rows of the month replaced: {count}", count=6) in (
        capsys.readouterr().out.splitlines()
    )


def test_month_mismatch_is_refused_with_file_row_column(tmp_path: Path, capsys) -> None:
    db_path = tmp_path / "u.db"
    assert run(db_path, "import", "payroll", str(SAMPLE), "--month", "2026-10") == 0
    before = db_bytes(db_path)
    capsys.readouterr()
    assert run(db_path, "import", "payroll", str(SAMPLE), "--month", "2026-11") == 2
    error = capsys.readouterr().err.splitlines()
    message = said(
        "ru", "The file is for {stated}, but the month given is {given}.",
        stated="2026-10", given="2026-11",
    )
    assert error[0] == f"{SAMPLE.name}:3:A: {message}"
    assert db_bytes(db_path) == before


def test_bad_month_argument_is_refused(tmp_path: Path, capsys) -> None:
    db_path = tmp_path / "u.db"
    assert run(db_path, "import", "payroll", str(SAMPLE), "--month", "10/2026x") == 2
    assert said(
        "ru", "Not a month: {value}. Write the month as YYYY-MM, for example 2026-10.",
        value="10/2026x",
    ) in capsys.readouterr().err
