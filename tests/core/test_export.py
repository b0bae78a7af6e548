"""Exporting registers: headers and labels in the chosen language, and files that import back
with nothing changed."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from import_helpers import add_member, audit_count, fill_register, fingerprint
from openpyxl import load_workbook

from unionapp.core import members
from unionapp.core.codes import EXIT_REASONS, parse_exit_reason, parse_sex
from unionapp.core.errors import UserError
from unionapp.core.exporting import REASON_LABELS, SEX_LETTERS, YES_NO, export_register
from unionapp.core.importing import run_import
from unionapp.core.importing.values import parse_yes_no
from unionapp.core.store import open_database


@pytest.fixture
def register(db):
    """A small register with every field used, leavers, a leading-zero card and children."""
    return fill_register(db)


def read_xlsx(path: Path) -> list[list[object]]:
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    return [[c.value for c in row] for row in sheet.iter_rows()]


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f, delimiter=";"))


def test_xlsx_in_kyrgyz(register, tmp_path: Path) -> None:
    path = tmp_path / "members.xlsx"
    assert export_register(register, "members", path, "ky") == 6
    rows = read_xlsx(path)
    assert rows[0] == [
        "Билеттин номери", "Табель номери", "Фамилиясы", "Аты", "Атасынын аты", "Жынысы",
        "Туулган күнү", "Бөлүм", "Кызмат орду", "Мүчөлүккө кирген күнү",
        "Мүчөлүктөн чыккан күнү", "Чыгуу себеби", "Пенсионер", "Телефон", "Электрондук почта",
        "Эскертүү",
    ]
    mamatov = next(r for r in rows if r[0] == "0012")
    assert mamatov[1] == "00031"
    assert mamatov[5] == "Э" and mamatov[11] == "пенсияга чыккан" and mamatov[12] == "ооба"
    assert mamatov[6] == dt.datetime(1960, 2, 29)  # a real Excel date
    assert mamatov[15] == "=ветеран труда\nвторая строка"  # text, not a formula
    cell = load_workbook(path).worksheets[0]["G2"]
    assert cell.is_date and cell.number_format == "DD.MM.YYYY"
    assert [r[2] for r in rows[1:]] == sorted(r[2] for r in rows[1:])


def test_csv_in_russian(register, tmp_path: Path) -> None:
    path = tmp_path / "members.csv"
    export_register(register, "members", path, "ru")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = read_csv(path)
    assert rows[0][:4] == ["Номер билета", "Табельный номер", "Фамилия", "Имя"]
    assert rows[0][-1] == "Примечание"
    mamatov = next(r for r in rows if r[0] == "0012")
    assert mamatov[5:7] == ["М", "29.02.1960"]
    assert mamatov[11:13] == ["выход на пенсию", "да"]
    janyl = next(r for r in rows if r[0] == "1002")
    assert janyl[5] == "Ж" and janyl[12] == "нет" and janyl[10] == ""


def test_labels_read_back_as_their_codes() -> None:
    for lang in ("ru", "ky"):
        assert set(REASON_LABELS[lang]) == set(EXIT_REASONS)
        for code, label in REASON_LABELS[lang].items():
            assert parse_exit_reason(label) == code
        for code, letter in SEX_LETTERS[lang].items():
            assert parse_sex(letter) == code
        assert parse_yes_no(YES_NO[lang][0]) is True and parse_yes_no(YES_NO[lang][1]) is False


@pytest.mark.parametrize("name", ["members.xlsx", "members.csv"])
@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_export_imports_back_unchanged(register, tmp_path: Path, name: str, lang: str) -> None:
    for kind in ("members", "children"):
        path = tmp_path / f"{kind}-{name}"
        export_register(register, kind, path, lang)
        before, audit_before = fingerprint(register), audit_count(register)
        summary = run_import(register, kind, path)
        assert (summary.added, summary.updated) == (0, 0), kind
        assert summary.unchanged == summary.rows_read > 0
        assert fingerprint(register) == before and audit_count(register) == audit_before


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_into_a_fresh_register_and_again_gives_the_same_rows(
    register, tmp_path: Path, suffix: str
) -> None:
    first = {k: tmp_path / f"{k}-1{suffix}" for k in ("members", "children")}
    for kind, path in first.items():
        export_register(register, kind, path, "ky")
    fresh = open_database(tmp_path / "fresh.sqlite")
    try:
        for kind, path in first.items():
            assert run_import(fresh, kind, path).added > 0
        for kind, path in first.items():
            again = tmp_path / f"{kind}-2{suffix}"
            export_register(fresh, kind, again, "ky")
            read = read_xlsx if suffix == ".xlsx" else read_csv
            assert read(again) == read(path), kind
    finally:
        fresh.close()


def test_children_export(register, tmp_path: Path) -> None:
    path = tmp_path / "children.csv"
    assert export_register(register, "children", path, "ru") == 3
    rows = read_csv(path)
    assert rows[0] == ["Номер билета", "ФИО родителя", "ФИО ребенка", "Дата рождения", "Пол"]
    assert ["0012", "Маматов Нурлан Асанович", "Маматова Айгерим", "05.01.1995", "Ж"] in rows
    assert ["0012", "Маматов Нурлан Асанович", "Маматов Бек", "", ""] in rows


def test_empty_register_exports_headers_only(db, tmp_path: Path) -> None:
    assert export_register(db, "members", tmp_path / "m.xlsx", "ky") == 0
    assert len(read_xlsx(tmp_path / "m.xlsx")) == 1


def test_bad_export_requests(db, tmp_path: Path) -> None:
    with pytest.raises(UserError):
        export_register(db, "members", tmp_path / "m.pdf", "ky")
    with pytest.raises(UserError):
        export_register(db, "dues", tmp_path / "m.xlsx", "ky")
    with pytest.raises(UserError):
        export_register(db, "members", tmp_path / "m.xlsx", "en")
    assert list(tmp_path.glob("m.*")) == []


def test_export_sorts_names_as_the_members_window_does(db, tmp_path: Path) -> None:
    from unionapp.core.member_list import MemberList

    for card, surname, name in [("1", "Яковлев", "Иван"), ("2", "Үмөталиева", "Нургүл"),
                                ("3", "Уметов", "Бакыт"), ("4", "Өмүрова", "Айгүл"),
                                ("5", "Фомин", "Олег"), ("6", "Оморов", "Нурлан"),
                                ("7", "Уметов", "Адилет")]:
        child_owner = add_member(db, card, surname, name)
        members.add_child(db, child_owner, members.ChildInput(f"{surname} {name}а"))
    window = MemberList.load(db)
    on_screen = [window.card_no[r] for r in window.filter(status="all")]
    assert on_screen == ["6", "4", "7", "3", "2", "5", "1"]  # ө after о, ү after у, before я
    export_register(db, "members", tmp_path / "m.csv", "ky")
    export_register(db, "children", tmp_path / "c.csv", "ky")
    assert [r[0] for r in read_csv(tmp_path / "m.csv")[1:]] == on_screen
    assert [r[0] for r in read_csv(tmp_path / "c.csv")[1:]] == on_screen


def test_a_note_full_of_commas_still_imports_back_from_csv(db, tmp_path: Path) -> None:
    add_member(db, "7", join_date=dt.date(2010, 1, 1),
               note="ручка, тетрадь, " * 12 + "и так далее, и еще, и еще")
    path = tmp_path / "members.csv"
    export_register(db, "members", path, "ru")
    before = fingerprint(db)
    summary = run_import(db, "members", path)
    assert (summary.added, summary.updated, summary.unchanged) == (0, 0, 1)
    assert fingerprint(db) == before


def test_a_question_mark_in_free_text_survives_the_round_trip(db, tmp_path: Path) -> None:
    add_member(db, "8", position="Кто?", note="Почему? Потому.")
    for name in ("m.csv", "m.xlsx"):
        export_register(db, "members", tmp_path / name, "ky")
        summary = run_import(db, "members", tmp_path / name)
        assert (summary.added, summary.updated, summary.unchanged) == (0, 0, 1)
