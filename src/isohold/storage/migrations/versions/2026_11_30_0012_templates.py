"""Program templates: a clinician's named set of blocks, saved from one patient's plan and
applied to another's.

Only a new table (clinic data, empty in a personal database; personal backups leave it out).

Revision ID: 2026_11_30_0012
Revises: 2026_11_30_0011
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "2026_11_30_0012"
down_revision = "2026_11_30_0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "program_templates",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "owner_id",
            sa.Integer(),
            sa.ForeignKey("accounts.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("blocks", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("owner_id", "name"),
    )
    op.create_index("ix_program_templates_owner_id", "program_templates", ["owner_id"])


def downgrade() -> None:
    op.drop_index("ix_program_templates_owner_id", table_name="program_templates")
    op.drop_table("program_templates")
