"""``unionapp import vouchers`` and ``unionapp export vouchers``: real .xlsx and .csv files, every
refusal as FILE:ROW:COLUMN with the database byte-identical, and exports that import back."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from unionapp.cli import main
from unionapp.core import decisions, members
from unionapp.core.decisions import DecisionInput
from unionapp.core.institutions import InstitutionInput, create_institution, list_institutions
from unionapp.core.members import ChildInput, MemberInput
from unionapp.core.store import open_database
from unionapp.core.vouchers import list_vouchers

RU_HEADER = ["Номер билета", "ФИО", "Вид", "Учреждение", "Дата начала", "Дата окончания",
             "Стоимость", "Оплата работника", "Ребенок", "Источник", "Номер протокола"]
KY_HEADER = ["Билеттин номери", "Түрү", "Мекеме", "Башталган күнү", "Бүткөн күнү", "Баасы",
             "Мүчөнүн төлөгөнү", "Бала"]
GOOD_ROWS: list[list[object]] = [
    ["0100", "Асан уулу Бакыт", "санаторий", "Санаторий «Ысык-Көл»", dt.datetime(2026, 6, 1),
     dt.datetime(2026, 6, 14), 25000, 5000, None, "профсоюз", "№ 7"],
    ["0101", "Сейит кызы Жаңыл", "детский лагерь", "Лагерь «Ала-Тоо»", "01.07.2026",
     "21.07.2026", "15 000,50", "3000", "Айым", "вышестоящий орган", None],
]


@pytest.fixture
def register(db, db_path: Path) -> Path:  # type: ignore[no-untyped-def]
    for card, surname, name, join in (
        ("0100", "Асан уулу", "Бакыт", dt.date(2010, 1, 1)),
        ("0101", "Сейит кызы", "Жаңыл", dt.date(2015, 9, 1)),
        ("0102", "Ёлкина", "Ольга", dt.date(2026, 9, 1)),  # joins after the summer
    ):
        member = members.create_member(db, MemberInput(card_no=card, surname=surname, name=name,
                                                       join_date=join))
        if card == "0101":
            members.add_child(db, member, ChildInput("Сейитова Айым", dt.date(2016, 4, 1)))
            members.add_child(db, member, ChildInput("Сейитов Нурбек", dt.date(2009, 2, 1)))
    create_institution(db, InstitutionInput("Лагерь «Ала-Тоо»", "children_camp", 7, 14))
    decisions.create_decision(db, DecisionInput("7", dt.date(2026, 5, 14)))
    db.close()
    return db_path


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


def stored(db_path: Path) -> list[tuple[object, ...]]:
    db = open_database(db_path)
    try:
        return sorted(
            (r.card_no, r.kind, r.institution, r.start_date, r.end_date, r.cost, r.copay,
             r.child_name, r.source, r.decision_number)
            for r in list_vouchers(db)
        )
    finally:
        db.close()


def db_bytes(db_path: Path) -> str:
    db = open_database(db_path)
    db.checkpoint()
    db.close()
    return hashlib.sha256(db_path.read_bytes()).hexdigest()


def test_xlsx_import_adds_vouchers_and_new_institutions_then_changes_nothing(
    register: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = xlsx(tmp_path / "путевки.xlsx", RU_HEADER, GOOD_ROWS)
    assert run(register, "import", "vouchers", str(path)) == 0
    printed = capsys.readouterr().out
    assert "2" in printed and "«Санаторий „Ысык-Көл“»" in printed  # the new institution named
    assert stored(register) == [
        ("0100", "sanatorium", "Санаторий «Ысык-Көл»", dt.date(2026, 6, 1),
         dt.date(2026, 6, 14), 2_500_000, 500_000, "", "own", "7"),
        ("0101", "children_camp", "Лагерь «Ала-Тоо»", dt.date(2026, 7, 1),
         dt.date(2026, 7, 21), 1_500_050, 300_000, "Сейитова Айым", "higher", ""),
    ]
    db = open_database(register)
    kinds = {i.name: i.kind for i in list_institutions(db)}
    db.close()
    assert kinds["Санаторий «Ысык-Көл»"] == "sanatorium"
    before = db_bytes(register)
    assert run(register, "import", "vouchers", str(path)) == 0
    assert db_bytes(register) == before  # the same file again changes nothing


def test_csv_in_kyrgyz_with_codes(register: Path, tmp_path: Path) -> None:
    path = tmp_path / "жолдомолор.csv"
    lines = [";".join(KY_HEADER),
             "0100;rest_home;Эс алуу үйү «Тоо»;01.08.2026;10.08.2026;12000;0;",
             "0101;балдар лагери;Лагерь «Ала-Тоо»;02.07.2026;22.07.2026;15000;3000;"
             "Сейитова Айым"]
    path.write_text("\ufeff" + "\r\n".join(lines) + "\r\n", encoding="utf-8")
    assert run(register, "import", "vouchers", str(path)) == 0
    rows = stored(register)
    assert [(r[0], r[1], r[5], r[7]) for r in rows] == [
        ("0100", "rest_home", 1_200_000, ""), ("0101", "children_camp", 1_500_000, "Сейитова Айым"),
    ]


@pytest.mark.usefixtures("source_strings")  # the rule in its English words
def test_a_bad_file_is_refused_row_by_row_and_the_database_is_untouched(
    register: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = db_bytes(register)
    rows: list[list[object]] = [
        ["0101", "", "лагерь", "Лагерь «Ала-Тоо»", "01.07.2026", "21.07.2026", 15000, 3000,
         "Нурбек", None, None],  # 17 years old: over the camp's 14
        ["0100", "", "санаторий", "Санаторий", "10.06.2026", "01.06.2026", 1000, 2000, None,
         None, "99"],  # ends before it starts, co-payment above the cost, no protocol 99
        ["0101", "", "детский лагерь", "Лагерь «Ала-Тоо»", "03.07.2026", "21.07.2026", 15000,
         0, "Бакыт", None, None],  # not her child
        ["0102", "", "тур", None, "01.07.2026", "05.07.2026", 5000, 0, None, None, None],
        ["0999", "", "круиз", None, "01.07.2026", "05.07.2026", -5, 0, None, "банк", None],
    ]
    path = xlsx(tmp_path / "bad.xlsx", RU_HEADER, rows)
    assert run(register, "import", "vouchers", str(path)) == 2
    err = capsys.readouterr().err
    lines = err.splitlines()
    expected_places = [
        "bad.xlsx:2:Ребенок:", "bad.xlsx:3:Дата окончания:", "bad.xlsx:3:Оплата работника:",
        "bad.xlsx:3:Номер протокола:", "bad.xlsx:4:Ребенок:", "bad.xlsx:5:Дата начала:",
        "bad.xlsx:6:Номер билета:", "bad.xlsx:6:Вид:", "bad.xlsx:6:Стоимость:",
        "bad.xlsx:6:Источник:",
    ]
    for place in expected_places:
        assert any(line.startswith(place) for line in lines), (place, err)
    assert "older than" in err and "Ёлкина Ольга was not a member on 01.07.2026" in err
    assert db_bytes(register) == before


def test_export_imports_back_unchanged_in_both_languages(
    register: Path, tmp_path: Path
) -> None:
    assert run(register, "import", "vouchers", str(xlsx(tmp_path / "in.xlsx", RU_HEADER,
                                                        GOOD_ROWS))) == 0
    original = stored(register)
    before = db_bytes(register)
    for lang, suffix in (("ky", ".xlsx"), ("ru", ".csv"), ("ru", ".xlsx"), ("ky", ".csv")):
        out = tmp_path / f"export-{lang}{suffix}"
        assert run(register, "export", "vouchers", str(out), "--lang", lang) == 0
        assert run(register, "import", "vouchers", str(out)) == 0
        assert stored(register) == original
        assert db_bytes(register) == before
    sheet = load_workbook(tmp_path / "export-ky.xlsx").active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Билеттин номери", "Аты-жөнү", "Түрү", "Мекеме"]
    assert [c.value for c in sheet[3]][2] == "балдар лагери"
    ru = (tmp_path / "export-ru.csv").read_text(encoding="utf-8-sig")
    assert "детский лагерь" in ru and "вышестоящий орган" in ru and "15000.50" in ru


def test_a_fresh_database_with_only_the_file_refuses_unknown_cards(tmp_path: Path,
                                                                   capsys) -> None:  # type: ignore[no-untyped-def]
    path = xlsx(tmp_path / "v.xlsx", RU_HEADER[:8], [GOOD_ROWS[0][:8]])
    assert run(tmp_path / "new.sqlite", "import", "vouchers", str(path)) == 2
    assert "v.xlsx:2:Номер билета:" in capsys.readouterr().err
