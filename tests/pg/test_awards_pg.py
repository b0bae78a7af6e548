"""Awards and anniversaries on both stores (SQLite and PostgreSQL): numbering per year with
burnt numbers, the register by year and its years, the seeded catalogue, an import with a
new type and its export back, and the anniversaries' one query."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from import_helpers import write_xlsx

from unionapp.core import anniversaries, award_types, awards, decisions
from unionapp.core.awards import AwardInput, Grant
from unionapp.core.decisions import DecisionInput
from unionapp.core.exporting import export_register
from unionapp.core.importing import run_import
from unionapp.core.models import Member


def _fill(db) -> tuple[int, int, dict[str, int]]:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ids = []
        for card, surname, birth in (("0100", "Асанов", dt.date(1966, 3, 5)),
                                     ("0200", "Үсөнова", dt.date(1976, 2, 29))):
            member = Member(card_no=card, surname=surname, name="Аты", birth_date=birth,
                            join_date=dt.date(2006, 3, 1))
            s.add(member)
            s.flush()
            ids.append(member.id)
    found = {
        "25": decisions.create_decision(db, DecisionInput("3", dt.date(2025, 12, 1))),
        "26": decisions.create_decision(db, DecisionInput("7", dt.date(2026, 1, 15))),
    }
    return ids[0], ids[1], found


def test_numbers_register_and_years(any_db) -> None:
    first, second, dec = _fill(any_db)
    gramota = award_types.list_types(any_db)[0].id
    for member, day, decision in ((first, dt.date(2025, 12, 5), dec["25"]),
                                  (second, dt.date(2026, 1, 20), dec["26"]),
                                  (first, dt.date(2026, 1, 21), dec["26"])):
        nomination = awards.nominate(any_db, AwardInput(member, gramota, day, "иш"))
        awards.grant(any_db, nomination, Grant(day, decision))
    awards.nominate(any_db, AwardInput(second, gramota, dt.date(2026, 2, 1)))
    assert [r.certificate for r in awards.list_awards(any_db, 2026)] == [
        "2026/001", "2026/002", ""]
    assert awards.register_years(any_db) == [2026, 2025]
    last = awards.list_awards(any_db, 2026)[1]
    awards.delete_award(any_db, last.id)
    assert awards.next_certificate(any_db, 2026) == "2026/003"
    assert [r.used for r in award_types.list_types(any_db)][:1] == [3]


def test_import_a_new_type_and_export_back(any_db, tmp_path: Path) -> None:
    _fill(any_db)
    path = write_xlsx(tmp_path / "awards.xlsx", [
        ["Номер билета", "Награда", "Дата", "Номер протокола", "Номер грамоты"],
        ["0100", "Почетная грамота", dt.datetime(2026, 1, 20), "7", None],
        ["0200", "Грамота района", "21.01.2026", "№ 7", "2026/017"],
    ])
    summary = run_import(any_db, "awards", path)
    assert (summary.added, len(summary.warnings), len(summary.notes)) == (2, 1, 1)
    rows = awards.list_awards(any_db)
    assert [(r.award_name, r.certificate) for r in rows] == [
        ("Ардак грамота", "2026/018"), ("Грамота района", "2026/017")]
    out = tmp_path / "out.csv"
    assert export_register(any_db, "awards", out, "ru") == 2
    again = run_import(any_db, "awards", out)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    assert awards.list_awards(any_db) == rows


def test_anniversaries(any_db) -> None:
    _fill(any_db)
    found = anniversaries.upcoming(any_db, 30, dt.date(2026, 2, 20))
    assert [(a.card_no, a.day, a.kind, a.years) for a in found] == [
        ("0200", dt.date(2026, 2, 28), "birthday", 50),
        ("0100", dt.date(2026, 3, 1), "membership", 20),
        ("0200", dt.date(2026, 3, 1), "membership", 20),
        ("0100", dt.date(2026, 3, 5), "birthday", 60),
    ]
    assert anniversaries.members_now(any_db, dt.date(2026, 2, 20)) == 2
