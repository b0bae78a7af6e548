"""The vouchers register as a file that imports back unchanged (``unionapp export vouchers``).

The columns are the vouchers import's own (``importing.benefit_headers.VOUCHER_COLUMNS``): the
kind and the source as their Russian or Kyrgyz words, which the importer reads back to the
same codes, the child by full name, the institution by its catalogue name, and the protocol
by number and date (numbers restart each year). Registered in ``exporting.REGISTER_ROWS``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from unionapp.core.db import Database
from unionapp.core.member_list import collation_key
from unionapp.core.money import som_cell
from unionapp.core.vouchers import list_vouchers

COLUMNS = (
    "card_no", "full_name", "kind", "institution", "start_date", "end_date", "cost", "copay",
    "child", "source", "decision_no", "decision_date",
)
# The words a file writes for each code; ``codes.VOUCHER_KINDS`` / ``FUNDING_SOURCES`` read
# each back (a test checks it), as the DESIGN contract names the kinds.
KIND_LABELS: dict[str, dict[str, str]] = {
    "ru": {"sanatorium": "санаторий", "rest_home": "дом отдыха",
           "children_camp": "детский лагерь", "tour": "тур", "other": "другое"},
    "ky": {"sanatorium": "санаторий", "rest_home": "эс алуу үйү",
           "children_camp": "балдар лагери", "tour": "тур", "other": "башка"},
}
SOURCE_LABELS: dict[str, dict[str, str]] = {
    "ru": {"own": "собственные средства", "higher": "вышестоящий орган",
           "employer": "работодатель", "fund": "социальный фонд"},
    "ky": {"own": "өз каражаты", "higher": "жогору турган орган", "employer": "иш берүүчү",
           "fund": "социалдык фонд"},
}


def voucher_rows(
    db: Database, lang: str, csv_file: bool
) -> tuple[Sequence[str], list[list[Any]]]:
    """Every voucher, oldest first, then by name as the members window sorts people."""
    found = list_vouchers(db)
    # sorted here, not by ORDER BY: every database writes the same file (see exporting.py)
    found.sort(key=lambda r: (r.start_date, collation_key(r.member_name), r.card_no, r.id))
    kinds = KIND_LABELS.get(lang, KIND_LABELS["ru"])
    sources = SOURCE_LABELS.get(lang, SOURCE_LABELS["ru"])
    return COLUMNS, [
        [r.card_no, r.member_name, kinds.get(r.kind, r.kind), r.institution or None,
         r.start_date, r.end_date, som_cell(r.cost, csv_file), som_cell(r.copay, csv_file),
         r.child_name or None, sources.get(r.source, r.source), r.decision_number or None,
         r.decision_date]
        for r in found
    ]
