"""Persistence: SQLAlchemy 2 models, the database opener, repositories and Alembic migrations."""
