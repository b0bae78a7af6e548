"""Regressions found by the dues QA pass (issue 4), run through the command line as a
chairperson would: a 1C-like list (title block, merged name cells, «Итого»), the bad-input
list of the issue with the database compared byte for byte, and the dues commands' refusals
and wording."""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from pathlib import Path

import openpyxl
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "core"))
from dues_helpers import add_cash, add_member, add_payroll, known_month  # noqa: E402

from unionapp.cli import main  # noqa: E402
from unionapp.core import dues, settings  # noqa: E402
from unionapp.core.i18n import _, set_language  # noqa: E402

OCT = dt.date(2026, 10, 1)
PEOPLE = [  # personnel no in the register, name, wage and dues in som
    ("10007", "Ильина Надежда Николаевна", 32560, 325.6),
    ("10011", "Асан уулу Бакыт", 42093, 420.93),
    ("10014", "Сейит кызы Жаңыл", 38750.5, 387.5),
    ("10020", "Үсөнбеков Өмүрбек", 27822, 278.22),
]


def one_c_list(path: Path, rows: list[tuple[object, ...]], *, title: str = "за октябрь 2026 г.",
               totals: tuple[object, object] | None = None) -> Path:
    """A list as 1C exports it: a merged title block, «Сотрудник» over two merged columns,
    a running number, a totals row «Итого» and a signature under it."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "Средняя школа № 45"
    sheet.merge_cells("A1:F1")
    sheet["A2"] = "Ведомость удержания профсоюзных взносов"
    sheet.merge_cells("A2:F2")
    sheet["A3"] = title
    sheet.merge_cells("A3:F3")
    sheet.append([])
    sheet.append(["№ п/п", "Таб. №", "Сотрудник", None, "Начислено", "Профвзнос 1%"])
    sheet.merge_cells("C5:D5")
    for number, (personnel, name, wage, withheld) in enumerate(rows, start=1):
        sheet.append([number, personnel, name, None, wage, withheld])
        sheet.merge_cells(f"C{sheet.max_row}:D{sheet.max_row}")
    if totals is None:
        totals = (
            sum(r[2] for r in rows if isinstance(r[2], int | float)),
            round(sum(r[3] for r in rows if isinstance(r[3], int | float)), 2),
        )
    sheet.append(["Итого", None, None, None, *totals])
    sheet.append([])
    sheet.append(["Главный бухгалтер ____________ Маматова Г.А."])
    book.save(path)
    return path


@pytest.fixture
def register(db, db_path: Path) -> Path:  # type: ignore[no-untyped-def]
    for card, (personnel, name, _wage, _dues) in enumerate(PEOPLE, start=1001):
        surname = name.rsplit(" ", 2)[0] if name.count(" ") == 2 else name.split()[0]
        add_member(db, str(card), surname, personnel=personnel)
    db.close()
    return db_path


def db_bytes(db_path: Path) -> str:
    from unionapp.core.store import open_database

    db = open_database(db_path)
    db.checkpoint()
    db.close()
    return hashlib.sha256(db_path.read_bytes()).hexdigest()


def run(db_path: Path, *args: str, lang: str = "ru") -> int:
    return main(["--db", str(db_path), "--lang", lang, *args])


def refused(db_path: Path, path: Path, capsys) -> list[str]:  # type: ignore[no-untyped-def]
    """Import ``path`` for October: refused (exit 2), the database byte-identical."""
    before = db_bytes(db_path)
    capsys.readouterr()
    assert run(db_path, "import", "payroll", str(path), "--month", "2026-10") == 2
    assert db_bytes(db_path) == before
    return capsys.readouterr().err.splitlines()


def test_leading_zeros_of_1c_personnel_numbers_still_match(register: Path, tmp_path: Path,
                                                           capsys) -> None:  # type: ignore[no-untyped-def]
    padded = [("000" + p, n, w, d) for p, n, w, d in PEOPLE]
    path = one_c_list(tmp_path / "zeros.xlsx", padded)
    assert run(register, "import", "payroll", str(path), "--month", "2026-10") == 0
    out = capsys.readouterr().out
    set_language("ru")
    assert _("Matched to members: {count}").format(count=4) in out
    assert "ФИО" not in capsys.readouterr().err  # no «matched by the name only» warnings


def test_each_bad_input_is_refused_as_file_row_column_and_changes_nothing(
        register: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert run(register, "import", "payroll",
               str(one_c_list(tmp_path / "good.xlsx", PEOPLE)), "--month", "2026-10") == 0
    set_language("ru")

    month = refused(register, one_c_list(tmp_path / "m.xlsx", PEOPLE,
                                          title="за сентябрь 2026 г."), capsys)
    assert month == ["m.xlsx:3:A: " + _(
        "The file is for {stated}, but the month given is {given}.").format(
        stated="2026-09", given="2026-10")] + month[1:]

    twice = [PEOPLE[0], PEOPLE[1], (PEOPLE[0][0], *PEOPLE[2][1:])]
    lines = refused(register, one_c_list(tmp_path / "d.xlsx", twice), capsys)
    assert [line.split(": ")[0] for line in lines[:2]] == ["d.xlsx:6:Таб. №", "d.xlsx:8:Таб. №"]

    zero = [PEOPLE[0], (PEOPLE[1][0], PEOPLE[1][1], 0, 250)]
    lines = refused(register, one_c_list(tmp_path / "z.xlsx", zero), capsys)
    assert lines[0].startswith("z.xlsx:7:Профвзнос 1%: ")

    totals = one_c_list(tmp_path / "t.xlsx", PEOPLE, totals=(141225.5, 1422.25))
    lines = refused(register, totals, capsys)
    assert lines[0] == "t.xlsx:10:Профвзнос 1%: " + _(
        "The totals row says {stated}, but the rows add up to {computed}.").format(
        stated="1422.25", computed="1412.25")


def test_a_bad_amount_is_one_error_not_also_a_wrong_total(register: Path, tmp_path: Path,
                                                          capsys) -> None:  # type: ignore[no-untyped-def]
    """The totals row was right; only the bad cells are wrong, so only they are named."""
    rows = [PEOPLE[0], (PEOPLE[1][0], PEOPLE[1][1], PEOPLE[1][2], -120.5),
            (PEOPLE[2][0], PEOPLE[2][1], "сорок тыс", PEOPLE[2][3]), PEOPLE[3]]
    path = one_c_list(tmp_path / "bad.xlsx", rows, totals=(141225.5, 891.32))
    lines = [line for line in refused(register, path, capsys) if line.startswith("bad.xlsx:")]
    assert [line.split(": ")[0] for line in lines] == [
        "bad.xlsx:7:Профвзнос 1%", "bad.xlsx:8:Начислено",
    ]


def test_an_unknown_personnel_number_goes_to_the_non_members(register: Path, tmp_path: Path,
                                                             capsys) -> None:  # type: ignore[no-untyped-def]
    rows = [*PEOPLE, ("77777", "Белгисиз Адам", 30000, 300)]
    path = one_c_list(tmp_path / "u.xlsx", rows)
    assert run(register, "import", "payroll", str(path), "--month", "2026-10") == 0
    capsys.readouterr()
    assert run(register, "dues", "reconcile", "--month", "2026-10") == 0
    text = capsys.readouterr().out
    set_language("ru")
    assert _("{title}: {count}; withheld {withheld}").format(
        title=_("Withheld from people who are not members"), count=1, withheld="300,00") in text
    assert "77777 · Белгисиз Адам" in text


@pytest.mark.parametrize("args", [
    ("dues", "reconcile", "--month", "2026-10", "--out"),
    ("dues", "arrears", "--as-of", "01.11.2026", "--out"),
    ("dues", "statement", "--year", "2026", "--out"),
])
def test_an_xlsx_that_cannot_be_written_is_refused_in_words(
        args: tuple[str, ...], db, db_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    known_month(db)
    db.close()
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    target = blocker / "lists.xlsx"  # «inside» a file: the folder can never exist
    assert run(db_path, *args, str(target)) == 2  # was a traceback and exit 1
    err = capsys.readouterr().err
    set_language("ru")
    assert _("{file} could not be written: {reason}").format(
        file="lists.xlsx", reason=_("the folder does not exist")) in err
    assert "Traceback" not in err and not target.exists()


def test_statement_period_refusals_name_no_english_field(db_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert run(db_path, "dues", "statement", "--year", "2026", "--quarter", "5",
               "--out", "s.pdf") == 2
    err = capsys.readouterr().err
    assert "quarter:" not in err
    set_language("ru")
    assert _("Not a quarter: {value}. Write 1, 2, 3 or 4.").format(value=5) in err
    assert run(db_path, "dues", "statement", "--year", "3000", "--out", "s.pdf") == 2
    assert "year:" not in capsys.readouterr().err


def test_reconcile_says_when_the_month_has_no_list_and_writes_the_rate_as_ru(
        db, db_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    known_month(db)
    settings.set_value(db, dues.RATE_KEY, "1.50")
    db.close()
    assert run(db_path, "dues", "reconcile", "--month", "2026-11") == 0
    text = capsys.readouterr().out
    set_language("ru")
    assert _("Dues for {month}; rate: {rate}%").format(month="11.2026", rate="1,5") in text
    assert _("No payroll list for {month} has been imported yet, so every member counts as "
             "unpaid.").format(month="11.2026") in text
    # the lists of people with nothing withheld carry no «withheld 0,00»
    (line,) = [t for t in text.splitlines() if t.startswith(_("Members with nothing withheld"))]
    assert ";" not in line and line.endswith(": 6")  # all six working members of the register


def test_arrears_months_are_written_as_runs(db, db_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    member = add_member(db, "1", "Волкова", pensioner=True)
    worker = add_member(db, "2", "Асанов", personnel="T1")
    month = dt.date(2025, 1, 1)
    while month <= OCT:
        add_payroll(db, month, [(worker, "T1", "Асанов Аты", 1_000_000, 10_000)])
        month = (month + dt.timedelta(days=32)).replace(day=1)
    add_cash(db, member, dt.date(2025, 1, 1), dt.date(2025, 3, 1), 30_000)
    db.close()
    assert run(db_path, "dues", "arrears", "--as-of", "15.11.2026") == 0
    text = capsys.readouterr().out
    assert "04.2025–10.2026" in text and "05.2025," not in text
    set_language("ru")  # no wage on payroll: a month as on her receipt (300,00 for 3 months)
    assert _("{who}: {months}; {monthly} a month as on the last cash receipt, {total} in all"
             ).format(who="1 · Волкова Аты · Бухгалтерия", months="04.2025–10.2026",
                      monthly="100,00", total="1\xa0900,00") in text
