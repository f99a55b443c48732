"""The tables of the record store (SQLAlchemy Core).

The Alembic revisions under `chitieu/migrations/versions/` create exactly these tables;
a change here needs a new revision there.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

plans = sa.Table(
    "plans",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("number", sa.String(100), nullable=False),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("issuer", sa.Text, nullable=False),
    sa.Column("fingerprint", sa.String(64), nullable=False),  # sha256 of the plan's content
    sa.Column("loaded_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("number", "date", name="uq_plans_number_date"),
)

units = sa.Table(
    "units",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("plan_id", sa.ForeignKey("plans.id", ondelete="CASCADE"), nullable=False),
    sa.Column("code", sa.String(100), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", sa.String(100), nullable=False),
    sa.Column("parent", sa.String(100)),
    sa.UniqueConstraint("plan_id", "code", name="uq_units_plan_code"),
)

indicators = sa.Table(
    "indicators",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("plan_id", sa.ForeignKey("plans.id", ondelete="CASCADE"), nullable=False),
    sa.Column("code", sa.String(100), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("measure", sa.String(100)),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.UniqueConstraint("plan_id", "code", name="uq_indicators_plan_code"),
)

submissions = sa.Table(
    "submissions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("plan_id", sa.ForeignKey("plans.id", ondelete="CASCADE"), nullable=False),
    sa.Column("file_name", sa.Text, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("received_at", sa.DateTime, nullable=False),  # naive local wall-clock time
    sa.Column("unit", sa.String(100)),  # NULL for a multi-unit document (an annex table)
    sa.Column("period", sa.String(40)),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("reason", sa.Text),
    sa.Column("archive_path", sa.Text),
    sa.Column("kind", sa.String(20)),
    sa.Column("problems", sa.JSON),
    sa.Column("superseded_by", sa.ForeignKey("submissions.id")),
    sa.Column("stored_at", sa.DateTime, nullable=False),
    # When the received time came from: "inbox" (first seen by intake) or "given"
    # (--received-at, or a .received file beside it); the file's own time is information only.
    sa.Column("file_mtime", sa.DateTime),
    sa.Column("received_via", sa.String(20)),
    # Quarantine memory: the file could not be read at all (corrupt, a bomb, over a
    # limit), and the plan fingerprint it was last read against. Not read again unless
    # the plan changed (and it was readable) or the clerk asks (--retry-quarantined).
    sa.Column("unreadable", sa.Boolean),
    sa.Column("read_with", sa.String(64)),
    sa.UniqueConstraint("plan_id", "sha256", name="uq_submissions_plan_sha256"),
    sa.CheckConstraint("status IN ('accepted', 'quarantined')", name="status"),
    sa.CheckConstraint("size >= 0", name="size"),
)

records = sa.Table(
    "records",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("plan_id", sa.ForeignKey("plans.id", ondelete="CASCADE"), nullable=False),
    sa.Column("unit", sa.String(100), nullable=False),
    sa.Column("indicator", sa.String(100), nullable=False),
    sa.Column("period", sa.String(40), nullable=False),
    sa.Column("value", sa.Numeric(18, 4, asdecimal=False)),
    sa.Column("role", sa.String(10), nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("needs_review", sa.Boolean, nullable=False),
    # reported before the period's end: an estimate ("ước thực hiện"), superseded by the
    # actual figure when it comes
    sa.Column("estimate", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("page", sa.Integer),
    sa.Column("cell", sa.String(40)),
    sa.Column("bbox", sa.JSON),
    sa.Column("sheet", sa.Text),
    sa.Column("table_index", sa.Integer),
    sa.Column("note", sa.Text),
    sa.Column("submission_id", sa.ForeignKey("submissions.id")),
    sa.Column("superseded_by", sa.ForeignKey("submissions.id")),
    # Review: a correction or confirmation is a new record pointing at the one it replaces.
    sa.Column("corrects", sa.ForeignKey("records.id")),
    sa.Column("reviewer", sa.Text),
    sa.Column("reviewed_at", sa.DateTime),
    sa.Column("review_action", sa.String(20)),
    sa.Column("stored_at", sa.DateTime, nullable=False),
    sa.Column("entered_by", sa.Text),  # a figure typed by hand (telephone, Zalo): who typed it
    sa.Column("undoes", sa.Integer),  # a review answer taken back: the answer it undoes
    sa.CheckConstraint("role IN ('target', 'result')", name="role"),
    sa.CheckConstraint("value IS NULL OR value >= 0", name="value_not_negative"),
    sa.CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence_range"),
    sa.CheckConstraint(
        "review_action IS NULL OR review_action IN ('confirmed', 'corrected')", name="review_action"
    ),
    sa.Index("ix_records_plan_unit_period", "plan_id", "unit", "period"),
    sa.Index("ix_records_submission", "submission_id"),
    sa.Index("ix_records_corrects", "corrects"),
)

# The first time intake saw each file (by content), before reading it: a file whose
# reading fails or is interrupted still counts from the moment it arrived.
sightings = sa.Table(
    "sightings",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("plan_id", sa.ForeignKey("plans.id", ondelete="CASCADE"), nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("first_seen_at", sa.DateTime, nullable=False),
    sa.Column("file_name", sa.Text, nullable=False),
    sa.Column("file_mtime", sa.DateTime),
    sa.UniqueConstraint("plan_id", "sha256", name="uq_sightings_plan_sha256"),
)

# The clerk's decisions about a period: lock / unlock (sign-off), excuse / unexcuse a unit,
# return a unit's report for correction. Never updated: the latest event decides.
period_events = sa.Table(
    "period_events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("plan_id", sa.ForeignKey("plans.id", ondelete="CASCADE"), nullable=False),
    sa.Column("period", sa.String(40), nullable=False),
    sa.Column("unit", sa.String(100)),
    sa.Column("action", sa.String(20), nullable=False),
    sa.Column("person", sa.Text, nullable=False),
    sa.Column("reason", sa.Text),
    sa.Column("at", sa.DateTime, nullable=False),
    sa.CheckConstraint(
        "action IN ('lock', 'unlock', 'excuse', 'unexcuse', 'return')", name="action"
    ),
    sa.Index("ix_period_events_plan_period", "plan_id", "period"),
)
