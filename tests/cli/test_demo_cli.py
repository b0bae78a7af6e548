"""``unionapp demo``: a plausible organization in a new file; a non-empty file is refused.

The figures are read back with plain sqlite3, not through our own code.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sqlite3
from collections import Counter
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import pytest

from unionapp.cli import main
from unionapp.core import i18n
from unionapp.core.formatting import format_number
from unionapp.core.i18n import translate_in

MEMBERS = 2000


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def read(path: Path, sql: str) -> list[dict[str, Any]]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        found = [dict(r) for r in conn.execute(sql)]
    finally:
        conn.close()
    for row in found:
        for key in ("birth_date", "join_date", "exit_date"):
            if row.get(key):
                row[key] = dt.date.fromisoformat(row[key])
    return found


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Made once for the module (the autouse home fixture is per test, so set it here too)."""
    folder = tmp_path_factory.mktemp("demo")
    path = folder / "demo.sqlite"
    buffer = io.StringIO()
    with pytest.MonkeyPatch.context() as patch, redirect_stdout(buffer):
        patch.setenv("UNIONAPP_HOME", str(folder))
        patch.delenv("UNIONAPP_DB", raising=False)
        i18n.set_language("ky")
        code = main(["--db", str(path), "demo", "--members", str(MEMBERS), "--seed", "11"])
    assert code == 0
    return path, buffer.getvalue()


@pytest.fixture(scope="module")
def people(made: tuple[Path, str]) -> list[dict[str, Any]]:
    return read(made[0], "SELECT * FROM members")


def active(people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [m for m in people if m["exit_date"] is None]


def test_summary_is_printed(made: tuple[Path, str], people: list[dict[str, Any]]) -> None:
    output = made[1]
    children = len(read(made[0], "SELECT id FROM children"))
    # counts in the language's numbers («2 000» with a no-break space in ky and ru)
    assert format_number(MEMBERS) in output and format_number(MEMBERS) != str(MEMBERS)
    assert format_number(len(active(people))) in output
    assert format_number(children) in output
    assert "университетинин" in output  # the Kyrgyz name (ky is the default language)


def test_women_pensioners_and_youth_are_plausible(people: list[dict[str, Any]]) -> None:
    today = dt.date.today()
    now = active(people)
    women = sum(m["sex"] == "F" for m in now) / len(now)
    youth = sum(age(m["birth_date"], today) <= 35 for m in now) / len(now)
    pensioners = [m for m in now if m["pensioner"]]
    assert 0.6 <= women <= 0.8
    assert 0.2 <= youth <= 0.35
    assert 0.08 <= len(pensioners) / len(now) <= 0.25
    assert all(age(m["birth_date"], today) >= 56 for m in pensioners)
    old = [m for m in now if age(m["birth_date"], today) >= (63 if m["sex"] == "M" else 58)]
    assert sum(m["pensioner"] for m in old) / len(old) >= 0.7  # most, not all
    assert {age(m["birth_date"], today) for m in people} <= set(range(20, 71))


def test_dates_and_exits_are_consistent(people: list[dict[str, Any]]) -> None:
    today = dt.date.today()
    left = [m for m in people if m["exit_date"]]
    assert 0.08 * MEMBERS <= len(left) <= 0.3 * MEMBERS
    for m in people:
        assert m["join_date"] > add_years(m["birth_date"], 18), m
        assert m["join_date"] <= today
    for m in left:
        assert m["join_date"] <= m["exit_date"] <= today, m
        assert m["exit_reason"] in {
            "voluntary", "dismissal", "retirement", "death", "transfer", "expelled", "other"
        }
    assert all(m["exit_reason"] is None for m in people if not m["exit_date"])
    reasons = Counter(m["exit_reason"] for m in left)
    assert reasons.most_common(1)[0][0] == "voluntary"
    joined = [m["join_date"].year for m in people]
    assert min(joined) <= today.year - 20  # joins spread over decades


def test_card_and_personnel_numbers_are_unique(people: list[dict[str, Any]]) -> None:
    cards = [m["card_no"] for m in people]
    assert len(set(cards)) == MEMBERS
    assert sorted(int(c) for c in cards) == list(range(1001, 1001 + MEMBERS))
    assert len({m["personnel_no"] for m in people}) == MEMBERS


def test_names_are_kyrgyz_and_russian(people: list[dict[str, Any]]) -> None:
    def full(m: dict[str, Any]) -> str:
        return " ".join(x for x in (m["surname"], m["name"], m["patronymic"]) if x)

    kyrgyz_letters = [m for m in people if re.search("[ңөүҢӨҮ]", full(m))]
    assert len(kyrgyz_letters) >= 0.15 * MEMBERS
    two_word = [m for m in people if m["surname"].endswith((" уулу", " кызы"))]
    assert 0.03 * MEMBERS <= len(two_word) <= 0.12 * MEMBERS
    for m in two_word:
        assert m["patronymic"] is None
        assert m["sex"] == ("M" if m["surname"].endswith(" уулу") else "F")
    russian = [m for m in people if m["patronymic"] and m["patronymic"][-3:] in ("вич", "вна")
               and not re.search("[ңөүҢӨҮ]", full(m)) and m["name"] in ("Елена", "Сергей")]
    assert russian  # «Иванова Елена Сергеевна»-style names are there
    for m in people:
        if m["patronymic"]:
            assert m["patronymic"].endswith("вич" if m["sex"] == "M" else "вна"), m
            assert m["surname"].endswith("а") == (m["sex"] == "F"), m
    phones = [m["phone"] for m in people if m["phone"]]
    assert len(phones) > 0.7 * MEMBERS
    assert all(re.fullmatch(r"\+996 \d{3} \d{2} \d{2} \d{2}", p) for p in phones)
    assert any(m["email"] for m in people) and any(m["note"] for m in people)


def test_children_are_plausible(made: tuple[Path, str], people: list[dict[str, Any]]) -> None:
    today = dt.date.today()
    children = read(made[0], "SELECT * FROM children")
    parents = {m["id"]: m for m in people}
    for child in children:
        parent = parents[child["member_id"]]
        assert add_years(parent["birth_date"], 20) < child["birth_date"] <= today, child
        assert child["sex"] in ("M", "F")
        assert len(child["full_name"].split()) >= 2
    in_age = [m for m in people if 25 <= age(m["birth_date"], today) <= 50]
    assert 0.9 <= len(children) / len(in_age) <= 1.5
    assert any(" уулу " in c["full_name"] or " кызы " in c["full_name"] for c in children)


def test_a_database_with_members_is_refused_byte_identical(
    made: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    path = made[0]
    assert not Path(f"{path}-wal").exists()
    before = path.read_bytes()
    refusal = (
        "The database already has members. A demo organization is made only in an empty "
        "database; choose a new file with --db."
    )
    for lang in ("ky", "ru"):  # Kyrgyz without --lang (the file stores no language)
        chosen = ["--lang", lang] if lang == "ru" else []
        assert main(["--db", str(path), *chosen, "demo", "--members", "50"]) == 2
        err = capsys.readouterr().err
        expected = translate_in(lang, "Error: {message}").format(
            message=translate_in(lang, refusal)
        )
        assert err == expected + "\n"
        assert "empty database" not in err  # no English
        assert path.read_bytes() == before


def test_bad_size_is_refused_before_a_file_is_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "new.sqlite"
    assert main(["--db", str(target), "demo", "--members", "0"]) == 2
    assert "200000" in capsys.readouterr().err
    assert not target.exists()


def test_russian_summary_names_the_organization_in_russian(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "school.sqlite"
    assert main(["--db", str(target), "--lang", "ru", "demo", "--members", "90"]) == 0
    output = capsys.readouterr().out
    assert "средней школы №" in output
    assert "90" in output
