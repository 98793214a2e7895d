"""The blood-pressure program through the services: a week of home readings and its averages,
the day's gate with them, readings from the simulated cuff, and the wall-squat test (typed,
live on the simulated strap, paced by effort) with its angle in the plan and its re-test."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any

import pytest

from isohold.domain.errors import ConflictError
from isohold.domain.profile import BloodPressure
from isohold.domain.wall_squat_test import STAGE_ANGLES, Stage
from isohold.services import checkins, gate, home_bp, onboarding, today, wall_squat
from isohold.services.context import Context
from isohold.services.wall_squat_live import LiveTest, prepare
from tests.support.clocks import FakeClock
from tests.support.home_bp import HYPERTENSION, home_week
from tests.support.profiles import profile_dict


def _angle(ctx: Context) -> float | None:
    plan = today.today(ctx).plan
    assert plan.program is not None
    return plan.program.blocks[0].joint_angle_deg


def test_a_home_week_gives_its_average_and_the_gate_uses_it(ctx: Context, clock: FakeClock) -> None:
    onboarding.onboard(ctx, profile_dict(**HYPERTENSION))
    clock.at = datetime(2026, 11, 9, 8, 0)
    home_week(ctx, datetime(2026, 11, 2), (168, 99), (147, 88))
    found = home_bp.summary(ctx)
    assert found.latest is not None and (found.latest.systolic, found.latest.diastolic) == (147, 88)
    assert found.latest.first_day_left_out == 4 and len(found.latest.used) == 24
    assert found.gate_high
    doc = found.to_dict()
    assert doc["latest"]["systolic"] == 147 and doc["measurement_error"]["systolic_mmhg"] == 15
    # today's own reading is fine, but the home average holds BP training back
    created, verdict = checkins.record_bp(ctx, BloodPressure(134, 84))
    assert created and verdict.code == "no_bp_training" and "home average" in verdict.text
    day = gate.today(ctx)
    assert day.code == "no_bp_training" and "wall-sit" in day.skipped
    assert "147/88" in day.text


def test_a_crisis_reading_stops_the_day_even_with_a_fine_average(
    ctx: Context, clock: FakeClock
) -> None:
    onboarding.onboard(ctx, profile_dict(**HYPERTENSION))
    clock.at = datetime(2026, 11, 9, 8, 0)
    home_week(ctx, datetime(2026, 11, 2), (150, 90), (131, 82))
    assert gate.today(ctx).code == "measure_first"
    checkins.record_bp(ctx, BloodPressure(132, 82))
    assert gate.today(ctx).code == "go"
    checkins.record_bp(ctx, BloodPressure(186, 96))
    assert gate.today(ctx).code == "no_exercise"


def test_the_simulated_cuff_reads_once_and_keeps_its_device(ctx: Context) -> None:
    onboarding.onboard(ctx, profile_dict(**HYPERTENSION))
    result = home_bp.read_cuff(ctx, "simulated")
    assert (result.device, result.saved, result.repeated) == ("simulated cuff", 1, 0)
    (reading,) = result.readings
    assert abs(reading["systolic"] - 142) <= 3 and reading["verdict"]["code"] == "ok"
    again = home_bp.read_cuff(ctx, "simulated")  # the same reading sent again
    assert (again.saved, again.repeated) == (0, 1)
    weeks = home_bp.weeks(ctx)
    assert len(weeks) == 1 and len(weeks[0].readings) == 1


def test_typed_stages_set_the_angle_in_the_plan_and_the_retest_comes_due(
    ctx: Context, clock: FakeClock
) -> None:
    onboarding.onboard(ctx, profile_dict(**HYPERTENSION))
    checkins.record_bp(ctx, BloodPressure(132, 82))
    assert wall_squat.status(ctx).state == "not_done"
    stages = [Stage(a, 120, hr) for a, hr in zip(STAGE_ANGLES, [80, 90, 100, 110, 120],
                                                   strict=True)]  # fmt: skip
    outcome = wall_squat.finish(ctx, stages)
    assert outcome.saved and outcome.choice.angle_deg == 101
    assert outcome.band == (108, 114, 120)
    assert _angle(ctx) == 101
    assert wall_squat.status(ctx).state == "done"
    band = wall_squat.band_for_block(ctx, "wall-sit")
    assert band is not None and (band["low"], band["target"], band["high"]) == (108, 114, 120)
    clock.advance(days=15)
    assert wall_squat.status(ctx).state == "may_retest"
    clock.advance(days=13)
    status = wall_squat.status(ctx)
    assert status.state == "due" and "due again" in status.text
    # a changed profile keeps the angle
    onboarding.edit_profile(ctx, {"pain_now": 1})
    assert _angle(ctx) == 101


def test_a_stop_for_safety_sets_no_angle(ctx: Context) -> None:
    onboarding.onboard(ctx, profile_dict(**HYPERTENSION))
    checkins.record_bp(ctx, BloodPressure(132, 82))
    stages = [Stage(135, 120, 80), Stage(125, 120, 90), Stage(115, 50, 98)]
    outcome = wall_squat.finish(ctx, stages, stop="symptom", symptom="chest_pain")
    assert not outcome.saved and outcome.choice.angle_deg is None
    assert "ambulance" in outcome.advice and "clinician" in outcome.advice
    assert _angle(ctx) is None and wall_squat.status(ctx).state == "not_done"


def test_the_test_waits_for_the_days_gate(ctx: Context) -> None:
    onboarding.onboard(ctx, profile_dict(**HYPERTENSION))
    found = wall_squat.setup(ctx)
    assert not found.allowed and "Measure your resting blood pressure" in found.reason
    with pytest.raises(ConflictError, match="Measure"):
        prepare(ctx, {"run": "wall-squat-test", "device": "simulated"})
    checkins.record_bp(ctx, BloodPressure(164, 96))  # at the gate, not cleared
    assert not wall_squat.setup(ctx).allowed


async def _drive(live: LiveTest, on_frame: Any = None) -> list[dict[str, Any]]:
    frames = []
    async for frame in live.run():
        frames.append(frame)
        if on_frame is not None:
            on_frame(live, frame)
    return frames


def test_the_live_test_on_the_simulated_strap(ctx: Context) -> None:
    onboarding.onboard(ctx, profile_dict(**HYPERTENSION))
    checkins.record_bp(ctx, BloodPressure(132, 82))
    live = prepare(ctx, {"run": "wall-squat-test", "device": "simulated"}, time_scale=0.002)
    assert live.ready()["mode"] == "heart_rate" and live.ready()["device"]
    frames = asyncio.run(_drive(live))
    assert [f["stage"] for f in frames][::120][:5] == [1, 2, 3, 4, 5]
    assert frames[-1]["angle_deg"] == 95 and frames[-1]["bpm"] is not None
    result = live.finish(ctx)
    assert result["stop"] == "complete" and result["saved"]
    # the simulated rate climbs 9 a stage from 74: the angle lies within the test's range
    assert 95 <= result["angle_deg"] <= 135
    assert result["peak_hr"] > result["stages"][0]["hr"]
    assert _angle(ctx) == result["angle_deg"]


def test_the_live_test_stops_at_fatigue_and_keeps_full_stages(ctx: Context) -> None:
    onboarding.onboard(ctx, profile_dict(**HYPERTENSION))
    checkins.record_bp(ctx, BloodPressure(132, 82))
    # a test second is 10 ms: a busy machine that stalls the loop for less than the 0.9 s
    # left in stage 4 cannot carry the stop into stage 5
    live = prepare(ctx, {"run": "wall-squat-test", "device": "simulated"}, time_scale=0.01)

    def tire(live: LiveTest, frame: dict[str, Any]) -> None:
        if frame["stage"] == 4 and frame["stage_remaining_s"] < 90:
            live.handle({"stop": "fatigue"})

    asyncio.run(_drive(live, tire))
    result = live.finish(ctx)
    assert result["stop"] == "fatigue"
    assert [s["full"] for s in result["stages"]] == [True, True, True, False]
    assert result["angle_deg"] >= 115  # never deeper than the deepest full stage


def test_the_effort_paced_test_for_beta_blockers(ctx: Context) -> None:
    onboarding.onboard(ctx, profile_dict(**HYPERTENSION, medications=["beta_blocker"]))
    checkins.record_bp(ctx, BloodPressure(132, 82))
    live = prepare(ctx, {"run": "wall-squat-test", "device": "simulated"}, time_scale=0.002)
    assert live.strap is None and live.setup.mode == "effort"
    ratings = {1: 2, 2: 3, 3: 5, 4: 7, 5: 9}

    def rate(live: LiveTest, frame: dict[str, Any]) -> None:
        if frame["stage_remaining_s"] < 10:
            live.handle({"effort": ratings[frame["stage"]]})

    asyncio.run(_drive(live, rate))
    result = live.finish(ctx)
    assert result["mode"] == "effort" and result["angle_deg"] == 111
    assert _angle(ctx) == 111
