"""A six-week history seeded once per module (the services take a few seconds to write it)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from isohold.services.context import Context
from tests.reports.seed import seed_history

HISTORY_DAYS = 42


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Context]:
    folder = tmp_path_factory.mktemp("history")
    ctx = seed_history(f"sqlite:///{folder / 'isohold.db'}", HISTORY_DAYS)
    yield ctx
    ctx.close()
