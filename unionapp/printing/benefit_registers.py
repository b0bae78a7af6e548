"""The registers of a year's benefits: vouchers, material aid, awards, with their sums.

Each reads the list its page shows through the core service (``list_vouchers``,
``list_aid``, ``list_awards``: one query each), oldest first as a register is kept. Under the
vouchers and the aid a small table sums them by kind / by reason: the figures the year-end
report and the higher body ask for, checkable against the rows above.

The vouchers' eleven facts are two columns too many for A4 landscape at a legible size: the
kind has no column of its own (the institution's name says it: «Ала-Арча» эс алуу үйү; a
voucher without an institution shows its kind there) and is summed below; a child who went
to a camp is named after the member («…; child: …»), a second line on those rows only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TypeVar

from unionapp.core.aid import list_aid
from unionapp.core.awards import list_awards
from unionapp.core.codes import AID_REASONS, FUNDING_SOURCES, VOUCHER_KINDS, CodeSet
from unionapp.core.db import Database
from unionapp.core.formatting import format_day_month, format_money, format_number
from unionapp.core.i18n import N_, _
from unionapp.core.vouchers import list_vouchers, queue_text, totals
from unionapp.printing.layout import Column
from unionapp.printing.register_rows import (
    AID_TITLE,
    AWARDS_TITLE,
    VOUCHERS_TITLE,
    Cells,
    RegisterData,
    Summary,
    day_text,
    number_column,
    numbered,
)

Row = TypeVar("Row")


def dates_text(start: dt.date, end: dt.date) -> str:
    """«01.07 – 14.07.2026» within a year (as paperwork writes it), else both dates whole."""
    if start.year == end.year:
        return f"{format_day_month(start)} – {day_text(end)}"
    return f"{day_text(start)} – {day_text(end)}"


def protocol_text(number: str | None, held_on: dt.date | None) -> str:
    """«№ 9, 10.11.2025»: the protocol as both languages read it, in a narrow column (the
    sentence «10.11.2025-жылдагы № 9» has a word too long to wrap)."""
    if not number or held_on is None:
        return ""
    return f"№ {number}, {day_text(held_on)}"


def _count_line(text: str, count: int) -> list[str]:
    return [_(text).format(count=format_number(count))]


def _by_code(
    rows: Iterable[Row], code: Callable[[Row], str], codes: CodeSet,
    sums: Callable[[list[Row]], list[int]],
) -> list[Cells]:
    """One line per code that occurs, in the code list's order: label, count, the sums."""
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(code(row), []).append(row)
    order = [c for c in codes.codes if c in groups] + sorted(set(groups) - set(codes.codes))
    return [[codes.label(c), format_number(len(groups[c])),
             *(format_money(s) for s in sums(groups[c]))] for c in order]


def vouchers_register(db: Database, year: int) -> RegisterData:
    """Vouchers starting in ``year``, in date order, with cost, co-payment and subsidy summed,
    and the same by kind."""
    found = list_vouchers(db, year)[::-1]  # the service lists newest first
    children = any(v.child_name for v in found)
    queued = any(v.queue_place is not None for v in found)  # a column only when it says something
    rows: list[Cells] = [
        [_("{member}; child: {child}").format(member=v.member_name, child=v.child_name)
         if v.child_name else v.member_name,
         v.institution or VOUCHER_KINDS.label(v.kind), dates_text(v.start_date, v.end_date),
         format_money(v.cost), format_money(v.copay), format_money(v.subsidy),
         FUNDING_SOURCES.label(v.source), protocol_text(v.decision_number, v.decision_date),
         *([queue_text(v)] if queued else [])]
        for v in found
    ]
    columns = [number_column(), Column(_("Member (child)") if children else _("Member"))]
    columns += [
        Column(_("Institution")),
        Column(_("Dates")),  # a range over New Year takes two lines
        Column(_("Cost"), money=True, wrap=False),
        Column(_("Co-payment"), money=True, wrap=False),
        Column(_("Subsidy"), money=True, wrap=False),
        Column(_("Source")),
        Column(_("Protocol")),
    ]
    if queued:
        columns.append(Column(_("Place in the queue")))
    sums = totals(found)
    money = [format_money(sums.cost), format_money(sums.copay), format_money(sums.subsidy)]
    total: Cells = [_("Total"), "", "", "", *money, *[""] * (len(columns) - 7)]
    summary = Summary(
        _("By kind"),
        [Column(_("Kind")), Column(_("Vouchers"), money=True, wrap=False),
         Column(_("Cost"), money=True, wrap=False),
         Column(_("Co-payment"), money=True, wrap=False),
         Column(_("Subsidy"), money=True, wrap=False)],
        _by_code(found, lambda v: v.kind, VOUCHER_KINDS,
                 lambda group: [sum(v.cost for v in group), sum(v.copay for v in group),
                                sum(v.subsidy for v in group)]),
        [_("Total"), format_number(len(found)), *money],
    )
    return RegisterData(
        "vouchers", _(VOUCHERS_TITLE).format(year=year),
        _count_line(N_("Vouchers: {count}"), len(rows)), columns, numbered(rows), total,
        font_size=8, keep=(1,), summary=summary if found else None)


def aid_register(db: Database, year: int) -> RegisterData:
    """Material aid paid in ``year``, in date order, with its total and the sums by reason."""
    found = list_aid(db, year)[::-1]  # the service lists newest first
    rows: list[Cells] = [
        [p.card_no, p.member_name, AID_REASONS.label(p.reason), format_money(p.amount),
         day_text(p.paid_on), protocol_text(p.decision_number, p.decision_date)]
        for p in found
    ]
    columns = [
        number_column(),
        Column(_("Card no"), wrap=False),
        Column(_("Member")),
        Column(_("Reason")),
        Column(_("Amount"), money=True, wrap=False),
        Column(_("Date paid"), wrap=False),
        Column(_("Protocol")),
    ]
    amount = format_money(sum(p.amount for p in found))
    total: Cells = [_("Total"), "", "", "", amount, "", ""]
    summary = Summary(
        _("By reason"),
        [Column(_("Reason")), Column(_("Payments"), money=True, wrap=False),
         Column(_("Amount"), money=True, wrap=False)],
        _by_code(found, lambda p: p.reason, AID_REASONS,
                 lambda group: [sum(p.amount for p in group)]),
        [_("Total"), format_number(len(found)), amount],
    )
    return RegisterData(
        "aid", _(AID_TITLE).format(year=year), _count_line(N_("Payments: {count}"), len(rows)),
        columns, numbered(rows), total, keep=(2,), summary=summary if found else None)


def awards_register(db: Database, year: int) -> RegisterData:
    """Awards given in ``year`` (nominations still open are not awards yet), in date and
    certificate order; a gift's cost is summed when any award had one."""
    found = [a for a in list_awards(db, year) if a.status == "awarded"]
    with_cost = any(a.cost for a in found)
    columns = [
        number_column(),
        Column(_("Certificate no"), wrap=False),
        Column(_("Card no"), wrap=False),
        Column(_("Member")),
        Column(_("Award")),
        Column(_("Date"), wrap=False),
        Column(_("Protocol")),
    ]
    if with_cost:
        columns.append(Column(_("Cost"), money=True, wrap=False))
    rows: list[Cells] = []
    for a in found:
        row: Cells = [a.certificate, a.card_no, a.member_name, a.award_name,
                      day_text(a.awarded_on), a.decision]
        if with_cost:
            row.append(format_money(a.cost) if a.cost else "")
        rows.append(row)
    total: Cells | None = None
    if with_cost:
        total = [_("Total"), *[""] * 6, format_money(sum(a.cost for a in found))]
    return RegisterData(
        "awards", _(AWARDS_TITLE).format(year=year),
        _count_line(N_("Awards: {count}"), len(rows)), columns, numbered(rows), total,
        keep=(3,))
