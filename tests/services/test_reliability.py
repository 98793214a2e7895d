"""Reliability: concurrent writers, kill -9 mid-write, and a lossless backup round trip."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
from sqlalchemy import func, select

from isohold.catalogue import load_catalogue
from isohold.domain.ids import new_uuid
from isohold.force.signal import make_recording
from isohold.services import backup, checkins, force_trends, sessions
from isohold.services.context import Context
from isohold.services.force import save_mvc
from isohold.services.onboarding import onboard
from isohold.storage.database import open_database
from isohold.storage.models import SetRecord
from tests.support.clocks import FakeClock
from tests.support.profiles import profile_dict

WRITER = textwrap.dedent(
    """
    import sys, uuid
    from isohold.services.context import open_context
    from isohold.services import sessions
    ctx = open_context(sys.argv[1])
    state = sessions.start(ctx, sys.argv[2], close_others=False)
    for n in range(int(sys.argv[3])):  # set numbers run 1-100 (the recording rule), then again
        sessions.record_set(ctx, state.uuid, sessions.SetDone(
            "bird-dog", n % 100 + 1, "left", 4, 10.0, uuid=str(uuid.uuid4())))
        print(n + 1, flush=True)
    """
)


def _writer(db_url: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, db_url, new_uuid(), str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _sets(ctx: Context) -> int:
    with ctx.db.transaction() as s:
        return int(s.scalar(select(func.count(SetRecord.id))) or 0)


def test_two_processes_writing_at_once_lose_nothing(ctx: Context, db_url: str) -> None:
    onboard(ctx, profile_dict())
    procs = [_writer(db_url, 150), _writer(db_url, 150)]
    for proc in procs:
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    assert _sets(ctx) == 300
    path = db_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_kill_9_keeps_every_committed_set(ctx: Context, db_url: str) -> None:
    onboard(ctx, profile_dict())
    proc = _writer(db_url, 100_000)
    assert proc.stdout is not None
    committed = 0
    while committed < 40:
        committed = int(proc.stdout.readline())
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)  # reaps the process and closes its pipes
    saved = _sets(ctx)
    assert saved >= committed  # every set reported as done is on disk
    (state,) = sessions.interrupted(ctx)
    assert state.status == "in_progress" and len(state.done) == saved


def test_export_then_import_reproduces_every_row(
    ctx: Context, clock: FakeClock, tmp_path: Path
) -> None:
    onboard(ctx, profile_dict(conditions=["low_back_pain", "hypertension"], equipment=["wall"]))
    checkins.checkin(ctx, 3, 2)
    checkins.record_bp(ctx, checkins.parse_bp("132/84"), pulse=70)
    state = sessions.start(ctx)
    sessions.record_set(ctx, state.uuid, sessions.SetDone("bird-dog", 1, "left", 4, 9.5,
                                                          uuid=new_uuid(), effort=4))  # fmt: skip
    sessions.report_exercise(ctx, state.uuid, "bird-dog", 2, 4)
    sessions.finish(ctx, state.uuid, "partial", note="phone rang")
    # a raw force recording (binary data) travels too
    t = np.arange(0, 6, 0.0125)
    save_mvc(ctx, [301.0], recording=make_recording(t, np.where((t > 2) & (t < 4), 300.0, 1.5)))
    first = backup.export(ctx)
    other = Context(
        db=open_database(f"sqlite:///{tmp_path / 'restored.db'}"),
        catalogue=load_catalogue(),
        now=clock,
    )
    rows = backup.restore(other, json.loads(json.dumps(first)))
    assert rows == sum(len(v) for v in first["tables"].values())
    assert backup.export(other)["tables"] == first["tables"]
    written = backup.export_csv(other, tmp_path / "csv")
    assert {p.stem for p in written} >= {"sets", "checkins", "bp_readings", "force_recordings"}
    (recording,) = force_trends.mvc_trend(other)
    assert recording.mvc_n == 301.0 and recording.peak_rfd is not None  # samples intact
    other.close()
