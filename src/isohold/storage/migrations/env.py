"""Alembic environment: runs on the connection isohold hands over (see storage/migrate.py)."""

from __future__ import annotations

from alembic import context

from isohold.storage.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things in place
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
