"""The command line: version, config, exit codes, refusing bad input in the user's language."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from unionapp import __version__
from unionapp.cli import main
from unionapp.core import settings
from unionapp.core.i18n import translate_in


def test_version_through_python_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "unionapp", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0
    assert __version__ in done.stdout


def test_config_set_get(db_path: Path, capsys) -> None:
    assert main(["--db", str(db_path), "config", "set", "org.name_ru", "Школа № 12"]) == 0
    assert capsys.readouterr().out == said("ky", "Saved: {key} = {value}",
                                           key="org.name_ru", value="Школа № 12") + "\n"
    assert main(["--db", str(db_path), "config", "get", "org.name_ru"]) == 0
    assert capsys.readouterr().out.strip() == "Школа № 12"


def test_bad_setting_exits_2_and_names_the_key(db_path: Path, capsys) -> None:
    assert main(["--db", str(db_path), "config", "set", "youth.max_age", "abc"]) == 2
    assert "youth.max_age" in capsys.readouterr().err


def test_env_database_is_used(tmp_path: Path, monkeypatch, capsys) -> None:
    target = tmp_path / "env.sqlite"
    monkeypatch.setenv("UNIONAPP_DB", str(target))
    assert main(["config", "set", "org.chairperson", "Асанова Гүлнара"]) == 0
    assert target.exists()


def said(lang: str, msgid: str, /, **params: object) -> str:
    """``msgid`` in ``lang`` with its placeholders filled; it must not be left in English."""
    text = translate_in(lang, msgid)
    assert text != msgid, f"no {lang} translation of {msgid!r}"
    return text.format(**params)


def refused(lang: str, msgid: str, /, **params: object) -> str:
    return said(lang, "Error: {message}", message=said(lang, msgid, **params)) + "\n"


def test_a_refused_setting_names_its_key_once(db_path: Path, capsys) -> None:
    assert main(["--db", str(db_path), "config", "set", "org.chairperson", "Жаңыл"]) == 0
    capsys.readouterr()

    assert main(["--db", str(db_path), "config", "get", "nokey"]) == 2

    known = ", ".join(settings.DEFINITIONS)
    assert capsys.readouterr().err == refused(
        "ky", "Unknown setting {key}. Known settings: {known}.", key="nokey", known=known
    )
    assert main(["--db", str(db_path), "config", "set", "youth.max_age", "abc"]) == 2
    assert capsys.readouterr().err == said(  # the message alone would not say which setting
        "ky", "Error: {message}", message="youth.max_age: " + said("ky", "Enter a whole number.")
    ) + "\n"


def test_config_set_confirms_the_value_as_stored(db_path: Path, capsys) -> None:
    assert main(["--db", str(db_path), "--lang", "ru", "config", "set",
                 "dues.higher_share_percent", " 12,50 "]) == 0
    assert capsys.readouterr().out == said(
        "ru", "Saved: {key} = {value}", key="dues.higher_share_percent", value="12.5"
    ) + "\n"


def test_output_cut_off_by_head_ends_quietly(db_path: Path) -> None:
    """``unionapp config get | head -1``: no traceback, exit 0 (the reader stopped reading)."""
    assert main(["--db", str(db_path), "config", "set", "org.chairperson", "Жаңыл"]) == 0
    proc = subprocess.Popen(
        [sys.executable, "-m", "unionapp", "--db", str(db_path), "config", "get"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the first line is written
    stderr = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait() == 0
    assert stderr == ""


def test_a_bad_lang_is_refused_in_the_default_language(tmp_path: Path) -> None:
    """In a fresh process: argparse's words are translated before anything is parsed."""
    done = subprocess.run(
        [sys.executable, "-m", "unionapp", "--lang", "xx", "check"],
        capture_output=True, text=True, encoding="utf-8",
        env={**os.environ, "UNIONAPP_HOME": str(tmp_path)},
    )
    assert done.returncode == 2
    err = done.stderr
    invalid = translate_in("ky", "invalid choice: %(value)r (choose from %(choices)s)")
    assert invalid != "invalid choice: %(value)r (choose from %(choices)s)"
    assert invalid % {"value": "xx", "choices": "'ky', 'ru'"} in err
    assert err.startswith(translate_in("ky", "usage: "))
    assert "invalid choice" not in err


@pytest.mark.parametrize("option", ["--members", "--years", "--seed"])
def test_a_count_that_is_not_a_number_is_refused_in_plain_words(
    db_path: Path, capsys, option: str
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--db", str(db_path), "--lang", "ru", "demo", option, "abc"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert said("ru", "Enter a whole number.") in err
    assert "int" not in err
    assert not db_path.exists()


def test_import_help_describes_the_file_and_the_payroll_month(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "ru", "import", "--help"])
    help_text = capsys.readouterr().out
    assert said("ru", "the .xlsx or .csv file") in help_text
    assert "--month" in help_text
    assert said("ru", "the month of a payroll list") in " ".join(help_text.split())
