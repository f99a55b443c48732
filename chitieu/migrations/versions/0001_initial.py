"""Initial tables: plans, units, indicators, submissions, records.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("number", sa.String(100), nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("issuer", sa.Text, nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("loaded_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_plans"),
        sa.UniqueConstraint("number", "date", name="uq_plans_number_date"),
    )
    for table in ("units", "indicators"):
        extra = (
            [sa.Column("kind", sa.String(100), nullable=False), sa.Column("parent", sa.String(100))]
            if table == "units"
            else [
                sa.Column("measure", sa.String(100)),
                sa.Column("kind", sa.String(20), nullable=False),
            ]
        )
        op.create_table(
            table,
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("plan_id", sa.Integer, nullable=False),
            sa.Column("code", sa.String(100), nullable=False),
            sa.Column("name", sa.Text, nullable=False),
            *extra,
            sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
            sa.ForeignKeyConstraint(
                ["plan_id"], ["plans.id"], name=f"fk_{table}_plan_id_plans", ondelete="CASCADE"
            ),
            sa.UniqueConstraint("plan_id", "code", name=f"uq_{table}_plan_code"),
        )
    op.create_table(
        "submissions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("plan_id", sa.Integer, nullable=False),
        sa.Column("file_name", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("received_at", sa.DateTime, nullable=False),
        sa.Column("unit", sa.String(100)),
        sa.Column("period", sa.String(40)),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("archive_path", sa.Text),
        sa.Column("kind", sa.String(20)),
        sa.Column("problems", sa.JSON),
        sa.Column("superseded_by", sa.Integer),
        sa.Column("stored_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_submissions"),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name="fk_submissions_plan_id_plans", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["superseded_by"], ["submissions.id"], name="fk_submissions_superseded_by_submissions"
        ),
        sa.UniqueConstraint("plan_id", "sha256", name="uq_submissions_plan_sha256"),
        sa.CheckConstraint("status IN ('accepted', 'quarantined')", name="ck_submissions_status"),
        sa.CheckConstraint("size >= 0", name="ck_submissions_size"),
    )
    op.create_table(
        "records",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("plan_id", sa.Integer, nullable=False),
        sa.Column("unit", sa.String(100), nullable=False),
        sa.Column("indicator", sa.String(100), nullable=False),
        sa.Column("period", sa.String(40), nullable=False),
        sa.Column("value", sa.Numeric(18, 4, asdecimal=False)),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("needs_review", sa.Boolean, nullable=False),
        sa.Column("page", sa.Integer),
        sa.Column("cell", sa.String(40)),
        sa.Column("bbox", sa.JSON),
        sa.Column("sheet", sa.Text),
        sa.Column("table_index", sa.Integer),
        sa.Column("note", sa.Text),
        sa.Column("submission_id", sa.Integer),
        sa.Column("superseded_by", sa.Integer),
        sa.Column("corrects", sa.Integer),
        sa.Column("reviewer", sa.Text),
        sa.Column("reviewed_at", sa.DateTime),
        sa.Column("review_action", sa.String(20)),
        sa.Column("stored_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_records"),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name="fk_records_plan_id_plans", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"], ["submissions.id"], name="fk_records_submission_id_submissions"
        ),
        sa.ForeignKeyConstraint(
            ["superseded_by"], ["submissions.id"], name="fk_records_superseded_by_submissions"
        ),
        sa.ForeignKeyConstraint(["corrects"], ["records.id"], name="fk_records_corrects_records"),
        sa.CheckConstraint("role IN ('target', 'result')", name="ck_records_role"),
        sa.CheckConstraint("value IS NULL OR value >= 0", name="ck_records_value_not_negative"),
        sa.CheckConstraint(
            "confidence >= 0 AND confidence <= 1", name="ck_records_confidence_range"
        ),
        sa.CheckConstraint(
            "review_action IS NULL OR review_action IN ('confirmed', 'corrected')",
            name="ck_records_review_action",
        ),
    )
    op.create_index("ix_records_plan_unit_period", "records", ["plan_id", "unit", "period"])
    op.create_index("ix_records_submission", "records", ["submission_id"])
    op.create_index("ix_records_corrects", "records", ["corrects"])


def downgrade() -> None:
    op.drop_table("records")
    op.drop_table("submissions")
    op.drop_table("indicators")
    op.drop_table("units")
    op.drop_table("plans")
