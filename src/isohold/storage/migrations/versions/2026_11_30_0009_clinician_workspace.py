"""A clinician's workspace: acknowledged alerts, plan edits with author and reason, each
patient's review mode and weekly reviews proposed for approval.

Only new tables (clinic data, empty in a personal database).

Revision ID: 2026_11_30_0009
Revises: 2026_11_30_0008
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "2026_11_30_0009"
down_revision = "2026_11_30_0008"
branch_labels = None
depends_on = None


def _account(name: str, nullable: bool = True, cascade: bool = False) -> sa.Column[int]:
    ondelete = "CASCADE" if cascade else "SET NULL"
    return sa.Column(name, sa.Integer(), sa.ForeignKey("accounts.id", ondelete=ondelete),
                     nullable=nullable)  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "alert_acks",
        sa.Column("id", sa.Integer(), primary_key=True),
        _account("patient_id", nullable=False, cascade=True),
        sa.Column("alert_key", sa.String(120), nullable=False),
        _account("by_id"),
        sa.Column("by_name", sa.String(200), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("patient_id", "alert_key"),
    )
    op.create_index("ix_alert_acks_patient_id", "alert_acks", ["patient_id"])
    op.create_table(
        "plan_edits",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("plan_version_id", sa.Integer(),
                  sa.ForeignKey("plan_versions.id", ondelete="CASCADE"), nullable=False,
                  unique=True),
        _account("author_id"),
        sa.Column("author_name", sa.String(200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
    )  # fmt: skip
    op.create_table(
        "review_modes",
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("people.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("mode", sa.String(10), nullable=False),
        _account("by_id"),
        sa.Column("at", sa.DateTime(), nullable=False),
    )  # fmt: skip
    op.create_table(
        "review_proposals",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("people.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("from_plan_version_id", sa.Integer(),
                  sa.ForeignKey("plan_versions.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("decisions", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        _account("decided_by_id"),
        sa.Column("decided_by_name", sa.String(200), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("to_plan_version_id", sa.Integer(),
                  sa.ForeignKey("plan_versions.id", ondelete="SET NULL"), nullable=True),
    )  # fmt: skip
    op.create_index("ix_review_proposals_person_id", "review_proposals", ["person_id"])


def downgrade() -> None:
    for table in ("review_proposals", "review_modes", "plan_edits", "alert_acks"):
        op.drop_table(table)
