"""Schema 3: benefits — committee decisions, vouchers and their queue, material aid, awards.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}", ondelete=ondelete
    )


def _indexes(table: str, *columns: str) -> None:
    for column in columns:
        op.create_index(f"ix_{table}_{column}", table, [column])


def upgrade() -> None:
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("number", sa.String(30), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("agenda", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_decisions"),
        sa.UniqueConstraint("number", "held_on", name="uq_decisions_number_date"),
    )
    _indexes("decisions", "number", "held_on")
    op.create_table(
        "institutions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("min_child_age", sa.Integer(), nullable=True),
        sa.Column("max_child_age", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_institutions"),
        sa.UniqueConstraint("name", name="uq_institutions_name"),
    )
    op.create_table(
        "vouchers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("institution_id", sa.Integer(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("cost", sa.Integer(), nullable=False),
        sa.Column("copay", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        _fk("vouchers", "member_id", "members", "RESTRICT"),
        _fk("vouchers", "child_id", "children", "RESTRICT"),
        _fk("vouchers", "institution_id", "institutions", "RESTRICT"),
        _fk("vouchers", "decision_id", "decisions", "RESTRICT"),
        sa.PrimaryKeyConstraint("id", name="pk_vouchers"),
    )
    _indexes("vouchers", "member_id", "child_id", "institution_id", "start_date", "decision_id")
    op.create_table(
        "voucher_applications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=True),
        sa.Column("season", sa.String(20), nullable=True),
        sa.Column("applied_on", sa.Date(), nullable=False),
        sa.Column("many_children", sa.Boolean(), nullable=False),
        sa.Column("disability", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("voucher_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        _fk("voucher_applications", "member_id", "members", "CASCADE"),
        _fk("voucher_applications", "child_id", "children", "SET NULL"),
        _fk("voucher_applications", "voucher_id", "vouchers", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_voucher_applications"),
    )
    _indexes("voucher_applications", "member_id", "child_id")
    op.create_table(
        "aid_payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(20), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        _fk("aid_payments", "member_id", "members", "RESTRICT"),
        _fk("aid_payments", "decision_id", "decisions", "RESTRICT"),
        sa.PrimaryKeyConstraint("id", name="pk_aid_payments"),
    )
    _indexes("aid_payments", "member_id", "paid_on", "decision_id")
    op.create_table(
        "award_types",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("level", sa.String(20), nullable=False),
        sa.Column("form", sa.String(20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_award_types"),
        sa.UniqueConstraint("name", name="uq_award_types_name"),
    )
    op.create_table(
        "awards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("award_type_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("nominated_on", sa.Date(), nullable=True),
        sa.Column("awarded_on", sa.Date(), nullable=True),
        sa.Column("decision_id", sa.Integer(), nullable=True),
        sa.Column("cert_year", sa.Integer(), nullable=True),
        sa.Column("cert_seq", sa.Integer(), nullable=True),
        sa.Column("cost", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        _fk("awards", "member_id", "members", "RESTRICT"),
        _fk("awards", "award_type_id", "award_types", "RESTRICT"),
        _fk("awards", "decision_id", "decisions", "RESTRICT"),
        sa.PrimaryKeyConstraint("id", name="pk_awards"),
        sa.UniqueConstraint("cert_year", "cert_seq", name="uq_awards_cert_year_seq"),
    )
    _indexes("awards", "member_id", "award_type_id", "awarded_on", "decision_id")


def downgrade() -> None:
    raise RuntimeError("unionapp never downgrades; restore a backup instead")
