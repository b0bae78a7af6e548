"""Bad input gets a clear answer and changes nothing: every problem of the file at once,
named by file, row and column, and the database file byte-for-byte as it was."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from import_helpers import (
    SAMPLES,
    add_member,
    audit_count,
    fingerprint,
    problem_line,
    said,
    write_csv,
    write_xlsx,
)
from openpyxl import Workbook

from unionapp.core import i18n, members
from unionapp.core.errors import ImportFileError, UserError
from unionapp.core.importing import preview_import, run_import
from unionapp.core.importing.tabular import NOT_XLSX, OLE_HEADER

CARD_TWICE = "Card number {card_no} appears more than once in the file: rows {rows}."
NOT_A_DATE = "Text where a date belongs: {value}. Write dates as dd.mm.yyyy."
MISSING_COLUMN = "There is no column «{column}»: it is required."
LOST_LETTERS = (
    "«{value}» has «?» in place of letters: Kyrgyz letters (ң, ө, ү) were lost when the file "
    "was saved as a Windows-1251 CSV. In Excel use «Save As» → «CSV UTF-8 (comma delimited)» "
    "and import that file."
)
EMPTY = "{file} is empty: there is nothing to import."

HEAD = ["Номер билета", "Табельный номер", "Фамилия", "Имя", "Дата рождения",
        "Дата вступления", "Дата выхода", "Причина выхода"]


def refused(db, path: Path) -> list[str]:
    """The problem lines of a refused import, after checking it changed nothing."""
    before, rows_before = fingerprint(db), audit_count(db)
    with pytest.raises(ImportFileError) as caught:
        run_import(db, "members", path)
    assert fingerprint(db) == before
    assert audit_count(db) == rows_before
    return [str(p) for p in caught.value.problems]


def refused_file(db, path: Path, kind: str = "members") -> str:
    before = fingerprint(db)
    with pytest.raises(UserError) as caught:
        run_import(db, kind, path)
    assert not isinstance(caught.value, ImportFileError)
    assert fingerprint(db) == before
    message = caught.value.message()
    assert path.name in message
    return message


def test_every_problem_of_the_file_is_reported_and_nothing_written(db, tmp_path: Path) -> None:
    add_member(db, "500", "Ким", "Сергей", personnel_no="P-500")
    add_member(db, "600", "Ли", "Анна", personnel_no="P-600")
    next_year = dt.date.today().year + 1
    path = write_xlsx(tmp_path / "bad.xlsx", [
        ["Список членов профсоюза"],
        HEAD,
        ["1001", None, "Асанов", "Бакыт", "01.01.1990", "01.09.2010", None, None],  # fine
        ["1002", None, "Иванова", "Елена", f"01.01.{next_year}", "01.09.2010", None, None],
        ["1003", None, "Маматов", "Нурлан", "01.01.1980", "01.09.2010", "01.09.2009",
         "по собственному желанию"],
        ["1004", None, "Ли", "Ирина", "01.01.1980", "01.09.2010", "01.09.2020", "надоело"],
        ["1005", None, "Ким", "Анна", "первое мая", "01.09.2010", None, None],
        ["1006", None, "Ким", "Олег", "29.02.1995", "01.09.2010", None, None],
        ["1001", None, "Асанова", "Айгүл", "01.01.1990", "01.09.2010", None, None],  # twice
        ["500", "P-600", "Ким", "Сергей", None, "02.03.2015", None, None],  # card/pers clash
        [None, None, "Без", "Билета", None, "01.09.2010", None, None],
    ])
    lines = refused(db, path)
    card, birth = "Номер билета", "Дата рождения"
    assert lines == [
        problem_line("bad.xlsx", 3, card, CARD_TWICE, card_no="1001", rows="3, 9"),
        problem_line("bad.xlsx", 4, birth, "The birth date {date} is in the future.",
                     date=f"01.01.{next_year}"),
        problem_line("bad.xlsx", 5, "Дата выхода", "The exit date is before the join date."),
        problem_line("bad.xlsx", 6, "Причина выхода", "Unknown exit reason: {value}.",
                     value="надоело"),
        problem_line("bad.xlsx", 7, birth, NOT_A_DATE, value="первое мая"),
        problem_line("bad.xlsx", 8, birth,
                     "There is no 29 February in {year}: it is not a leap year.", year=1995),
        problem_line("bad.xlsx", 9, card, CARD_TWICE, card_no="1001", rows="3, 9"),
        problem_line("bad.xlsx", 10, "Табельный номер",
                     "Card number {card_no} belongs to {name}, but personnel number "
                     "{personnel_no} belongs to {other}.",
                     card_no="500", name="Ким Сергей", personnel_no="P-600", other="Ли Анна"),
        problem_line("bad.xlsx", 11, card, "This field is required."),
    ]
    assert members.count_members(db) == 2


def test_typos_in_the_year_of_a_date_are_refused(db, tmp_path: Path) -> None:
    """Valid dates that cannot be right: the same checks as the member form (members.validate)."""
    year = dt.date.today().year
    path = write_xlsx(tmp_path / "typos.xlsx", [
        HEAD,
        ["1", None, "Асанов", "Бакыт", "01.01.1990", f"01.01.{year + 14}", None, None],
        ["2", None, "Ли", "Анна", "01.01.1980", "01.09.2010", f"01.01.{year + 19}",
         "выход на пенсию"],
        ["3", None, "Ким", "Олег", "01.01.1900", "01.09.1921", None, None],
        ["4", None, "Осмонов", "Эмир", f"01.01.{year - 6}", f"01.01.{year - 5}", None, None],
        ["5", None, "Ким", "Анна", f"01.01.{year + 1}", "01.09.2010", None, None],
    ])
    birth = "Дата рождения"
    assert refused(db, path) == [
        problem_line("typos.xlsx", 2, "Дата вступления", "The join date {date} is in the future.",
                     date=f"01.01.{year + 14}"),
        problem_line("typos.xlsx", 3, "Дата выхода",
                     "The exit date {date} is too far in the future.", date=f"01.01.{year + 19}"),
        problem_line("typos.xlsx", 4, birth,
                     "The member would be {age} years old today: check the birth date.",
                     age=year - 1900),  # born on 1 January
        problem_line("typos.xlsx", 5, birth, "At joining the member would be {age} years old.",
                     age=1),
        # one message for a future birth date, not a second «not before the join date»
        problem_line("typos.xlsx", 6, birth, "The birth date {date} is in the future.",
                     date=f"01.01.{year + 1}"),
    ]


def test_problems_carry_their_column_index(db, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "bad.xlsx", [HEAD, ["1", None, "A", "B", "x", "01.01.2000"]])
    with pytest.raises(ImportFileError) as caught:
        run_import(db, "members", path)
    [problem] = caught.value.problems
    assert (problem.file, problem.row, problem.column, problem.column_index) == (
        "bad.xlsx", 2, "Дата рождения", 4)


def test_a_column_without_a_header_cell_is_named_by_its_letter(db, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "bad.xlsx", [
        ["Номер билета", "Фамилия", "Имя", "Дата вступления", None, "Дата рождения"],
        ["1", "A", "B", "01.01.2000", "что-то", "вчера"],
    ])
    preview = preview_import(db, "members", path)
    assert preview.headers[4] == "E" and preview.mapped[4] is None
    assert [str(p) for p in preview.problems] == [
        problem_line("bad.xlsx", 2, "Дата рождения", NOT_A_DATE, value="вчера")
    ]


def test_missing_required_columns_are_each_named(db, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "cols.xlsx", [
        ["Табельный номер", "Подразделение", "Должность"],
        ["1", "Бухгалтерия", "Бухгалтер"],
    ])
    lines = refused(db, path)
    assert lines == [  # the columns are named in Kyrgyz, the current language
        problem_line("cols.xlsx", 1, "Аты-жөнү",
                     "There are no columns «{surname}» and «{name}», nor one column "
                     "«{full_name}»: the names are required.",
                     surname="Фамилиясы", name="Аты", full_name="Аты-жөнү"),
        problem_line("cols.xlsx", 1, "Билеттин номери", MISSING_COLUMN,
                     column="Билеттин номери"),
        problem_line("cols.xlsx", 1, "Мүчөлүккө кирген күнү", MISSING_COLUMN,
                     column="Мүчөлүккө кирген күнү"),
    ]


@pytest.mark.parametrize(
    ("lang", "join_date"), [("ru", "Дата вступления"), ("ky", "Мүчөлүккө кирген күнү")]
)
def test_missing_column_named_in_the_chosen_language(
    db, tmp_path: Path, lang: str, join_date: str
) -> None:
    i18n.set_language(lang)
    path = write_xlsx(tmp_path / "cols.xlsx", [
        ["Номер билета", "Фамилия", "Имя"], ["1", "A", "B"],
    ])
    [line] = refused(db, path)
    assert line == problem_line("cols.xlsx", 1, join_date, MISSING_COLUMN, column=join_date)
    assert "required" not in line and "Join date" not in line  # no English left in it


def test_a_repeated_column_is_refused(db, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "rep.xlsx", [
        ["Номер билета", "Фамилия", "Имя", "Дата вступления", "№ билета"],
        ["1", "A", "B", "01.01.2000", "2"],
    ])
    assert refused(db, path) == [
        problem_line("rep.xlsx", 1, "№ билета",
                     "The columns «{first}» and «{second}» hold the same thing: keep one of them.",
                     first="Номер билета", second="№ билета")
    ]


def test_two_rows_for_one_member_are_refused(db, tmp_path: Path) -> None:
    add_member(db, "1001", personnel_no="P1")
    path = write_xlsx(tmp_path / "two.xlsx", [
        ["Номер билета", "Табельный номер", "Фамилия", "Имя", "Дата вступления"],
        ["1001", "P1", "Асанов", "Бакыт", "02.03.2015"],
        ["1009", "P1", "Асанов", "Бакыт", "02.03.2015"],
    ])
    assert refused(db, path) == [
        problem_line("two.xlsx", 3, "Номер билета",
                     "Rows {first_row} and {row} are both the member {name}.",
                     first_row=2, row=3, name="Асанов Бакыт")
    ]


def test_windows_1251_csv_with_lost_kyrgyz_letters(db, tmp_path: Path) -> None:
    path = tmp_path / "members-excel-ru.csv"
    shutil.copy(SAMPLES / "members-excel-ru.csv", path)
    [line] = refused(db, path)
    assert line == problem_line("members-excel-ru.csv", 4, "Фамилия", LOST_LETTERS,
                                value="Б?к?нбаева")
    assert "CSV UTF-8" in line  # the format to choose in Excel, named as Excel names it
    assert members.count_members(db) == 0


def test_question_marks_never_stored_in_a_name(db, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "q.csv", [
        ["Номер билета", "ФИО", "Дата вступления"], ["1", "Т?л?генова Айгүл", "01.01.2000"],
    ])
    [line] = refused(db, path)
    assert line == problem_line("q.csv", 2, "ФИО", LOST_LETTERS, value="Т?л?генова Айгүл")


def test_empty_file(db, tmp_path: Path) -> None:
    (tmp_path / "empty.csv").write_bytes(b"")
    assert refused_file(db, tmp_path / "empty.csv") == said(EMPTY, file="empty.csv")
    (tmp_path / "blank.csv").write_text(" ;;\r\n;;\r\n", encoding="utf-8")
    assert refused_file(db, tmp_path / "blank.csv") == said(EMPTY, file="blank.csv")
    Workbook().save(tmp_path / "empty.xlsx")
    assert refused_file(db, tmp_path / "empty.xlsx") == said(EMPTY, file="empty.xlsx")


def test_no_header_row(db, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "nohead.xlsx", [["1001", "Асанов", "Бакыт", "02.03.2015"]])
    assert refused_file(db, path) == said(
        "{file}: no header row was found in the first {rows} rows. The table needs a row that "
        "names its columns, for example: {example}.",
        file="nohead.xlsx",
        rows=30,
        example="«Билеттин номери», «Фамилиясы», «Аты», «Мүчөлүккө кирген күнү»",
    )


def test_text_file_renamed_xlsx(db, tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    path.write_text("Номер билета;Фамилия\n1;Асанов\n", encoding="utf-8")
    assert refused_file(db, path) == said(NOT_XLSX, file="list.xlsx")


def test_zip_that_is_not_a_workbook(db, tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "letter.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    assert refused_file(db, path) == said(NOT_XLSX, file="letter.xlsx")


def test_old_xls_renamed_xlsx(db, tmp_path: Path) -> None:
    path = tmp_path / "old.xlsx"
    path.write_bytes(OLE_HEADER + b"\0" * 500 + "Workbook".encode("utf-16-le") + b"\0" * 100)
    assert "Excel 97-2003" in refused_file(db, path)


def test_old_xls_by_its_extension(db, tmp_path: Path) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(OLE_HEADER + b"\0" * 100)
    assert "Excel 97-2003" in refused_file(db, path)


def test_password_protected_workbook(db, tmp_path: Path) -> None:
    # An encrypted .xlsx is an OLE container holding EncryptionInfo and EncryptedPackage.
    path = tmp_path / "secret.xlsx"
    names = "EncryptionInfo".encode("utf-16-le") + "EncryptedPackage".encode("utf-16-le")
    path.write_bytes(OLE_HEADER + b"\0" * 500 + names + b"\x17" * 4000)
    assert refused_file(db, path) == said(
        "{file} is protected with a password, so it cannot be read. Open it in Excel, remove "
        "the password (File → Info → Protect Workbook → Encrypt with Password, clear it), save "
        "it and import it again.",
        file="secret.xlsx",
    )


def test_unsupported_extension(db, tmp_path: Path) -> None:
    path = tmp_path / "list.ods"
    path.write_bytes(b"PK\x03\x04whatever")
    assert refused_file(db, path) == said(
        "{file} cannot be imported: only .xlsx and .csv files can be.", file="list.ods"
    )


def test_missing_file(db, tmp_path: Path) -> None:
    with pytest.raises(UserError):
        run_import(db, "members", tmp_path / "nowhere.xlsx")


def test_unknown_kind(db) -> None:
    with pytest.raises(UserError):
        run_import(db, "payments", SAMPLES / "members-kept-by-hand.xlsx")


def test_preview_refuses_the_same_bad_files(db, tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    path.write_text("not a workbook", encoding="utf-8")
    with pytest.raises(UserError):
        preview_import(db, "members", path)
