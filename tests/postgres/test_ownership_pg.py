"""Another program's PostgreSQL database is refused, named for what it is, and not changed."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, inspect, text

from isohold.domain.errors import StorageError
from isohold.storage.database import open_database


@pytest.mark.parametrize(
    ("statements", "reason"),
    [
        (["CREATE TABLE invoices (id integer PRIMARY KEY)"], "tables that are not isohold's"),
        (["CREATE TABLE alembic_version (version_num varchar(32) NOT NULL)",
          "INSERT INTO alembic_version VALUES ('3f2a9c1b7d4e')",
          "CREATE TABLE invoices (id integer PRIMARY KEY)"], "another program's Alembic database"),
    ],
)  # fmt: skip
def test_a_foreign_database_is_refused(pg_url: str, statements: list[str], reason: str) -> None:
    engine = create_engine(pg_url)
    with engine.begin() as conn:
        for sql in statements:
            conn.execute(text(sql))
    with pytest.raises(StorageError, match=reason) as refused:
        open_database(pg_url)
    assert "newer" not in str(refused.value)
    with engine.connect() as conn:
        assert "people" not in inspect(conn).get_table_names()
    engine.dispose()


def test_isoholds_own_database_opens_again(pg_url: str) -> None:
    open_database(pg_url).dispose()
    open_database(pg_url).dispose()
