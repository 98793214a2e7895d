"""The `isohold` fixture: the real command in a subprocess (tests/support/commands.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.commands import Run, runner


@pytest.fixture
def isohold(tmp_path: Path) -> Run:
    return runner(tmp_path)
