"""``unionapp import aid`` and ``unionapp export aid``: real .xlsx and .csv files, every refusal
as FILE:ROW:COLUMN with the database untouched, and exports that import back unchanged."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from unionapp.cli import main
from unionapp.core import aid, decisions, members, settings
from unionapp.core.decisions import DecisionInput
from unionapp.core.i18n import _, set_language
from unionapp.core.members import MemberInput
from unionapp.core.store import open_database

NO5 = dt.date(2025, 3, 4)  # protocol No. 5 of 2025
NO5_OLD = dt.date(2024, 11, 20)  # another No. 5, a year earlier
NO9 = dt.date(2025, 6, 2)
RU_HEADER = [
    "Номер билета",
    "ФИО",
    "Основание",
    "Сумма",
    "Дата",
    "Номер протокола",
    "Дата протокола",
]


@pytest.fixture
def register(db, db_path: Path) -> Path:  # type: ignore[no-untyped-def]
    for card, surname, name, join, exit_ in (
        ("0100", "Асан уулу", "Бакыт", dt.date(2010, 1, 1), None),
        ("0101", "Сейит кызы", "Жаңыл", dt.date(2015, 9, 1), None),
        ("0102", "Ёлкина", "Ольга", dt.date(2000, 1, 15), dt.date(2025, 2, 1)),
    ):
        members.create_member(
            db,
            MemberInput(
                card_no=card,
                surname=surname,
                name=name,
                join_date=join,
                exit_date=exit_,
                exit_reason="voluntary" if exit_ else None,
            ),
        )
    for number, held_on in (("5", NO5), ("5", NO5_OLD), ("9", NO9)):
        decisions.create_decision(db, DecisionInput(number, held_on))
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


def stored(db_path: Path) -> list[tuple[str, str, int, dt.date, str, dt.date]]:
    db = open_database(db_path)
    try:
        return sorted(
            (
                r.card_no,
                r.reason,
                r.amount,
                r.paid_on,
                r.decision_number or "",
                r.decision_date or dt.date.min,
            )
            for r in aid.list_aid(db)
        )
    finally:
        db.close()


def db_bytes(db_path: Path) -> str:
    db = open_database(db_path)
    db.checkpoint()
    db.close()
    return hashlib.sha256(db_path.read_bytes()).hexdigest()


GOOD_ROWS: list[list[object]] = [
    [
        "0100",
        "Асан уулу Бакыт",
        "рождение ребенка",
        5000,
        dt.datetime(2025, 3, 10),
        "№ 5",
        None,
    ],  # No. 5 within 2025
    ["0101", "Сейит кызы Жаңыл", "illness", "2 500,50", "12.06.2025", 9, NO9],
    [None, None, None, None, None, None, None],
    [
        "0100",
        "Асан уулу Бакыт",
        "үйлөнүү той",
        3000,
        dt.datetime(2024, 12, 1),
        "5",
        dt.datetime(2024, 11, 20),
    ],
]


def test_xlsx_imports_and_again_changes_nothing(register: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    source = xlsx(tmp_path / "aid.xlsx", RU_HEADER, GOOD_ROWS)
    assert run(register, "--lang", "ru", "import", "aid", str(source)) == 0
    out = capsys.readouterr().out.splitlines()
    set_language("ru")
    assert _("Added: {count}").format(count=3) in out
    assert _("Skipped (empty rows): {count}").format(count=1) in out
    assert stored(register) == [
        ("0100", "birth", 500_000, dt.date(2025, 3, 10), "5", NO5),
        ("0100", "wedding", 300_000, dt.date(2024, 12, 1), "5", NO5_OLD),
        ("0101", "illness", 250_050, dt.date(2025, 6, 12), "9", NO9),
    ]
    before = stored(register)
    assert run(register, "--lang", "ru", "import", "aid", str(source)) == 0
    out = capsys.readouterr().out.splitlines()
    assert _("Added: {count}").format(count=0) in out
    assert _("Unchanged: {count}").format(count=3) in out
    assert stored(register) == before


def test_csv_in_kyrgyz_with_codes_and_labels(register: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "aid.csv"
    source.write_text(
        "Билеттин номери;Негиз;Сумма;Күнү;Протоколдун номери\n"
        "0101;баланын төрөлүшү;1500,00;05.07.2025;9\n"
        "0100;jubilee;700;01.04.2025;5\n",
        encoding="utf-8-sig",
    )
    assert run(register, "--lang", "ky", "import", "aid", str(source)) == 0
    assert stored(register) == [
        ("0100", "jubilee", 70_000, dt.date(2025, 4, 1), "5", NO5),
        ("0101", "birth", 150_000, dt.date(2025, 7, 5), "9", NO9),
    ]


def test_a_bad_file_lists_every_problem_and_changes_nothing(
    register: Path, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    future = dt.date.today() + dt.timedelta(days=10)
    rows: list[list[object]] = [
        ["0100", "", "рождение ребенка", 1000, "10.03.2025", "5", None],  # 2: fine
        ["9999", "", "болезнь", 1000, "10.03.2025", "5", None],  # 3: no such card
        ["0100", "", "выигрыш", 1000, "10.03.2025", "5", None],  # 4: unknown reason
        ["0100", "", "болезнь", 0, "10.03.2025", "5", None],  # 5: amount zero
        ["0100", "", "болезнь", 1000, future.strftime("%d.%m.%Y"), "5", None],  # 6: future
        ["0102", "", "смерть", 1000, "10.03.2025", "5", None],  # 7: left on 01.02.2025
        ["0100", "", "болезнь", 1000, "10.03.2025", "77", None],  # 8: no protocol 77 in 2025
        ["0100", "", "болезнь", 1000, "10.03.2025", "5", "05.03.2025"],  # 9: no 5 of that date
        ["0101", "", "свадьба", 1000, "10.03.2025", "5", None],  # 10 and 11: the same twice
        ["0101", "", "свадьба", 1000, "10.03.2025", "5", None],
        ["0101", "", "свадьба", 1500, "10.03.2025", "", None],  # 12: no protocol: a warning
    ]
    source = xlsx(tmp_path / "bad.xlsx", RU_HEADER, rows)
    before = db_bytes(register)
    assert run(register, "--lang", "ru", "import", "aid", str(source)) == 2
    lines = capsys.readouterr().err.splitlines()
    set_language("ru")
    expected = [
        "bad.xlsx:3:Номер билета: "
        + _("There is no member with card number {card_no}.").format(card_no="9999"),
        "bad.xlsx:4:Основание: "
        + _("Unknown reason of aid: {value}. Write one of: {choices}.").format(
            value="выигрыш",
            choices=", ".join(f"«{aid.AID_REASONS.label(c)}»" for c in aid.AID_REASONS.codes),
        ),
        "bad.xlsx:5:Сумма: " + _("The amount must be more than zero."),
        "bad.xlsx:6:Дата: "
        + _("The payment date {date} is in the future.").format(date=future.strftime("%d.%m.%Y")),
        "bad.xlsx:7:Дата: "
        + _("{name} was not a member on {date}.").format(name="Ёлкина Ольга", date="10.03.2025"),
        "bad.xlsx:8:Номер протокола: "
        + _("There is no protocol No. {number} of {year}.").format(number="77", year=2025),
        "bad.xlsx:9:Номер протокола: "
        + _("There is no protocol No. {number} of {date}.").format(number="5", date="05.03.2025"),
        "bad.xlsx:10:Номер билета: "
        + _("The same payment is listed more than once: rows {rows}.").format(rows="10, 11"),
        "bad.xlsx:11:Номер билета: "
        + _("The same payment is listed more than once: rows {rows}.").format(rows="10, 11"),
    ]
    for line in expected:
        assert line in lines
    assert not any(line.startswith(("bad.xlsx:2:", "bad.xlsx:12:")) for line in lines)
    assert db_bytes(register) == before
    assert stored(register) == []


def test_a_file_without_the_protocol_column_is_saved_with_a_warning(
    register: Path, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    """DESIGN.md makes the protocol column optional: old lists lack it."""
    source = xlsx(
        tmp_path / "no-protocol.xlsx",
        ["Номер билета", "Основание", "Сумма", "Дата"],
        [["0100", "болезнь", 1000, "10.03.2025"], ["0100", "свадьба", 500, "11.03.2025"]],
    )
    assert run(register, "--lang", "ru", "import", "aid", str(source)) == 0
    out = capsys.readouterr().out
    set_language("ru")
    warning = _(
        "The file has no column «{column}»: the payments are saved without protocols; add them "
        "on the Aid page."
    ).format(column="Номер протокола")
    lines = [line for line in out.splitlines() if warning in line]
    assert len(lines) == 1 and lines[0].startswith("no-protocol.xlsx:1:Номер протокола: ")
    saved = stored(register)
    assert len(saved) == 2 and all(row[4] == "" for row in saved)
    assert run(register, "--lang", "ru", "import", "aid", str(source)) == 0  # again: the same
    assert stored(register) == saved


def test_the_cap_is_a_warning_in_the_summary(register: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = open_database(register)
    settings.set_value(db, aid.CAP_KEY, "6000")
    db.close()
    source = xlsx(
        tmp_path / "aid.xlsx",
        RU_HEADER,
        [
            ["0100", "", "болезнь", 4000, "10.03.2025", "5", None],
            ["0100", "", "свадьба", 3000, "12.06.2025", "9", None],  # 7 000 in 2025: over
            ["0100", "", "свадьба", 5000, "12.06.2024", "5", None],  # another year
        ],
    )
    assert run(register, "--lang", "ru", "import", "aid", str(source)) == 0
    out = capsys.readouterr().out.splitlines()
    warnings = [line for line in out if line.startswith("aid.xlsx:")]
    assert len(warnings) == 1 and warnings[0].startswith("aid.xlsx:3:Сумма:")
    assert "7000.00" in warnings[0] and "6000.00" in warnings[0]
    assert len(stored(register)) == 3


@pytest.mark.parametrize(
    ("lang", "suffix"), [("ky", ".xlsx"), ("ru", ".csv"), ("ru", ".xlsx"), ("ky", ".csv")]
)
def test_export_imports_back_unchanged(
    register: Path, tmp_path: Path, capsys, lang: str, suffix: str
) -> None:  # type: ignore[no-untyped-def]
    source = xlsx(tmp_path / "aid.xlsx", RU_HEADER, GOOD_ROWS)
    assert run(register, "import", "aid", str(source)) == 0
    before = stored(register)
    target = tmp_path / f"export{suffix}"
    assert run(register, "export", "aid", str(target), "--lang", lang) == 0
    capsys.readouterr()
    if suffix == ".xlsx":
        book = load_workbook(target)
        rows = [[c.value for c in r] for r in book.worksheets[0].iter_rows()]
    else:
        text = target.read_text(encoding="utf-8-sig")
        rows = [line.split(";") for line in text.splitlines()]
    header = {
        "ky": [
            "Билеттин номери",
            "Аты-жөнү",
            "Негиз",
            "Сумма",
            "Күнү",
            "Протоколдун номери",
            "Протоколдун күнү",
        ],
        "ru": RU_HEADER,
    }[lang]
    assert rows[0] == header
    reasons = {r[2] for r in rows[1:]}
    assert reasons == (
        {"баланын төрөлүшү", "оорусу", "үйлөнүү той"}
        if lang == "ky"
        else {"рождение ребенка", "болезнь", "свадьба"}
    )
    first = rows[1]  # oldest first: the wedding of 01.12.2024 under protocol 5 of 20.11.2024
    assert first[0] == "0100" and first[5] == "5"
    if suffix == ".csv":
        assert first[3:5] == ["3000.00", "01.12.2024"] and first[6] == "20.11.2024"
    assert run(register, "--lang", lang, "import", "aid", str(target)) == 0
    out = capsys.readouterr().out.splitlines()
    set_language(lang)
    assert _("Unchanged: {count}").format(count=3) in out
    assert _("Added: {count}").format(count=0) in out
    assert stored(register) == before


def test_a_matched_payment_takes_the_protocol_the_file_names(
    register: Path, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    first = xlsx(
        tmp_path / "a.xlsx", RU_HEADER, [["0100", "", "болезнь", 1000, "10.06.2025", "5", None]]
    )
    assert run(register, "import", "aid", str(first)) == 0
    fixed = xlsx(
        tmp_path / "b.xlsx", RU_HEADER, [["0100", "", "болезнь", 1000, "10.06.2025", "9", None]]
    )
    assert run(register, "--lang", "ru", "import", "aid", str(fixed)) == 0
    set_language("ru")
    assert _("Updated: {count}").format(count=1) in capsys.readouterr().out.splitlines()
    assert stored(register) == [("0100", "illness", 100_000, dt.date(2025, 6, 10), "9", NO9)]
