"""The clerk's day: period events (lock, unlock, excuse, return) and figures typed by hand.

Revision ID: 0002_clerk (after 0002, intake receipts)
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_clerk"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "period_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("plan_id", sa.Integer, nullable=False),
        sa.Column("period", sa.String(40), nullable=False),
        sa.Column("unit", sa.String(100)),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("person", sa.Text, nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_period_events"),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name="fk_period_events_plan_id_plans", ondelete="CASCADE"
        ),
        sa.CheckConstraint(
            "action IN ('lock', 'unlock', 'excuse', 'unexcuse', 'return')",
            name="ck_period_events_action",
        ),
    )
    op.create_index("ix_period_events_plan_period", "period_events", ["plan_id", "period"])
    with op.batch_alter_table("records") as batch:
        batch.add_column(sa.Column("entered_by", sa.Text))
        batch.add_column(sa.Column("undoes", sa.Integer))


def downgrade() -> None:
    with op.batch_alter_table("records") as batch:
        batch.drop_column("undoes")
        batch.drop_column("entered_by")
    op.drop_index("ix_period_events_plan_period", "period_events")
    op.drop_table("period_events")
