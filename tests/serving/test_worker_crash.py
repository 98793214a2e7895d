"""A worker killed in the middle of the load (kill -9, as the kernel's OOM killer would): its
connections break, the phones resend what was not answered, uvicorn starts a new worker, and
every acknowledged set is still in the database exactly once (SQLite: the killed process's
open transaction is rolled back and its lock freed)."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from pathlib import Path

from tests.serving import load
from tests.serving.server import serving
from tests.serving.test_workers import workers_of

PATIENTS = 16
LOAD_S = 2.0
#: sets acknowledged before the kill: the load is in full swing
ACKED_FIRST = 30
#: a safety net for the replacement worker; the wait ends when it is there
REPLACED_S = 60


def test_a_killed_worker_loses_no_acknowledged_set(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'crash.db'}"
    killed: list[int] = []
    with serving(url, "--no-token", home=tmp_path, workers=3) as served:
        asyncio.run(load.onboard(served.port, served.host, load.Actor()))

        async def kill_one(outcome: load.Outcome) -> None:
            while len(outcome.acks) < ACKED_FIRST:
                await asyncio.sleep(0.01)
            victim = workers_of(served.pid)[0]
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)

        patients = [load.Actor() for _ in range(PATIENTS)]
        outcome = asyncio.run(load.run(served.port, served.host, patients, [], LOAD_S, kill_one))
        deadline = time.monotonic() + REPLACED_S
        while len(workers_of(served.pid)) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        after = workers_of(served.pid)
    assert killed and killed[0] not in after and len(after) == 3
    # the killed worker's connections broke (never an error answer): those sets were resent
    assert set(outcome.failures) <= {"set error"}
    assert outcome.unacknowledged == set()
    stored = load.stored_sets(url)
    assert load.exactly_once(outcome, stored) == []
    assert len(outcome.acks) > ACKED_FIRST
