"""``unionapp copy`` says its figures as the language writes them: money through format_money
(«12 345,60»), counts through format_number."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from unionapp.cli import main
from unionapp.core.formatting import format_money
from unionapp.core.i18n import set_language
from unionapp.core.models import PayrollEntry
from unionapp.core.store import open_database


def test_the_copy_s_dues_sum_is_money_in_words(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "union.sqlite"
    assert main(["--db", str(source), "demo", "--members", "20", "--years", "1"]) == 0
    db = open_database(source)
    try:
        with db.reading() as s:
            withheld = int(s.scalar(select(func.sum(PayrollEntry.withheld))) or 0)
    finally:
        db.close()
    assert withheld >= 100_000  # over a thousand som: grouped, with a decimal comma
    capsys.readouterr()
    assert main(["--lang", "ru", "--db", str(source), "copy", "--to",
                 str(tmp_path / "copy.sqlite")]) == 0
    said = capsys.readouterr().out
    set_language("ru")
    assert format_money(withheld) in said  # was «12345.60»
    assert f"{withheld // 100}.{withheld % 100:02d}" not in said
