"""Program templates, in the domain: a template keeps a plan's blocks; applying one checks
each block against the catalogue's limits and the receiving patient's answers (said in words,
with the exercise's name), keeps the patient's own program around the blocks, and refuses
blocks no plan could hold, naming the field."""

from __future__ import annotations

from dataclasses import replace

import pytest

from isohold.domain.errors import InputError
from isohold.domain.models import Catalogue
from isohold.domain.prescription import prescribe
from isohold.domain.program_template import apply_template, blocks_of, clean_name
from isohold.domain.restrictions import restrictions_for
from tests.support.profiles import make_profile

KNEE = {"conditions": ["patellar_tendinopathy"], "goals": ["tendon_adaptation"],
        "equipment": ["wall", "leg_extension_machine"]}  # fmt: skip


def test_the_patients_answers_are_checked_block_by_block(catalogue: Catalogue) -> None:
    profile = make_profile(**KNEE)
    plain = prescribe(profile, catalogue)
    assert plain.program is not None
    heavy = blocks_of(plain)  # leg extension at 70 % MVC, the option's own start
    assert [b["exercise"] for b in heavy] == ["leg-extension-isometric"]
    pregnant = make_profile(**KNEE, pregnancy="pregnant", pregnancy_weeks=12)
    hers = prescribe(pregnant, catalogue)  # a wall sit: nothing heavy
    # a heavy hold is beyond what her answers allow, said with the exercise's name
    applied = apply_template(hers, heavy, catalogue, restrictions_for(pregnant, catalogue))
    name = catalogue.exercises["leg-extension-isometric"].name
    assert applied.beyond == (f"{name}: a heavy hold, which the patient's answers rule out",)
    assert applied.plan.program is not None and hers.program is not None
    assert [b.exercise for b in applied.plan.program.blocks] == ["leg-extension-isometric"]
    assert applied.plan.program.max_pain_during == hers.program.max_pain_during  # hers kept
    # her wall sit on the first patient's plan: within every limit
    fine = apply_template(plain, blocks_of(hers), catalogue, restrictions_for(profile, catalogue))
    assert fine.beyond == ()
    assert fine.plan.program is not None
    assert [b.exercise for b in fine.plan.program.blocks] == ["wall-sit"]


def test_refusals_name_the_field(catalogue: Catalogue) -> None:
    plan = prescribe(make_profile(), catalogue)
    blocks = blocks_of(plan)
    with pytest.raises(InputError, match="changes nothing"):
        apply_template(plan, blocks, catalogue, None)
    with pytest.raises(InputError, match=r"'template_id'.*no-such-exercise"):
        apply_template(plan, [{**blocks[0], "exercise": "no-such-exercise"}], catalogue, None)
    with pytest.raises(InputError, match=r"'template_id'.*an exercise twice"):
        apply_template(plan, [blocks[0], blocks[0]], catalogue, None)
    with pytest.raises(InputError, match=r"'template_id'.*one-sided|'template_id'.*both sides"):
        side_plank = next(b for b in blocks if b["exercise"] == "side-plank")
        apply_template(plan, [{**side_plank, "side": "both"}], catalogue, None)
    with pytest.raises(InputError, match="'patient_id'"):
        apply_template(replace(plan, program=None), blocks, catalogue, None)
    with pytest.raises(InputError, match="'name'"):
        clean_name("   ")
    assert clean_name("  Back \n week 3 ") == "Back week 3"
