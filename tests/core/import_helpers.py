"""Small builders shared by the import/export tests: real files, real databases."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from sqlalchemy import func, select

from unionapp.core.i18n import _, get_language

SAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "samples"

MEMBER_HEADERS_RU = [
    "Номер билета", "Табельный номер", "Фамилия", "Имя", "Отчество", "Пол", "Дата рождения",
    "Подразделение", "Должность", "Дата вступления", "Дата выхода", "Причина выхода",
    "Пенсионер", "Телефон", "E-mail", "Примечание",
]


def said(msgid: str, /, **params: Any) -> str:
    """``msgid`` as the user reads it: in the current language, its placeholders filled.

    A test names the English message it expects, so it still says what it checks; the
    translation must differ from it, so no English reaches a Kyrgyz or Russian user.
    """
    text = _(msgid)
    assert text != msgid, f"no {get_language()} translation of {msgid!r}"
    return text.format(**params)


def problem_line(file: str, row: int, column: str, msgid: str, /, **params: Any) -> str:
    """One problem of a refused import as printed: ``FILE:ROW:COLUMN: message``."""
    return f"{file}:{row}:{column}: {said(msgid, **params)}"


def write_xlsx(path: Path, rows: Sequence[Sequence[Any]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def write_csv(path: Path, rows: Sequence[Sequence[Any]], *, delimiter: str = ";",
              encoding: str = "utf-8") -> Path:
    text = "\r\n".join(delimiter.join("" if v is None else str(v) for v in row) for row in rows)
    path.write_bytes((text + "\r\n").encode(encoding))
    return path


def fingerprint(db: Any) -> str:
    """sha256 of the database file after folding the WAL into it."""
    db.checkpoint()
    return hashlib.sha256(Path(db.path).read_bytes()).hexdigest()


def audit_count(db: Any) -> int:
    from unionapp.core.models import AuditEntry

    with db.reading() as s:
        return int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def member_by_card(db: Any, card_no: str) -> Any:
    from unionapp.core import members

    member_id = members.find_by_card(db, card_no)
    assert member_id is not None, card_no
    return members.get_member(db, member_id).data


def add_member(db: Any, card_no: str, surname: str = "Асанов", name: str = "Бакыт",
               **fields: Any) -> int:
    from unionapp.core import members

    fields.setdefault("join_date", dt.date(2015, 3, 2))
    return members.create_member(
        db, members.MemberInput(card_no=card_no, surname=surname, name=name, **fields)
    )


def fill_register(db: Any) -> Any:
    """A small register with every field used: the hand-kept sample (names with spaces, dates
    written every way), a leaver with a leading-zero card and a formula-like note, children
    with and without a birth date."""
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
