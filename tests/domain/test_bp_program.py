"""The blood-pressure program in the plan and the day's gate: the effort-paced wall squat for
beta-blockers, the test's angle in the plan, and the gate with a home average (DR17, DR19)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from isohold.domain.day_gate import day_gate
from isohold.domain.home_bp import HomeReading, home_weeks
from isohold.domain.models import Catalogue
from isohold.domain.prescription import prescribe
from isohold.domain.profile import BloodPressure
from isohold.domain.wall_squat_test import (
    STAGE_ANGLES,
    Stage,
    choose_angle,
    choose_angle_by_effort,
    mode_for,
    with_angle,
)
from tests.support.profiles import make_profile

HYPERTENSION: dict[str, Any] = {
    "conditions": ["hypertension"], "goals": ["blood_pressure"], "pain_now": 0,
    "irritability": "low", "resting_bp": {"systolic": 142, "diastolic": 88},
    "equipment": ["wall", "heart_rate_monitor"],
}  # fmt: skip


def _week(systolic: int, diastolic: int, start: date = date(2026, 3, 2)) -> Any:
    readings = [
        HomeReading(datetime.combine(start + timedelta(days=d), datetime.min.time())
                    + timedelta(hours=h, minutes=m), systolic, diastolic)
        for d in range(7) for h, m in ((7, 0), (7, 2), (19, 0), (19, 2))
    ]  # fmt: skip
    return home_weeks(readings)[-1]


def test_heart_rate_wall_squat_and_its_test(catalogue: Catalogue) -> None:
    plan = prescribe(make_profile(**HYPERTENSION), catalogue)
    assert plan.program is not None
    (block,) = plan.program.blocks
    assert (block.protocol, block.intensity_kind, block.intensity_value) == (
        "bp-wall-squat",
        "pct_hr_peak",
        95,
    )
    assert [t for t, _ in plan.program.tests] == ["incremental-wall-squat-test"]
    assert mode_for(plan, catalogue) == "heart_rate"


def test_beta_blockers_get_the_effort_paced_wall_squat_and_test(catalogue: Catalogue) -> None:
    plan = prescribe(make_profile(**HYPERTENSION, medications=["beta_blocker"]), catalogue)
    assert plan.program is not None
    (block,) = plan.program.blocks
    assert (block.protocol, block.intensity_kind, block.intensity_value) == (
        "bp-wall-squat-effort",
        "effort",
        6,
    )
    assert block.evidence == "design-rule"
    assert [t for t, _ in plan.program.tests] == ["incremental-wall-squat-test-effort"]
    assert all(b.intensity_kind != "pct_hr_peak" for b in plan.program.blocks)
    assert mode_for(plan, catalogue) == "effort"


def test_the_tests_angle_goes_into_the_wall_squat_block(catalogue: Catalogue) -> None:
    plan = prescribe(make_profile(**HYPERTENSION), catalogue)
    stages = [
        Stage(a, 120, hr) for a, hr in zip(STAGE_ANGLES, [80, 90, 100, 110, 120], strict=True)
    ]
    choice = choose_angle(stages, 120.0)
    set_ = with_angle(plan, choice, catalogue)
    assert set_.program is not None and set_.program.blocks[0].joint_angle_deg == 101
    # a reviewed intensity of 85% of peak sits higher up the wall on the same line
    assert set_.program is not None
    eased = set_.program.blocks[0].with_(intensity_value=85)
    from dataclasses import replace

    eased_plan = replace(set_, program=replace(set_.program, blocks=(eased,)))
    assert with_angle(eased_plan, choice, catalogue).program.blocks[0].joint_angle_deg == 113  # type: ignore[union-attr]
    # an effort test does not set a heart-rate block
    effort = choose_angle_by_effort(
        [Stage(a, 120, effort=e) for a, e in zip(STAGE_ANGLES, [2, 3, 5, 7, 9], strict=True)]
    )
    assert with_angle(plan, effort, catalogue).program.blocks[0].joint_angle_deg is None  # type: ignore[union-attr]


def test_a_high_home_average_holds_bp_training_back_unless_cleared(catalogue: Catalogue) -> None:
    profile = make_profile(**HYPERTENSION)
    plan = prescribe(profile, catalogue)
    high = _week(148, 86)
    gate = day_gate(plan, profile, catalogue, BloodPressure(132, 84), home=high)
    assert gate.code == "no_bp_training" and not gate.heavy_allowed
    assert [(x.exercise, x.reason) for x in gate.left_out] == [("wall-sit", "bp_training")]
    assert "148/86" in gate.text and "145/90" in gate.text and "clinician" in gate.text
    # without today's reading the home average still decides
    assert day_gate(plan, profile, catalogue, None, home=high).code == "no_bp_training"
    cleared = make_profile(**HYPERTENSION, bp_cleared=True)
    assert day_gate(plan, cleared, catalogue, BloodPressure(132, 84), home=high).code == "go"


def test_a_fine_home_average_changes_nothing(catalogue: Catalogue) -> None:
    profile = make_profile(**HYPERTENSION)
    plan = prescribe(profile, catalogue)
    fine = _week(138, 86)
    assert day_gate(plan, profile, catalogue, BloodPressure(132, 84), home=fine).code == "go"
    assert day_gate(plan, profile, catalogue, None, home=fine).code == "measure_first"


def test_a_single_crisis_reading_stops_the_day_whatever_the_average(catalogue: Catalogue) -> None:
    profile = make_profile(**HYPERTENSION, bp_cleared=True)
    plan = prescribe(profile, catalogue)
    gate = day_gate(plan, profile, catalogue, BloodPressure(184, 96), home=_week(128, 80))
    assert gate.code == "no_exercise" and not gate.exercise_allowed
    # and a gated single reading still leaves BP training out with a fine average
    uncleared = make_profile(**HYPERTENSION)
    gate = day_gate(plan, uncleared, catalogue, BloodPressure(164, 96), home=_week(128, 80))
    assert gate.code == "no_bp_training"
