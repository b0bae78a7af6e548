"""Schema 6: a version number on members, raised by every change (two PCs, one database).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN (SQLite allows it with a constant default): never a table rebuild,
    # which would drop and re-create ``members`` under the other tables' foreign keys
    op.add_column("members", sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    raise RuntimeError("unionapp never downgrades; restore a backup instead")
