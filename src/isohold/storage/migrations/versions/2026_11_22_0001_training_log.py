"""Training log: people, profile and plan versions, sessions, sets, reports, check-ins.

Revision ID: 2026_11_22_0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "2026_11_22_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "profile_versions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "person_id",
            sa.Integer(),
            sa.ForeignKey("people.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.UniqueConstraint("person_id", "version"),
    )
    op.create_index("ix_profile_versions_person_id", "profile_versions", ["person_id"])
    op.create_table(
        "plan_versions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "person_id",
            sa.Integer(),
            sa.ForeignKey("people.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "profile_version_id", sa.Integer(), sa.ForeignKey("profile_versions.id"), nullable=True
        ),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.String(40), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.UniqueConstraint("person_id", "version"),
    )
    op.create_index("ix_plan_versions_person_id", "plan_versions", ["person_id"])
    op.create_table(
        "plan_blocks",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "plan_version_id",
            sa.Integer(),
            sa.ForeignKey("plan_versions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("exercise", sa.String(80), nullable=False),
        sa.Column("protocol", sa.String(80), nullable=False),
        sa.Column("sets", sa.Integer(), nullable=False),
        sa.Column("reps", sa.Integer(), nullable=False),
        sa.Column("hold_s", sa.Float(), nullable=False),
        sa.Column("rest_between_reps_s", sa.Float(), nullable=False),
        sa.Column("rest_s", sa.Float(), nullable=False),
        sa.Column("side", sa.String(10), nullable=False),
        sa.Column("intensity_kind", sa.String(20), nullable=False),
        sa.Column("intensity_value", sa.Float(), nullable=True),
        sa.Column("intent", sa.String(20), nullable=False),
        sa.Column("joint_angle_deg", sa.Float(), nullable=True),
        sa.Column("muscle_length", sa.String(10), nullable=True),
        sa.Column("evidence", sa.String(20), nullable=False),
        sa.UniqueConstraint("plan_version_id", "position"),
    )
    op.create_index("ix_plan_blocks_plan_version_id", "plan_blocks", ["plan_version_id"])
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column(
            "person_id",
            sa.Integer(),
            sa.ForeignKey("people.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "plan_version_id", sa.Integer(), sa.ForeignKey("plan_versions.id"), nullable=False
        ),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
    )
    op.create_index("ix_sessions_person_id", "sessions", ["person_id"])
    op.create_index("ix_sessions_day", "sessions", ["day"])
    op.create_table(
        "sets",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column(
            "session_id",
            sa.Integer(),
            sa.ForeignKey("sessions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("exercise", sa.String(80), nullable=False),
        sa.Column("set_number", sa.Integer(), nullable=False),
        sa.Column("side", sa.String(10), nullable=False),
        sa.Column("planned_reps", sa.Integer(), nullable=False),
        sa.Column("reps_done", sa.Integer(), nullable=False),
        sa.Column("planned_hold_s", sa.Float(), nullable=False),
        sa.Column("hold_s", sa.Float(), nullable=False),
        sa.Column("intensity_kind", sa.String(20), nullable=False),
        sa.Column("intensity_value", sa.Float(), nullable=True),
        sa.Column("load_value", sa.Float(), nullable=True),
        sa.Column("effort", sa.Integer(), nullable=True),
        sa.Column("pain_during", sa.Integer(), nullable=True),
        sa.Column("completed_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_sets_session_id", "sets", ["session_id"])
    op.create_table(
        "exercise_reports",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column(
            "session_id",
            sa.Integer(),
            sa.ForeignKey("sessions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("exercise", sa.String(80), nullable=False),
        sa.Column("pain_during", sa.Integer(), nullable=False),
        sa.Column("effort", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_exercise_reports_session_id", "exercise_reports", ["session_id"])
    op.create_table(
        "checkins",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column(
            "person_id",
            sa.Integer(),
            sa.ForeignKey("people.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("pain", sa.Integer(), nullable=False),
        sa.Column("stiffness", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_checkins_person_id", "checkins", ["person_id"])
    op.create_index("ix_checkins_day", "checkins", ["day"])


def downgrade() -> None:
    for table in (
        "checkins",
        "exercise_reports",
        "sets",
        "sessions",
        "plan_blocks",
        "plan_versions",
        "profile_versions",
        "people",
    ):
        op.drop_table(table)
