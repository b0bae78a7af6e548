"""The protocols as an .xlsx: one sheet lists them, another what each granted and to whom.

What a chairperson hands to an auditor or the higher body («which decisions, and who got
what by each»). Not an import kind: decisions are typed from the paper protocol. Written in
the user's language; money as numbers with two decimals so Excel can sum them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select

from unionapp.core.atomic_files import atomic_output
from unionapp.core.codes import AID_REASONS, DECISION_KINDS, VOUCHER_KINDS
from unionapp.core.db import Database
from unionapp.core.decisions import DecisionRow, label, list_decisions
from unionapp.core.i18n import N_, _
from unionapp.core.member_list import collation_key
from unionapp.core.models import AidPayment, Award, AwardType, Decision, Member, Voucher
from unionapp.core.money import to_som

DECISION_COLUMNS = (
    N_("Meeting"), N_("Protocol No"), N_("Date"), N_("Agenda"), N_("Things granted"),
    N_("Amount granted"),
)
GRANTED_COLUMNS = (N_("Protocol"), N_("Card No"), N_("Full name"), N_("What"), N_("Amount"))
WIDTHS = (24, 12, 12, 60, 12, 16)
GRANTED_WIDTHS = (24, 12, 32, 40, 14)


@dataclass(frozen=True)
class GrantedLine:
    decision_id: int | None  # never None here: the queries join the decision
    card_no: str
    member_name: str
    what: str
    amount: int | None  # tyiyn


def _between(column: Any, year: int | None) -> list[Any]:
    if year is None:
        return []
    return [column >= dt.date(year, 1, 1), column <= dt.date(year, 12, 31)]


def granted_lines(db: Database, year: int | None = None) -> list[GrantedLine]:
    """What every decision (of ``year``) granted: three queries, not three per decision."""
    name = Member.surname + " " + Member.name
    lines: list[GrantedLine] = []
    with db.reading() as s:
        vouchers = (
            select(Voucher.decision_id, Member.card_no, name, Voucher.kind,
                   Voucher.cost - Voucher.copay)
            .join(Member, Member.id == Voucher.member_id)
            .join(Decision, Decision.id == Voucher.decision_id)
            .where(*_between(Decision.held_on, year))
        )
        for decision_id, card, who, kind, subsidy in s.execute(vouchers):
            what = _("Voucher: {kind}").format(kind=VOUCHER_KINDS.label(kind))
            lines.append(GrantedLine(decision_id, card, who, what, subsidy))
        aid = (
            select(AidPayment.decision_id, Member.card_no, name, AidPayment.reason,
                   AidPayment.amount)
            .join(Member, Member.id == AidPayment.member_id)
            .join(Decision, Decision.id == AidPayment.decision_id)
            .where(*_between(Decision.held_on, year))
        )
        for decision_id, card, who, reason, amount in s.execute(aid):
            what = _("Material aid: {reason}").format(reason=AID_REASONS.label(reason))
            lines.append(GrantedLine(decision_id, card, who, what, amount))
        awards = (
            select(Award.decision_id, Member.card_no, name, AwardType.name, Award.cost)
            .join(Member, Member.id == Award.member_id)
            .join(AwardType, AwardType.id == Award.award_type_id)
            .join(Decision, Decision.id == Award.decision_id)
            .where(*_between(Decision.held_on, year))
        )
        for decision_id, card, who, type_name, cost in s.execute(awards):
            lines.append(GrantedLine(decision_id, card, who, type_name, cost or None))
    lines.sort(key=lambda g: (collation_key(g.member_name), g.card_no, g.what))
    return lines


def _som(tyiyn: int | None) -> Decimal | None:
    return None if tyiyn is None else to_som(tyiyn)


def write_decisions(db: Database, path: Path, year: int | None = None) -> int:
    """Write the protocols (of ``year``, or all) newest first; returns how many."""
    from openpyxl import Workbook  # heavy: only when a file is written
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    rows = list_decisions(db, year)
    lines = granted_lines(db, year)
    totals: dict[int | None, int] = {}
    for line in lines:
        totals[line.decision_id] = totals.get(line.decision_id, 0) + (line.amount or 0)
    by_id: dict[int, DecisionRow] = {r.id: r for r in rows}
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Protocols")[:31]
    _header(sheet, DECISION_COLUMNS, WIDTHS, Font, get_column_letter)
    for r in rows:
        sheet.append([
            DECISION_KINDS.label(r.kind), r.number, r.held_on, r.agenda, r.granted,
            _som(totals.get(r.id)),
        ])
    for cells in sheet.iter_rows(min_row=2):
        cells[2].number_format = "DD.MM.YYYY"
        cells[3].alignment = Alignment(wrap_text=True, vertical="top")
        cells[5].number_format = "#,##0.00"
    granted_sheet = workbook.create_sheet(_("Granted")[:31])
    _header(granted_sheet, GRANTED_COLUMNS, GRANTED_WIDTHS, Font, get_column_letter)
    order = {r.id: index for index, r in enumerate(rows)}
    for line in sorted(lines, key=lambda g: order.get(g.decision_id or 0, len(order))):
        decision = by_id.get(line.decision_id) if line.decision_id is not None else None
        if decision is None:
            continue
        granted_sheet.append([
            label(decision.number, decision.held_on), line.card_no, line.member_name, line.what,
            _som(line.amount),
        ])
    for cells in granted_sheet.iter_rows(min_row=2, min_col=5, max_col=5):
        cells[0].number_format = "#,##0.00"
    _save_beside(workbook, path)
    return len(rows)


def _header(
    sheet: Any, columns: tuple[str, ...], widths: tuple[int, ...], font: Any,
    letter: Callable[[int], str],
) -> None:
    sheet.append([_(c) for c in columns])
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[letter(index)].width = width
        sheet.cell(1, index).font = font(bold=True)
    sheet.freeze_panes = "A2"


def _save_beside(workbook: Any, path: Path) -> None:
    """Write beside the target and rename, so a failed export never leaves half a file."""
    with atomic_output(Path(path)) as temp:
        workbook.save(temp)
