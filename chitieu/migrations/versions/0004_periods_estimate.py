"""Records: `estimate`, a figure reported before its period's end ("ước thực hiện").

Revision ID: 0003_periods
Revises: 0002_clerk
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_periods"
down_revision = "0002_clerk"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("records") as batch:
        batch.add_column(
            sa.Column("estimate", sa.Boolean, nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("records") as batch:
        batch.drop_column("estimate")
