"""A training history written through the services with a clock that moves day by day, for
the report and export tests and for bench/report.py: morning check-ins, sessions with every
set and a pain report, blood-pressure readings, a weekly MVC test with its raw recording, desk
breaks, one session a stop rule ended, and the weekly reviews (with their decisions)."""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta

import numpy as np

from isohold.catalogue import load_catalogue
from isohold.domain.errors import NotFoundError
from isohold.domain.ids import new_uuid
from isohold.force.signal import make_recording
from isohold.services import checkins, force, progress, sessions
from isohold.services.context import Context, require_person
from isohold.services.onboarding import onboard
from isohold.storage import desk, plans
from isohold.storage.database import open_database
from tests.support.profiles import profile_dict

PROFILE = profile_dict(
    age=52, conditions=["low_back_pain", "hypertension", "desk_worker"], side="left",
    goals=["pain_relief", "blood_pressure", "desk_breaks"], irritability="low", pain_now=5,
    resting_bp={"systolic": 142, "diastolic": 88}, bp_medicated=True,
    equipment=["mat", "wall", "chair", "handgrip_dynamometer", "force_sensor"],
)  # fmt: skip
START = datetime(2024, 11, 4, 7, 0)  # a Monday
TRAINING_DAYS = (0, 2, 4)  # Monday, Wednesday, Friday
STOPPED_DAY = 9  # the session of this day is ended by a stop rule


class Clock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


def _pulls(peak_n: float) -> tuple[list[float], object]:
    """Three 3-s pulls to `peak_n` with rests, at 80 Hz (a Progressor's rate)."""
    t = np.arange(0.0, 24.0, 1 / 80)
    f = np.full_like(t, 2.0)
    for k in range(3):
        onset = 2.0 + 7.0 * k
        rise = np.clip((t - onset) / 0.35, 0, 1)
        on = (t >= onset) & (t < onset + 3.5)
        f = np.where(on, 2.0 + (peak_n * (1 - 0.02 * k)) * rise, f)
    efforts = [peak_n * (1 - 0.02 * k) for k in range(3)]
    return efforts, make_recording(t, f, "N")


def seed_history(db_url: str, days: int, start: datetime = START) -> Context:
    """`days` days of history from `start`; returns the context (the clock at the last day's
    evening). The caller closes it."""
    clock = Clock(start)
    ctx = Context(db=open_database(db_url), catalogue=load_catalogue(), now=clock)
    onboard(ctx, PROFILE)
    for day in range(days):
        clock.at = start + timedelta(days=day)
        checkins.checkin(ctx, pain=max(5 - day // 10, 1) + (day % 3 == 0), stiffness=2)
        weekday = day % 7
        if weekday == 6:
            clock.at += timedelta(hours=12)
            with contextlib.suppress(NotFoundError):
                progress.weekly_review(ctx)
            continue
        if weekday < 5:
            _desk_breaks(ctx, clock.at, day)
        if weekday not in TRAINING_DAYS:
            continue
        clock.at += timedelta(hours=10)
        checkins.record_bp(ctx, checkins.parse_bp(f"{146 - day // 9 % 12}/{90 - day // 14 % 8}"),
                           pulse=64 + day % 5)  # fmt: skip
        if weekday == 0:
            efforts, recording = _pulls(300 + day * 0.8)
            force.save_mvc(ctx, efforts, "handgrip-isometric", recording)  # type: ignore[arg-type]
        _session(ctx, clock, day)
    clock.at = start + timedelta(days=days - 1, hours=14)
    return ctx


def _session(ctx: Context, clock: Clock, day: int) -> None:
    try:
        state = sessions.start(ctx)
    except NotFoundError:  # the reviews have used the program up: a new one, as after a visit
        onboard(ctx, PROFILE, replace=True)
        state = sessions.start(ctx)
    assert state.plan.program is not None
    for block in state.plan.program.blocks:
        if block.exercise in {x.exercise for x in state.left_out}:
            continue
        sides = ("left", "right") if block.side == "each" else (block.side,)
        for number in range(1, block.sets + 1):
            for side in sides:
                clock.at += timedelta(seconds=block.hold_s * block.reps + block.rest_s)
                sessions.record_set(ctx, state.uuid, sessions.SetDone(
                    block.exercise, number, side, block.reps, block.hold_s, uuid=new_uuid(),
                    pain_during=2 + day % 2,
                ))  # fmt: skip
        sessions.report_exercise(ctx, state.uuid, block.exercise, 2 + day % 2, 5)
    if day == STOPPED_DAY:
        sessions.finish(ctx, state.uuid, "stopped", "Dizziness during a hold: stop and rest.")
    else:
        sessions.finish(ctx, state.uuid, "complete")


def _desk_breaks(ctx: Context, morning: datetime, day: int) -> None:
    with ctx.db.transaction() as s:
        person = require_person(s)
        version = plans.current_plan(s, person)
        assert version is not None
        for k, outcome in enumerate(("done", "done", "skipped", "snoozed")):
            at = morning + timedelta(hours=2 + k)
            desk.add_break(
                s, person, new_uuid(), plan_version_id=version.id, due_at=at, recorded_at=at,
                recorded_utc=at, outcome=outcome, holds=[{"exercise": "chin-tuck", "hold_s": 30}],
                pain=(1 + day % 2) if outcome == "done" else None,
            )  # fmt: skip
