"""Five weeks of someone's training written straight into a live server's database, so the
Progress page has every chart to draw: check-ins, sessions, blood pressure and MVC tests with
their recordings. The seeding clock starts in the past and stops at the real `now`."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

from isohold.catalogue import load_catalogue
from isohold.devices.progressor.simulated import repeated_pulls
from isohold.domain.ids import new_uuid
from isohold.force.signal import make_recording
from isohold.services import checkins, force, sessions
from isohold.services.context import Context
from isohold.services.onboarding import onboard
from isohold.storage.database import open_database
from tests.support.profiles import profile_dict

HYPERTENSION_BACK = profile_dict(
    age=55, conditions=["low_back_pain", "hypertension"], side="left",
    goals=["pain_relief", "blood_pressure"], irritability="low", pain_now=5,
    resting_bp={"systolic": 142, "diastolic": 88}, bp_medicated=True,
    equipment=["mat", "handgrip_dynamometer", "force_sensor"],
)  # fmt: skip


class Clock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


def _mvc_recording(peak_kg: float) -> tuple[list[float], object]:
    pulls = repeated_pulls(peak_kg, 3, 5.0, 10.0)
    t = np.arange(0.0, 40.0, 1 / 80)
    kg = np.array([pulls(x) for x in t])
    efforts = [peak_kg * 9.80665 * (1 - 0.02 * k) for k in range(3)]
    return efforts, make_recording(t, kg, "kg")


def seed_weeks(db: Path, weeks: int = 5, training_days: tuple[int, ...] = (0, 2, 4, 5)) -> None:
    """`weeks` weeks ending today: a morning check-in daily, a reading and a session on
    `training_days` (0 = the first day), an MVC test at the start of each week."""
    now = datetime.now().replace(microsecond=0)
    start = (now - timedelta(days=7 * weeks - 1)).replace(hour=7, minute=0, second=0)
    clock = Clock(start)
    ctx = Context(db=open_database(f"sqlite:///{db}"), catalogue=load_catalogue(), now=clock)
    try:
        onboard(ctx, HYPERTENSION_BACK)
        for day in range(7 * weeks):
            clock.at = start + timedelta(days=day)
            if clock.at > now:
                break
            checkins.checkin(ctx, pain=max(5 - day // 8, 1), stiffness=2)
            if day % 7 not in training_days:
                continue
            clock.at += timedelta(hours=2)
            checkins.record_bp(ctx, checkins.parse_bp(f"{140 - day // 3}/{88 - day // 6}"))
            if day % 7 == 0:
                efforts, recording = _mvc_recording(30 + day / 7)
                force.save_mvc(ctx, efforts, "handgrip-isometric", recording)  # type: ignore[arg-type]
            state = sessions.start(ctx)
            assert state.plan.program is not None
            for block in state.plan.program.blocks:
                sides = ("left", "right") if block.side == "each" else (block.side,)
                for number in range(1, block.sets + 1):
                    for side in sides:
                        sessions.record_set(ctx, state.uuid, sessions.SetDone(
                            block.exercise, number, side, block.reps,
                            block.hold_s + day // 7 * 2, uuid=new_uuid(),
                        ))  # fmt: skip
                sessions.report_exercise(ctx, state.uuid, block.exercise, 2, 5)
            sessions.finish(ctx, state.uuid, "complete")
    finally:
        ctx.close()
