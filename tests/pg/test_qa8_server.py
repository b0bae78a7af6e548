"""A district committee's clerk on a shared server (QA pass of issue 8): the address as psql
writes it opens the register, ``backup`` on a server says what to do instead, and Settings →
Backups' «Save a copy to a file…» explains a place it cannot write instead of failing."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from unionapp.cli import main
from unionapp.cli.backup_cmds import SERVER_BACKUP
from unionapp.core import demo
from unionapp.core.copying import CANNOT_WRITE
from unionapp.core.i18n import translate_in
from unionapp.core.store import open_database
from unionapp.ui import app as ui_app
from unionapp.ui.pages.settings_server_copy import ServerCopyBox


@pytest.fixture
def server_demo(pg_url: str) -> str:
    db = open_database(pg_url)
    try:
        demo.generate_demo(db, members=20, years=1, seed=8)
    finally:
        db.close()
    return pg_url


@pytest.mark.parametrize("scheme", ["postgres", "postgresql"])
def test_the_server_address_as_psql_writes_it_opens_the_register(
    server_demo: str, capsys: pytest.CaptureFixture[str], scheme: str
) -> None:
    url = server_demo.replace("postgresql+psycopg://", f"{scheme}://", 1)
    assert main(["--lang", "ru", "--db", url, "check"]) == 0
    assert "unionapp:unionapp@" not in capsys.readouterr().out


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_backup_on_a_server_points_to_a_copy_in_a_file(
    server_demo: str, capsys: pytest.CaptureFixture[str], lang: str, tmp_path: Path
) -> None:
    out = tmp_path / "flash"
    out.mkdir()
    assert main(["--lang", lang, "--db", server_demo, "backup", "--out", str(out)]) == 2
    assert translate_in(lang, SERVER_BACKUP) in capsys.readouterr().err
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_a_copy_to_a_place_that_cannot_be_written_is_explained(  # type: ignore[no-untyped-def]
    qtbot, qapp, server_demo: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda _p, _t, text, *a, **k: warned.append(text)))
    # an "internal error" box would go through exec: none may appear
    monkeypatch.setattr(QMessageBox, "exec", lambda box: warned.append("BUG " + box.text()) or 0)
    running = ui_app.start(argparse.Namespace(db=server_demo, lang=lang, demo=False), qapp)
    assert isinstance(running, ui_app.Running)
    qtbot.addWidget(running.window)
    qtbot.waitUntil(running.is_settled, timeout=30_000)
    try:
        box = running.window.settings_page.backups
        assert isinstance(box, ServerCopyBox)
        a_file = tmp_path / "notes.txt"
        a_file.write_text("x")
        target = a_file / "copy.sqlite"
        box.save_copy(target)
        qtbot.waitUntil(lambda: box.copy_button.isEnabled(), timeout=30_000)
        assert warned == [translate_in(lang, CANNOT_WRITE).format(path=target)]
        assert box.status.text() == ""
    finally:
        running.window.close()
        ui_app.finish(running)
