"""Schema 4: printing — the membership cards' issue journal and saved print layouts.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "card_issues",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("card_no", sa.String(50), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("reprint", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name="fk_card_issues_member_id_members",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_card_issues"),
    )
    op.create_index("ix_card_issues_member_id", "card_issues", ["member_id"])
    op.create_index("ix_card_issues_issued_on", "card_issues", ["issued_on"])
    op.create_table(
        "print_layouts",
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_print_layouts"),
    )


def downgrade() -> None:
    raise RuntimeError("unionapp never downgrades; restore a backup instead")
