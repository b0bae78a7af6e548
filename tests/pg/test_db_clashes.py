"""Two writers at once (issue 8 part 4): a write that meets another's is refused in the user's
words with nothing saved, on both stores; an SQLite write transaction takes the write lock at
its start (so what it read stays true); a server reading sees one moment throughout."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from dues_helpers import add_member
from sqlalchemy import func, select

from unionapp.core import members
from unionapp.core.db import CLASHED
from unionapp.core.errors import UserError
from unionapp.core.i18n import _
from unionapp.core.models import Member


def test_a_clash_on_a_unique_value_is_refused_in_words(any_db) -> None:  # type: ignore[no-untyped-def]
    add_member(any_db, "0001", "Асанова")
    with pytest.raises(UserError) as info, any_db.transaction() as s:
        # what a second PC would do with the same number a moment later, past the form's check
        s.add(Member(card_no="0001", surname="Бекова", name="Айым", join_date=dt.date(2026, 1, 1)))
        s.flush()
    assert info.value.message() == _(CLASHED)
    assert members.count_members(any_db) == 1


def test_a_write_transaction_holds_the_lock_from_its_start(db, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    add_member(db, "0001", "Асанова")
    with db.transaction() as s:
        s.execute(select(func.count()).select_from(Member))  # only read so far
        other = sqlite3.connect(db_path, timeout=0)
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        finally:
            other.close()
    with db.reading() as s:  # a reading takes no write lock
        other = sqlite3.connect(db_path, timeout=0)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
        finally:
            other.close()


def test_a_server_reading_sees_one_moment(pg_db) -> None:  # type: ignore[no-untyped-def]
    add_member(pg_db, "0001", "Асанова")
    with pg_db.reading() as s:
        first = s.scalar(select(func.count()).select_from(Member))
        add_member(pg_db, "0002", "Бекова")  # another PC saves meanwhile
        again = s.scalar(select(func.count()).select_from(Member))
    assert first == again == 1
    assert members.count_members(pg_db) == 2
