"""Issue 10, findings 3, 8 and 11: escalation, usual pain, effort, stiffness, blood pressure
and the blood-pressure fallbacks in the weekly review."""

from __future__ import annotations

from typing import Any

import pytest

from isohold.domain.models import Catalogue
from isohold.domain.plan import Block, Plan
from isohold.domain.prescription import prescribe
from isohold.domain.responses import parse_responses
from isohold.domain.review import Review, Week, review
from tests.support.profiles import make_profile


def _response(exercise: str, **kw: Any) -> dict[str, Any]:
    base = {"exercise": exercise, "completed_sets": 2, "pain_during": 2,
            "pain_next_morning": 3, "baseline_pain": 3}  # fmt: skip
    base.update(kw)
    return base


def _run(plan: Plan, catalogue: Catalogue, *rs: dict[str, Any], week: Week | None = None) -> Review:
    return review(plan, parse_responses({"responses": list(rs)}), catalogue, week)


def _block(plan: Plan, exercise: str) -> Block:
    assert plan.program is not None
    return next(b for b in plan.program.blocks if b.exercise == exercise)


@pytest.fixture
def back_plan(catalogue: Catalogue) -> Plan:
    return prescribe(make_profile(), catalogue)


@pytest.mark.parametrize(
    "response",
    [
        {"pain_during": 10},  # 10/10 during a hold
        {"pain_during": 2, "pain_next_morning": 9},  # next morning 3 -> 9
        {"pain_during": 2, "pain_next_morning": 6},  # 3 points above usual
        {"pain_during": 7, "pain_next_morning": 3},
    ],
)
def test_severe_pain_stops_with_reassessment_and_red_flag_reminder(
    back_plan: Plan, catalogue: Catalogue, response: dict[str, Any]
) -> None:
    result = _run(back_plan, catalogue, _response("bird-dog", **response))
    (decision,) = result.decisions
    assert decision.action == "stop" and decision.after is None
    assert "reassess" in decision.reason and "bowels" in decision.reason
    assert "bird-dog" not in [b.exercise for b in result.plan.program.blocks]  # type: ignore[union-attr]


def test_relief_from_high_usual_pain_is_a_good_response(catalogue: Catalogue) -> None:
    """Finding 8: usual pain 8, 5/10 during the holds, mornings better: not eased off."""
    plan = prescribe(make_profile(pain_now=8), catalogue)  # irritable: limit 3/10
    assert plan.program is not None and plan.program.max_pain_during == 3
    exercise = plan.program.blocks[0].exercise
    result = _run(plan, catalogue, _response(exercise, pain_during=5, pain_next_morning=6,
                                             baseline_pain=8))  # fmt: skip
    assert result.decisions[0].action == "progress"
    assert "below your usual pain" in result.decisions[0].reason


def test_the_limit_returns_to_5_once_irritability_settles(catalogue: Catalogue) -> None:
    plan = prescribe(make_profile(irritability="high"), catalogue)
    assert plan.program is not None and plan.program.max_pain_during == 3
    rs = [_response(b.exercise, pain_during=1, pain_next_morning=2, baseline_pain=3,
                    completed_sets=b.sets) for b in plan.program.blocks]  # fmt: skip
    result = _run(plan, catalogue, *rs)
    assert result.plan.program is not None and result.plan.program.max_pain_during == 5
    codes = [m.code for m in result.plan.messages]
    assert "pain_limit_raised" in codes and "high_irritability" not in codes
    stop = next(m for m in result.plan.messages if m.code == "stop_rules")
    assert "above 5/10" in stop.text


def test_a_week_still_irritable_keeps_the_lower_limit(catalogue: Catalogue) -> None:
    plan = prescribe(make_profile(irritability="high"), catalogue)
    exercise = plan.program.blocks[0].exercise  # type: ignore[union-attr]
    result = _run(plan, catalogue, _response(exercise, pain_during=1, baseline_pain=7,
                                             pain_next_morning=6))  # fmt: skip
    assert result.plan.program.max_pain_during == 3  # type: ignore[union-attr]


def test_near_maximal_effort_is_repeated_not_progressed(
    back_plan: Plan, catalogue: Catalogue
) -> None:
    result = _run(back_plan, catalogue, _response("bird-dog", effort=10))
    assert (
        result.decisions[0].action == "repeat" and "effort was 10/10" in result.decisions[0].reason
    )


def test_rising_morning_stiffness_holds_the_dose(back_plan: Plan, catalogue: Catalogue) -> None:
    week = Week(stiffness_rising=True)
    result = _run(back_plan, catalogue, _response("bird-dog"), week=week)
    assert result.decisions[0].action == "repeat" and "stiffness" in result.decisions[0].reason


def _bp_plan(catalogue: Catalogue, gear: list[str]) -> Plan:
    return prescribe(
        make_profile(conditions=["hypertension"], goals=["blood_pressure"], pain_now=0,
                     resting_bp={"systolic": 134, "diastolic": 84}, bp_cleared=True,
                     equipment=gear),
        catalogue,
    )  # fmt: skip


def test_a_gated_reading_this_week_holds_bp_training(catalogue: Catalogue) -> None:
    plan = _bp_plan(catalogue, ["handgrip_dynamometer"])
    block = plan.program.blocks[0]  # type: ignore[union-attr]
    first = _run(plan, catalogue, _response(block.exercise, completed_sets=block.sets,
                                            pain_during=0, baseline_pain=0, pain_next_morning=0),
                 week=Week(bp_gated=True))  # fmt: skip
    assert first.decisions[0].action == "repeat" and "160/100" in first.decisions[0].reason


def test_handgrip_that_cannot_be_sustained_drops_to_20_pct(catalogue: Catalogue) -> None:
    """Finding 11 (T2.7): if 2 minutes at 30% cannot be held, 15-20% MVC."""
    plan = _bp_plan(catalogue, ["handgrip_dynamometer"])
    quiet = {"pain_during": 0, "baseline_pain": 0, "pain_next_morning": 0}
    result = _run(plan, catalogue, _response("handgrip-isometric", completed_sets=1, **quiet))
    decision = result.decisions[0]
    assert decision.action == "regress" and decision.after is not None
    assert decision.after.intensity_value == 20 and "training guide" in decision.reason


def test_a_painful_knee_in_wall_squats_switches_to_handgrip(catalogue: Catalogue) -> None:
    """Finding 11 (T2.7, T2.8): knee pain in wall-squat training moves to handgrip training."""
    plan = _bp_plan(catalogue, ["wall", "handgrip_dynamometer"])
    assert [b.exercise for b in plan.program.blocks] == ["wall-sit"]  # type: ignore[union-attr]
    week = Week(equipment=frozenset({"wall", "handgrip_dynamometer"}))
    sore = {"pain_during": 6, "baseline_pain": 1, "pain_next_morning": 2}
    result = _run(plan, catalogue, _response("wall-sit", completed_sets=4, **sore), week=week)
    decision = result.decisions[0]
    assert decision.action == "regress" and decision.after is not None
    assert (decision.after.exercise, decision.after.protocol) == (
        "handgrip-isometric",
        "bp-handgrip",
    )
    assert (decision.after.intensity_kind, decision.after.intensity_value) == ("pct_mvc", 30)
    assert "not to stop" in decision.reason
