"""SQLAlchemy models of the register: settings, departments, members, children, audit log.

Portable across SQLite and PostgreSQL: no SQLite-only types; dates are ``Date``; money (in
later schemas) is integer tyiyn. Codes (sex, exit reason) are stored as short English codes and
labelled in the user's language only when shown.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Setting(Base):
    """Organization settings as key/value text (``org.name_ky``, ``youth.max_age`` ...)."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class Department(Base):
    __tablename__ = "departments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class Member(Base):
    __tablename__ = "members"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    card_no: Mapped[str] = mapped_column(String(50), unique=True)
    personnel_no: Mapped[str | None] = mapped_column(String(50), index=True)
    surname: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(100))
    patronymic: Mapped[str | None] = mapped_column(String(100))
    sex: Mapped[str | None] = mapped_column(String(1))  # "M" or "F"
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    department_id: Mapped[int | None] = mapped_column(
        ForeignKey("departments.id", ondelete="RESTRICT"), index=True
    )
    position: Mapped[str | None] = mapped_column(String(200))
    join_date: Mapped[dt.date] = mapped_column(Date)
    exit_date: Mapped[dt.date | None] = mapped_column(Date)
    exit_reason: Mapped[str | None] = mapped_column(String(20))
    pensioner: Mapped[bool] = mapped_column(Boolean, default=False)
    phone: Mapped[str | None] = mapped_column(String(50))
    email: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    # Raised by every change (form, import, leaving): a form saves only over the version it
    # showed, so two PCs on one server database never silently overwrite each other.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    department: Mapped[Department | None] = relationship()
    children: Mapped[list[Child]] = relationship(
        back_populates="parent", cascade="all, delete-orphan", order_by="Child.birth_date"
    )


class MemberPhoto(Base):
    """Photos live apart from members so listing 50k members never reads image bytes."""

    __tablename__ = "member_photos"
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    )
    image: Mapped[bytes] = mapped_column(LargeBinary)  # JPEG, already cropped to 3x4


class Child(Base):
    __tablename__ = "children"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    full_name: Mapped[str] = mapped_column(String(300))
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    sex: Mapped[str | None] = mapped_column(String(1))

    parent: Mapped[Member] = relationship(back_populates="children")


class AuditEntry(Base):
    """What changed, old -> new, when: one row per changed field (or one per create/delete)."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    action: Mapped[str] = mapped_column(String(20))  # create, update, delete, leave, import
    entity: Mapped[str] = mapped_column(String(30))  # member, child, setting, department
    entity_id: Mapped[int | None] = mapped_column(Integer)
    field: Mapped[str | None] = mapped_column(String(50))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(300))  # e.g. the import file's name

    __table_args__ = (Index("ix_audit_log_entity", "entity", "entity_id"),)


class PayrollEntry(Base):
    """One row of the accounting office's monthly dues list, as it was imported.

    ``member_id`` is empty when the row matched nobody in the register (reconciliation list
    (a)); money is integer tyiyn. Re-importing a month replaces all rows of that month.
    """

    __tablename__ = "payroll_entries"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[dt.date] = mapped_column(Date, index=True)  # the first day of the month
    row_no: Mapped[int] = mapped_column(Integer)  # the row in the imported file
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), index=True
    )
    personnel_no: Mapped[str | None] = mapped_column(String(50))
    card_no: Mapped[str | None] = mapped_column(String(50))
    full_name: Mapped[str | None] = mapped_column(String(300))
    wage: Mapped[int] = mapped_column(Integer)  # tyiyn
    withheld: Mapped[int] = mapped_column(Integer)  # tyiyn
    source: Mapped[str | None] = mapped_column(String(300))


class CashPayment(Base):
    """Dues paid in cash (pensioners, people on leave): a receipt covering whole months."""

    __tablename__ = "cash_payments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="RESTRICT"), index=True
    )
    receipt_no: Mapped[str | None] = mapped_column(String(50))
    paid_on: Mapped[dt.date] = mapped_column(Date, index=True)
    amount: Mapped[int] = mapped_column(Integer)  # tyiyn
    period_from: Mapped[dt.date] = mapped_column(Date)  # first day of the first month paid
    period_to: Mapped[dt.date] = mapped_column(Date)  # first day of the last month paid
    note: Mapped[str | None] = mapped_column(Text)


# -- schema 0003: benefits and the committee decisions that grant them (issue 5) -------------


class Decision(Base):
    """A meeting's protocol: profkom meeting or general meeting, its number, date and agenda.

    Every voucher, aid payment and award points at the decision that granted it, so the
    chairperson can answer «why her?» with the protocol. Protocol numbers restart each year,
    hence unique per (number, date) rather than per number.
    """

    __tablename__ = "decisions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default="committee")  # committee, general
    number: Mapped[str] = mapped_column(String(30), index=True)
    held_on: Mapped[dt.date] = mapped_column(Date, index=True)
    agenda: Mapped[str | None] = mapped_column(Text)  # the agenda items, one per line
    note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (UniqueConstraint("number", "held_on", name="uq_decisions_number_date"),)


class Institution(Base):
    """A sanatorium, rest home or camp the vouchers go to; a camp has its children's ages."""

    __tablename__ = "institutions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # voucher kind code
    min_child_age: Mapped[int | None] = mapped_column(Integer)
    max_child_age: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)


class VoucherApplication(Base):
    """A member's application for a voucher: waits in the queue until granted or withdrawn."""

    __tablename__ = "voucher_applications"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # voucher kind code
    child_id: Mapped[int | None] = mapped_column(
        ForeignKey("children.id", ondelete="SET NULL"), index=True
    )
    season: Mapped[str | None] = mapped_column(String(20))  # winter, spring, summer, autumn
    applied_on: Mapped[dt.date] = mapped_column(Date)
    many_children: Mapped[bool] = mapped_column(Boolean, default=False)
    disability: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20), default="open")  # open, granted, withdrawn
    voucher_id: Mapped[int | None] = mapped_column(ForeignKey("vouchers.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(Text)


class Voucher(Base):
    """An issued voucher; subsidy = cost − co-payment (money in tyiyn)."""

    __tablename__ = "vouchers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="RESTRICT"), index=True
    )
    child_id: Mapped[int | None] = mapped_column(
        ForeignKey("children.id", ondelete="RESTRICT"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    institution_id: Mapped[int | None] = mapped_column(
        ForeignKey("institutions.id", ondelete="RESTRICT"), index=True
    )
    start_date: Mapped[dt.date] = mapped_column(Date, index=True)
    end_date: Mapped[dt.date] = mapped_column(Date)
    cost: Mapped[int] = mapped_column(Integer)  # tyiyn
    copay: Mapped[int] = mapped_column(Integer, default=0)  # tyiyn, paid by the member
    source: Mapped[str] = mapped_column(String(20), default="own")  # own, higher, employer, fund
    decision_id: Mapped[int | None] = mapped_column(
        ForeignKey("decisions.id", ondelete="RESTRICT"), index=True
    )
    note: Mapped[str | None] = mapped_column(Text)
    # Issued from the queue: its place, points and length on the day (schema 0007), the record
    # of why this member's turn came; None for a voucher issued without an application.
    queue_place: Mapped[int | None] = mapped_column(Integer)
    queue_points: Mapped[int | None] = mapped_column(Integer)
    queue_size: Mapped[int | None] = mapped_column(Integer)


class AidPayment(Base):
    """Material aid paid to a member for a reason, granted by a decision."""

    __tablename__ = "aid_payments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="RESTRICT"), index=True
    )
    reason: Mapped[str] = mapped_column(String(20))  # birth, wedding, death, illness, ...
    amount: Mapped[int] = mapped_column(Integer)  # tyiyn
    paid_on: Mapped[dt.date] = mapped_column(Date, index=True)
    decision_id: Mapped[int | None] = mapped_column(
        ForeignKey("decisions.id", ondelete="RESTRICT"), index=True
    )
    note: Mapped[str | None] = mapped_column(Text)


class AwardType(Base):
    """A kind of award in the catalogue: its name as written on it, its level and form."""

    __tablename__ = "award_types"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    level: Mapped[str] = mapped_column(String(20), default="own")  # own, sectoral, federation
    form: Mapped[str] = mapped_column(String(20), default="other")  # certificate, gratitude,
    # badge, title, other: the form decides which printout (issue 6) fits it
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Award(Base):
    """A nomination that becomes an award once a decision grants it.

    The certificate number runs per year: ``cert_year``/``cert_seq`` print as «2026/017».
    """

    __tablename__ = "awards"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="RESTRICT"), index=True
    )
    award_type_id: Mapped[int] = mapped_column(
        ForeignKey("award_types.id", ondelete="RESTRICT"), index=True
    )
    status: Mapped[str] = mapped_column(String(20), default="nominated")  # nominated, awarded
    nominated_on: Mapped[dt.date | None] = mapped_column(Date)
    awarded_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    decision_id: Mapped[int | None] = mapped_column(
        ForeignKey("decisions.id", ondelete="RESTRICT"), index=True
    )
    cert_year: Mapped[int | None] = mapped_column(Integer)
    cert_seq: Mapped[int | None] = mapped_column(Integer)
    cost: Mapped[int] = mapped_column(Integer, default=0)  # tyiyn: a prize or gift, if any
    reason: Mapped[str | None] = mapped_column(Text)  # what it is for, printed on it
    note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (UniqueConstraint("cert_year", "cert_seq", name="uq_awards_cert_year_seq"),)


# -- schema 0004: printing (issue 6) ---------------------------------------------------------


class CardIssue(Base):
    """The membership cards' issue journal: who got which card and when, reprints too."""

    __tablename__ = "card_issues"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), index=True
    )
    card_no: Mapped[str] = mapped_column(String(50))  # as printed, even if renumbered later
    issued_on: Mapped[dt.date] = mapped_column(Date, index=True)
    reprint: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str | None] = mapped_column(Text)


class PrintLayout(Base):
    """A saved print layout by name: a pre-printed blank's field positions (JSON, in mm)."""

    __tablename__ = "print_layouts"
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    data: Mapped[str] = mapped_column(Text, default="{}")


# -- schema 0005: the budget (смета) of a year (issue 7) ---------------------------------------


class BudgetLine(Base):
    """A line of a year's budget: income or expense, its category code and the planned sum.

    What was actually received or spent is not stored here: dues retained, vouchers'
    subsidies, aid and awards' costs are counted from their registers; manual entries (other
    income, cultural and sports events, other spending) are ``BudgetEntry`` rows.
    """

    __tablename__ = "budget_lines"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    side: Mapped[str] = mapped_column(String(10))  # income, expense
    category: Mapped[str] = mapped_column(String(30))  # dues_retained, recreation, aid, ...
    name: Mapped[str | None] = mapped_column(String(300))  # the line's own wording, if any
    planned: Mapped[int] = mapped_column(Integer, default=0)  # tyiyn

    __table_args__ = (
        UniqueConstraint("year", "side", "category", "name", name="uq_budget_lines_year_line"),
    )


class BudgetEntry(Base):
    """A manual posting to a budget line, with its document (order, receipt, act) number."""

    __tablename__ = "budget_entries"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    line_id: Mapped[int] = mapped_column(
        ForeignKey("budget_lines.id", ondelete="RESTRICT"), index=True
    )
    entry_date: Mapped[dt.date] = mapped_column(Date, index=True)
    amount: Mapped[int] = mapped_column(Integer)  # tyiyn
    document_no: Mapped[str | None] = mapped_column(String(50))
    note: Mapped[str | None] = mapped_column(Text)
