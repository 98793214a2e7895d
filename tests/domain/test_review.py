"""Weekly review by the pain-monitoring model (contract 3)."""

from __future__ import annotations

from typing import Any

import pytest

from isohold.domain.errors import InputError
from isohold.domain.models import Catalogue
from isohold.domain.plan import Block, Plan
from isohold.domain.prescription import prescribe
from isohold.domain.responses import parse_responses
from isohold.domain.review import review
from tests.support.profiles import make_profile


def _response(exercise: str, **kw: Any) -> dict[str, Any]:
    base = {
        "exercise": exercise,
        "completed_sets": 2,
        "pain_during": 2,
        "pain_next_morning": 3,
        "baseline_pain": 3,
    }
    base.update(kw)
    return base


def _run(plan: Plan, catalogue: Catalogue, *responses: dict[str, Any]) -> Any:
    return review(plan, parse_responses({"responses": list(responses)}), catalogue)


@pytest.fixture
def back_plan(catalogue: Catalogue) -> Plan:
    return prescribe(make_profile(), catalogue)


def _block(plan: Plan, exercise: str) -> Block:
    assert plan.program is not None
    return next(b for b in plan.program.blocks if b.exercise == exercise)


def test_settled_response_progresses_reps_first(back_plan: Plan, catalogue: Catalogue) -> None:
    result = _run(back_plan, catalogue, _response("bird-dog"))
    (decision,) = result.decisions
    assert decision.action == "progress"
    assert (decision.before.reps, decision.after.reps) == (4, 5)
    assert _block(result.plan, "bird-dog").reps == 5
    assert _block(result.plan, "side-plank").reps == 4  # untouched without responses


def test_progress_then_context_when_dose_is_at_its_top(
    back_plan: Plan, catalogue: Catalogue
) -> None:
    plan = back_plan
    seen = []
    current = "side-plank"
    for _ in range(4):
        result = _run(plan, catalogue, _response(current))
        current = result.decisions[0].after.exercise
        seen.append(current)
        plan = result.plan
    assert seen == ["side-plank", "side-plank", "side-plank-stacked", "side-plank-stacked"]
    stacked = _block(plan, "side-plank-stacked")
    assert stacked.reps == 5  # reset to the start (4), then one step up


def test_acceptable_pain_repeats(back_plan: Plan, catalogue: Catalogue) -> None:
    result = _run(back_plan, catalogue, _response("bird-dog", pain_during=4))
    assert result.decisions[0].action == "repeat"
    assert result.decisions[0].after == result.decisions[0].before


def test_unfinished_sets_repeat(back_plan: Plan, catalogue: Catalogue) -> None:
    result = _run(back_plan, catalogue, _response("bird-dog", completed_sets=1))
    assert result.decisions[0].action == "repeat"
    assert "1 of 2 sets" in result.decisions[0].reason


@pytest.mark.parametrize(
    ("kw", "why"),
    [
        ({"pain_during": 6}, "above your limit of 5/10"),
        ({"pain_next_morning": 4}, "worse the next morning"),
    ],
)
def test_too_much_regresses_to_the_catalogue_regression(
    back_plan: Plan, catalogue: Catalogue, kw: dict[str, int], why: str
) -> None:
    result = _run(back_plan, catalogue, _response("side-plank", **kw))
    decision = result.decisions[0]
    assert decision.action == "regress"
    assert why in decision.reason
    assert decision.after.exercise == "side-plank-knees"
    assert decision.after.reps == 4


def test_regress_lowers_intensity_before_anything_else(catalogue: Catalogue) -> None:
    plan = prescribe(
        make_profile(
            conditions=["hypertension"],
            equipment=["handgrip_dynamometer"],
            resting_bp={"systolic": 135, "diastolic": 85},
        ),
        catalogue,
    )
    result = _run(plan, catalogue, _response("handgrip-isometric", completed_sets=4, pain_during=6))
    decision = result.decisions[0]
    assert decision.action == "regress"
    assert (decision.before.intensity_value, decision.after.intensity_value) == (30, 25)


def test_bp_handgrip_never_progresses_above_30(catalogue: Catalogue) -> None:
    plan = prescribe(
        make_profile(
            conditions=["hypertension"],
            equipment=["handgrip_dynamometer"],
            resting_bp={"systolic": 138, "diastolic": 86},
        ),
        catalogue,
    )
    for _ in range(3):
        plan = _run(plan, catalogue, _response("handgrip-isometric", completed_sets=4)).plan
    assert _block(plan, "handgrip-isometric").intensity_value == 30


def test_severe_pain_with_a_meaningful_flare_stops(back_plan: Plan, catalogue: Catalogue) -> None:
    result = _run(back_plan, catalogue, _response("bird-dog", pain_during=7, pain_next_morning=5))
    decision = result.decisions[0]
    assert decision.action == "stop" and decision.after is None
    assert "clinician" in decision.reason
    assert "bird-dog" not in [b.exercise for b in result.plan.program.blocks]


def test_no_easier_version_left_stops(catalogue: Catalogue) -> None:
    plan = prescribe(make_profile(irritability="high"), catalogue)
    first = _run(plan, catalogue, _response("side-plank-knees", pain_during=4))
    assert first.decisions[0].action == "regress"
    assert first.decisions[0].after.sets == 1
    result = _run(first.plan, catalogue, _response("side-plank-knees", pain_during=4))
    assert result.decisions[0].action == "stop"
    assert "no easier version" in result.decisions[0].reason
    back = _run(first.plan, catalogue, _response("side-plank-knees", pain_during=1))
    assert back.decisions[0].action == "progress" and back.decisions[0].after.sets == 2


def test_worst_session_of_the_week_counts(back_plan: Plan, catalogue: Catalogue) -> None:
    result = _run(
        back_plan,
        catalogue,
        _response("bird-dog"),
        _response("bird-dog", pain_next_morning=5),
        _response("bird-dog"),
    )
    assert [d.action for d in result.decisions] == ["regress"]


def test_unknown_exercise_is_named(back_plan: Plan, catalogue: Catalogue) -> None:
    with pytest.raises(InputError, match=r"responses\[0\].exercise.*not in the plan"):
        _run(back_plan, catalogue, _response("wall-sit"))


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ({}, "responses"),
        ({"responses": "x"}, "responses"),
        ({"responses": [], "extra": 1}, "extra"),
        ({"responses": [{"exercise": "bird-dog"}]}, "responses[0].completed_sets"),
        ({"responses": [_response("bird-dog", pain_during=11)]}, "responses[0].pain_during"),
        ({"responses": [_response("bird-dog", mood=3)]}, "responses[0].mood"),
        ({"responses": [_response("bird-dog", effort=-1)]}, "responses[0].effort"),
    ],
)
def test_bad_responses_are_named(raw: Any, field: str) -> None:
    with pytest.raises(InputError) as info:
        parse_responses(raw)
    assert info.value.field == field


def test_review_document_shape(back_plan: Plan, catalogue: Catalogue) -> None:
    doc = _run(back_plan, catalogue, _response("bird-dog")).to_dict()
    assert set(doc) == {"schema", "decisions", "plan"}
    assert doc["schema"] == "isohold.review/1"
    assert set(doc["decisions"][0]) == {"exercise", "action", "reason", "from", "to"}
    assert doc["plan"]["schema"] == "isohold.plan/1"
