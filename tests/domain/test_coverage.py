"""The conditions issue 21 added: each gets its own program of holds for its region, what would
strain its tendon is left out, a good week progresses, a flare regresses and its red flags
refer."""

from __future__ import annotations

from typing import Any

import pytest

from isohold.domain.models import Catalogue
from isohold.domain.plan import Plan
from isohold.domain.prescription import prescribe
from isohold.domain.responses import parse_responses
from isohold.domain.review import review
from tests.support.profiles import make_profile

#: condition -> (equipment, the exercises its first stage gives, a red flag that refers)
CASES: dict[str, tuple[list[str], set[str], str]] = {
    "lateral_elbow_tendinopathy": (["none"], {"wrist-extension-hold"}, "hot_swollen_joint"),
    "gluteal_tendinopathy": (["wall"], {"hip-abduction-wall-press"}, "hot_swollen_joint"),
    "shoulder_pain": (
        ["wall"],
        {"shoulder-external-rotation-isometric", "shoulder-abduction-wall-press"},
        "arm_weakness_after_injury",
    ),
    "knee_osteoarthritis": (
        ["chair", "wall"],
        {"quad-set-hold", "seated-knee-extension-hold", "wall-sit"},
        "hot_swollen_joint",
    ),
}


def _plan(catalogue: Catalogue, **kw: Any) -> Plan:
    return prescribe(make_profile(side="left", **kw), catalogue)


def _exercises(plan: Plan) -> set[str]:
    return {b.exercise for b in plan.program.blocks} if plan.program else set()


def _week(plan: Plan, catalogue: Catalogue, **pain: int) -> Any:
    assert plan.program is not None
    answers = [
        {
            "exercise": b.exercise,
            "completed_sets": b.sets,
            "pain_during": 1,
            "pain_next_morning": 2,
            "baseline_pain": 2,
            **pain,
        }
        for b in plan.program.blocks
    ]
    return review(plan, parse_responses({"responses": answers}), catalogue)


@pytest.mark.parametrize("condition", CASES)
def test_each_condition_gets_holds_for_its_own_region(catalogue: Catalogue, condition: str) -> None:
    equipment, expected, _ = CASES[condition]
    plan = _plan(catalogue, conditions=[condition], equipment=equipment)
    assert plan.status == "ok" and _exercises(plan) == expected
    assert plan.program is not None
    for block in plan.program.blocks:
        protocol = catalogue.protocols[block.protocol]
        assert protocol.stage == "isometric" and condition in protocol.conditions
        exercise = catalogue.exercises[block.exercise]
        assert exercise.kind == "isometric"
        assert block.side == ("left" if exercise.unilateral else "both")
    codes = [m.code for m in plan.messages]
    assert "stage" in codes and "stage_clinician" in codes
    assert "uncovered_condition" not in codes and "uncovered_pain" not in codes


@pytest.mark.parametrize("condition", CASES)
def test_a_good_week_progresses_and_a_flare_regresses(catalogue: Catalogue, condition: str) -> None:
    equipment, _, _ = CASES[condition]
    plan = _plan(catalogue, conditions=[condition], equipment=equipment)
    good = _week(plan, catalogue)
    assert {d.action for d in good.decisions} == {"progress"}
    flare = _week(good.plan, catalogue, pain_during=6, pain_next_morning=3)
    assert {d.action for d in flare.decisions} == {"regress"}
    for d in flare.decisions:
        assert d.after is not None and d.after != d.before


@pytest.mark.parametrize("condition", CASES)
def test_severe_pain_stops_and_asks_for_a_clinician(catalogue: Catalogue, condition: str) -> None:
    equipment, _, _ = CASES[condition]
    plan = _plan(catalogue, conditions=[condition], equipment=equipment)
    result = _week(plan, catalogue, pain_during=8, pain_next_morning=7)
    assert {d.action for d in result.decisions} == {"stop"}
    assert all("clinician" in d.reason for d in result.decisions)


@pytest.mark.parametrize("condition", CASES)
def test_its_red_flags_refer(catalogue: Catalogue, condition: str) -> None:
    equipment, _, flag = CASES[condition]
    plan = _plan(catalogue, conditions=[condition], equipment=equipment, red_flags=[flag])
    assert plan.status == "refer" and plan.program is None
    assert plan.referral is not None and flag in plan.referral.reasons


def test_a_torn_tendon_is_seen_today(catalogue: Catalogue) -> None:
    plan = _plan(
        catalogue, conditions=["achilles_tendinopathy"], red_flags=["tendon_rupture_signs"]
    )
    assert plan.referral is not None and plan.referral.urgency == "urgent"


def test_a_sore_elbow_gets_no_handgrip_blood_pressure_training(catalogue: Catalogue) -> None:
    plan = _plan(
        catalogue,
        conditions=["lateral_elbow_tendinopathy", "hypertension"],
        goals=["pain_relief", "blood_pressure"],
        resting_bp={"systolic": 135, "diastolic": 85},
        equipment=["handgrip_dynamometer", "wall"],
    )
    exercises = _exercises(plan)
    assert "handgrip-isometric" not in exercises and "wrist-extension-hold" in exercises
    assert "wall-sit" in exercises  # blood-pressure training uses the legs
    assert "elbow_grip" in [m.code for m in plan.messages]


def test_outer_hip_pain_never_crosses_the_thigh_over(catalogue: Catalogue) -> None:
    plan = _plan(
        catalogue,
        conditions=["gluteal_tendinopathy", "muscle_tightness"],
        goals=["pain_relief", "mobility"],
        equipment=["wall", "mat"],
    )
    exercises = [catalogue.exercises[e] for e in _exercises(plan)]
    assert exercises and not any("hip_adduction" in e.traits for e in exercises)
    assert "gluteal_compression" in [m.code for m in plan.messages]


def test_knee_osteoarthritis_holds_the_thigh_at_several_angles(catalogue: Catalogue) -> None:
    plan = _plan(catalogue, conditions=["knee_osteoarthritis"], equipment=["chair", "wall"])
    assert plan.program is not None
    angles = {b.exercise: b.joint_angle_deg for b in plan.program.blocks}
    assert angles["seated-knee-extension-hold"] == 60  # knee flexion
    assert angles["wall-sit"] == 150  # a shallow wall sit, measured inside the knee
    assert angles["quad-set-hold"] is None  # knee straight


def test_insertional_achilles_pain_is_asked_and_leaves_out_the_step(catalogue: Catalogue) -> None:
    plan = _plan(
        catalogue,
        conditions=["achilles_tendinopathy"],
        tendon_site="insertional",
        equipment=["step"],
        irritability="low",
    )
    traits = {t for e in _exercises(plan) for t in catalogue.exercises[e].traits}
    assert "heel_below_step" not in traits
    assert "achilles_insertional" in [m.code for m in plan.messages]
