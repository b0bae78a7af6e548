"""Applications for vouchers: what waits in the queue, and what became of it.

An application is open (in the queue), granted (a voucher was issued from it, see
``vouchers.issue_voucher``) or withdrawn (the member changed their mind; it can be reopened).
A member waits once per kind (and per child for a camp): a second open application for the
same thing would count the member twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from unionapp.core import audit, decisions
from unionapp.core.codes import SEASONS, VOUCHER_KINDS
from unionapp.core.db import Database
from unionapp.core.errors import NotFoundError, UserError, ValidationError, raise_all
from unionapp.core.i18n import N_
from unionapp.core.models import Child, Member, VoucherApplication
from unionapp.core.stored_text import text_problem
from unionapp.core.vouchers import CAMP, CAMP_NEEDS_CHILD, CHILD_NOT_OURS, REQUIRED

STATUSES = ("open", "granted", "withdrawn")
STATUS_LABELS = {"open": N_("in the queue"), "granted": N_("granted"),
                 "withdrawn": N_("withdrawn")}
NOT_FOUND = N_("The application was not found (it may have been deleted).")


@dataclass
class ApplicationInput:
    member_id: int | None
    kind: str
    applied_on: dt.date | None
    season: str | None = None
    child_id: int | None = None
    many_children: bool = False
    disability: bool = False
    note: str | None = None


@dataclass(frozen=True)
class ApplicationRow:
    id: int
    member_id: int
    card_no: str
    member_name: str
    kind: str
    season: str | None
    child_id: int | None
    child_name: str
    applied_on: dt.date
    many_children: bool
    disability: bool
    status: str
    voucher_id: int | None
    note: str


def _check(
    session: Session, data: ApplicationInput, app_id: int | None, today: dt.date
) -> dict[str, object]:
    errors: list[ValidationError] = []
    member = session.get(Member, data.member_id) if data.member_id is not None else None
    if member is None:
        errors.append(ValidationError(N_("Choose the member from the list."), field="member"))
    if data.kind not in VOUCHER_KINDS:
        errors.append(ValidationError(N_("Unknown voucher kind: {value}."), field="kind",
                                      value=data.kind))
    if data.season is not None and data.season not in SEASONS:
        errors.append(ValidationError(N_("Unknown season: {value}."), field="season",
                                      value=data.season))
    if data.applied_on is None:
        errors.append(ValidationError(REQUIRED, field="applied_on"))
    elif data.applied_on > today:
        errors.append(ValidationError(N_("The date {date} is in the future."), field="applied_on",
                                      date=data.applied_on))
    elif member is not None and not decisions.member_on(
        member.join_date, member.exit_date, data.applied_on
    ):
        errors.append(ValidationError(N_("{name} was not a member on {date}."), field="member",
                                      name=f"{member.surname} {member.name}",
                                      date=data.applied_on))
    child = session.get(Child, data.child_id) if data.child_id is not None else None
    if data.kind == CAMP and child is None:
        errors.append(ValidationError(CAMP_NEEDS_CHILD, field="child"))
    if child is not None and member is not None and child.member_id != member.id:
        errors.append(ValidationError(CHILD_NOT_OURS, field="child", child=child.full_name,
                                      member=f"{member.surname} {member.name}"))
    problem = text_problem("note", data.note, None)
    if problem is not None:
        errors.append(problem)
    if member is not None and data.kind in VOUCHER_KINDS and not errors:
        twin = session.scalar(
            select(VoucherApplication).where(
                VoucherApplication.member_id == member.id,
                VoucherApplication.kind == data.kind,
                VoucherApplication.status == "open",
                VoucherApplication.child_id.is_(None) if data.child_id is None
                else VoucherApplication.child_id == data.child_id,
                VoucherApplication.id != (app_id or 0),
            )
        )
        if twin is not None:
            errors.append(ValidationError(
                N_("{name} already waits in the queue for «{kind}» (applied on {date})."),
                field="kind", name=f"{member.surname} {member.name}",
                kind=VOUCHER_KINDS.label(data.kind), date=twin.applied_on,
            ))
    raise_all(errors)
    return {
        "member_id": data.member_id,
        "kind": data.kind,
        "child_id": data.child_id,
        "season": data.season,
        "applied_on": data.applied_on,
        "many_children": bool(data.many_children),
        "disability": bool(data.disability),
        "note": (data.note or "").strip() or None,
    }


def create_application(db: Database, data: ApplicationInput, today: dt.date | None = None) -> int:
    with db.transaction() as s:
        values = _check(s, data, None, today or dt.date.today())
        app = VoucherApplication(**values, status="open")
        s.add(app)
        s.flush()
        audit.record_created(s, "voucher_application", app.id, values)
        return app.id


def update_application(
    db: Database, app_id: int, data: ApplicationInput, today: dt.date | None = None
) -> None:
    """Only an open application changes: a granted one is history."""
    with db.transaction() as s:
        app = _get(s, app_id)
        _refuse_granted(app)
        values = _check(s, data, app_id, today or dt.date.today())
        audit.update_recorded(s, "voucher_application", app_id, app, values)


def _refuse_granted(app: VoucherApplication) -> None:
    if app.status == "granted":
        raise UserError(N_("A voucher was issued from this application: it cannot change."))


def _set_status(db: Database, app_id: int, status: str) -> None:
    with db.transaction() as s:
        app = _get(s, app_id)
        _refuse_granted(app)
        if status == "open" and app.status != "open":
            _check(s, _as_input(app), app_id, dt.date.max)  # still no twin in the queue
        old, app.status = app.status, status
        audit.record(s, "update", "voucher_application", app_id, {"status": (old, status)})


def withdraw_application(db: Database, app_id: int) -> None:
    """The member no longer waits; the application stays on record."""
    _set_status(db, app_id, "withdrawn")


def reopen_application(db: Database, app_id: int) -> None:
    _set_status(db, app_id, "open")


def delete_application(db: Database, app_id: int) -> None:
    with db.transaction() as s:
        app = _get(s, app_id)
        _refuse_granted(app)
        s.delete(app)
        audit.record(s, "delete", "voucher_application", app_id,
                     {"member_id": (app.member_id, None), "kind": (app.kind, None)})


def _get(session: Session, app_id: int) -> VoucherApplication:
    app = session.get(VoucherApplication, app_id)
    if app is None:
        raise NotFoundError(NOT_FOUND)
    return app


def _as_input(app: VoucherApplication) -> ApplicationInput:
    return ApplicationInput(app.member_id, app.kind, app.applied_on, app.season, app.child_id,
                            app.many_children, app.disability, app.note)


def get_application(db: Database, app_id: int) -> ApplicationInput:
    with db.reading() as s:
        return _as_input(_get(s, app_id))


def application_status(db: Database, app_id: int) -> str:
    with db.reading() as s:
        return _get(s, app_id).status


def list_applications(
    db: Database, *, member_id: int | None = None, kind: str | None = None,
    status: str | None = None,
) -> list[ApplicationRow]:
    """Applications, newest first (a member's card lists theirs with what became of them)."""
    stmt = (
        select(VoucherApplication, Member.card_no, Member.surname, Member.name,
               Member.patronymic, Child.full_name)
        .join(Member, Member.id == VoucherApplication.member_id)
        .outerjoin(Child, Child.id == VoucherApplication.child_id)
    )
    if member_id is not None:
        stmt = stmt.where(VoucherApplication.member_id == member_id)
    if kind is not None:
        stmt = stmt.where(VoucherApplication.kind == kind)
    if status is not None:
        stmt = stmt.where(VoucherApplication.status == status)
    with db.reading() as s:
        rows = [
            ApplicationRow(
                a.id, a.member_id, card, " ".join(p for p in (surname, name, patronymic) if p),
                a.kind, a.season, a.child_id, child or "", a.applied_on, a.many_children,
                a.disability, a.status, a.voucher_id, a.note or "",
            )
            for a, card, surname, name, patronymic, child in s.execute(stmt)
        ]
    rows.sort(key=lambda r: (r.applied_on, r.id), reverse=True)
    return rows
