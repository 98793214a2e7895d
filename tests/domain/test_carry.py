"""A changed profile keeps the dose the reviews reached (issue 18, finding 5)."""

from __future__ import annotations

from dataclasses import replace

from isohold.domain.carry import carry_progress
from isohold.domain.models import Catalogue
from isohold.domain.plan import Block, Plan
from isohold.domain.prescription import prescribe
from isohold.domain.restrictions import restrictions_for
from tests.support.profiles import make_profile


def _with(plan: Plan, exercise: str, **dose: float) -> Plan:
    assert plan.program is not None
    blocks = tuple(b.with_(**dose) if b.exercise == exercise else b for b in plan.program.blocks)
    return replace(plan, program=replace(plan.program, blocks=blocks))


def _block(plan: Plan, exercise: str) -> Block:
    assert plan.program is not None
    return next(b for b in plan.program.blocks if b.exercise == exercise)


def test_exercises_that_stay_keep_their_progressed_dose(catalogue: Catalogue) -> None:
    old = _with(prescribe(make_profile(), catalogue), "bird-dog", reps=6)
    profile = make_profile(pain_now=1, goals=["pain_relief", "strength"])
    limits = restrictions_for(profile, catalogue)
    new = carry_progress(prescribe(profile, catalogue), old, limits, catalogue)
    assert _block(new, "bird-dog").reps == 6
    assert _block(new, "side-plank").reps == 4


def test_a_dose_the_new_profile_rules_out_is_not_carried(catalogue: Catalogue) -> None:
    knee = {"conditions": ["patellar_tendinopathy"], "equipment": ["leg_extension_machine"],
            "irritability": "low"}  # fmt: skip
    old = _with(prescribe(make_profile(**knee), catalogue), "leg-extension-isometric",
                intensity_value=80)  # fmt: skip
    later = make_profile(**knee, pain_now=1)
    limits = restrictions_for(later, catalogue)
    carried = carry_progress(prescribe(later, catalogue), old, limits, catalogue)
    assert _block(carried, "leg-extension-isometric").intensity_value == 80
    pregnant = make_profile(**knee, pregnancy="pregnant", pregnancy_weeks=10)
    limits = restrictions_for(pregnant, catalogue)
    kept = carry_progress(prescribe(pregnant, catalogue), old, limits, catalogue)
    assert kept.program is not None
    for b in kept.program.blocks:
        assert b.exercise != "leg-extension-isometric" or (b.intensity_value or 0) < 70


def test_a_changed_profile_keeps_the_stage_reached(catalogue: Catalogue) -> None:
    """Issue 21: answering a question again does not send a person back to the holds."""
    from dataclasses import replace

    from isohold.domain.stages import restaged

    achilles = {"conditions": ["achilles_tendinopathy"], "side": "right"}
    first = prescribe(make_profile(**achilles), catalogue)
    assert first.program is not None
    lifting = catalogue.protocols["achilles-heavy-slow"]
    moved = tuple(
        b.with_(exercise=o.exercise, protocol=lifting.id, reps=12, hold_s=6, intensity_value=7,
                intensity_kind="effort")
        for b, o in zip(first.program.blocks, lifting.options, strict=True)
    )  # fmt: skip
    old = restaged(replace(first, program=replace(first.program, blocks=moved)), catalogue)
    profile = make_profile(**achilles, pain_now=1)
    new = carry_progress(prescribe(profile, catalogue), old, restrictions_for(profile, catalogue),
                         catalogue)  # fmt: skip
    assert new.program is not None
    assert {b.protocol for b in new.program.blocks} == {"achilles-heavy-slow"}
    assert _block(new, "heel-raise-slow").intensity_value == 7
    assert new.program.sessions_per_week == 3
    pregnant = make_profile(**achilles, pregnancy="pregnant", pregnancy_weeks=12)
    limits = restrictions_for(pregnant, catalogue)
    kept = carry_progress(prescribe(pregnant, catalogue), old, limits, catalogue)
    assert kept.program is not None  # heavy lifting is ruled out: the road starts again
    assert {b.protocol for b in kept.program.blocks} == {"tendon-analgesia-achilles"}
