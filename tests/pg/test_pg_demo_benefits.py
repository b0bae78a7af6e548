"""A whole demo organization (members, dues, protocols, vouchers, aid, awards) on both stores:
every service of issues 4 and 5 reads it the same, and every register exports the same file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook

from unionapp.core import aid, awards, decisions, demo, dues, voucher_queue, vouchers
from unionapp.core.dues_statement import dues_statement
from unionapp.core.exporting import export_register

TODAY = dt.date(2026, 11, 25)
LAST = dt.date(2026, 10, 1)


def _summary(db) -> dict[str, object]:  # type: ignore[no-untyped-def]
    recon = dues.reconcile(db, LAST)
    statement = dues_statement(db, 2026)
    queue = voucher_queue.load_queue(db, "sanatorium", as_of=TODAY)
    return {
        "recon": (
            len(recon.not_members),
            len(recon.missing),
            len(recon.missing_pensioners),
            len(recon.missing_cash_payers),
            len(recon.wrong_amount),
            recon.rows,
            recon.withheld_total,
        ),
        "statement": (statement.total, statement.to_higher, statement.retained),
        "arrears": len(dues.arrears(db, TODAY)),
        "decisions": [(d.number, d.held_on, d.granted) for d in decisions.list_decisions(db)],
        "aid": sorted((a.amount, a.paid_on) for a in aid.list_aid(db, 2026)),
        "awards": sorted((a.certificate, a.awarded_on) for a in awards.list_awards(db, 2026)),
        "vouchers": sorted(
            (v.start_date, v.cost, v.copay) for v in vouchers.list_vouchers(db, 2026)
        ),
        "queue": [(p.place, p.points, p.reasons_text()) for p in queue.positions],
    }


def _exports(db, folder: Path) -> dict[str, list[tuple[object, ...]]]:  # type: ignore[no-untyped-def]
    found = {}
    for kind in ("members", "children", "cash", "vouchers", "aid", "awards"):
        path = folder / f"{kind}.xlsx"
        export_register(db, kind, path, "ru")
        found[kind] = [
            tuple(r) for r in load_workbook(path).worksheets[0].iter_rows(values_only=True)
        ]
    return found


def test_the_demo_reads_the_same_on_both_stores(db, pg_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    results = []
    for name, store in (("sqlite", db), ("pg", pg_db)):
        demo.generate_demo(store, members=250, years=2, seed=11, today=TODAY)
        folder = tmp_path / name
        folder.mkdir()
        results.append((_summary(store), _exports(store, folder)))
    (lite, lite_files), (pg, pg_files) = results
    assert lite == pg
    assert lite_files == pg_files
    assert lite["recon"][0] and lite["decisions"] and lite["aid"] and lite["vouchers"]
