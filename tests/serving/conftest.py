"""The serving tests run each server on SQLite and on the machine's PostgreSQL; the `isohold`
command runner of the CLI tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import isohold as _isohold
from tests.postgres.conftest import pg_url as _pg_url

isohold = _isohold
pg_url = _pg_url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new, empty database of each kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'clinic.db'}"
    else:
        yield request.getfixturevalue("pg_url")
