"""Review 8 #32 and #13 on the command line: a bug ends with exit 1 and one line in the user's
language naming the log file, the traceback in that file; a window that cannot start says so
in words, not with Python's English."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from unionapp.cli import main
from unionapp.core.i18n import translate_in
from unionapp.logfile import log_file


def broken_register(path: Path) -> Path:
    """A register whose settings table is gone (dropped past the program): any command that
    opens it meets an error no service expects - a bug's path, not a refusal."""
    assert main(["--db", str(path), "config", "set", "org.name_ru", "Школа"]) == 0
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE settings")
    return path


def test_a_bug_prints_one_translated_line_and_logs_the_traceback(db_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    broken_register(db_path)
    capsys.readouterr()
    assert main(["--db", str(db_path), "--lang", "ru", "config", "get"]) == 1
    said = capsys.readouterr()
    assert said.out == ""
    line = translate_in("ru", "Error: {message}").format(message=translate_in(
        "ru", "Something went wrong inside the program. The details are in {file}."
    ).format(file=str(log_file())))
    assert said.err == line + "\n"
    assert "Traceback" not in said.err
    logged = log_file().read_text(encoding="utf-8")
    assert "Traceback" in logged and "no such table: settings" in logged
    assert "unionapp --db" in logged  # which command it was


def test_a_bug_through_python_m_exits_1_without_a_traceback(tmp_path: Path) -> None:
    db = broken_register(tmp_path / "broken.sqlite")
    done = subprocess.run(
        [sys.executable, "-m", "unionapp", "--db", str(db), "config", "get"],
        capture_output=True, text=True, env=os.environ.copy(),
    )
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert str(log_file()) in done.stderr


def test_a_window_that_cannot_load_qt_says_so_in_words(tmp_path: Path) -> None:
    # Qt's widgets cannot be loaded (as on a PC without its system libraries)
    script = (
        "import sys; sys.modules['PySide6.QtWidgets'] = None\n"
        "from unionapp.cli import main\n"
        f"sys.exit(main(['--lang', 'ru', '--db', {str(tmp_path / 'x.sqlite')!r}, 'app']))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=os.environ.copy())
    assert done.returncode == 2
    expected = translate_in(
        "ru",
        "The desktop window cannot start: a library it needs is missing or cannot be loaded "
        "(the details are in {file}). The commands still work: {help}",
    ).format(file=str(log_file()), help="unionapp --help")
    assert done.stderr == expected + "\n"
    assert "PySide6.QtWidgets" in log_file().read_text(encoding="utf-8")
