"""Every test gets its own data folder, so nothing touches a real user's database."""

from __future__ import annotations

import gc
import itertools
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT.parent / "shared" / "samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("UNIONAPP_HOME", str(home))
    monkeypatch.delenv("UNIONAPP_DB", raising=False)
    from unionapp.core import i18n

    i18n.set_language("ky")
    return home


_tests_run = itertools.count(1)


@pytest.fixture(autouse=True)
def _garbage_on_the_main_thread() -> Iterator[None]:
    """As in the program (unionapp.ui.gui_gc): cycles are collected on the main thread only,
    after the test's background jobs have finished. A job still running into the next test
    could otherwise collect the last test's Qt objects on its worker thread: a crash."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if "PySide6.QtCore" in sys.modules:
            from PySide6.QtCore import QCoreApplication, QThreadPool

            QThreadPool.globalInstance().waitForDone(60_000)
            if QCoreApplication.instance() is not None:
                QCoreApplication.processEvents()  # the finished jobs' signals
        # the young generations every time, everything every 25th test (~30 ms a pass)
        gc.collect(2 if next(_tests_run) % 25 == 0 else 1)
        if enabled:
            gc.enable()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "union.sqlite"


@pytest.fixture
def db(db_path: Path):  # type: ignore[no-untyped-def]
    from unionapp.core.store import open_database

    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def source_strings() -> Iterator[None]:
    """Messages in their English source form, for tests of what a rule says (its numbers and
    order) rather than of a translation; tests/test_catalogs.py checks that every message is
    translated. Use it with ``pytestmark = pytest.mark.usefixtures("source_strings")``."""
    from unionapp.core import i18n

    with i18n.source_messages():
        yield
