"""Prescription rules, one scenario each."""

from __future__ import annotations

from isohold.domain.models import Catalogue
from isohold.domain.plan import Plan
from isohold.domain.prescription import prescribe
from tests.support.profiles import make_profile


def _exercises(plan: Plan) -> list[str]:
    assert plan.program is not None
    return [b.exercise for b in plan.program.blocks]


def _codes(plan: Plan) -> list[str]:
    return [m.code for m in plan.messages]


def test_low_back_pain_gets_the_big_three(catalogue: Catalogue) -> None:
    plan = prescribe(make_profile(), catalogue)
    assert plan.status == "ok"
    assert _exercises(plan) == ["modified-curl-up", "side-plank", "bird-dog"]
    assert plan.program is not None and plan.program.max_pain_during == 5
    assert {"breathing", "stop_rules", "not_care_substitute", "over_bracing"} <= set(_codes(plan))


def test_high_irritability_starts_at_regressions_with_lower_pain_limit(
    catalogue: Catalogue,
) -> None:
    plan = prescribe(make_profile(irritability="high"), catalogue)
    assert _exercises(plan) == ["modified-curl-up", "side-plank-knees", "quadruped-leg-reach"]
    assert plan.program is not None and plan.program.max_pain_during == 3
    assert "high_irritability" in _codes(plan)


def test_pain_now_seven_counts_as_irritable(catalogue: Catalogue) -> None:
    plan = prescribe(make_profile(irritability="low", pain_now=7), catalogue)
    assert "side-plank-knees" in _exercises(plan)


def test_patellar_tendon_goes_to_the_affected_side(catalogue: Catalogue) -> None:
    profile = make_profile(
        conditions=["patellar_tendinopathy"],
        side="right",
        equipment=["leg_extension_machine"],
        in_season=True,
    )
    plan = prescribe(profile, catalogue)
    assert plan.program is not None
    (block,) = plan.program.blocks
    assert (block.exercise, block.side, block.joint_angle_deg) == (
        "leg-extension-isometric",
        "right",
        60,
    )
    assert (block.intensity_kind, block.intensity_value) == ("pct_mvc", 70)
    assert {"tendon_evidence_mixed", "in_season"} <= set(_codes(plan))
    assert ("mvc-test", catalogue.tests["mvc-test"].purpose) in plan.program.tests


def test_irritable_tendon_swaps_to_the_protocols_own_easier_dose(catalogue: Catalogue) -> None:
    profile = make_profile(
        conditions=["patellar_tendinopathy"],
        equipment=["leg_extension_machine", "wall"],
        irritability="high",
    )
    (block,) = prescribe(profile, catalogue).program.blocks  # type: ignore[union-attr]
    assert block.exercise == "wall-sit"
    assert (block.intensity_kind, block.intensity_value, block.joint_angle_deg) == (
        "bodyweight", None, None,
    )  # fmt: skip
    assert block.evidence == "unconfirmed"


def test_hypertension_without_a_reading_leaves_out_heavy_holds(catalogue: Catalogue) -> None:
    profile = make_profile(
        conditions=["hypertension"],
        goals=["strength", "rate_of_force_development", "hypertrophy"],
        equipment=["rack", "leg_extension_machine", "handgrip_dynamometer"],
        irritability="low",
    )
    plan = prescribe(profile, catalogue)
    assert plan.status == "caution" and "bp_no_reading" in _codes(plan)
    assert plan.program is not None
    for block in plan.program.blocks:
        assert block.intent != "ballistic"
        assert block.intensity_kind != "pct_mvc" or (block.intensity_value or 0) < 70
        assert block.intensity_kind != "effort" or (block.intensity_value or 0) < 7


def test_bp_sides_follow_the_protocol(catalogue: Catalogue) -> None:
    grip = prescribe(
        make_profile(conditions=["hypertension"], equipment=["handgrip_dynamometer"],
                     resting_bp={"systolic": 130, "diastolic": 80}),
        catalogue,
    )  # fmt: skip
    legs = prescribe(
        make_profile(conditions=["hypertension"], equipment=["leg_extension_machine"],
                     resting_bp={"systolic": 130, "diastolic": 80}),
        catalogue,
    )  # fmt: skip
    # handgrip one hand at a time (alternating), the leg press with both legs
    assert [b.side for b in grip.program.blocks] == ["each"]  # type: ignore[union-attr]
    assert [b.side for b in legs.program.blocks] == ["both"]  # type: ignore[union-attr]


def test_desk_breaks_survive_a_shared_exercise(catalogue: Catalogue) -> None:
    plan = prescribe(make_profile(conditions=["neck_pain", "desk_worker"]), catalogue)
    assert plan.program is not None and plan.program.microbreaks is not None


def test_patellar_tendon_without_a_machine_uses_a_belt_squat(catalogue: Catalogue) -> None:
    plan = prescribe(
        make_profile(conditions=["patellar_tendinopathy"], equipment=["belt"]), catalogue
    )
    assert _exercises(plan) == ["spanish-squat"]
    assert plan.program is not None and plan.program.tests[0][0] == "pain-nrs"


def test_bp_prefers_wall_squat_then_handgrip(catalogue: Catalogue) -> None:
    base = {
        "conditions": ["hypertension"],
        "goals": ["blood_pressure"],
        "bp_cleared": True,
        "resting_bp": {"systolic": 138, "diastolic": 86},
    }
    wall = prescribe(make_profile(equipment=["wall", "handgrip_dynamometer"], **base), catalogue)
    grip = prescribe(make_profile(equipment=["handgrip_dynamometer"], **base), catalogue)
    assert _exercises(wall) == ["wall-sit"]
    assert _exercises(grip) == ["handgrip-isometric"]
    assert {"bp_clearance", "bp_heart_rate"} <= set(_codes(wall))


def test_bp_gate_removes_bp_training_with_caution(catalogue: Catalogue) -> None:
    profile = make_profile(
        conditions=["low_back_pain", "hypertension"],
        equipment=["wall", "handgrip_dynamometer"],
        resting_bp={"systolic": 165, "diastolic": 95},
    )
    plan = prescribe(profile, catalogue)
    assert plan.status == "caution"
    assert "wall-sit" not in _exercises(plan) and "handgrip-isometric" not in _exercises(plan)
    assert _codes(plan)[0] == "bp_gate_no_iet"


def test_bp_without_equipment_says_why(catalogue: Catalogue) -> None:
    plan = prescribe(make_profile(conditions=["hypertension"], equipment=["none"]), catalogue)
    assert plan.status == "caution" and _exercises(plan) == []
    assert "bp_not_targeted" in _codes(plan) and "no_protocol" in _codes(plan)


def test_bp_frequency_capped_when_combined(catalogue: Catalogue) -> None:
    profile = make_profile(
        conditions=["low_back_pain", "hypertension"],
        equipment=["wall"],
        resting_bp={"systolic": 135, "diastolic": 85},
    )
    plan = prescribe(profile, catalogue)
    assert "wall-sit" in _exercises(plan)
    assert "bp_frequency" in _codes(plan)


def test_red_flag_refers_without_program(catalogue: Catalogue) -> None:
    plan = prescribe(make_profile(red_flags=["bowel_incontinence"]), catalogue)
    assert plan.status == "refer" and plan.program is None
    assert plan.referral is not None and plan.referral.urgency == "emergency"
    assert plan.messages[0].level == "stop"


def test_neck_high_irritability_uses_gentle_holds(catalogue: Catalogue) -> None:
    profile = make_profile(
        conditions=["neck_pain"], irritability="high", equipment=["resistance_band"]
    )
    plan = prescribe(profile, catalogue)
    assert {b.protocol for b in plan.program.blocks} == {"neck-gentle"}  # type: ignore[union-attr]
    assert "neck-band-flexion-hold" not in _exercises(plan)


def test_neck_with_band_uses_strong_holds(catalogue: Catalogue) -> None:
    plan = prescribe(
        make_profile(conditions=["neck_pain"], equipment=["resistance_band"]), catalogue
    )
    assert "neck-band-extension-hold" in _exercises(plan)


def test_desk_worker_gets_microbreaks(catalogue: Catalogue) -> None:
    plan = prescribe(make_profile(conditions=["desk_worker"], equipment=["wall"]), catalogue)
    assert plan.program is not None and plan.program.microbreaks is not None
    assert plan.program.microbreaks.interval_min == 20
    assert "shoulder-abduction-wall-press" in plan.program.microbreaks.exercises


def test_muscle_tightness_follows_regions(catalogue: Catalogue) -> None:
    neck = prescribe(make_profile(conditions=["neck_pain", "muscle_tightness"]), catalogue)
    alone = prescribe(make_profile(conditions=["muscle_tightness"]), catalogue)
    assert {"pir-upper-trapezius", "pir-levator-scapulae"} <= set(_exercises(neck))
    assert "pir-hamstrings" not in _exercises(neck)
    assert len([e for e in _exercises(alone) if e.startswith("pir-")]) == 5


def test_goal_only_hypertrophy_uses_long_lengths(catalogue: Catalogue) -> None:
    plan = prescribe(
        make_profile(conditions=["none"], goals=["hypertrophy"], irritability="low", pain_now=0),
        catalogue,
    )
    assert plan.program is not None
    assert {b.muscle_length for b in plan.program.blocks} == {"long"}


def test_exercises_are_unique_in_a_program(catalogue: Catalogue) -> None:
    profile = make_profile(
        conditions=["low_back_pain", "neck_pain", "desk_worker", "muscle_tightness"],
        goals=["strength", "mobility", "desk_breaks"],
        equipment=["wall", "resistance_band", "dumbbell"],
        irritability="high",
    )
    names = _exercises(prescribe(profile, catalogue))
    assert len(names) == len(set(names))


def test_new_back_pain_outside_20_to_50_is_flagged(catalogue: Catalogue) -> None:
    assert "age_low_back" in _codes(prescribe(make_profile(age=62), catalogue))
    assert "age_low_back" not in _codes(prescribe(make_profile(age=35), catalogue))
