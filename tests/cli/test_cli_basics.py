"""The command line: version, config, exit codes, refusing bad input in the user's language."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from unionapp import __version__
from unionapp.cli import main


def test_version_through_python_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "unionapp", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0
    assert __version__ in done.stdout


def test_config_set_get(db_path: Path, capsys) -> None:
    assert main(["--db", str(db_path), "config", "set", "org.name_ru", "Школа № 12"]) == 0
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
