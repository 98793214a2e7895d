"""The serving tests run each server on SQLite and on the machine's PostgreSQL; the `isohold`
command runner of the CLI tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.commands import Run, runner
from tests.support.postgres import fresh_database


@pytest.fixture
def isohold(tmp_path: Path) -> Run:
    return runner(tmp_path)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new, empty database of each kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'clinic.db'}"
    else:
        with fresh_database() as url:
            yield url
