"""Benchmark: sets recorded per second into SQLite with full durability, and the time to
compute statistics over three years of daily data.

Prints figures; no pass/fail. Targets (issue #3): >= 2,000 sets/s on one core (each set its
own committed transaction, synchronous=FULL, WAL), statistics <= 50 ms.
"""

from __future__ import annotations

import statistics
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from isohold.catalogue import load_catalogue
from isohold.services import sessions
from isohold.services.context import Context
from isohold.services.onboarding import onboard
from isohold.services.stats import stats
from isohold.storage.database import open_database
from isohold.storage.models import CheckIn, ExerciseReport, SetRecord, TrainingSession

PROFILE = {
    "age": 40, "conditions": ["low_back_pain"], "goals": ["pain_relief"],
    "irritability": "moderate", "pain_now": 4, "red_flags": [], "equipment": ["none"],
}  # fmt: skip
SETS = 3_000
YEARS_DAYS = 3 * 365


def sets_per_second(folder: Path) -> None:
    ctx = Context(open_database(f"sqlite:///{folder / 'log.db'}"), load_catalogue())
    onboard(ctx, PROFILE)
    state = sessions.start(ctx)
    done = [
        sessions.SetDone("bird-dog", n + 1, "left", 4, 10.0, uuid=str(uuid.uuid4()))
        for n in range(SETS)
    ]
    start = time.perf_counter()
    for d in done:
        sessions.record_set(ctx, state.uuid, d)
    elapsed = time.perf_counter() - start
    replay = time.perf_counter()
    for d in done[:500]:
        sessions.record_set(ctx, state.uuid, d)  # idempotent replays
    replay_elapsed = time.perf_counter() - replay
    # the same database's floor: one bare single-row INSERT + COMMIT per call (fsync-bound)
    ceiling = time.perf_counter()
    for _ in range(SETS):
        with ctx.db.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO people (uuid, created_at) VALUES (?, '2026-01-01 00:00:00')",
                (str(uuid.uuid4()),),
            )
    floor = SETS / (time.perf_counter() - ceiling)
    rate = SETS / elapsed
    print(
        f"record a set (service call, own transaction, synchronous=FULL): {rate:,.0f} sets/s; "
        f"replayed UUIDs {500 / replay_elapsed:,.0f}/s; bare INSERT+COMMIT on the same file "
        f"{floor:,.0f}/s (ratio {rate / floor:.2f}); target >= 2,000/s"
    )
    ctx.close()


def stats_three_years(folder: Path) -> None:
    first = datetime(2023, 11, 1, 8, 0)
    ctx = Context(
        open_database(f"sqlite:///{folder / 'years.db'}"), load_catalogue(), lambda: first
    )
    onboard(ctx, PROFILE)
    with ctx.db.transaction() as s:
        person_id, plan_id = 1, 1
        trainings, sets, reports, checkins = [], [], [], []
        for day in range(YEARS_DAYS):
            when = first + timedelta(days=day)
            pain = max(0, 6 - day // 100)
            checkins.append(dict(uuid=str(uuid.uuid4()), person_id=person_id, day=when.date(),
                                 pain=pain, stiffness=2, created_at=when))  # fmt: skip
            trainings.append(dict(id=day + 1, uuid=str(uuid.uuid4()), person_id=person_id,
                                  plan_version_id=plan_id, day=when.date(), started_at=when,
                                  ended_at=when, status="complete"))  # fmt: skip
            for exercise in ("modified-curl-up", "side-plank", "bird-dog"):
                reports.append(dict(uuid=str(uuid.uuid4()), session_id=day + 1, exercise=exercise,
                                    pain_during=2, effort=5, created_at=when))  # fmt: skip
                for n in (1, 2):
                    for side in ("left", "right"):
                        sets.append(dict(uuid=str(uuid.uuid4()), session_id=day + 1,
                                         exercise=exercise, set_number=n, side=side,
                                         planned_reps=4, reps_done=4, planned_hold_s=10,
                                         hold_s=10 + day // 200, intensity_kind="bodyweight",
                                         intensity_value=None, completed_at=when))  # fmt: skip
        s.execute(insert(TrainingSession), trainings)
        s.execute(insert(SetRecord), sets)
        s.execute(insert(ExerciseReport), reports)
        s.execute(insert(CheckIn), checkins)
    ctx.now = lambda: first + timedelta(days=YEARS_DAYS)
    runs = []
    for _ in range(7):
        start = time.perf_counter()
        result = stats(ctx)
        runs.append(time.perf_counter() - start)
    print(
        f"statistics over {YEARS_DAYS} days ({len(sets):,} sets, {len(checkins):,} check-ins, "
        f"{len(result.weeks)} weeks): median {statistics.median(runs) * 1e3:.1f} ms, "
        f"best {min(runs) * 1e3:.1f} ms; target <= 50 ms"
    )
    ctx.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        sets_per_second(Path(tmp))
        stats_three_years(Path(tmp))


if __name__ == "__main__":
    main()
