"""An awards import's writing: the new awards numbered, then new types, awarded nominations
and new awards written and audited, inside the import's one transaction.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from unionapp.core.award_certificates import burn, burnt_up_to, format_certificate
from unionapp.core.award_types import guess_level_form
from unionapp.core.importing.awards_plan import OPTIONAL, AwardsPlan, Cert, StoredAward
from unionapp.core.importing.writing import AuditRows, insert_audited
from unionapp.core.models import Award, AwardType


def number_new_awards(
    session: Session, plan: AwardsPlan, cert_rows: dict[Cert, list[int]]
) -> None:
    """Next numbers per year, by award date (file order within a day), after every number
    given or typed that year."""
    years = {row["awarded_on"].year for row in plan.numbered}
    last: dict[int, int] = {}
    for year in years:
        stored = session.scalar(select(func.max(Award.cert_seq)).where(Award.cert_year == year))
        typed = max((seq for (y, seq) in cert_rows if y == year), default=0)
        last[year] = max(stored or 0, burnt_up_to(session, year), typed)
    for row in sorted(plan.numbered, key=lambda r: r["awarded_on"]):  # stable: file order
        year = row["awarded_on"].year
        last[year] += 1
        row["cert"] = (year, last[year])


def write(session: Session, plan: AwardsPlan, audit: AuditRows) -> None:
    """New types, then new awards in one bulk insert, then awarded or changed ones; audited."""
    type_ids: dict[str, int] = {}
    for key, name in plan.new_types.items():
        level, form = guess_level_form(name)
        award_type = AwardType(name=name, level=level, form=form, active=True)
        session.add(award_type)
        session.flush()
        type_ids[key] = award_type.id
        audit.add("create", "award_type", award_type.id,
                  {"name": (None, name), "level": (None, level), "form": (None, form)})
    for stored, row in plan.updates:
        _update(session, stored, row, audit)
    if not plan.adds:
        return
    rows = [_columns(row, type_ids) for row in plan.adds]
    insert_audited(session, Award, "award", rows, audit, shown=_shown)


def _shown(row: dict[str, Any]) -> dict[str, Any]:
    """An award as its audit shows it: the certificate as people read it, not its parts."""
    shown = {k: v for k, v in row.items() if k not in ("cert_year", "cert_seq", "note")}
    shown["certificate"] = format_certificate(row["cert_year"], row["cert_seq"])
    return shown


def _columns(row: dict[str, Any], type_ids: dict[str, int]) -> dict[str, Any]:
    type_ref = row["type_ref"]
    return {
        "member_id": row["member_id"],
        "award_type_id": type_ref if isinstance(type_ref, int) else type_ids[type_ref],
        "status": "awarded",
        "nominated_on": None,
        "awarded_on": row["awarded_on"],
        "decision_id": row["decision_id"],
        "cert_year": row["cert"][0],
        "cert_seq": row["cert"][1],
        "cost": row.get("cost", 0),
        "reason": row.get("reason"),
        "note": None,
    }


def _update(session: Session, stored: StoredAward, row: dict[str, Any], audit: AuditRows) -> None:
    award = session.get(Award, stored.id)
    assert award is not None
    old_cert = stored.cert
    if old_cert is not None and old_cert != row["cert"]:
        burn(session, *old_cert)
    changes: dict[str, tuple[Any, Any]] = {
        "status": (award.status, "awarded"),
        "awarded_on": (award.awarded_on, row["awarded_on"]),
        "decision_id": (award.decision_id, row["decision_id"]),
        "certificate": (format_certificate(*old_cert) if old_cert else None,
                        format_certificate(*row["cert"])),
    }
    award.status, award.awarded_on = "awarded", row["awarded_on"]
    award.decision_id = row["decision_id"]
    award.cert_year, award.cert_seq = row["cert"]
    for name in OPTIONAL:
        if name in row:
            changes[name] = (getattr(award, name), row[name])
            setattr(award, name, row[name])
    audit.add("update", "award", stored.id, changes)
