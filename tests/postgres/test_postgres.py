"""The same use cases on PostgreSQL as on SQLite: migrations, the training log, statistics
(their dialect-specific SQL), the weekly review, desk breaks, force recordings (binary data)
and a backup restored into another PostgreSQL database (sequences moved past the rows)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from isohold.catalogue import load_catalogue
from isohold.domain.ids import new_uuid
from isohold.domain.schedule import sides
from isohold.force.signal import make_recording
from isohold.services import backup, checkins, desk_breaks, sessions
from isohold.services.context import Context
from isohold.services.force import save_mvc
from isohold.services.force_trends import mvc_trend
from isohold.services.onboarding import onboard
from isohold.services.progress import weekly_review
from isohold.services.stats import stats
from isohold.storage.database import open_database
from tests.support.clocks import FakeClock
from tests.support.postgres import admin_connection
from tests.support.profiles import profile_dict

DESK = profile_dict(conditions=["neck_pain", "desk_worker"], goals=["pain_relief", "desk_breaks"],
                    equipment=["resistance_band", "wall", "chair"])  # fmt: skip


@pytest.fixture
def pg(pg_url: str) -> Iterator[Context]:
    clock = FakeClock(datetime(2026, 11, 2, 8, 0))
    ctx = Context(db=open_database(pg_url), catalogue=load_catalogue(), now=clock)
    yield ctx
    ctx.close()


def test_a_week_of_training_and_breaks_on_postgresql(pg: Context, pg_url: str) -> None:
    clock: FakeClock = pg.now  # type: ignore[assignment]
    onboard(pg, DESK)
    for day in range(5):
        clock.at = datetime(2026, 11, 2 + day, 18, 0)
        state = sessions.start(pg)
        assert state.plan.program is not None
        for block in state.plan.program.blocks:
            for number in range(1, block.sets + 1):
                for side in sides(block):
                    sessions.record_set(pg, state.uuid, sessions.SetDone(
                        block.exercise, number, side, block.reps, block.hold_s,
                        uuid=new_uuid()))  # fmt: skip
            sessions.report_exercise(pg, state.uuid, block.exercise, 1, 4)
        sessions.finish(pg, state.uuid, "complete")
        checkins.checkin(pg, 2, 2)
        at = datetime(2026, 11, 2 + day, 10, 30, tzinfo=UTC)
        done = desk_breaks.BreakDone(new_uuid(), "done", at, ("scapular-retraction-hold",), 1)
        assert desk_breaks.record(pg, done, at) is True
        assert desk_breaks.record(pg, done, at) is False  # a replay is stored once
    result = stats(pg)
    assert result.adherence_pct > 0 and result.doses
    weeks = desk_breaks.adherence(pg, datetime(2026, 11, 6).date(), weeks=1)
    assert (weeks[-1].done, weeks[-1].worst_pain) == (5, 1)
    st = desk_breaks.status(pg, datetime(2026, 11, 6, 10, 31, tzinfo=UTC))
    assert st.holds and st.next_at is not None
    t = np.arange(0, 6, 0.0125)
    save_mvc(pg, [300.0], recording=make_recording(t, np.where((t > 2) & (t < 4), 300.0, 1.0)))
    (point,) = mvc_trend(pg)
    assert point.mvc_n == 300.0 and point.peak_rfd is not None
    clock.at = datetime(2026, 11, 8, 20, 0)  # Sunday: a week on the plan
    review = weekly_review(pg)
    assert review.to_version == 2 and review.review.decisions

    # a lossless backup into another PostgreSQL database, which then takes new rows
    first = backup.export(pg)
    other_name = "isohold_restore_" + new_uuid().replace("-", "")[:12]
    admin = admin_connection()
    admin.execute(f'CREATE DATABASE "{other_name}"')  # type: ignore[attr-defined]
    try:
        url = pg_url.rsplit("/", 1)[0] + "/" + other_name
        other = Context(db=open_database(url), catalogue=load_catalogue(), now=clock)
        backup.restore(other, json.loads(json.dumps(first)))
        assert backup.export(other)["tables"] == first["tables"]
        clock.at += timedelta(days=1)
        checkins.checkin(other, 1, 1)  # the id sequences moved past the restored rows
        other.close()
    finally:
        admin.execute(f'DROP DATABASE "{other_name}" WITH (FORCE)')  # type: ignore[attr-defined]
        admin.close()  # type: ignore[attr-defined]
