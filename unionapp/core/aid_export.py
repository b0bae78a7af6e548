"""The aid register as a file that imports back unchanged (``unionapp export aid FILE``).

The columns are the aid import's own (``importing.benefit_headers.AID_COLUMNS``): the reason
as its Russian or Kyrgyz label, which the importer reads back to the same code, and the
protocol by number and date, so each payment finds the very decision it cites even when two
years hold a protocol of the same number. Registered in ``exporting.REGISTER_ROWS``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from unionapp.core.aid import list_aid
from unionapp.core.db import Database
from unionapp.core.member_list import collation_key
from unionapp.core.money import som_cell

COLUMNS = ("card_no", "full_name", "reason", "amount", "paid_on", "decision_no", "decision_date")
# The words a file writes for each reason; ``codes.AID_REASONS.parse`` reads each back.
REASON_LABELS: dict[str, dict[str, str]] = {
    "ru": {
        "birth": "рождение ребенка",
        "wedding": "свадьба",
        "death": "смерть родственника",
        "illness": "болезнь",
        "jubilee": "юбилей",
        "disaster": "стихийное бедствие",
        "other": "другое",
    },
    "ky": {
        "birth": "баланын төрөлүшү",
        "wedding": "үйлөнүү той",
        "death": "туугандын каза болушу",
        "illness": "оорусу",
        "jubilee": "маараке",
        "disaster": "табигый кырсык",
        "other": "башка",
    },
}


def aid_rows(db: Database, lang: str, csv_file: bool) -> tuple[Sequence[str], list[list[Any]]]:
    """Every payment, oldest first, then by name as the members window sorts people."""
    found = list_aid(db)
    # sorted here, not by ORDER BY: every database writes the same file (see exporting.py)
    found.sort(key=lambda r: (r.paid_on, collation_key(r.member_name), r.card_no, r.id))
    labels = REASON_LABELS.get(lang, REASON_LABELS["ru"])

    return COLUMNS, [
        [r.card_no, r.member_name, labels.get(r.reason, r.reason), som_cell(r.amount, csv_file),
         r.paid_on, r.decision_number, r.decision_date]
        for r in found
    ]
