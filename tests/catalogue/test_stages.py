"""The stage fields of protocols: each rejection rule fires with a message naming the entry,
and the shipped roads are whole (every tendon and pain program has its later stages)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from isohold.catalogue import load_catalogue
from isohold.domain.errors import CatalogueError
from isohold.domain.models import Catalogue
from isohold.domain.stages import road

STAGED = (
    "tendon-analgesia-patellar",
    "tendon-analgesia-achilles",
    "elbow-holds",
    "gluteal-holds",
    "shoulder-holds",
    "knee-oa-holds",
)

CASES = [
    (
        "protocols/achilles-heavy-slow.toml",
        'next_stage = "achilles-springy"',
        'next_stage = "tendon-analgesia-achilles"',
        r"next_stage 'tendon-analgesia-achilles' must be a later stage",
    ),
    (
        "protocols/achilles-heavy-slow.toml",
        'next_stage = "achilles-springy"',
        'next_stage = "achilles-sprung"',
        r"unknown next_stage 'achilles-sprung'",
    ),
    (
        "protocols/achilles-springy.toml",
        'slot = "bent-knee"',
        'slot = "calf"',
        r"achilles-heavy-slow\]: next_stage 'achilles-springy' has no slot 'bent-knee'",
    ),
    (
        "protocols/achilles-springy.toml",
        '{ test = "heel-rise-count", symmetry_pct = 90 }',
        '{ test = "heel-rise-count", symmetry_pct = 90, at_least = 20 }',
        r"exactly one is needed",
    ),
    (
        "protocols/achilles-springy.toml",
        '{ test = "heel-rise-count", symmetry_pct = 90 }',
        '{ test = "calf-count", symmetry_pct = 90 }',
        r"achilles-springy\] entry: unknown test 'calf-count'",
    ),
    (
        "protocols/tendon-analgesia-achilles.toml",
        'next_stage = "achilles-heavy-slow"\n',
        "",
        r"achilles-heavy-slow\]: has an \[entry\] but no stage leads to it",
    ),
    (
        "protocols/achilles-heavy-slow.toml",
        'stage = "isotonic"\n',
        "",
        r"field 'stage' is needed with 'next_stage' or '\[entry\]'",
    ),
    (
        "exercises/ankle.toml",
        'progressions = ["heel-raise-slow-step"]',
        'progressions = ["deficit-calf-raise-hold"]',
        r"'deficit-calf-raise-hold' moves where this one holds",
    ),
    (
        "exercises/ankle.toml",
        '"Breathe normally, out as you rise and in as you lower; never hold your breath.",',
        '"Breathe normally, out as you rise and in as you lower.",',
        r"must include a 'never hold your breath' cue",
    ),
]


@pytest.mark.parametrize(("rel", "old", "new", "error"), CASES)
def test_each_stage_rule_fires(
    catalogue_copy: Callable[[], Path], rel: str, old: str, new: str, error: str
) -> None:
    root = catalogue_copy()
    path = root / rel
    text = path.read_text()
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(CatalogueError, match=error):
        load_catalogue(root)


@pytest.mark.parametrize("first", STAGED)
def test_every_tendon_and_pain_program_has_its_later_stages(
    catalogue: Catalogue, first: str
) -> None:
    stages = road(catalogue.protocols[first], catalogue)
    assert stages[0].id == first and stages[0].entry is None
    assert (stages[0].stage, stages[-1].stage) == ("isometric", "return")
    assert "isotonic" in [p.stage for p in stages]
    for later in stages[1:]:
        assert later.entry is not None and later.entry.max_pain_during <= 3
        assert later.conditions == ()  # never prescribed: the weekly review moves to it
        assert later.clinician  # says when a clinician should take over
    for stage in stages:
        for option in stage.options:
            kind = catalogue.exercises[option.exercise].kind
            assert (kind == "isometric") == (stage.stage == "isometric"), option.exercise
