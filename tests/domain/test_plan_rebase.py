"""A review proposed on an older plan, brought onto a plan a clinician has changed since."""

from __future__ import annotations

from dataclasses import replace

from isohold.domain.models import Catalogue
from isohold.domain.plan_edit import BlockEdit, edit_block
from isohold.domain.plan_rebase import rebase
from isohold.domain.prescription import prescribe
from tests.support.profiles import make_profile


def test_the_clinicians_blocks_stay_and_the_reviews_come_in(catalogue: Catalogue) -> None:
    base = prescribe(make_profile(), catalogue)  # curl-up, side plank, bird dog
    current = edit_block(base, "side-plank", BlockEdit(reps=6), catalogue).plan
    proposed = edit_block(base, "bird-dog", BlockEdit(reps=5), catalogue).plan
    proposed = edit_block(proposed, "side-plank", BlockEdit(reps=5), catalogue).plan
    merged = rebase(base, current, proposed)
    assert merged is not None and merged.kept == ("side-plank",)
    assert merged.plan.program is not None
    reps = {b.exercise: b.reps for b in merged.plan.program.blocks}
    assert reps == {"modified-curl-up": 4, "side-plank": 6, "bird-dog": 5}
    assert rebase(base, base, proposed) == type(merged)(proposed, ())


def test_a_swap_stays_and_plans_that_no_longer_match_are_refused(catalogue: Catalogue) -> None:
    base = prescribe(make_profile(), catalogue)
    swapped = edit_block(base, "bird-dog", BlockEdit(exercise="front-plank"), catalogue).plan
    proposed = edit_block(base, "bird-dog", BlockEdit(reps=5), catalogue).plan
    merged = rebase(base, swapped, proposed)
    assert merged is not None and merged.plan.program is not None
    assert [b.exercise for b in merged.plan.program.blocks][-1] == "front-plank"
    assert base.program is not None
    fewer = replace(base, program=replace(base.program, blocks=base.program.blocks[:2]))
    assert rebase(base, fewer, proposed) is None
