"""Helpers of the PostgreSQL tests that compare databases by content."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select


def table_rows(db: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in primary-key order: "unchanged" on any database.

    (A refused import leaves an SQLite file byte-identical; a server has no file to compare.)
    """
    from unionapp.core.models import Base

    with db.engine.connect() as conn:
        return {
            table.name: [
                tuple(row)
                for row in conn.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in Base.metadata.sorted_tables
        }


def fill_register(db: Any) -> Any:
    """A small register with every field used: the hand-kept sample (names with spaces, dates
    written every way), a leaver with a leading-zero card and a formula-like note, children
    with and without a birth date."""
    import datetime as dt

    from import_helpers import SAMPLES, add_member

    from unionapp.core import members
    from unionapp.core.importing import run_import

    run_import(db, "members", SAMPLES / "members-kept-by-hand.xlsx")
    left = add_member(
        db, "0012", "Маматов", "Нурлан", patronymic="Асанович", personnel_no="00031", sex="M",
        birth_date=dt.date(1960, 2, 29), department="Библиотека", position="Библиотекарь",
        join_date=dt.date(1990, 9, 1), exit_date=dt.date(2025, 6, 30), exit_reason="retirement",
        pensioner=True, phone="+996 555 12 34 56", email="n.mamatov@mail.kg",
        note="=ветеран труда\nвторая строка",
    )
    members.add_child(db, left, members.ChildInput("Маматова Айгерим", dt.date(1995, 1, 5), "F"))
    members.add_child(db, left, members.ChildInput("Маматов Бек", None, None))
    members.add_child(db, members.find_by_card(db, "1002") or 0,
                      members.ChildInput("Нурай", dt.date(2015, 9, 1), "F"))
    return db


def content_rows(db: Any) -> dict[str, list[tuple[Any, ...]]]:
    """``table_rows`` without the audit log's times: what two databases filled alike share."""
    rows = table_rows(db)
    rows["audit_log"] = [r[2:] for r in rows["audit_log"]]  # (id, at, ...) -> the rest
    return rows
