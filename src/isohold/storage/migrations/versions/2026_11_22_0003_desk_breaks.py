"""Desk micro-break settings and the record of each break.

Revision ID: 2026_11_22_0003
Revises: 2026_11_22_0002
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "2026_11_22_0003"
down_revision = "2026_11_22_0002"
branch_labels = None
depends_on = None


def _person(unique: bool = False) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(
        "person_id",
        sa.Integer(),
        sa.ForeignKey("people.id", ondelete="CASCADE"),
        nullable=False,
        unique=unique,
    )


def upgrade() -> None:
    op.create_table(
        "desk_settings",
        sa.Column("id", sa.Integer(), primary_key=True),
        _person(unique=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "desk_breaks",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        _person(),
        sa.Column(
            "plan_version_id", sa.Integer(), sa.ForeignKey("plan_versions.id"), nullable=True
        ),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_utc", sa.DateTime(), nullable=False),
        sa.Column("outcome", sa.String(10), nullable=False),
        sa.Column("holds", sa.JSON(), nullable=False),
        sa.Column("pain", sa.Integer(), nullable=True),
    )
    op.create_index("ix_desk_breaks_person_id", "desk_breaks", ["person_id"])
    op.create_index("ix_desk_breaks_recorded_at", "desk_breaks", ["recorded_at"])


def downgrade() -> None:
    for table in ("desk_breaks", "desk_settings"):
        op.drop_table(table)
