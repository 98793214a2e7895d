"""Blood-pressure readings, outcome scores and program decisions.

Revision ID: 2026_11_22_0002
Revises: 2026_11_22_0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "2026_11_22_0002"
down_revision = "2026_11_22_0001"
branch_labels = None
depends_on = None


def _person() -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(
        "person_id", sa.Integer(), sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False
    )


def upgrade() -> None:
    op.create_table(
        "bp_readings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        _person(),
        sa.Column("measured_at", sa.DateTime(), nullable=False),
        sa.Column("systolic", sa.Integer(), nullable=False),
        sa.Column("diastolic", sa.Integer(), nullable=False),
        sa.Column("pulse", sa.Integer(), nullable=True),
    )
    op.create_index("ix_bp_readings_person_id", "bp_readings", ["person_id"])
    op.create_index("ix_bp_readings_measured_at", "bp_readings", ["measured_at"])
    op.create_table(
        "outcome_scores",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        _person(),
        sa.Column("measure", sa.String(40), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_outcome_scores_person_id", "outcome_scores", ["person_id"])
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer(), primary_key=True),
        _person(),
        sa.Column(
            "from_plan_version_id", sa.Integer(), sa.ForeignKey("plan_versions.id"), nullable=False
        ),
        sa.Column(
            "to_plan_version_id", sa.Integer(), sa.ForeignKey("plan_versions.id"), nullable=False
        ),
        sa.Column("exercise", sa.String(80), nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_decisions_person_id", "decisions", ["person_id"])


def downgrade() -> None:
    for table in ("decisions", "outcome_scores", "bp_readings"):
        op.drop_table(table)
