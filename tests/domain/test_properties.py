"""Invariants over random valid profiles (hypothesis)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from isohold.domain.escalation import severe_during, severe_morning
from isohold.domain.models import Catalogue
from isohold.domain.plan import plan_from_dict
from isohold.domain.prescription import prescribe
from isohold.domain.profile import parse_profile
from isohold.domain.regions import regions_for
from isohold.domain.responses import parse_responses, summarise
from isohold.domain.restrictions import (
    SPARED,
    UNCOVERED_REGIONS,
    bp_unknown,
    covered_conditions,
    heavy_dose,
    uncovered,
)
from isohold.domain.review import review
from isohold.domain.screening import BP_GATE_DIASTOLIC, BP_GATE_SYSTOLIC, bp_gated
from tests.strategies import profiles, responses_for

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(profiles())
def test_red_flags_mean_no_program(catalogue: Catalogue, raw: dict[str, Any]) -> None:
    profile = parse_profile(raw)
    plan = prescribe(profile, catalogue)
    flags = profile.active_flags
    if flags:
        assert plan.status == "refer" and plan.program is None
        assert plan.referral is not None
        emergency = any(catalogue.red_flags[f].urgency == "emergency" for f in flags)
        if emergency:
            assert plan.referral.urgency == "emergency"
    if plan.status == "refer":
        assert plan.program is None and plan.referral is not None
    else:
        assert plan.program is not None
        # a program with a referral only while a doctor is seen soon (BP above the gate)
        assert plan.referral is None or (
            plan.status == "caution" and plan.referral.urgency == "soon"
        )


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
        usual = r.baseline_pain
        if (r.pain_during > 5 and r.pain_during > usual) or r.pain_next_morning > usual:
            assert decision.action in ("regress", "stop")
        if severe_during(r.pain_during, usual) or severe_morning(r.pain_next_morning, usual):
            assert decision.action == "stop" and decision.after is None
            assert "reassess" in decision.reason
        if decision.action == "progress":
            relief = r.pain_during < usual and r.pain_during <= 5
            assert (r.pain_during <= 3 or relief) and r.pain_next_morning <= usual
            assert r.effort is None or r.effort < 9 or decision.before.intent == "ballistic"
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
            own = any(o.exercise == d.after.exercise for o in protocol.options)
            moved = d.after.protocol != d.before.protocol  # knee pain: wall squat to handgrip
            assert not protocol.blood_pressure or (own and moved)
            assert own or d.after.intensity_kind in ("bodyweight", "effort")
            assert own or d.after.evidence in ("design-rule", "unconfirmed")
        plan = result.plan


@FAST
@given(profiles())
def test_plan_json_round_trips(catalogue: Catalogue, raw: dict[str, Any]) -> None:
    doc = prescribe(parse_profile(raw), catalogue).to_dict()
    again = plan_from_dict(json.loads(json.dumps(doc)))
    assert again.to_dict() == doc


@FAST
@given(profiles(red_flags=False))
def test_health_rules_hold_in_every_plan(catalogue: Catalogue, raw: dict[str, Any]) -> None:
    """Whatever the protocols ask, what a person's health rules out never reaches the plan."""
    profile = parse_profile(raw)
    plan = prescribe(profile, catalogue)
    if plan.program is None:
        return
    blocks = plan.program.blocks
    exercises = [catalogue.exercises[b.exercise] for b in blocks]
    tests = [catalogue.tests[t] for t, _ in plan.program.tests]
    heavy = [heavy_dose(b.intent, b.intensity_kind, b.intensity_value) for b in blocks]
    bp_blocks = [catalogue.protocols[b.protocol].blood_pressure for b in blocks]
    pressor = bp_gated(profile) or bp_unknown(profile)
    if pressor or profile.pregnant:
        assert not any(heavy) and not any(bp_blocks), raw
        assert not any(t.traits & {"maximal", "to_exhaustion"} for t in tests), raw
        assert plan.status == "caution"
    if pressor:
        assert not any("deep_knee" in ex.traits for ex in exercises), raw
    weeks = profile.pregnancy_weeks
    if profile.pregnant and (weeks is None or weeks >= 20):
        assert not any("supine" in ex.traits for ex in exercises), raw
    if "osteoporosis" in profile.conditions:
        assert not any("spinal_flexion" in ex.traits for ex in exercises + tests), raw
    if profile.takes("beta_blocker"):
        assert all(b.intensity_kind != "pct_hr_peak" for b in blocks), raw
        assert not any("heart_rate" in t.traits for t in tests), raw
    if "achilles_tendinopathy" in profile.conditions:
        assert not any("heel_below_step" in ex.traits for ex in exercises), raw
    for condition, trait in SPARED:
        if condition in profile.conditions:
            assert not any(trait in ex.traits for ex in exercises), raw
    missing = uncovered(profile, covered_conditions(catalogue))
    barred = {r for c in missing for r in UNCOVERED_REGIONS.get(c, ())}
    assert not any(set(ex.regions) & barred for ex in exercises), raw
    located = [c for c in profile.conditions if c not in ("none", "hypertension", "osteoporosis")]
    if profile.pain_now > 0 and not (set(located) - set(missing)):
        assert all(bp_blocks), raw  # pain somewhere not covered: nothing for another region
    assert not any(catalogue.protocols[b.protocol].entry for b in blocks), raw  # stage 1 first
