"""Cash payments from a file: good rows, every bad cell named, a re-import that adds nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from dues_helpers import add_member
from import_helpers import audit_count, fingerprint, write_csv, write_xlsx

from unionapp.core.errors import ImportFileError
from unionapp.core.importing import run_import
from unionapp.core.importing.cash_import import parse_period
from unionapp.core.importing.values import CellProblem
from unionapp.core.models import CashPayment

HEADER = ["Номер билета", "Сумма", "Дата", "За период", "Номер квитанции"]


def _payments(db) -> list[tuple]:  # type: ignore[no-untyped-def, type-arg]
    with db.reading() as s:
        return [
            (p.member_id, p.receipt_no, p.paid_on, p.amount, p.period_from, p.period_to)
            for p in s.query(CashPayment).order_by(CashPayment.id)
        ]


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("10.2026", (2026, 10), (2026, 10)),
        ("2026-10", (2026, 10), (2026, 10)),
        ("10.2026-12.2026", (2026, 10), (2026, 12)),
        ("10.2026 - 12.2026", (2026, 10), (2026, 12)),
        ("2026-11 – 2027-02", (2026, 11), (2027, 2)),
        (dt.datetime(2026, 10, 1), (2026, 10), (2026, 10)),
    ],
)
def test_period_forms(text: object, first: tuple[int, int], last: tuple[int, int]) -> None:
    assert parse_period(text) == (dt.date(*first, 1), dt.date(*last, 1))


@pytest.mark.parametrize("text", ["октябрь 2026", "13.2026", "12.2026-10.2026", "2026"])
def test_period_refusals(text: str) -> None:
    with pytest.raises(CellProblem):
        parse_period(text)


def test_import_then_reimport_changes_nothing(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pensioner = add_member(db, "8", "Сыдыкова", pensioner=True)
    other = add_member(db, "9", "Токтогулов")
    path = write_xlsx(tmp_path / "cash.xlsx", [
        HEADER,
        ["8", "400,50", "05.10.2026", "10.2026-12.2026", "К-1"],
        [9, 150, dt.datetime(2026, 9, 30), "2026-09", None],
    ])
    summary = run_import(db, "cash", path)
    assert (summary.added, summary.unchanged) == (2, 0)
    assert _payments(db) == [
        (pensioner, "К-1", dt.date(2026, 10, 5), 40_050, dt.date(2026, 10, 1),
         dt.date(2026, 12, 1)),
        (other, None, dt.date(2026, 9, 30), 15_000, dt.date(2026, 9, 1), dt.date(2026, 9, 1)),
    ]
    before, audits = fingerprint(db), audit_count(db)
    again = run_import(db, "cash", path)
    assert (again.added, again.unchanged) == (0, 2)
    assert len(_payments(db)) == 2
    assert audit_count(db) == audits
    assert fingerprint(db) == before


def test_bad_rows_are_all_named_and_nothing_changes(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    add_member(db, "8", "Сыдыкова", pensioner=True)
    path = write_csv(tmp_path / "cash.csv", [
        HEADER,
        ["8", "100", "05.10.2026", "10.2026", "К-1"],  # good, but the file is refused
        ["77", "100", "05.10.2026", "10.2026", ""],  # no such member
        ["8", "-5", "05.10.2026", "10.2026", ""],  # negative amount
        ["8", "сто", "05.10.2026", "10.2026", ""],  # not money
        ["8", "100", "", "октябрь 2026", ""],  # no date, bad period
        ["8", "100", "06.10.2026", "10.2026", "К-2"],
        ["8", "100", "06.10.2026", "10.2026", "К-2"],  # the same payment twice
    ])
    before = fingerprint(db)
    with pytest.raises(ImportFileError) as refused:
        run_import(db, "cash", path)
    places = [(p.row, p.column, p.msgid) for p in refused.value.problems]
    assert (
        refused.value.problems[0].file, places[0][0], places[0][1],
    ) == ("cash.csv", 3, "Номер билета")
    assert places[0][2] == "There is no member with card number {card_no}."
    assert (4, "Сумма", "The amount must be more than zero.") in places
    assert (5, "Сумма", "Not an amount of money: {value}.") in places
    assert (6, "Дата", "This field is required.") in places
    assert any(p[:2] == (6, "За период") for p in places)
    assert [p[0] for p in places if "more than once" in p[2]] == [7, 8]
    assert all(str(p).startswith(f"cash.csv:{p.row}:{p.column}: ") for p in refused.value.problems)
    assert fingerprint(db) == before
    assert _payments(db) == []


def test_missing_required_column_is_refused(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    add_member(db, "8", "Сыдыкова")
    path = write_xlsx(tmp_path / "cash.xlsx", [["Номер билета", "Сумма", "Дата"],
                                               ["8", "100", "05.10.2026"]])
    with pytest.raises(ImportFileError) as refused:
        run_import(db, "cash", path)
    assert [p.msgid for p in refused.value.problems] == [
        "There is no column «{column}»: it is required."
    ]
