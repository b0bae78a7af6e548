"""The window paints first and the register fills in right after, without freezing.

DESIGN.md wants the first painted window within 2x a bare Qt window; SQLAlchemy, alembic and
Babel alone take longer than that to import. So the start-up path (the ``unionapp`` command,
``unionapp.cli``, its command modules, ``unionapp.ui.app`` and the window's shell) must not
import them, the window must be painted before they are loaded, and loading them (on a worker
thread) must leave the window responsive. Checked in fresh interpreters, since this test
process has long imported everything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from unionapp.cli import main
from unionapp.core import settings
from unionapp.core.i18n import translate_in
from unionapp.core.quick_settings import stored_language, stored_settings

HEAVY = ("sqlalchemy", "alembic", "babel", "openpyxl", "reportlab", "segno")


def _run(code: str, home: Path) -> dict:  # type: ignore[type-arg]
    env = {**os.environ, "UNIONAPP_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict = json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[type-arg]
    return result


def test_start_up_modules_import_nothing_heavy(tmp_path: Path) -> None:
    loaded = _run(
        f"""
        import json, sys
        import unionapp.cli, unionapp.cli.app_cmd, unionapp.ui.app, unionapp.ui.main_window
        unionapp.cli.build_parser()  # imports every command module
        heavy = sorted({{m.split(".")[0] for m in sys.modules}} & set({HEAVY!r}))
        print(json.dumps({{"heavy": heavy, "ui_app": "unionapp.ui.app" in sys.modules}}))
        """,
        tmp_path,
    )
    assert loaded == {"heavy": [], "ui_app": True}


def test_window_paints_before_the_core_loads_and_stays_responsive(
    tmp_path: Path, db_path: Path
) -> None:
    assert main(["--db", str(db_path), "demo", "--members", "300", "--seed", "3"]) == 0
    result = _run(
        f"""
        import argparse, json, sys, threading, time
        from PySide6.QtCore import QEvent, QObject, QTimer
        from unionapp.ui import app as ui_app

        HEAVY = {HEAVY!r}
        seen = {{}}
        ticks = []
        importers = {{}}  # heavy package -> the thread that imported it first

        class WhoImports:  # notes who imports each heavy package, then lets Python find it
            def find_spec(self, name, path=None, target=None):
                if name in HEAVY and name not in importers:
                    importers[name] = threading.current_thread() is threading.main_thread()
                return None

        sys.meta_path.insert(0, WhoImports())

        def heavy():
            return sorted({{m.split(".")[0] for m in sys.modules}} & set(HEAVY))

        class FirstPaint(QObject):
            def eventFilter(self, watched, event):
                if event.type() == QEvent.Type.Paint and "painted" not in seen:
                    ticks.append(time.perf_counter())  # pauses count from the first paint
                    seen["painted"] = {{"heavy": heavy(), "ready": running.is_ready(),
                                       "opening": running.window.opening.isVisible()}}
                return False

        def ready():
            seen["ready"] = {{"heavy": heavy(),
                             "rows": running.window.members_page.model.rowCount()}}
            QTimer.singleShot(100, running.app.quit)  # a few ticks after the pages are made

        args = argparse.Namespace(db={str(db_path)!r}, lang=None, demo=False)
        running = ui_app.start(args)
        spy = FirstPaint()
        running.window.installEventFilter(spy)
        running.window.ready.connect(ready)
        timer = QTimer()
        timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
        timer.start(5)
        QTimer.singleShot(60_000, running.app.quit)
        running.app.exec()
        ui_app.finish(running)
        seen["pause"] = max(b - a for a, b in zip(ticks, ticks[1:]))  # shown, not judged
        seen["on_gui_thread"] = sorted(n for n, gui in importers.items() if gui)
        seen["on_a_worker"] = sorted(n for n, gui in importers.items() if not gui)
        print(json.dumps(seen))
        """,
        tmp_path / "home",
    )
    assert result["painted"] == {"heavy": [], "ready": False, "opening": True}
    assert result["ready"]["rows"] > 0
    assert {"sqlalchemy", "alembic"} <= set(result["ready"]["heavy"])  # it did load them
    # ... on a worker thread, so the window kept answering meanwhile (how long a pause may be
    # is the benchmark's business, measured as a ratio, not a timed test's)
    assert {"sqlalchemy", "alembic", "babel"} <= set(result["on_a_worker"])
    assert result["on_gui_thread"] == []
    print(f"longest pause of the GUI thread: {result['pause'] * 1000:.0f} ms")


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_stored_language_is_read_without_touching_the_file(db_path: Path, db, lang: str) -> None:  # type: ignore[no-untyped-def]
    settings.set_value(db, "ui.language", lang)
    db.close()  # the last connection folds -wal into the file and removes it
    folder = db_path.parent
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}

    assert stored_language(db_path) == lang

    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before


def test_stored_language_sees_a_change_still_in_the_wal(db_path: Path, db) -> None:  # type: ignore[no-untyped-def]
    settings.set_value(db, "ui.language", "ru")  # the database stays open: -wal holds it
    assert db_path.with_name(db_path.name + "-wal").stat().st_size > 0
    assert stored_language(db_path) == "ru"


def test_nothing_stored_in_a_missing_empty_or_foreign_file(  # type: ignore[no-untyped-def]
    tmp_path: Path, db_path: Path, db
) -> None:
    empty, text = tmp_path / "empty.sqlite", tmp_path / "notes.sqlite"
    empty.touch()
    text.write_text("not a database", encoding="utf-8")
    for path in (tmp_path / "missing.sqlite", empty, text, tmp_path):
        assert stored_settings(path) == {}
        assert stored_language(path) is None
    settings.set_value(db, "org.name_ru", "Профком")  # a database with no language chosen
    assert stored_settings(db_path) == {"org.name_ru": "Профком"}
    assert stored_language(db_path) is None
    assert text.read_text(encoding="utf-8") == "not a database"


def test_cli_help_follows_the_stored_language(db_path: Path, db, capsys) -> None:  # type: ignore[no-untyped-def]
    settings.set_value(db, "ui.language", "ru")
    db.close()
    with pytest.raises(SystemExit):
        main(["--db", str(db_path), "--help"])
    assert translate_in("ru", "open the desktop window (the default)") in capsys.readouterr().out
