"""A services context on a real SQLite file with a clock the test moves."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from isohold.catalogue import load_catalogue
from isohold.services.context import Context
from isohold.storage.database import open_database
from tests.support.clocks import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 2, 8, 0, 0))  # a Monday morning


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'isohold.db'}"


@pytest.fixture
def ctx(db_url: str, clock: FakeClock) -> Iterator[Context]:
    context = Context(db=open_database(db_url), catalogue=load_catalogue(), now=clock)
    yield context
    context.close()
