"""Issue 10: the unsafe findings of the clinical review, one test each (prescription)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from isohold.catalogue import load_catalogue
from isohold.domain.models import Catalogue
from isohold.domain.plan import Plan
from isohold.domain.prescription import prescribe
from tests.support.profiles import make_profile


def _plan(catalogue: Catalogue, **overrides: Any) -> Plan:
    return prescribe(make_profile(**overrides), catalogue)


def _exercises(plan: Plan) -> list[str]:
    return [b.exercise for b in plan.program.blocks] if plan.program else []


def _tests(plan: Plan) -> list[str]:
    return [t for t, _ in plan.program.tests] if plan.program else []


def _codes(plan: Plan) -> list[str]:
    return [m.code for m in plan.messages]


def _traits(plan: Plan, catalogue: Catalogue) -> set[str]:
    return {t for e in _exercises(plan) for t in catalogue.exercises[e].traits}


ALL_GEAR = ["wall", "belt", "rack", "force_sensor", "leg_extension_machine", "mat", "step",
            "handgrip_dynamometer", "dumbbell", "resistance_band"]  # fmt: skip


def test_bp_gate_leaves_out_bodyweight_deep_knee_holds_and_maximal_tests(
    catalogue: Catalogue,
) -> None:
    """Finding 1: 170/105, not cleared: no wall sit, belt squat or MVC test."""
    plan = _plan(
        catalogue,
        conditions=["hypertension", "patellar_tendinopathy"],
        goals=["blood_pressure", "strength", "tendon_adaptation", "pain_relief"],
        resting_bp={"systolic": 170, "diastolic": 105},
        equipment=ALL_GEAR,
    )
    assert plan.status == "caution"
    assert "deep_knee" not in _traits(plan, catalogue)
    assert not {"wall-sit", "spanish-squat", "split-squat-hold"} & set(_exercises(plan))
    assert "mvc-test" not in _tests(plan)
    assert all(b.intensity_kind != "pct_mvc" or (b.intensity_value or 0) < 70
               for b in plan.program.blocks)  # type: ignore[union-attr]  # fmt: skip
    assert "pressor_left_out" in _codes(plan)


def test_bp_gate_above_160_is_a_structured_referral_soon(catalogue: Catalogue) -> None:
    """Finding 12: 160-179/100-109 untreated and not cleared: referral 'soon' in the JSON."""
    doc = _plan(
        catalogue,
        conditions=["low_back_pain", "hypertension"],
        resting_bp={"systolic": 166, "diastolic": 102},
        bp_medicated=False,
        equipment=["mat", "wall"],
    ).to_dict()
    assert doc["status"] == "caution"
    assert doc["referral"]["urgency"] == "soon"
    assert doc["referral"]["reasons"] == ["resting_bp_above_160_100"]
    assert doc["program"]["blocks"]  # the back program goes on


def test_high_bp_although_cleared_is_caution_with_handgrip_preferred(catalogue: Catalogue) -> None:
    """Finding 12: 178/108 although cleared: caution, handgrip over wall squats, supervision."""
    plan = _plan(
        catalogue,
        conditions=["hypertension"],
        goals=["blood_pressure"],
        pain_now=0,
        resting_bp={"systolic": 178, "diastolic": 108},
        bp_cleared=True,
        equipment=["wall", "handgrip_dynamometer"],
    )
    assert plan.status == "caution" and plan.referral is None
    assert _exercises(plan) == ["handgrip-isometric"]
    message = next(m for m in plan.messages if m.code == "bp_high_cleared")
    assert "supervised" in message.text


def test_hypertension_without_a_reading_gets_no_bp_training_or_exhausting_tests(
    catalogue: Catalogue,
) -> None:
    """Finding 4: the 82-year-old with hypertension and no reading."""
    plan = _plan(
        catalogue,
        age=82,
        conditions=["hypertension", "low_back_pain"],
        goals=["blood_pressure", "pain_relief"],
        equipment=["wall", "mat", "handgrip_dynamometer"],
    )
    assert plan.status == "caution"
    blocks = plan.program.blocks  # type: ignore[union-attr]
    assert not any(catalogue.protocols[b.protocol].blood_pressure for b in blocks)
    assert not any(catalogue.tests[t].traits & {"maximal", "to_exhaustion"} for t in _tests(plan))
    assert "bp_no_reading" in _codes(plan)


def test_untreated_stage_2_with_maximal_efforts_is_caution(catalogue: Catalogue) -> None:
    plan = _plan(
        catalogue,
        conditions=["none"],
        pain_now=0,
        goals=["rate_of_force_development"],
        irritability="low",
        resting_bp={"systolic": 148, "diastolic": 92},
        bp_medicated=False,
        equipment=["leg_extension_machine"],
    )
    assert plan.status == "caution" and "bp_stage2_maximal" in _codes(plan)


@pytest.mark.parametrize("weeks", [24, None])
def test_pregnancy_from_20_weeks_has_no_supine_heavy_or_exhausting_holds(
    catalogue: Catalogue, weeks: int | None
) -> None:
    """Finding 5: pregnancy is caution, no supine holds after 20 weeks (or when the week is
    not known), nothing heavy or held to exhaustion, no blood-pressure training."""
    extra = {} if weeks is None else {"pregnancy_weeks": weeks}
    plan = _plan(catalogue, pregnancy="pregnant", equipment=ALL_GEAR, **extra)
    assert plan.status == "caution"
    assert "supine" not in _traits(plan, catalogue)
    assert "modified-curl-up" not in _exercises(plan)
    assert not any(catalogue.tests[t].traits & {"maximal", "to_exhaustion"} for t in _tests(plan))
    assert "pregnancy" in _codes(plan)


def test_early_pregnancy_keeps_supine_holds(catalogue: Catalogue) -> None:
    plan = _plan(catalogue, pregnancy="pregnant", pregnancy_weeks=12, equipment=["mat"])
    assert "modified-curl-up" in _exercises(plan)


@pytest.mark.parametrize(
    "overrides",
    [
        {"resting_bp": {"systolic": 146, "diastolic": 88}},
        {"conditions": ["low_back_pain", "hypertension"]},
        {"red_flags": ["pregnancy_warning_signs"]},
    ],
)
def test_pregnancy_with_high_bp_or_warning_signs_refers(
    catalogue: Catalogue, overrides: dict[str, Any]
) -> None:
    plan = _plan(catalogue, pregnancy="pregnant", pregnancy_weeks=30, **overrides)
    assert plan.status == "refer" and plan.program is None
    assert plan.referral is not None and plan.referral.urgency == "urgent"


def test_osteoporosis_leaves_out_loaded_spinal_flexion(catalogue: Catalogue) -> None:
    plan = _plan(catalogue, conditions=["low_back_pain", "osteoporosis"], equipment=["mat"])
    assert "spinal_flexion" not in _traits(plan, catalogue)
    assert "modified-curl-up" not in _exercises(plan) and _exercises(plan)
    assert "mcgill-endurance-battery" not in _tests(plan)


def test_thin_bones_and_an_injury_refer_as_a_possible_fracture(catalogue: Catalogue) -> None:
    plan = _plan(catalogue, conditions=["low_back_pain", "osteoporosis"], onset="injury")
    assert plan.status == "refer"
    assert plan.referral is not None
    assert "minor_trauma_with_osteoporosis" in plan.referral.reasons


def test_beta_blockers_use_no_heart_rate_dosing(catalogue: Catalogue) -> None:
    plan = _plan(
        catalogue,
        conditions=["hypertension"],
        goals=["blood_pressure"],
        pain_now=0,
        resting_bp={"systolic": 138, "diastolic": 84},
        medications=["beta_blocker"],
        equipment=["wall", "handgrip_dynamometer"],
    )
    blocks = plan.program.blocks  # type: ignore[union-attr]
    assert [b.exercise for b in blocks] == ["handgrip-isometric"]
    assert all(b.intensity_kind != "pct_hr_peak" for b in blocks)
    assert "incremental-wall-squat-test" not in _tests(plan)
    assert "beta_blocker" in _codes(plan)


def test_fluoroquinolone_with_tendon_pain_leaves_out_heavy_tendon_holds(
    catalogue: Catalogue,
) -> None:
    plan = _plan(
        catalogue,
        conditions=["patellar_tendinopathy"],
        goals=["pain_relief", "tendon_adaptation"],
        medications=["fluoroquinolone"],
        equipment=["leg_extension_machine", "belt"],
    )
    assert "leg-extension-isometric" not in _exercises(plan)
    assert "fluoroquinolone" in _codes(plan)


@pytest.mark.parametrize("goals", [["pain_relief"], ["strength", "tendon_adaptation"]])
def test_pain_in_a_region_nothing_covers_gets_no_exercises_for_another(
    catalogue: Catalogue, goals: list[str]
) -> None:
    """Finding 6: a painful elbow or hip with `conditions: [none]` got calf raises."""
    plan = _plan(catalogue, conditions=["none"], goals=goals, pain_now=5, equipment=ALL_GEAR)
    assert _exercises(plan) == []
    assert "uncovered_pain" in _codes(plan) and plan.status == "caution"


def test_an_uncovered_condition_is_named_and_its_region_left_alone(
    catalogue_copy: Callable[[], Path],
) -> None:
    """A catalogue without the elbow program (a clinic's own copy, say) gives nothing that
    loads the elbow or grips."""
    root = catalogue_copy()
    for name in ("elbow-holds", "elbow-slow-lifting", "elbow-return"):
        (root / "protocols" / f"{name}.toml").unlink()
    plan = _plan(
        load_catalogue(root),
        conditions=["low_back_pain", "lateral_elbow_tendinopathy"],
        goals=["pain_relief", "strength", "rate_of_force_development"],
        equipment=["mat", "handgrip_dynamometer"],
        irritability="low",
    )
    assert "handgrip-isometric" not in _exercises(plan)
    message = next(m for m in plan.messages if m.code == "uncovered_condition")
    assert "lateral elbow tendinopathy" in message.text


def test_starting_doses_start_low(catalogue: Catalogue) -> None:
    """Finding 9: neck holds start at effort 6 of 6-8 and ramp up."""
    plan = _plan(catalogue, conditions=["neck_pain"], equipment=["resistance_band"])
    for block in plan.program.blocks:  # type: ignore[union-attr]
        assert block.intensity_kind != "effort" or (block.intensity_value or 0) <= 6


def test_achilles_loads_the_affected_side_alone(catalogue: Catalogue) -> None:
    plan = _plan(catalogue, conditions=["achilles_tendinopathy"], side="right", equipment=["step"])
    blocks = plan.program.blocks  # type: ignore[union-attr]
    assert blocks and all(b.side == "right" for b in blocks)
    assert all(catalogue.exercises[b.exercise].unilateral for b in blocks)
    assert "heel_below_step" not in _traits(plan, catalogue)


def test_notes_monitoring_and_safety_lines_reach_the_plan(catalogue: Catalogue) -> None:
    """Finding 10: dosing notes, monitoring text and safety lines are in the plan document;
    handgrip is one hand at a time."""
    plan = _plan(
        catalogue,
        conditions=["hypertension"],
        goals=["blood_pressure"],
        pain_now=0,
        resting_bp={"systolic": 132, "diastolic": 84},
        equipment=["handgrip_dynamometer"],
    )
    (block,) = plan.program.blocks  # type: ignore[union-attr]
    assert block.side == "each"
    texts = {m.code: m.text for m in plan.messages}
    assert "start at 15-20% of your maximum" in texts["dose_note"]
    assert "re-check your maximum grip" in texts["monitoring"]
    assert any(m.code == "safety" for m in plan.messages)


def test_a_force_sensor_measures_tendon_holds_and_names_the_angles(catalogue: Catalogue) -> None:
    """Finding 13: % MVC where a sensor can measure, several angles for a strength goal."""
    plan = _plan(
        catalogue,
        conditions=["patellar_tendinopathy"],
        goals=["pain_relief", "strength"],
        side="left",
        equipment=["force_sensor"],
        irritability="low",
    )
    block = plan.program.blocks[0]  # type: ignore[union-attr]
    assert (block.exercise, block.intensity_kind) == ("knee-extension-sensor-hold", "pct_mvc")
    assert "mvc-test" in _tests(plan)
    angles = next(m for m in plan.messages if m.code == "angle_specific")
    assert "30, 60, 90 degrees" in angles.text
