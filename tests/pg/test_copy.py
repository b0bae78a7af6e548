"""``unionapp copy --to``: a SQLite register to a PostgreSQL server and back, verified by the
rows of every table and the money's sums; the copy continues to work (new ids after the
copied ones); a non-empty target or the source itself is refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from unionapp.cli import main
from unionapp.core import members
from unionapp.core.copying import copy_database
from unionapp.core.errors import UserError
from unionapp.core.exporting import export_register
from unionapp.core.members import MemberInput
from unionapp.core.store import open_database


def _demo(path: Path) -> None:
    assert main(["--db", str(path), "demo", "--members", "120", "--years", "1", "--seed", "4"]) == 0


def _export(where: object, folder: Path) -> dict[str, bytes]:
    db = open_database(where)  # type: ignore[arg-type]
    try:
        found = {}
        for kind in ("members", "children", "cash", "vouchers", "aid", "awards"):
            path = folder / f"{kind}.csv"
            export_register(db, kind, path, "ru")
            found[kind] = path.read_bytes()
        return found
    finally:
        db.close()


def test_a_file_to_a_server_and_back(tmp_path: Path, pg_url: str) -> None:
    source = tmp_path / "school.sqlite"
    _demo(source)
    assert main(["--db", str(source), "copy", "--to", pg_url]) == 0
    back = tmp_path / "back.sqlite"
    assert main(["--db", pg_url, "copy", "--to", str(back)]) == 0
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "c").mkdir()
    original = _export(source, tmp_path / "a")
    assert _export(pg_url, tmp_path / "b") == original
    assert _export(back, tmp_path / "c") == original

    server = open_database(pg_url)
    try:  # the server's ids continue after the copied ones
        new_id = members.create_member(server, MemberInput(
            card_no="9001", surname="Жаңы", name="Мүчө", join_date=dt.date(2026, 1, 5)))
        assert new_id > 120  # the demo's 120 members keep ids 1..120
        with pytest.raises(UserError):  # a server that holds a register is never overwritten
            copy_database(open_database(source), pg_url)
    finally:
        server.close()


def test_the_source_itself_or_a_full_file_is_refused(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "school.sqlite"
    _demo(source)
    assert main(["--db", str(source), "copy", "--to", str(source)]) == 2
    other = tmp_path / "other.sqlite"
    _demo(other)
    before = other.read_bytes()
    assert main(["--db", str(source), "copy", "--to", str(other)]) == 2
    assert "120" in capsys.readouterr().err
    assert other.read_bytes() == before
    fresh = tmp_path / "fresh.sqlite"
    assert main(["--db", str(source), "copy", "--to", str(fresh)]) == 0
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert _export(fresh, tmp_path / "b") == _export(source, tmp_path / "a")
