"""Raw force recordings from a sensor (MVC tests and %MVC holds), packed and compressed.

Revision ID: 2026_11_22_0004
Revises: 2026_11_22_0003
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "2026_11_22_0004"
down_revision = "2026_11_22_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "force_recordings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column(
            "person_id",
            sa.Integer(),
            sa.ForeignKey("people.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "session_id",
            sa.Integer(),
            sa.ForeignKey("sessions.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("sample_rate_hz", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(4), nullable=False),
        sa.Column("sample_count", sa.Integer(), nullable=False),
        sa.Column("encoding", sa.String(20), nullable=False),
        sa.Column("samples", sa.LargeBinary(), nullable=False),
        sa.Column("metrics", sa.JSON(), nullable=False),
    )
    op.create_index("ix_force_recordings_person_id", "force_recordings", ["person_id"])
    op.create_index("ix_force_recordings_recorded_at", "force_recordings", ["recorded_at"])


def downgrade() -> None:
    op.drop_table("force_recordings")
