"""``unionapp copy --to`` and ``--db`` as a chairperson types them (QA pass of issue 8): a place
the copy cannot be written, a database that already holds records, and a URL of a database the
program cannot use are each refused in words (exit 2), with nothing lost and no traceback."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from unionapp.cli import main
from unionapp.core import decisions
from unionapp.core.copying import CANNOT_WRITE, HOLDS_DATA
from unionapp.core.i18n import translate_in
from unionapp.core.store import open_database
from unionapp.core.target import UNSUPPORTED


@pytest.fixture
def register(tmp_path: Path) -> Path:
    path = tmp_path / "union.sqlite"
    assert main(["--db", str(path), "demo", "--members", "20", "--years", "1"]) == 0
    return path


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_a_copy_into_a_place_that_cannot_be_written_is_refused_in_words(
    register: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder")
    target = a_file / "copy.sqlite"  # "the folder" is a file: nothing can be written there
    capsys.readouterr()
    assert main(["--lang", lang, "--db", str(register), "copy", "--to", str(target)]) == 2
    error = capsys.readouterr().err
    assert translate_in(lang, CANNOT_WRITE).format(path=target) in error
    assert "Traceback" not in error and a_file.read_text() == "not a folder"


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_a_copy_never_empties_a_database_that_holds_records_but_no_members(
    register: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    target = tmp_path / "minutes.sqlite"
    other = open_database(target)
    try:
        decision = decisions.create_decision(other, decisions.DecisionInput(
            kind="committee", number="7", held_on=dt.date(2025, 3, 4), agenda="Путевки"))
    finally:
        other.close()
    capsys.readouterr()
    assert main(["--lang", lang, "--db", str(register), "copy", "--to", str(target)]) == 2
    assert translate_in(lang, HOLDS_DATA).format(target=target) in capsys.readouterr().err
    kept = open_database(target)
    try:
        assert decisions.get_decision(kept, decision).number == "7"  # still there
    finally:
        kept.close()


@pytest.mark.parametrize("url", ["mysql://u:secret@host/db", "postgres+pg8000://u@h/d"])
@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_a_url_of_a_database_the_program_cannot_use_is_refused_in_words(
    register: Path, capsys: pytest.CaptureFixture[str], url: str, lang: str
) -> None:
    shown = url.replace(":secret@", ":***@")
    message = translate_in(lang, UNSUPPORTED).format(url=shown)
    assert main(["--lang", lang, "--db", url, "check"]) == 2
    assert message in capsys.readouterr().err
    assert main(["--lang", lang, "--db", str(register), "copy", "--to", url]) == 2
    error = capsys.readouterr().err
    assert message in error and "secret" not in error
