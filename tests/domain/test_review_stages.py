"""Stages past the holds in the weekly review: a protocol moves on only when its next stage's
entry is met, says what is still missing, goes back a stage on a flare, and the last stage
hands over to a clinician."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from isohold.catalogue import load_catalogue
from isohold.domain.capacity import Results
from isohold.domain.models import Catalogue
from isohold.domain.plan import Plan
from isohold.domain.prescription import prescribe
from isohold.domain.responses import parse_responses
from isohold.domain.review import Review, Week, review
from tests.support.profiles import make_profile

GOOD = {"pain_during": 1, "pain_next_morning": 2, "baseline_pain": 2}
CATALOGUE = load_catalogue()
SYMMETRIC = {
    "heel-rise-count": {"left": 20, "right": 19},
    "single-leg-hop": {"left": 100, "right": 96},
}


def _week(plan: Plan, results: Results | None = None, **pain: int) -> Review:
    assert plan.program is not None
    answers = [
        {"exercise": b.exercise, "completed_sets": b.sets, **{**GOOD, **pain}}
        for b in plan.program.blocks
    ]
    return review(plan, parse_responses({"responses": answers}), CATALOGUE, Week(tests=results))


def _protocols(plan: Plan) -> set[str]:
    assert plan.program is not None
    return {b.protocol for b in plan.program.blocks}


def _until(plan: Plan, protocol: str, results: Results | None = None, weeks: int = 20) -> Plan:
    """Good weeks until a block of `protocol` appears (or fail)."""
    for _ in range(weeks):
        plan = _week(plan, results).plan
        if protocol in _protocols(plan):
            return plan
    raise AssertionError(f"{protocol} never reached: {_protocols(plan)}")


def _achilles(**kw: Any) -> Plan:
    profile = make_profile(conditions=["achilles_tendinopathy"], side="right", **kw)
    return prescribe(profile, CATALOGUE)


def test_holds_progress_within_their_range_before_any_stage_change() -> None:
    result = _week(_achilles())
    assert {d.action for d in result.decisions} == {"progress"}
    assert _protocols(result.plan) == {"tendon-analgesia-achilles"}
    assert all(d.after is not None and d.after.hold_s == 35 for d in result.decisions)


def test_a_settled_week_at_the_top_of_the_holds_moves_both_exercises_to_slow_lifting() -> None:
    plan = _until(_achilles(), "achilles-heavy-slow")
    assert plan.program is not None
    assert {b.exercise for b in plan.program.blocks} == {
        "heel-raise-slow",
        "bent-knee-heel-raise-slow",
    }
    assert all(b.side == "right" and b.reps == 12 and b.hold_s == 6 for b in plan.program.blocks)
    assert plan.program.sessions_per_week == 3  # heavy slow lifting: a rest day between
    stage = next(m.text for m in plan.messages if m.code == "stage")
    assert "stage 2 of 4" in stage and "heel rises" in stage
    assert not any(m.code == "move_to_dynamic" for m in plan.messages)


def test_acceptable_pain_at_the_top_repeats_and_never_moves_on() -> None:
    plan = _achilles()
    for _ in range(12):
        plan = _week(plan).plan
        if all(b.hold_s == 60 for b in plan.program.blocks):  # type: ignore[union-attr]
            break
    result = _week(plan, pain_during=4)
    assert {d.action for d in result.decisions} == {"repeat"}
    assert _protocols(result.plan) == {"tendon-analgesia-achilles"}


def test_a_missing_capacity_test_holds_the_stage_and_says_which() -> None:
    plan = _until(_achilles(), "achilles-heavy-slow")
    for _ in range(6):
        result = _week(plan)
        plan = result.plan
    assert _protocols(plan) == {"achilles-heavy-slow"}
    reason = result.decisions[0].reason
    assert result.decisions[0].action == "repeat"
    assert "Still needed" in reason and "heel-rise test" in reason


def test_capacity_tests_met_move_on_to_springy_loading_and_then_back_to_sport() -> None:
    plan = _until(_achilles(), "achilles-heavy-slow", SYMMETRIC)
    plan = _until(plan, "achilles-springy", SYMMETRIC)
    hops = next(b for b in plan.program.blocks if b.exercise == "pogo-hops")  # type: ignore[union-attr]
    assert hops.intent == "ballistic" and hops.side == "both"
    plan = _until(plan, "achilles-return", SYMMETRIC)
    last = _week(plan, SYMMETRIC)
    assert {d.action for d in last.decisions} == {"repeat"}
    assert all("physiotherapist or coach" in d.reason for d in last.decisions)


def test_the_painful_side_must_reach_ninety_percent_of_the_other() -> None:
    weak = {"heel-rise-count": {"left": 20, "right": 15}}
    plan = _until(_achilles(), "achilles-heavy-slow", weak)
    for _ in range(6):
        result = _week(plan, weak)
        plan = result.plan
    assert _protocols(plan) == {"achilles-heavy-slow"}
    assert "now 75%" in result.decisions[0].reason


def test_every_exercise_of_the_stage_must_be_at_the_top() -> None:
    plan = _until(_achilles(), "achilles-heavy-slow", SYMMETRIC)
    for _ in range(2):
        plan = _week(plan, SYMMETRIC).plan
    one = plan.program.blocks[0]  # type: ignore[union-attr]
    answer = {"exercise": one.exercise, "completed_sets": one.sets, **GOOD}
    result = review(
        plan, parse_responses({"responses": [answer]}), CATALOGUE, Week(tests=SYMMETRIC)
    )
    (decision,) = result.decisions
    assert decision.action == "repeat" and "at the top of its range too" in decision.reason
    assert _protocols(result.plan) == {"achilles-heavy-slow"}


def test_a_flare_at_the_start_of_slow_lifting_goes_back_to_the_holds() -> None:
    plan = _until(_achilles(), "achilles-heavy-slow")
    flare = {"exercise": "heel-raise-slow", "completed_sets": 3, "pain_during": 6,
             "pain_next_morning": 3, "baseline_pain": 2}  # fmt: skip
    result = review(plan, parse_responses({"responses": [flare]}), CATALOGUE)
    (decision,) = result.decisions
    assert decision.action == "regress" and "back a stage" in decision.reason
    assert decision.after is not None
    assert (decision.after.exercise, decision.after.protocol) == (
        "single-leg-calf-raise-hold",
        "tendon-analgesia-achilles",
    )
    assert decision.after.side == "right" and decision.after.hold_s == 30


def test_a_flare_with_load_to_spare_eases_the_load_first() -> None:
    plan = _until(_achilles(), "achilles-heavy-slow")
    plan = _week(plan).plan  # effort 6 -> 7
    flare = {"exercise": "heel-raise-slow", "completed_sets": 3, "pain_during": 6,
             "pain_next_morning": 3, "baseline_pain": 2}  # fmt: skip
    (decision,) = review(plan, parse_responses({"responses": [flare]}), CATALOGUE).decisions
    assert decision.action == "regress" and decision.after is not None
    assert (decision.after.exercise, decision.after.intensity_value) == ("heel-raise-slow", 6)


def test_insertional_pain_never_reaches_heel_below_step_lifting_even_from_the_plan_alone() -> None:
    plan = _until(_achilles(tendon_site="insertional"), "achilles-heavy-slow")
    for _ in range(6):
        plan = _week(plan).plan
    traits = {t for b in plan.program.blocks for t in CATALOGUE.exercises[b.exercise].traits}  # type: ignore[union-attr]
    assert "heel_below_step" not in traits


def test_patellar_holds_move_on_at_the_top_intensity() -> None:
    profile = make_profile(
        conditions=["patellar_tendinopathy"], equipment=["leg_extension_machine"], side="left"
    )
    plan = _until(prescribe(profile, CATALOGUE), "patellar-heavy-slow")
    (block,) = plan.program.blocks  # type: ignore[misc,union-attr]
    assert (block.exercise, block.side, block.intensity_kind) == (
        "leg-extension-slow",
        "left",
        "effort",
    )
    springy = _until(plan, "patellar-springy", {"single-leg-decline-squat": {"left": 2}})
    assert {b.exercise for b in springy.program.blocks} == {"jump-landing"}  # type: ignore[union-attr]


def test_decline_squat_pain_above_three_keeps_the_lifting() -> None:
    profile = make_profile(
        conditions=["patellar_tendinopathy"], equipment=["leg_extension_machine"], side="left"
    )
    plan = _until(prescribe(profile, CATALOGUE), "patellar-heavy-slow")
    sore = {"single-leg-decline-squat": {"left": 5, "right": 0}}
    for _ in range(5):
        result = _week(plan, sore)
        plan = result.plan
    assert _protocols(plan) == {"patellar-heavy-slow"}
    assert "decline squat pain (0-10) at 3 or less (now 5)" in result.decisions[0].reason


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    during=st.integers(0, 10),
    morning=st.integers(0, 10),
    usual=st.integers(0, 10),
    done=st.booleans(),
)
def test_a_stage_changes_only_when_its_entry_is_met(
    catalogue: Catalogue, during: int, morning: int, usual: int, done: bool
) -> None:
    plan = _at_top(catalogue)
    assert plan.program is not None
    answers = [
        {
            "exercise": b.exercise,
            "completed_sets": b.sets if done else 0,
            "pain_during": during,
            "pain_next_morning": morning,
            "baseline_pain": usual,
        }
        for b in plan.program.blocks
    ]
    result = review(plan, parse_responses({"responses": answers}), catalogue)
    moved = [
        d for d in result.decisions if d.after is not None and d.after.protocol != d.before.protocol
    ]
    forward = [d for d in moved if d.action == "progress"]
    if forward:
        assert done and during <= 3 and morning <= usual
        assert len(forward) == len(plan.program.blocks)
    for d in moved:
        assert d.action in ("progress", "regress")


def _at_top(catalogue: Catalogue) -> Plan:
    """Achilles holds at the top of their range (60 s)."""
    plan = prescribe(make_profile(conditions=["achilles_tendinopathy"], side="left"), catalogue)
    assert plan.program is not None
    blocks = tuple(b.with_(hold_s=60) for b in plan.program.blocks)
    return replace(plan, program=replace(plan.program, blocks=blocks))


def test_lifting_never_steps_up_to_heavy_while_blood_pressure_is_not_known() -> None:
    """Hypertension with no reading rules heavy loads out (effort 7 or more): the slow lifts
    stay at effort 6, also when the review has only the plan document."""
    profile = make_profile(conditions=["achilles_tendinopathy", "hypertension"], side="right")
    plan = _until(prescribe(profile, CATALOGUE), "achilles-heavy-slow")
    for _ in range(3):
        plan = _week(plan).plan
    assert {b.intensity_value for b in plan.program.blocks} == {6}  # type: ignore[union-attr]
