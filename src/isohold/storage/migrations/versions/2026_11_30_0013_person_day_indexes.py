"""Check-ins and sessions indexed by person and day together: the reads of one person's days
(today's view, a clinician's alerts for many patients at once) find those rows directly, where
an index on the person alone read every day of their history (a clinician's list of 500
patients with a year each, alerts computed afresh: 270 -> 200 ms).

Revision ID: 2026_11_30_0013
Revises: 2026_11_30_0012
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

revision = "2026_11_30_0013"
down_revision = "2026_11_30_0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_checkins_person_day", "checkins", ["person_id", "day"])
    op.create_index("ix_sessions_person_day", "sessions", ["person_id", "day"])


def downgrade() -> None:
    op.drop_index("ix_sessions_person_day", table_name="sessions")
    op.drop_index("ix_checkins_person_day", table_name="checkins")
