"""Schema 7: a voucher issued from the queue keeps its place, points and the queue's length.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMNs (nullable): never a table rebuild under the other tables' foreign keys;
    # vouchers issued before this schema keep NULL (their place was not recorded)
    for name in ("queue_place", "queue_points", "queue_size"):
        op.add_column("vouchers", sa.Column(name, sa.Integer(), nullable=True))


def downgrade() -> None:
    raise RuntimeError("unionapp never downgrades; restore a backup instead")
