"""A changed profile keeps the dose the reviews reached (issue 18, finding 5)."""

from __future__ import annotations

from dataclasses import replace

from isohold.domain.carry import carry_progress
from isohold.domain.models import Catalogue
from isohold.domain.plan import Block, Plan
from isohold.domain.prescription import prescribe
from isohold.domain.restrictions import restrictions_for
from tests.conftest import make_profile


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
    new = carry_progress(prescribe(profile, catalogue), old, restrictions_for(profile, catalogue))
    assert _block(new, "bird-dog").reps == 6
    assert _block(new, "side-plank").reps == 4


def test_a_dose_the_new_profile_rules_out_is_not_carried(catalogue: Catalogue) -> None:
    knee = {"conditions": ["patellar_tendinopathy"], "equipment": ["leg_extension_machine"],
            "irritability": "low"}  # fmt: skip
    old = _with(prescribe(make_profile(**knee), catalogue), "leg-extension-isometric",
                intensity_value=80)  # fmt: skip
    later = make_profile(**knee, pain_now=1)
    carried = carry_progress(prescribe(later, catalogue), old, restrictions_for(later, catalogue))
    assert _block(carried, "leg-extension-isometric").intensity_value == 80
    pregnant = make_profile(**knee, pregnancy="pregnant", pregnancy_weeks=10)
    limits = restrictions_for(pregnant, catalogue)
    kept = carry_progress(prescribe(pregnant, catalogue), old, limits)
    assert kept.program is not None
    for b in kept.program.blocks:
        assert b.exercise != "leg-extension-isometric" or (b.intensity_value or 0) < 70
