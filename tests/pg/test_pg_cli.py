"""The command line on a PostgreSQL URL: the same commands, and file-only ones refused clearly."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import make_url

from unionapp.cli import main
from unionapp.core.i18n import _


def test_config_and_check_through_a_server_url(
    pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", pg_url, "config", "set", "org.name_ru", "Школа № 12"]) == 0
    capsys.readouterr()  # «Saved: …»
    assert main(["--db", pg_url, "config", "get", "org.name_ru"]) == 0
    assert capsys.readouterr().out.strip() == "Школа № 12"
    assert main(["--db", pg_url, "check"]) == 0
    shown = make_url(pg_url).render_as_string(hide_password=True)
    assert capsys.readouterr().out.strip() == _("The database {path} is OK.").format(path=shown)


def test_stored_language_of_a_server_database_is_used(pg_url: str, capsys) -> None:
    assert main(["--db", pg_url, "config", "set", "ui.language", "ru"]) == 0
    assert main(["--db", pg_url, "config", "set", "youth.max_age", "abc"]) == 2
    from unionapp.core import i18n

    assert i18n.get_language() == "ru"
    assert _("Enter a whole number.") in capsys.readouterr().err


def test_restore_refuses_a_server_database(pg_url: str, tmp_path: Path, capsys) -> None:
    backup_file = tmp_path / "b.sqlite"
    backup_file.write_bytes(b"")
    assert main(["--db", pg_url, "--lang", "ru", "restore", str(backup_file)]) == 2
    err = capsys.readouterr().err
    assert _("This command works with a database file only, not with a database server.") in err
    assert "unionapp:unionapp@" not in err  # never the password
