"""The register file for the higher body (core/register_export.py, format v1): who is a
member on the date (joined that day in, left that day out), the youth flag at the age limit
(leap-day births too), the codes (sex M/F, 1/0), the header block and both sheets."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from unionapp.core import register_export, register_figures, settings
from unionapp.core.db import Database
from unionapp.core.errors import UserError
from unionapp.core.i18n import translate_in
from unionapp.core.models import Department, Member

DAY = dt.date(2025, 12, 31)
TODAY = dt.date(2026, 3, 1)


def add(db: Database, card: str, surname: str, *, join: dt.date = dt.date(2010, 1, 1),
        exit_: dt.date | None = None, sex: str | None = "M", birth: dt.date | None = None,
        pensioner: bool = False, personnel: str | None = None,
        department: str | None = None, patronymic: str | None = None) -> None:
    with db.transaction() as s:
        dep_id = None
        if department:
            dep = Department(name=department)
            s.add(dep)
            s.flush()
            dep_id = dep.id
        s.add(Member(card_no=card, personnel_no=personnel, surname=surname, name="Аты",
                     patronymic=patronymic, sex=sex, birth_date=birth, join_date=join,
                     exit_date=exit_, pensioner=pensioner, department_id=dep_id,
                     position="Мугалим"))


@pytest.fixture
def register_db(db: Database) -> Database:
    settings.set_many(db, {"org.id": "00412199810045", "org.name_ky": "Мектептин профкому",
                           "org.name_ru": "Профком школы"})
    add(db, "0012", "Өмүрова", sex="F", birth=dt.date(1990, 12, 31), personnel="T-1",
        department="Башталгыч класстар", patronymic="Асановна")  # 35 on the day: youth
    add(db, "0013", "Асан уулу", birth=dt.date(1990, 1, 1))  # 35 on the day: youth
    add(db, "0014", "Бүгүн", join=DAY, birth=dt.date(1989, 12, 31))  # joined that day: in;
    # 36 that very day: not youth
    add(db, "0015", "Кеткен", exit_=DAY, sex="F")  # left that day: out
    add(db, "0016", "Эртең", exit_=DAY + dt.timedelta(days=1), pensioner=True,
        birth=dt.date(1950, 5, 5))  # leaves the next day: in
    add(db, "0017", "Кийин", join=DAY + dt.timedelta(days=1))  # joins the next day: out
    add(db, "0018", "Белгисиз", sex=None)  # no birth date: youth unknown
    return db


def test_members_on_the_date_with_boundaries_and_youth(register_db: Database) -> None:
    register = register_export.members_on(register_db, DAY)
    found = {r.card_no: r for r in register.rows}
    assert set(found) == {"0012", "0013", "0014", "0016", "0018"}
    assert [r.surname for r in register.rows] == ["Асан уулу", "Белгисиз", "Бүгүн", "Өмүрова",
                                                  "Эртең"]  # ү after у, ө after о
    assert found["0012"].youth is True and found["0013"].youth is True
    assert found["0014"].youth is False  # 36 on the day
    assert found["0018"].youth is None and found["0016"].pensioner
    assert register.figures() == [("members", 5), ("women", 1), ("youth", 2),
                                  ("pensioners", 1)]
    assert found["0012"].cells() == [
        "0012", "T-1", "Өмүрова", "Аты", "Асановна", "F", dt.date(1990, 12, 31),
        dt.date(2010, 1, 1), "Башталгыч класстар", "Мугалим", 0, 1,
    ]
    assert found["0018"].cells()[5] is None and found["0018"].cells()[11] is None
    assert found["0016"].cells()[10:] == [1, 0]


def test_leap_day_births_on_28_february_and_1_march(db: Database) -> None:
    add(db, "1", "Секирик", birth=dt.date(1988, 2, 29))
    settings.set_value(db, "youth.max_age", "36")
    on_28 = {r.card_no: r.youth for r in register_export.members_on(db, dt.date(2025, 2, 28)).rows}
    on_1 = {r.card_no: r.youth for r in register_export.members_on(db, dt.date(2025, 3, 1)).rows}
    assert on_28 == {"1": True} and on_1 == {"1": False}  # 37 only from 1 March


def test_csv_comment_line_codes_and_iso_dates(register_db: Database, tmp_path: Path) -> None:
    target = tmp_path / "register.csv"
    assert register_export.write_register(register_db, DAY, target, "ru", today=TODAY) == 5
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf#unionapp-register;1;") and b"\r\n" in raw
    lines = list(csv.reader(target.open(encoding="utf-8-sig"), delimiter=";"))
    assert lines[0] == ["#unionapp-register", "1", "00412199810045", "Профком школы",
                        "2025-12-31", "5"]
    assert lines[1] == list(register_export.COLUMNS)
    rows = {line[0]: line for line in lines[2:]}
    assert rows["0012"] == ["0012", "T-1", "Өмүрова", "Аты", "Асановна", "F", "1990-12-31",
                            "2010-01-01", "Башталгыч класстар", "Мугалим", "0", "1"]
    assert rows["0018"][5] == "" and rows["0018"][11] == ""
    ky = tmp_path / "ky.csv"
    register_export.write_register(register_db, DAY, ky, "ky", today=TODAY)
    assert ky.read_text(encoding="utf-8-sig").splitlines()[0].split(";")[3] == "Мектептин профкому"


def test_xlsx_header_block_members_and_figures(register_db: Database, tmp_path: Path) -> None:
    target = tmp_path / "register.xlsx"
    register_export.write_register(register_db, DAY, target, "ky", today=TODAY)
    book = load_workbook(target)
    assert book.sheetnames == ["Members", "Figures"]
    sheet = book["Members"]
    block = [sheet.cell(row, 2).value for row in range(1, 7)]
    assert block[:4] == ["unionapp-register", 1, "00412199810045", "Мектептин профкому"]
    assert block[4].date() == DAY and block[5] == 5
    assert sheet.cell(7, 1).value is None
    header = [c.value for c in sheet[register_export.HEADER_ROW]]
    assert header[:3] == ["Билеттин номери", "Табель номери", "Фамилиясы"] and len(header) == 12
    rows = {r[0]: r for r in sheet.iter_rows(min_row=register_export.HEADER_ROW + 1,
                                            values_only=True)}
    assert set(rows) == {"0012", "0013", "0014", "0016", "0018"}
    first = rows["0012"]
    assert first[6].date() == dt.date(1990, 12, 31) and first[5] == "F"
    assert first[10:] == (0, 1)
    figures = {key: value for _label, value, key in book["Figures"].iter_rows(
        min_row=2, values_only=True)}
    assert {k: figures[k] for k in ("on_date.members", "on_date.women", "on_date.youth",
                                    "on_date.pensioners")} == {
        "on_date.members": 5, "on_date.women": 1, "on_date.youth": 2, "on_date.pensioners": 1}
    # the year's figures (core/yearend.py) of 2025, ending on the day: the same people
    assert figures["year.year"] == 2025 and figures["year.members_end"] == 5
    assert (figures["year.women_end"], figures["year.youth_end"]) == (1, 2)
    assert figures["year.left"] == 1 == sum(
        v for k, v in figures.items() if k.startswith("year.left_by_reason."))
    assert figures["year.dues_received"] == 0  # money as a number of som: 0.00
    labels = {key: label for label, _value, key in book["Figures"].iter_rows(
        min_row=2, values_only=True)}
    assert labels["year.members_start"] == translate_in("ky", "Members at the start of the year")
    assert labels["year.left_by_reason.voluntary"] == translate_in("ky", "{figure}: {part}").format(
        figure=translate_in("ky", "Left by reason"), part=translate_in("ky", "own wish"))


def test_the_year_figures_are_of_the_last_whole_year() -> None:
    assert register_figures.figures_year(dt.date(2025, 12, 31)) == 2025
    assert register_figures.figures_year(dt.date(2026, 1, 1)) == 2025
    assert register_figures.figures_year(dt.date(2026, 7, 15)) == 2025
    assert register_figures.cell_value("1234.50") == Decimal("1234.50")
    assert register_figures.cell_value("Ардак грамота") == "Ардак грамота"
    assert register_figures.cell_value(7) == 7


def test_refusals(register_db: Database, tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    with pytest.raises(UserError):  # a day to come
        register_export.write_register(register_db, TODAY + dt.timedelta(days=1),
                                       tmp_path / "r.csv", "ru", today=TODAY)
    with pytest.raises(UserError):
        register_export.write_register(register_db, DAY, tmp_path / "r.pdf", "ru", today=TODAY)
    with pytest.raises(UserError):
        register_export.write_register(register_db, DAY, tmp_path / "r.csv", "en", today=TODAY)
    assert list(tmp_path.iterdir()) == []
