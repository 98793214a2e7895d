"""Blood-pressure readings keep where they came from: the cuff that measured them (or none when
typed in), the position they were taken in and what the cuff reported about the measurement.

Adding nullable columns needs no table rebuild on SQLite (`ALTER TABLE ... ADD COLUMN`), so
the table's triggers stay; `render_as_batch` keeps the migration portable.

Revision ID: 2026_11_30_0006
Revises: 2026_11_30_0005
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "2026_11_30_0006"
down_revision = "2026_11_30_0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("bp_readings", recreate="never") as batch:
        batch.add_column(sa.Column("device", sa.String(80), nullable=True))
        batch.add_column(sa.Column("position", sa.String(10), nullable=True))
        batch.add_column(sa.Column("flags", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("bp_readings") as batch:
        batch.drop_column("flags")
        batch.drop_column("position")
        batch.drop_column("device")
