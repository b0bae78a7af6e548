"""Shared fixtures for the screens (pytest-qt; QT_QPA_PLATFORM=offscreen from tests/conftest.py).

- ``ui_db_path``: a database file in ``tmp_path`` holding the small, known register below
  (built once per session with ``members.create_member`` - so every member has a history -
  and copied for each test, so a test may change it freely).
- ``app_state``: an ``AppState`` over ``ui_db_path``; closed after the test.
- ``demo_db_path``: a database with a generated demo organization (300 members, Kyrgyz and
  Russian names, seed 3), for screens that need "a lot of realistic data" but no exact rows.
The known register itself (``PEOPLE``, ``ACTIVE``, ``LEFT``) is in ``known_register.py``,
so tests can name who they expect.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from known_register import PEOPLE


def _member_input(person: tuple) -> object:  # type: ignore[type-arg]
    from unionapp.core.members import MemberInput

    (card, surname, name, patronymic, sex, birth, dep, position, join, exit_date, reason,
     pensioner, personnel) = person
    return MemberInput(
        card_no=card, surname=surname, name=name, patronymic=patronymic, sex=sex,
        birth_date=birth, department=dep, position=position, join_date=join,
        exit_date=exit_date, exit_reason=reason, pensioner=pensioner, personnel_no=personnel,
        phone="+996 555 00 00 00",
    )


def _build(path: Path, fill: object) -> Path:
    from unionapp.core.store import open_database

    with pytest.MonkeyPatch.context() as patch:  # session fixtures run before the autouse one
        patch.setenv("UNIONAPP_HOME", str(path.parent / "home"))
        db = open_database(path)
        try:
            fill(db)  # type: ignore[operator]
            db.checkpoint()  # everything in the main file, so a plain copy is complete
        finally:
            db.close()
    return path


@pytest.fixture(scope="session")
def _known_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from unionapp.core import members

    def fill(db: object) -> None:
        for person in PEOPLE:
            members.create_member(db, _member_input(person))  # type: ignore[arg-type]
        first = members.find_by_card(db, "1001")  # type: ignore[arg-type]
        assert first is not None
        members.add_child(db, first, members.ChildInput("Бакытов Азамат",  # type: ignore[arg-type]
                                                        dt.date(2012, 3, 4), "M"))

    return _build(tmp_path_factory.mktemp("ui-template") / "known.sqlite", fill)


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from unionapp.core.demo import generate_demo

    def fill(db: object) -> None:
        generate_demo(db, members=300, years=1, seed=3)  # type: ignore[arg-type]

    return _build(tmp_path_factory.mktemp("ui-demo") / "demo.sqlite", fill)


@pytest.fixture
def ui_db_path(tmp_path: Path, _known_template: Path) -> Path:
    """A copy of the known register (``PEOPLE``) that this test may change."""
    path = tmp_path / "data" / "union.sqlite"
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_known_template, path)
    return path


@pytest.fixture
def demo_db_path(tmp_path: Path, _demo_template: Path) -> Path:
    path = tmp_path / "demo" / "union.sqlite"
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_demo_template, path)
    return path


@pytest.fixture
def app_state(ui_db_path: Path, qapp: object) -> Iterator[object]:
    """``AppState`` over ``ui_db_path`` (the QApplication exists first)."""
    from unionapp.ui.state import AppState

    state = AppState(ui_db_path)
    yield state
    state.close_database()
