"""Cash payments to a file in the cash import's own columns, so the file imports back.

With the month's payroll lists (``export dues``) this is the rest of the dues money: a
chairperson who hands the accounts to a successor, or checks them in Excel, gets every receipt.
Rows go by date paid, then by member as the members window sorts them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from unionapp.core.db import Database
from unionapp.core.member_list import collation_key
from unionapp.core.models import CashPayment, Member
from unionapp.core.money import som_cell

CASH_COLUMNS = ("card_no", "amount", "paid_on", "period", "receipt_no")


def period_text(first: dt.date, last: dt.date) -> str:
    """«10.2026» or «10.2026-12.2026»: what the cash import reads back."""
    if first == last:
        return f"{first:%m.%Y}"
    return f"{first:%m.%Y}-{last:%m.%Y}"


def cash_rows(db: Database, lang: str, csv_file: bool) -> tuple[Sequence[str], list[list[Any]]]:
    del lang  # nothing in these columns is a label
    stmt = select(
        Member.card_no, Member.surname, Member.name, CashPayment.amount, CashPayment.paid_on,
        CashPayment.period_from, CashPayment.period_to, CashPayment.receipt_no, CashPayment.id,
    ).join(Member, Member.id == CashPayment.member_id)
    with db.reading() as session:
        found = list(session.execute(stmt))
    found.sort(key=lambda r: (r.paid_on, collation_key(f"{r.surname} {r.name}"), r.card_no, r.id))
    return CASH_COLUMNS, [
        [r.card_no, som_cell(r.amount, csv_file), r.paid_on,
         period_text(r.period_from, r.period_to), r.receipt_no]
        for r in found
    ]
