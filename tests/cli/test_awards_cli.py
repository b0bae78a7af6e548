"""``unionapp import awards`` and ``unionapp export awards``: real .xlsx and .csv files, new award
types named in the summary, every refusal as FILE:ROW:COLUMN with the database untouched, and
exports that import back unchanged in Kyrgyz and Russian."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from unionapp.cli import main
from unionapp.core import award_types, awards, decisions, members
from unionapp.core.awards import AwardInput
from unionapp.core.decisions import DecisionInput
from unionapp.core.i18n import _
from unionapp.core.importing.awards_import import NEW_TYPE, NEW_TYPES
from unionapp.core.members import MemberInput
from unionapp.core.store import open_database

NO7 = dt.date(2026, 5, 14)  # protocol No. 7 of 2026
NO7_OLD = dt.date(2025, 4, 2)  # another No. 7, a year earlier
NO2 = dt.date(2026, 1, 20)
RU_HEADER = ["Номер билета", "ФИО", "Награда", "Дата", "Номер протокола", "Дата протокола",
             "Номер грамоты"]
KY_HEADER = ["Билеттин номери", "Аты-жөнү", "Сыйлык", "Күнү", "Протоколдун номери",
             "Протоколдун күнү", "Грамотанын номери"]
GOOD_ROWS: list[list[object]] = [
    # the seeded «Ардак грамота» by its Russian name; protocol No. 7 within 2026; numbered
    ["0100", "Асан уулу Бакыт", "Почетная грамота", dt.datetime(2026, 5, 20), "№ 7", None, None],
    # an old paper certificate with its own number, the protocol by number and date
    ["0101", "Сейит кызы Жаңыл", "Ыраазычылык кат", "21.05.2025", 7, "02.04.2025", "2025/014"],
    # a name the catalogue does not know: a new type
    ["0102", "Ёлкина Ольга", "Грамота районного комитета", "25.01.2026", "2", None, None],
]


@pytest.fixture
def register(db, db_path: Path) -> Path:  # type: ignore[no-untyped-def]
    fill(db)
    db.close()
    return db_path


def fill(db) -> None:  # type: ignore[no-untyped-def]
    for card, surname, name, join, exit_ in (
        ("0100", "Асан уулу", "Бакыт", dt.date(2010, 1, 1), None),
        ("0101", "Сейит кызы", "Жаңыл", dt.date(2015, 9, 1), None),
        ("0102", "Ёлкина", "Ольга", dt.date(2000, 1, 15), dt.date(2026, 3, 1)),
    ):
        members.create_member(db, MemberInput(
            card_no=card, surname=surname, name=name, join_date=join, exit_date=exit_,
            exit_reason="voluntary" if exit_ else None,
        ))
    for number, held_on in (("7", NO7), ("7", NO7_OLD), ("2", NO2)):
        decisions.create_decision(db, DecisionInput(number, held_on))


def run(db_path: Path, *args: str) -> int:
    return main(["--db", str(db_path), *args])


def xlsx(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def register_of(db_path: Path) -> list[tuple[str, str, dt.date | None, str, str, str]]:
    db = open_database(db_path)
    try:
        return [(r.card_no, r.award_name, r.awarded_on, r.certificate, r.decision, r.status)
                for r in awards.list_awards(db)]
    finally:
        db.close()


def db_bytes(db_path: Path) -> str:
    db = open_database(db_path)
    db.checkpoint()
    db.close()
    return hashlib.sha256(db_path.read_bytes()).hexdigest()


def test_import_xlsx_adds_awards_numbers_them_and_names_new_types(  # type: ignore[no-untyped-def]
    register: Path, tmp_path: Path, capsys
) -> None:
    file = xlsx(tmp_path / "awards.xlsx", RU_HEADER, GOOD_ROWS)
    assert run(register, "import", "awards", str(file)) == 0
    out = capsys.readouterr().out
    name = "Грамота районного комитета"
    assert "awards.xlsx:4:Награда: " in out and _(NEW_TYPE).format(name=name) in out
    assert _(NEW_TYPES).format(count=1, names=f"«{name}»") in out
    assert _("Added: {count}").format(count=3) in out
    rows = sorted(register_of(register), key=lambda r: (r[2], r[3]))
    assert [(r[0], r[1], r[3], r[4]) for r in rows] == [
        ("0101", "Ыраазычылык кат", "2025/014", decisions.label("7", NO7_OLD)),
        ("0102", name, "2026/001", decisions.label("2", NO2)),
        ("0100", "Ардак грамота", "2026/002", decisions.label("7", NO7)),
    ]
    db = open_database(register)
    try:
        added = next(t for t in award_types.list_types(db) if t.name == name)
        assert (added.level, added.form, added.used) == ("own", "certificate", 1)
        assert len(award_types.list_types(db)) == 5  # the four seeded + the new one
    finally:
        db.close()

    before = db_bytes(register)
    assert run(register, "import", "awards", str(file)) == 0  # again: nothing changes
    out = capsys.readouterr().out
    assert _("Unchanged: {count}").format(count=3) in out
    assert _(NEW_TYPES).format(count=1, names=f"«{name}»") not in out
    assert db_bytes(register) == before


def test_import_csv_with_kyrgyz_headers_awards_an_open_nomination(  # type: ignore[no-untyped-def]
    register: Path, tmp_path: Path, capsys
) -> None:
    db = open_database(register)
    try:
        gramota = award_types.list_types(db)[0].id
        nomination = awards.nominate(db, AwardInput(
            members.find_by_card(db, "0100"), gramota, dt.date(2026, 5, 2), "30 жыл"))
    finally:
        db.close()
    text = "\r\n".join(";".join(row) for row in (
        KY_HEADER[:5] + ["Эмнеси үчүн", "Баасы"],
        ["0100", "Асан уулу Бакыт", "Ардак грамота", "20.05.2026", "7", "30 жыл", "1500,50"],
    ))
    file = tmp_path / "сыйлыктар.csv"
    file.write_bytes(("\ufeff" + text + "\r\n").encode("utf-8"))
    assert run(register, "import", "awards", str(file)) == 0
    assert _("Updated: {count}").format(count=1) in capsys.readouterr().out
    db = open_database(register)
    try:
        [row] = awards.list_awards(db)
        assert (row.id, row.status, row.certificate, row.cost, row.reason) == (
            nomination, "awarded", "2026/001", 150_050, "30 жыл")
        assert row.nominated_on == dt.date(2026, 5, 2)
    finally:
        db.close()


def test_a_bad_file_is_refused_whole_with_file_row_column(  # type: ignore[no-untyped-def]
    register: Path, tmp_path: Path, capsys
) -> None:
    assert run(register, "import", "awards",
               str(xlsx(tmp_path / "first.xlsx", RU_HEADER, GOOD_ROWS[1:2]))) == 0
    capsys.readouterr()
    future = dt.date.today() + dt.timedelta(days=5)
    rows: list[list[object]] = [
        ["0100", "", "Ардак грамота", "20.05.2026", "7", None, None],  # fine
        ["9999", "", "Ардак грамота", "20.05.2026", "7", None, None],  # no such card
        ["0100", "", "Ардак грамота", "20.05.2026", "8", None, None],  # no protocol No. 8
        ["0100", "", "Ыраазычылык кат", "10.05.2026", "7", None, None],  # before the decision
        ["0102", "", "Ардак грамота", "20.05.2026", "7", None, None],  # left on 01.03.2026
        ["0100", "", "Ардак грамота", "21.05.2025", "7", None, "2025/014"],  # given to another
        ["0101", "", "Ардак грамота", "22.05.2026", "7", None, "2025/3"],  # not of that year
        ["0101", "", "Ардак грамота", future.strftime("%d.%m.%Y"), "7", None, None],
        ["0101", "", "", "23.05.2026", "7", "31.02.2026", None],  # no award, no such date
    ]
    file = xlsx(tmp_path / "bad.xlsx", RU_HEADER, rows)
    before = db_bytes(register)
    assert run(register, "import", "awards", str(file)) == 2
    lines = capsys.readouterr().err.splitlines()
    places = [line.split(": ")[0] for line in lines[:-1]]
    assert places == [
        "bad.xlsx:3:Номер билета",
        "bad.xlsx:4:Номер протокола",
        "bad.xlsx:5:Дата",
        "bad.xlsx:6:Дата",
        "bad.xlsx:7:Номер грамоты",
        "bad.xlsx:8:Номер грамоты",
        "bad.xlsx:9:Дата",
        "bad.xlsx:10:Награда",
        "bad.xlsx:10:Дата протокола",
    ]
    assert "9999" in lines[0] and "8" in lines[1]
    assert "Сейит кызы Жаңыл" in lines[4] and "2025/014" in lines[4]
    assert "Ёлкина Ольга" in lines[3]
    assert db_bytes(register) == before
    assert len(register_of(register)) == 1


def test_a_file_without_a_required_column_is_refused(  # type: ignore[no-untyped-def]
    register: Path, tmp_path: Path, capsys
) -> None:
    file = xlsx(tmp_path / "no-protocol.xlsx", RU_HEADER[:4], [r[:4] for r in GOOD_ROWS])
    before = db_bytes(register)
    assert run(register, "import", "awards", str(file)) == 2
    err = capsys.readouterr().err
    assert "no-protocol.xlsx:1:Протоколдун номери: " in err  # named in the language used
    assert db_bytes(register) == before


@pytest.mark.usefixtures("source_strings")  # positions and labels in English
@pytest.mark.parametrize(("lang", "suffix"), [("ky", ".xlsx"), ("ru", ".csv"), ("ru", ".xlsx"),
                                              ("ky", ".csv")])
def test_export_imports_back_unchanged(  # type: ignore[no-untyped-def]
    register: Path, tmp_path: Path, capsys, lang: str, suffix: str
) -> None:
    assert run(register, "import", "awards",
               str(xlsx(tmp_path / "in.xlsx", RU_HEADER, GOOD_ROWS))) == 0
    db = open_database(register)
    try:  # a nomination is not exported, and stays as it is
        awards.nominate(db, AwardInput(members.find_by_card(db, "0101"),
                                       award_types.list_types(db)[0].id, dt.date(2026, 6, 1)))
        first = awards.list_awards(db)[0]
        data = awards.get_award(db, first.id)
        data.reason, data.cost = "Көп жылдык эмгеги үчүн", 250_000
        awards.update_award(db, first.id, data)
    finally:
        db.close()
    out_file = tmp_path / f"export-{lang}{suffix}"
    assert run(register, "export", "awards", str(out_file), "--lang", lang) == 0
    if suffix == ".xlsx":
        sheet = load_workbook(out_file).active
        assert sheet is not None
        header = [c.value for c in sheet[1]]
        assert header[:7] == (KY_HEADER if lang == "ky" else RU_HEADER)
        assert sheet.max_row == 4  # three awards, no nomination
    capsys.readouterr()
    before_register, before = register_of(register), db_bytes(register)
    assert run(register, "import", "awards", str(out_file)) == 0
    assert _("Unchanged: {count}").format(count=3) in capsys.readouterr().out
    assert register_of(register) == before_register
    assert db_bytes(register) == before

    # into another database with the same people and protocols: the same register
    other = tmp_path / "other.sqlite"
    db = open_database(other)
    try:
        fill(db)
    finally:
        db.close()
    assert run(other, "import", "awards", str(out_file)) == 0
    awarded = [r for r in before_register if r[5] == "awarded"]
    assert register_of(other) == awarded
    db = open_database(other)
    try:
        moved = {(r.card_no, r.reason, r.cost) for r in awards.list_awards(db)}
    finally:
        db.close()
    assert (first.card_no, "Көп жылдык эмгеги үчүн", 250_000) in moved
