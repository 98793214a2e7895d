"""The catalogue loads, covers what the product needs, and every rejection rule fires."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from isohold.catalogue import load_catalogue
from isohold.domain.errors import CatalogueError
from isohold.domain.models import Catalogue
from isohold.domain.vocabulary import RED_FLAG_CODES

REQUIRED_EXERCISES = [
    "neck-flexion-hold",
    "neck-extension-clasped-hands",
    "neck-lateral-flexion-hold",
    "neck-rotation-hold",
    "craniocervical-flexion-hold",
    "neck-band-extension-hold",
    "shoulder-abduction-wall-press",
    "shoulder-external-rotation-isometric",
    "scapular-retraction-hold",
    "modified-curl-up",
    "side-plank-knees",
    "side-plank",
    "side-plank-stacked",
    "front-plank",
    "bird-dog",
    "dead-bug-hold",
    "pallof-press-half-kneeling",
    "prone-extension-hold",
    "glute-bridge-hold",
    "suitcase-hold",
    "hip-abduction-wall-press",
    "leg-extension-isometric",
    "spanish-squat",
    "wall-sit",
    "split-squat-hold",
    "calf-raise-hold-straight-knee",
    "calf-raise-hold-bent-knee",
    "handgrip-isometric",
    "pir-upper-trapezius",
    "pir-levator-scapulae",
    "pir-quadratus-lumborum",
    "pir-piriformis",
    "pir-hamstrings",
]


def test_shipped_catalogue_covers_the_product(catalogue: Catalogue) -> None:
    kinds = [e.kind for e in catalogue.exercises.values()]
    assert kinds.count("isometric") >= 30
    assert kinds.count("pir") >= 5
    missing = [i for i in REQUIRED_EXERCISES if i not in catalogue.exercises]
    assert missing == []
    assert set(RED_FLAG_CODES) <= set(catalogue.red_flags)


def test_side_plank_chain(catalogue: Catalogue) -> None:
    side = catalogue.exercises["side-plank"]
    assert "side-plank-knees" in side.regressions
    assert "side-plank-stacked" in side.progressions


def test_every_isometric_exercise_cues_breathing(catalogue: Catalogue) -> None:
    for ex in catalogue.exercises.values():
        assert any("breathe normally" in c.lower() for c in ex.cues), ex.id


def test_trunk_exercises_warn_against_over_bracing(catalogue: Catalogue) -> None:
    for ex in catalogue.exercises.values():
        if "trunk" in ex.regions and ex.kind == "isometric":
            text = " ".join(ex.cues).lower()
            assert "tension" in text or "brac" in text, ex.id


def test_positions_climb_contexts(catalogue: Catalogue) -> None:
    contexts = {p.context for e in catalogue.exercises.values() for p in e.positions}
    assert contexts == {"supported", "standing", "task-specific"}


def test_environment_variable_points_at_another_catalogue(
    monkeypatch: pytest.MonkeyPatch, catalogue_copy: Callable[[], Path]
) -> None:
    root = catalogue_copy()
    monkeypatch.setenv("ISOHOLD_CATALOGUE", str(root))
    from isohold.services.settings import Settings

    assert load_catalogue(Settings.load().catalogue_path).origin == str(root.resolve())


# --- every rejection rule has an input that triggers it -----------------------------------


def _edit(root: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    path = root / rel
    text = path.read_text()
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, count))


CASES = [
    (
        "exercises/trunk.toml",
        'regressions = ["side-plank-knees"]',
        'regressions = ["side-plank-knee"]',
        r"exercises \[side-plank\]: unknown regression 'side-plank-knee'",
    ),
    (
        "exercises/trunk.toml",
        'id = "side-plank-stacked"',
        'id = "side-plank"',
        r"duplicate id",
    ),
    (
        "exercises/knee.toml",
        'equipment = ["leg_extension_machine"]',
        'equipment = ["leg_press"]',
        r"\[leg-extension-isometric\]: field 'equipment' has unknown item 'leg_press'",
    ),
    (
        "exercises/knee.toml",
        'muscle_length = "long"',
        'muscle_length = "longest"',
        r"field 'muscle_length' has 'longest'; allowed: short, mid, long",
    ),
    (
        "exercises/hand.toml",
        'evidence = "confirmed"',
        'evidence = "probably"',
        r"\[handgrip-isometric\]: field 'evidence' has 'probably'",
    ),
    (
        "exercises/hand.toml",
        'muscle_length = "mid"',
        'muscle_length = "mid"\nmuscle_lenght = "mid"',
        r"field 'muscle_lenght' is not a known field",
    ),
    (
        "exercises/hand.toml",
        "breathe normally",
        "breathe calmly",
        r"\[handgrip-isometric\]: field 'cues' must include a 'breathe normally' cue",
    ),
    (
        "protocols/bp-handgrip.toml",
        'sources = ["baffourawuah2023_guide", "scielo_handgrip"]\nevidence',
        'sources = ["nobody2099"]\nevidence',
        r"unknown source 'nobody2099'",
    ),
    (
        "protocols/bp-handgrip.toml",
        'rows = ["T2.7", "T2.9"]',
        'rows = ["T99.1"]',
        r"unknown row 'T99.1'",
    ),
    (
        "protocols/tendon-analgesia-patellar.toml",
        'rows = ["T1.18", "DR4"]\nsources = ["rio2019"]\nevidence = "unconfirmed"',
        'rows = ["T1.18", "DR4"]\nsources = ["rio2019"]\nevidence = "confirmed"',
        r"evidence 'confirmed' must be 'unconfirmed', the weakest status",
    ),
    (
        "protocols/bp-handgrip.toml",
        'rows = ["T2.1", "T2.4", "T2.7", "T2.9", "T2.16", "T2.17", "T2.19"]\n'
        'sources = ["smart2019", "edwards2024", "baffourawuah2023_guide", "vellito_handgrip"]\n'
        'evidence = "confirmed"',
        'rows = ["T2.1", "T2.4", "T2.7", "T2.9", "T2.16", "T2.17", "T2.19"]\n'
        'sources = ["smart2019", "edwards2024", "baffourawuah2023_guide", "vellito_handgrip"]\n'
        'evidence = "secondary"',
        r"\[bp-handgrip\]: evidence 'secondary' must be 'confirmed', the weakest status of its",
    ),
    (
        "protocols/bp-handgrip.toml",
        "intensity = [15, 30, 5]",
        "intensity = [15, 25, 5]",
        r"range \[15.0, 25.0\] must hold the starting value 30",
    ),
    (
        "protocols/bp-handgrip.toml",
        "fallback_intensity = 20",
        "fallback_intensity = 10",
        r"\[bp-handgrip.option\[0\]\]: field 'fallback_intensity' must lie within the intensity",
    ),
    (
        "exercises/knee.toml",
        'traits = ["deep_knee"]',
        'traits = ["deep_knees"]',
        r"field 'traits' has unknown value 'deep_knees'",
    ),
    (
        "tests.toml",
        'traits = ["maximal"]',
        'traits = ["maximal", "maximal"]',
        r"\[mvc-test\]: field 'traits' has repeated values",
    ),
    (
        "protocols/pir-met.toml",
        'intent = "gentle"',
        'intent = "ballistic"',
        r"intent 'ballistic' is not allowed for pir-upper-trapezius",
    ),
    (
        "protocols/bp-handgrip.toml",
        "sessions_per_week = 3",
        "sessions_per_week = 5",
        r"sessions_per_week is above max_sessions_per_week",
    ),
    (
        "sources.toml",
        'doi = "10.1097/JSM.0000000000000364"',
        'doi = "https://doi.org/10.1097/JSM.0000000000000364"',
        r"\[rio2017\]: field 'doi' .* must be a bare DOI",
    ),
    (
        "rows.toml",
        'status = "design-rule"',
        'status = "maybe"',
        r"rows.toml \[.*\]: field 'status' has 'maybe'",
    ),
    (
        "red_flags.toml",
        'code = "chest_pain"',
        'code = "chest_ache"',
        r"missing red flag\(s\) chest_pain",
    ),
    (
        "red_flags.toml",
        'urgency = "emergency"',
        'urgency = "whenever"',
        r"field 'urgency' has 'whenever'",
    ),
    ("tests.toml", "[[test]]", "[[test]\n", r"tests.toml: not valid TOML"),
]


@pytest.mark.parametrize(("rel", "old", "new", "error"), CASES)
def test_bad_entries_fail_loudly(
    catalogue_copy: Callable[[], Path], rel: str, old: str, new: str, error: str
) -> None:
    root = catalogue_copy()
    _edit(root, rel, old, new)
    with pytest.raises(CatalogueError, match=error):
        load_catalogue(root)


def test_progression_cycle_is_rejected(catalogue_copy: Callable[[], Path]) -> None:
    root = catalogue_copy()
    _edit(
        root,
        "exercises/trunk.toml",
        'progressions = []\nregressions = ["side-plank"]',
        'progressions = ["side-plank"]\nregressions = ["side-plank"]',
    )
    with pytest.raises(CatalogueError, match=r"progressions form a cycle: .*side-plank"):
        load_catalogue(root)


def test_missing_file_and_folder(catalogue_copy: Callable[[], Path], tmp_path: Path) -> None:
    root = catalogue_copy()
    (root / "messages.toml").unlink()
    with pytest.raises(CatalogueError, match=r"messages\.toml: file is missing"):
        load_catalogue(root)
    with pytest.raises(CatalogueError, match="does not exist"):
        load_catalogue(tmp_path / "nowhere")


def test_error_names_file_entry_and_field(catalogue_copy: Callable[[], Path]) -> None:
    root = catalogue_copy()
    _edit(root, "exercises/ankle.toml", 'muscle_length = "long"', "muscle_length = 3")
    with pytest.raises(CatalogueError) as info:
        load_catalogue(root)
    assert re.match(r"exercises/ankle.toml \[[a-z-]+\]: field 'muscle_length'", str(info.value))
