"""Schema 5: the budget (смета) — planned lines of a year and manual postings to them.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "budget_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("side", sa.String(10), nullable=False),
        sa.Column("category", sa.String(30), nullable=False),
        sa.Column("name", sa.String(300), nullable=True),
        sa.Column("planned", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_budget_lines"),
        sa.UniqueConstraint("year", "side", "category", "name", name="uq_budget_lines_year_line"),
    )
    op.create_index("ix_budget_lines_year", "budget_lines", ["year"])
    op.create_table(
        "budget_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("line_id", sa.Integer(), nullable=False),
        sa.Column("entry_date", sa.Date(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("document_no", sa.String(50), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["line_id"],
            ["budget_lines.id"],
            name="fk_budget_entries_line_id_budget_lines",
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_budget_entries"),
    )
    op.create_index("ix_budget_entries_line_id", "budget_entries", ["line_id"])
    op.create_index("ix_budget_entries_entry_date", "budget_entries", ["entry_date"])


def downgrade() -> None:
    raise RuntimeError("unionapp never downgrades; restore a backup instead")
