"""Reading members files: cells as people write them (dates, yes/no, «ФИО»), column headers in
three languages, CSV delimiters and encodings, Excel's text and column letters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from import_helpers import (
    MEMBER_HEADERS_RU,
    member_by_card,
    write_csv,
    write_xlsx,
)

from unionapp.core.importing import preview_import, run_import
from unionapp.core.importing.headers import COLUMNS, match_header, normalize_header
from unionapp.core.importing.values import CellProblem, parse_date, parse_yes_no, split_full_name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Асан уулу Бакыт", ("Асан уулу", "Бакыт", None)),
        ("Сейит кызы Жаңыл", ("Сейит кызы", "Жаңыл", None)),
        ("Иванова Елена Сергеевна", ("Иванова", "Елена", "Сергеевна")),
        ("Асан уулу Бакыт Маратович", ("Асан уулу", "Бакыт", "Маратович")),
        ("Асанов Бакыт Марат уулу", ("Асанов", "Бакыт", "Марат уулу")),
        ("  Үсөнбеков   Өмүрбек ", ("Үсөнбеков", "Өмүрбек", None)),
        ("САПАР КЫЗЫ Айпери", ("САПАР КЫЗЫ", "Айпери", None)),
    ],
)
def test_full_name_split(text: str, expected: tuple[str, str, str | None]) -> None:
    assert split_full_name(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("01.01.1991", dt.date(1991, 1, 1)),
        ("1.1.2026", dt.date(2026, 1, 1)),
        ("1988-04-04", dt.date(1988, 4, 4)),
        ("29.02.1996", dt.date(1996, 2, 29)),
        ("05/05/1970", dt.date(1970, 5, 5)),
        (dt.datetime(1990, 12, 31, 0, 0), dt.date(1990, 12, 31)),
        (dt.date(2000, 2, 29), dt.date(2000, 2, 29)),
        ("", None),
        (None, None),
    ],
)
def test_dates_people_write(value: object, expected: dt.date | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["29.02.2023", "31.04.2020", "вчера", "1991", "12.03.85"])
def test_bad_dates(value: str) -> None:
    with pytest.raises(CellProblem):
        parse_date(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("да", True), ("Нет", False), ("ООБА", True), ("жок", False), (1, True), ("0", False),
     ("yes", True), ("No", False), (None, False), (True, True)],
)
def test_yes_no(value: object, expected: bool) -> None:
    assert parse_yes_no(value) is expected


def test_alias_table_has_no_name_for_two_fields() -> None:
    for kind, columns in COLUMNS.items():
        owner: dict[str, str] = {}
        for field_name, aliases in columns.items():
            assert set(aliases) >= {"ru", "ky", "en"}, (kind, field_name)
            for names in aliases.values():
                for name in names:
                    key = normalize_header(name)
                    assert owner.setdefault(key, field_name) == field_name, (kind, name)


@pytest.mark.parametrize(
    ("header", "field_name"),
    [
        ("Номер билета", "card_no"), ("Билеттин номери", "card_no"), ("Card No", "card_no"),
        ("№ билета", "card_no"), ("НОМЕР  БИЛЕТА:", "card_no"), ("Таб. №", "personnel_no"),
        ("Табель номери", "personnel_no"), ("Personnel No.", "personnel_no"),
        ("Фамилиясы", "surname"), ("Аты", "name"), ("Атасынын аты", "patronymic"),
        ("Ф.И.О.", "full_name"), ("Аты-жөнү", "full_name"), ("Жынысы", "sex"),
        ("Дата рождения", "birth_date"), ("Туулган күнү", "birth_date"),
        ("Birth date", "birth_date"), ("Дата рождения (дд.мм.гггг)", "birth_date"),
        ("Бөлүм", "department"), ("Кызмат орду", "position"),
        ("Мүчөлүккө кирген күнү", "join_date"), ("Мүчөлүктөн чыккан күнү", "exit_date"),
        ("Чыгуу себеби", "exit_reason"), ("Пенсионер", "pensioner"), ("Телефон", "phone"),
        ("Электрондук почта", "email"), ("Email", "email"), ("Эскертүү", "note"),
        ("Примечание", "note"), ("Note", "note"), ("№", None), ("Стаж", None),
    ],
)
def test_headers_in_three_languages(header: str, field_name: str | None) -> None:
    assert match_header("members", header) == field_name


def test_kyrgyz_headers_fill_every_field(db, tmp_path: Path) -> None:
    headers = ["Билеттин номери", "Табель номери", "Фамилиясы", "Аты", "Атасынын аты",
               "Жынысы", "Туулган күнү", "Бөлүм", "Кызмат орду", "Мүчөлүккө кирген күнү",
               "Мүчөлүктөн чыккан күнү", "Чыгуу себеби", "Пенсионер", "Телефон",
               "Электрондук почта", "Эскертүү"]
    row = ["0012", "T-7", "Асан уулу", "Бакыт", "Маратович", "э", "15.05.1960", "Китепкана",
           "Китепканачы", "01.09.1990", "30.06.2025", "пенсияга чыккан", "ооба",
           "+996 555 123 456", "bakyt@mail.kg", "ардагер"]
    write_xlsx(tmp_path / "ky.xlsx", [headers, row])
    assert run_import(db, "members", tmp_path / "ky.xlsx").added == 1
    m = member_by_card(db, "0012")
    assert (m.personnel_no, m.surname, m.name, m.patronymic, m.sex) == (
        "T-7", "Асан уулу", "Бакыт", "Маратович", "M")
    assert (m.birth_date, m.join_date, m.exit_date) == (
        dt.date(1960, 5, 15), dt.date(1990, 9, 1), dt.date(2025, 6, 30))
    assert (m.department, m.position, m.exit_reason, m.pensioner) == (
        "Китепкана", "Китепканачы", "retirement", True)
    assert (m.phone, m.email, m.note) == ("+996 555 123 456", "bakyt@mail.kg", "ардагер")


def test_english_headers_and_codes(db, tmp_path: Path) -> None:
    write_xlsx(tmp_path / "en.xlsx", [
        ["Card No", "Surname", "First name", "Sex", "Join date", "Exit date", "Exit reason",
         "Pensioner", "Notes"],
        [1001, "Ivanova", "Elena", "F", dt.datetime(2010, 9, 1), "2024-01-31", "transfer",
         "no", "line one\nline two"],
    ])
    run_import(db, "members", tmp_path / "en.xlsx")
    m = member_by_card(db, "1001")  # 1001 as an Excel number reads as the card «1001»
    assert (m.surname, m.sex, m.exit_reason, m.pensioner) == ("Ivanova", "F", "transfer", False)
    assert m.note == "line one\nline two"


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(";", "utf-8"), (",", "utf-8"), (";", "utf-8-sig"), (",", "utf-8-sig"), ("\t", "utf-8")],
)
def test_csv_delimiters_and_bom(db, tmp_path: Path, delimiter: str, encoding: str) -> None:
    path = write_csv(tmp_path / "m.csv", [
        ["Номер билета", "Фамилия", "Имя", "Пол", "Дата вступления", "Подразделение"],
        ["2001", "Сейит кызы", "Жаңыл", "Ж", "01.09.2012", "Кафедра кыргыз тили"],
    ], delimiter=delimiter, encoding=encoding)
    assert run_import(db, "members", path).added == 1
    m = member_by_card(db, "2001")
    assert (m.surname, m.name, m.sex, m.department) == (
        "Сейит кызы", "Жаңыл", "F", "Кафедра кыргыз тили")


def test_windows_1251_csv_without_kyrgyz_letters_is_read(db, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "ru.csv", [
        ["Номер билета", "Фамилия", "Имя", "Отчество", "Пол", "Дата вступления"],
        ["2002", "Маматов", "Нурлан", "Асанович", "М", "15.01.2005"],
    ], encoding="cp1251")
    run_import(db, "members", path)
    assert member_by_card(db, "2002").patronymic == "Асанович"


def test_full_row_of_headers_in_russian_is_recognised(db, tmp_path: Path) -> None:
    row = ["1001", "00012", "Иванова", "Елена", "Сергеевна", "Ж", "12.03.1985", "Бухгалтерия",
           "Бухгалтер", "01.09.2010", None, None, "нет", "0555 12 34 56", "e@mail.kg", None]
    write_xlsx(tmp_path / "ru.xlsx", [MEMBER_HEADERS_RU, row])
    preview = preview_import(db, "members", tmp_path / "ru.xlsx")
    assert None not in preview.mapped
    run_import(db, "members", tmp_path / "ru.xlsx")
    assert member_by_card(db, "1001").personnel_no == "00012"


def test_separate_name_columns_win_over_a_full_name_column(db, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "both.xlsx", [
        ["Номер билета", "ФИО", "Фамилия", "Имя", "Дата вступления"],
        ["1001", "Асан уулу Бакыт", "Асан уулу", "Бакыт", "02.03.2015"],
    ])
    preview = preview_import(db, "members", path)
    assert preview.mapped[:4] == ["card_no", None, "surname", "name"]
    assert preview.ignored_columns == ["ФИО"]
    run_import(db, "members", path)
    assert member_by_card(db, "1001").surname == "Асан уулу"


def test_excel_unicode_text_is_read(db, tmp_path: Path) -> None:
    """Excel's «Unicode Text» (.txt): UTF-16 with a BOM, tab-separated."""
    path = write_csv(tmp_path / "list.txt", [
        ["Номер билета", "Фамилия", "Имя", "Пол", "Дата вступления"],
        ["3001", "Төлөгөнова", "Айгүл", "А", "01.01.2026"],
    ], delimiter="\t", encoding="utf-16")
    run_import(db, "members", path)
    assert (member_by_card(db, "3001").surname, member_by_card(db, "3001").sex) == (
        "Төлөгөнова", "F")


def test_column_letters_as_excel_shows_them() -> None:
    from unionapp.core.importing.headers import column_letter

    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
