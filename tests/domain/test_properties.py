"""Invariants over random valid profiles (hypothesis)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from isohold.domain.models import Catalogue
from isohold.domain.plan import plan_from_dict
from isohold.domain.prescription import prescribe
from isohold.domain.profile import parse_profile
from isohold.domain.regions import regions_for
from isohold.domain.responses import parse_responses, summarise
from isohold.domain.review import review
from isohold.domain.screening import BP_GATE_DIASTOLIC, BP_GATE_SYSTOLIC
from tests.strategies import profiles, responses_for

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(profiles())
def test_red_flags_mean_no_program(catalogue: Catalogue, raw: dict[str, Any]) -> None:
    plan = prescribe(parse_profile(raw), catalogue)
    if raw["red_flags"]:
        assert plan.status == "refer" and plan.program is None
        assert plan.referral is not None
        emergency = any(catalogue.red_flags[f].urgency == "emergency" for f in raw["red_flags"])
        if emergency:
            assert plan.referral.urgency == "emergency"
    if plan.status == "refer":
        assert plan.program is None and plan.referral is not None
    else:
        assert plan.program is not None and plan.referral is None


@FAST
@given(profiles(red_flags=False))
def test_blocks_fit_person_and_carry_sources(catalogue: Catalogue, raw: dict[str, Any]) -> None:
    profile = parse_profile(raw)
    plan = prescribe(profile, catalogue)
    if plan.program is None:
        return
    regions = regions_for(profile)
    assert plan.program.max_pain_during <= 5
    names = [b.exercise for b in plan.program.blocks]
    assert len(names) == len(set(names))
    for block in plan.program.blocks:
        ex = catalogue.exercises[block.exercise]
        assert ex.fits(profile.gear), (block.exercise, profile.equipment)
        assert set(ex.regions) & regions, (block.exercise, profile.conditions)
        assert block.sources and all(s.startswith("http") for s in block.sources)
        assert block.intent in ex.intents
    if plan.program.microbreaks is not None:
        for ident in plan.program.microbreaks.exercises:
            assert catalogue.exercises[ident].fits(profile.gear)


@FAST
@given(profiles(red_flags=False))
def test_bp_training_limits(catalogue: Catalogue, raw: dict[str, Any]) -> None:
    profile = parse_profile(raw)
    plan = prescribe(profile, catalogue)
    if plan.program is None:
        return
    bp = profile.resting_bp
    above_gate = bp is not None and (
        bp.systolic >= BP_GATE_SYSTOLIC or bp.diastolic >= BP_GATE_DIASTOLIC
    )
    for block in plan.program.blocks:
        protocol = catalogue.protocols[block.protocol]
        if protocol.blood_pressure:
            assert not (above_gate and not profile.bp_cleared)
            if block.intensity_kind == "pct_mvc":
                assert block.intensity_value is not None and block.intensity_value <= 30
    if above_gate and not profile.bp_cleared:
        assert plan.status == "caution"


@FAST
@given(profiles(red_flags=False), st.data())
def test_review_never_progresses_through_pain(
    catalogue: Catalogue, raw: dict[str, Any], data: st.DataObject
) -> None:
    plan = prescribe(parse_profile(raw), catalogue)
    if plan.program is None or not plan.program.blocks:
        return
    names = [b.exercise for b in plan.program.blocks]
    week = parse_responses(data.draw(responses_for(names)))
    result = review(plan, week, catalogue)
    worst = summarise(week)
    for decision in result.decisions:
        r = worst[decision.exercise]
        if r.pain_during > 5 or r.pain_next_morning > r.baseline_pain:
            assert decision.action in ("regress", "stop")
        if decision.action == "progress":
            assert r.pain_during <= 3 and r.pain_next_morning <= r.baseline_pain
        if decision.after is not None:
            block = decision.after
            if catalogue.protocols[block.protocol].blood_pressure and (
                block.intensity_kind == "pct_mvc"
            ):
                assert block.intensity_value is not None and block.intensity_value <= 30
    assert result.plan.program is not None
    assert result.plan.program.max_pain_during <= 5


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles(red_flags=False), st.data())
def test_chained_reviews_keep_doses_meaningful(
    catalogue: Catalogue, raw: dict[str, Any], data: st.DataObject
) -> None:
    """Over several weeks, a block whose exercise changes only ever carries a dose that belongs
    to it: blood-pressure work never changes exercise, measured targets never move across."""
    plan = prescribe(parse_profile(raw), catalogue)
    for _week in range(4):
        if plan.program is None or not plan.program.blocks:
            return
        names = [b.exercise for b in plan.program.blocks]
        result = review(plan, parse_responses(data.draw(responses_for(names))), catalogue)
        for d in result.decisions:
            if d.after is None or d.after.exercise == d.before.exercise:
                continue
            protocol = catalogue.protocols[d.after.protocol]
            assert not protocol.blood_pressure
            own = any(o.exercise == d.after.exercise for o in protocol.options)
            assert own or d.after.intensity_kind in ("bodyweight", "effort")
            assert own or d.after.evidence in ("design-rule", "unconfirmed")
        plan = result.plan


@FAST
@given(profiles())
def test_plan_json_round_trips(catalogue: Catalogue, raw: dict[str, Any]) -> None:
    doc = prescribe(parse_profile(raw), catalogue).to_dict()
    again = plan_from_dict(json.loads(json.dumps(doc)))
    assert again.to_dict() == doc
