"""The password from the command line: set with UNIONAPP_NEW_PASSWORD, asked of every command
that opens the register (UNIONAPP_PASSWORD), never printed by ``config get``; removed again."""

from __future__ import annotations

from pathlib import Path

import pytest

from unionapp.cli import main


def test_set_required_and_removed(db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--db", str(db_path), "demo", "--members", "20", "--years", "0"]) == 0
    monkeypatch.setenv("UNIONAPP_NEW_PASSWORD", "Ош-2026")
    assert main(["--db", str(db_path), "password", "set"]) == 0
    monkeypatch.delenv("UNIONAPP_NEW_PASSWORD")
    capsys.readouterr()
    assert main(["--db", str(db_path), "check"]) == 2  # no password given, no terminal
    monkeypatch.setenv("UNIONAPP_PASSWORD", "wrong")
    assert main(["--db", str(db_path), "check"]) == 2
    monkeypatch.setenv("UNIONAPP_PASSWORD", "Ош-2026")
    assert main(["--db", str(db_path), "check"]) == 0
    assert main(["--db", str(db_path), "config", "get"]) == 0
    assert "pbkdf2" not in capsys.readouterr().out
    assert main(["--db", str(db_path), "password", "remove"]) == 0
    monkeypatch.delenv("UNIONAPP_PASSWORD")
    assert main(["--db", str(db_path), "check"]) == 0
    monkeypatch.setenv("UNIONAPP_NEW_PASSWORD", "ab")
    assert main(["--db", str(db_path), "password", "set"]) == 2  # too short: refused
