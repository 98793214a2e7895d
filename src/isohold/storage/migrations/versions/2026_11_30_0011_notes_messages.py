"""Clinic mode: a clinician's notes about a patient (append-only: a correction is a new note
naming the one it corrects) and the messages between a patient and their clinicians, with how
far each reader has read.

Only new tables (clinic data, empty in a personal database).

Revision ID: 2026_11_30_0011
Revises: 2026_11_30_0010
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "2026_11_30_0011"
down_revision = "2026_11_30_0010"
branch_labels = None
depends_on = None


def _account(name: str, nullable: bool = True, cascade: bool = False) -> sa.Column[int]:
    ondelete = "CASCADE" if cascade else "SET NULL"
    return sa.Column(name, sa.Integer(), sa.ForeignKey("accounts.id", ondelete=ondelete),
                     nullable=nullable)  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "clinical_notes",
        sa.Column("id", sa.Integer(), primary_key=True),
        _account("patient_id", nullable=False, cascade=True),
        _account("author_id"),
        sa.Column("author_name", sa.String(200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("corrects_id", sa.Integer(), sa.ForeignKey("clinical_notes.id"),
                  nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
    )  # fmt: skip
    op.create_index("ix_clinical_notes_patient_id", "clinical_notes", ["patient_id"])
    op.create_table(
        "messages",
        sa.Column("id", sa.Integer(), primary_key=True),
        _account("patient_id", nullable=False, cascade=True),
        _account("sender_id"),
        sa.Column("sender_name", sa.String(200), nullable=False),
        sa.Column("sender_role", sa.String(12), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_messages_patient_id", "messages", ["patient_id"])
    op.create_table(
        "message_reads",
        _account("patient_id", nullable=False, cascade=True),
        _account("reader_id", nullable=False, cascade=True),
        sa.Column("last_read_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("patient_id", "reader_id"),
    )


def downgrade() -> None:
    for table in ("message_reads", "messages", "clinical_notes"):
        op.drop_table(table)
