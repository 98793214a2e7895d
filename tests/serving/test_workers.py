"""`isohold serve --workers 3`: several processes share the port and the database, and the
set writer's group commit (one per process) stays exactly-once across them, on SQLite and on
PostgreSQL, with replays of the same set arriving at two workers at once. The load is
bench/clinic_load.py's at a small scale: it counts, it does not time."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from isohold.services.settings import Settings
from tests.serving import load
from tests.serving.server import serving
from tests.support.commands import Run

PATIENTS = 20
CLINICIANS = 2
LOAD_S = 3.0


def workers_of(pid: int) -> list[int]:
    """Living processes whose parent is `pid` and that run a uvicorn worker."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z" and b"spawn_main" in cmdline:
            found.append(int(stat.parent.name))
    return found


def test_three_workers_store_every_acknowledged_set_exactly_once(
    tmp_path: Path, db_url: str
) -> None:
    with serving(db_url, "--no-token", home=tmp_path, workers=3) as served:
        assert "3 worker processes" in served.banner
        assert len(workers_of(served.pid)) == 3
        asyncio.run(load.onboard(served.port, served.host, load.Actor()))
        patients = [load.Actor() for _ in range(PATIENTS)]
        clinicians = [load.Actor(dashboards=load.DASHBOARDS) for _ in range(CLINICIANS)]
        outcome = asyncio.run(load.run(served.port, served.host, patients, clinicians, LOAD_S))
    stored = load.stored_sets(db_url)
    assert outcome.failures == {}
    assert outcome.unacknowledged == set()
    assert load.exactly_once(outcome, stored) == []
    assert set(stored) == set(outcome.acks)
    replayed = [flags for flags in outcome.acks.values() if len(flags) == 2]
    assert replayed and all(sorted(f) == [False, True] for f in replayed)
    assert len(outcome.latencies["dashboard"]) > 0


def test_each_worker_rebuilds_the_same_settings_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    given = Settings(db_url=f"sqlite:///{tmp_path / 'w.db'}", port=8123, workers=3,
                     tz="Europe/London", max_body_bytes=4096)  # fmt: skip
    for name, value in given.environment().items():
        monkeypatch.setenv(name, value)
    assert Settings.load() == given


def test_several_workers_with_the_personal_access_link_are_refused(isohold: Run) -> None:
    out = isohold("serve", "--workers", "2", "--token", "--db", "sqlite:///w.db")
    assert out.returncode == 2, out.stderr
    assert "--workers" in out.stderr and "--no-token" in out.stderr
    assert "Traceback" not in out.stderr


def test_the_port_workers_and_database_may_come_from_the_environment(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'env.db'}"
    with serving(url, "--no-token", home=tmp_path, workers=2, env={}) as served:
        assert f"127.0.0.1:{served.port}/" in served.banner
        assert "2 worker processes" in served.banner and str(tmp_path / "env.db") in served.banner
        assert len(workers_of(served.pid)) == 2
