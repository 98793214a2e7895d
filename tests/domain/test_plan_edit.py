"""A clinician's block changes: within the protocol's limits, beyond them (said in words),
swaps, sides, refusals naming the field; and the plan diff in plain words."""

from __future__ import annotations

import pytest

from isohold.domain.errors import InputError
from isohold.domain.models import Catalogue
from isohold.domain.plan import Plan
from isohold.domain.plan_diff import plan_diff
from isohold.domain.plan_edit import BlockEdit, edit_block, parse_edit
from isohold.domain.prescription import prescribe
from isohold.domain.restrictions import restrictions_for
from tests.support.profiles import make_profile


@pytest.fixture
def plan(catalogue: Catalogue) -> Plan:
    return prescribe(make_profile(), catalogue)  # curl-up, side plank, bird dog: 2 x 4 x 10 s


def test_a_dose_within_the_limits(plan: Plan, catalogue: Catalogue) -> None:
    edited = edit_block(plan, "side-plank", BlockEdit(reps=6, side="left"), catalogue)
    assert (edited.after.reps, edited.after.side, edited.beyond) == (6, "left", ())
    assert edited.plan.program is not None
    assert edited.plan.program.blocks[1] == edited.after
    assert edited.plan.program.blocks[0] == plan.program.blocks[0]  # type: ignore[union-attr]


def test_beyond_the_limits_says_which(plan: Plan, catalogue: Catalogue) -> None:
    edited = edit_block(plan, "bird-dog", BlockEdit(hold_s=20, reps=8, sets=3), catalogue)
    assert edited.beyond == (
        "3 sets is more than the protocol's 2",
        "a hold of 20 s is outside the protocol's 10-10 s",
        "8 reps is outside the protocol's 4-6",
    )


def test_the_patients_answers_count_as_limits(catalogue: Catalogue) -> None:
    profile = make_profile(conditions=["patellar_tendinopathy"], goals=["tendon_adaptation"],
                           equipment=["wall", "leg_extension_machine"], pregnancy="pregnant",
                           pregnancy_weeks=12)  # fmt: skip
    plan = prescribe(profile, catalogue)
    assert plan.program is not None
    assert [b.exercise for b in plan.program.blocks] == ["wall-sit"]
    edited = edit_block(plan, "wall-sit", BlockEdit(exercise="leg-extension-isometric"),
                        catalogue, restrictions_for(profile, catalogue))  # fmt: skip
    assert edited.after.intensity_value == 70  # the option's own starting dose
    assert edited.beyond == ("a heavy hold, which the patient's answers rule out",)
    with pytest.raises(InputError, match=r"'intensity_value'.*body weight"):
        edit_block(plan, "wall-sit", BlockEdit(intensity_value=50), catalogue)


def test_a_swap_to_another_option_starts_at_its_dose(plan: Plan, catalogue: Catalogue) -> None:
    trimmed = edit_block(plan, "bird-dog", BlockEdit(exercise="front-plank"), catalogue)
    assert trimmed.after.exercise == "front-plank"
    assert trimmed.after.side == "both"  # a two-sided exercise
    assert trimmed.beyond == ("Front plank is not one of this protocol's exercises (its dose is "
                              "kept)",)  # fmt: skip
    with pytest.raises(InputError, match=r"'exercise'.*in the plan already"):
        edit_block(plan, "bird-dog", BlockEdit(exercise="side-plank"), catalogue)
    with pytest.raises(InputError, match="unknown exercise 'nope'"):
        edit_block(plan, "bird-dog", BlockEdit(exercise="nope"), catalogue)


def test_refusals_name_the_field(plan: Plan, catalogue: Catalogue) -> None:
    with pytest.raises(InputError, match=r"'side'.*both sides together"):
        edit_block(plan, "modified-curl-up", BlockEdit(side="left"), catalogue)
    with pytest.raises(InputError, match=r"'exercise'.*not in the plan"):
        edit_block(plan, "wall-sit", BlockEdit(reps=5), catalogue)
    with pytest.raises(InputError, match=r"'change'.*changes nothing"):
        edit_block(plan, "bird-dog", BlockEdit(reps=4), catalogue)
    with pytest.raises(InputError, match=r"'hold_s'.*from 1 to 1800"):
        parse_edit({"hold_s": -1})
    with pytest.raises(InputError, match=r"'reps'.*whole number"):
        parse_edit({"reps": 2.5})
    with pytest.raises(InputError, match=r"'colour'.*cannot be changed"):
        parse_edit({"colour": "red"})
    with pytest.raises(InputError, match=r"'change'.*nothing"):
        parse_edit({})
    assert parse_edit({"hold_s": 12, "side": "left"}) == BlockEdit(hold_s=12.0, side="left")


def test_the_diff_in_plain_words(plan: Plan, catalogue: Catalogue) -> None:
    edited = edit_block(plan, "bird-dog", BlockEdit(reps=6, hold_s=15), catalogue).plan
    swapped = edit_block(edited, "side-plank", BlockEdit(exercise="front-plank"), catalogue).plan
    names = {e.id: e.name for e in catalogue.exercises.values()}
    texts = [c.text(names) for c in plan_diff(plan, swapped)]
    assert texts == [
        "Side plank (feet staggered) replaced by Front plank (side each side → both sides "
        "together)",
        "Bird dog: reps 4 → 6; hold 10 s → 15 s",
    ]
    assert plan_diff(plan, plan) == ()
