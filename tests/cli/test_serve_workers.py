"""`isohold serve` without --workers: one process for each CPU, at most four, on a database
server without the access link; one on SQLite (one writer at a time) and while the link is on
(it lives in one process)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from isohold.services.settings import MAX_DEFAULT_WORKERS, default_workers
from tests.cli.test_serve import serving

SERVER = "postgresql+psycopg://isohold@localhost/isohold"


@pytest.mark.parametrize(("cpus", "token", "db", "workers"),
                         [(1, False, SERVER, 1), (2, False, SERVER, 2),
                          (16, False, SERVER, MAX_DEFAULT_WORKERS), (16, True, SERVER, 1),
                          (None, False, SERVER, 1), (16, False, None, 1),
                          (16, False, "sqlite:///isohold.db", 1)])  # fmt: skip
def test_the_default_follows_the_machine_the_database_and_the_access_link(
    cpus: int | None, token: bool, db: str | None, workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    if cpus is None:  # the platform cannot tell
        monkeypatch.setattr(os, "cpu_count", lambda: None)
    assert default_workers(token, db, cpus) == workers


def test_serve_starts_the_default_number_of_workers(tmp_path: Path) -> None:
    expected = default_workers(False, None)
    with serving(tmp_path, "--no-token") as (proc, first, _port):
        assert proc.stdout is not None
        rest = [proc.stdout.readline() for _ in range(2 if expected > 1 else 1)]
    assert "running at" in first and rest[0].startswith("Your data:")
    if expected > 1:
        assert rest[1].strip() == f"{expected} worker processes"
