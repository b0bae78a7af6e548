"""Schema 2: dues — the monthly payroll lists and cash payments.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "payroll_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("row_no", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("personnel_no", sa.String(50), nullable=True),
        sa.Column("card_no", sa.String(50), nullable=True),
        sa.Column("full_name", sa.String(300), nullable=True),
        sa.Column("wage", sa.Integer(), nullable=False),
        sa.Column("withheld", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(300), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name="fk_payroll_entries_member_id_members",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_payroll_entries"),
    )
    op.create_index("ix_payroll_entries_month", "payroll_entries", ["month"])
    op.create_index("ix_payroll_entries_member_id", "payroll_entries", ["member_id"])
    op.create_table(
        "cash_payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("receipt_no", sa.String(50), nullable=True),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("period_from", sa.Date(), nullable=False),
        sa.Column("period_to", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name="fk_cash_payments_member_id_members",
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_cash_payments"),
    )
    op.create_index("ix_cash_payments_member_id", "cash_payments", ["member_id"])
    op.create_index("ix_cash_payments_paid_on", "cash_payments", ["paid_on"])


def downgrade() -> None:
    raise RuntimeError("unionapp never downgrades; restore a backup instead")
