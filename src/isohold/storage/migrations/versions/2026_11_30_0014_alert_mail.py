"""Alert e-mails: which clinicians asked to be e-mailed when a patient has a new alert, and
which alerts each has been e-mailed about (so that no alert is mailed twice, whichever process
sends).

Only new tables (clinic data, empty in a personal database).

Revision ID: 2026_11_30_0014
Revises: 2026_11_30_0013
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "2026_11_30_0014"
down_revision = "2026_11_30_0013"
branch_labels = None
depends_on = None


def _account(name: str) -> sa.Column[int]:
    return sa.Column(name, sa.Integer(), sa.ForeignKey("accounts.id", ondelete="CASCADE"),
                     nullable=False)  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "alert_mail_opt_ins",
        sa.Column("clinician_id", sa.Integer(), sa.ForeignKey("accounts.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("at", sa.DateTime(), nullable=False),
    )  # fmt: skip
    op.create_table(
        "alert_mails",
        sa.Column("id", sa.Integer(), primary_key=True),
        _account("clinician_id"),
        _account("patient_id"),
        sa.Column("alert_key", sa.String(120), nullable=False),
        sa.Column("claim", sa.String(32), nullable=False),
        sa.Column("claimed_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.UniqueConstraint("clinician_id", "patient_id", "alert_key"),
    )
    op.create_index("ix_alert_mails_claim", "alert_mails", ["claim"])


def downgrade() -> None:
    op.drop_table("alert_mails")
    op.drop_table("alert_mail_opt_ins")
