"""Intake hardening: when the inbox first saw each file, the file's own time kept apart,
and quarantined files remembered so that a scheduled run does not read them again.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sightings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("plan_id", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("first_seen_at", sa.DateTime, nullable=False),
        sa.Column("file_name", sa.Text, nullable=False),
        sa.Column("file_mtime", sa.DateTime),
        sa.PrimaryKeyConstraint("id", name="pk_sightings"),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name="fk_sightings_plan_id_plans", ondelete="CASCADE"
        ),
        sa.UniqueConstraint("plan_id", "sha256", name="uq_sightings_plan_sha256"),
    )
    with op.batch_alter_table("submissions") as batch:
        batch.add_column(sa.Column("file_mtime", sa.DateTime))
        batch.add_column(sa.Column("received_via", sa.String(20)))
        batch.add_column(sa.Column("unreadable", sa.Boolean))
        batch.add_column(sa.Column("read_with", sa.String(64)))


def downgrade() -> None:
    with op.batch_alter_table("submissions") as batch:
        batch.drop_column("read_with")
        batch.drop_column("unreadable")
        batch.drop_column("received_via")
        batch.drop_column("file_mtime")
    op.drop_table("sightings")
