"""``purge`` and ``password set`` refusals name what the user typed, never the core's English
field names («new: …», «years: …») before a Kyrgyz or Russian message (QA pass of issue 8)."""

from __future__ import annotations

from pathlib import Path

import pytest

from unionapp.cli import main


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_refusals_carry_no_english_field_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    lang: str,
) -> None:
    db = str(tmp_path / "u.sqlite")
    assert main(["--db", db, "demo", "--members", "10", "--years", "1"]) == 0
    capsys.readouterr()
    monkeypatch.setenv("UNIONAPP_NEW_PASSWORD", "ab")
    assert main(["--lang", lang, "--db", db, "password", "set"]) == 2
    error = capsys.readouterr().err
    assert "new:" not in error and "4" in error
    assert main(["--lang", lang, "--db", db, "purge", "--left-years", "0"]) == 2
    error = capsys.readouterr().err
    assert " years:" not in error and "--left-years: " in error
