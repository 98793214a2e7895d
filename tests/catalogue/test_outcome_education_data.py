"""Outcome measures and education topics in the catalogue: the measures isohold records carry
their scoring and thresholds from sources, the VISA questionnaires are totals only, every topic
reads in under a minute and says when to see a clinician, and every rejection rule fires."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from isohold.catalogue import load_catalogue
from isohold.domain.errors import CatalogueError
from isohold.domain.models import Catalogue

RECORDED = ["psfs", "visa-a", "visa-p", "heel-rise-count", "single-leg-hop",
            "single-leg-decline-squat"]  # fmt: skip
TOPICS = ["pain-during-exercise", "load-management", "flare-up-plan", "staying-active",
          "tendon-compression", "blood-pressure-breathing"]  # fmt: skip


def test_the_outcome_measures_are_recorded_with_a_licence_note(catalogue: Catalogue) -> None:
    for ident in RECORDED:
        test = catalogue.tests[ident]
        assert test.scoring is not None, ident
        assert test.licence and test.scoring.change, ident
    assert catalogue.tests["psfs"].scoring.kind == "activities"  # type: ignore[union-attr]
    for visa in ("visa-a", "visa-p"):
        test = catalogue.tests[visa]
        assert test.scoring is not None and test.scoring.kind == "total"
        assert "does not reproduce" in test.licence  # only the total is recorded
        assert "total" in test.name


def test_every_threshold_rests_on_a_source_with_a_doi_or_pmid(catalogue: Catalogue) -> None:
    """An MCID or MDC is never invented: its rows cite a primary source; a measure without one
    says so in its change note."""
    for test in catalogue.tests.values():
        scoring = test.scoring
        if scoring is None:
            continue
        if scoring.threshold is None:
            assert "No minimal clinically important difference" in scoring.change, test.id
            continue
        sources = {s for r in scoring.rows for s in catalogue.rows[r].sources}
        traced = [s for s in sources if catalogue.sources[s].doi or catalogue.sources[s].pmid]
        assert traced, test.id


def test_the_published_thresholds(catalogue: Catalogue) -> None:
    def scoring(ident: str) -> tuple[float | None, float | None]:
        s = catalogue.tests[ident].scoring
        assert s is not None
        return s.mcid, s.mdc

    assert scoring("psfs") == (1.3, 2)  # Abbott & Schmitt 2014; Stratford 1995
    assert scoring("visa-a") == (None, None)  # none found
    assert scoring("visa-p") == (13, None)  # Hernandez-Sanchez 2014
    assert scoring("heel-rise-count") == (None, 6.5)  # Hébert-Losier 2017
    assert scoring("single-leg-hop") == (None, 19.6)  # Dingenen 2018/2019
    assert scoring("single-leg-decline-squat") == (1.6, None)  # Ruffino 2024


def test_tendon_plans_name_their_measures(catalogue: Catalogue) -> None:
    assert {"visa-a", "heel-rise-count"} <= set(
        catalogue.protocols["tendon-analgesia-achilles"].tests
    )
    assert {"visa-p", "single-leg-decline-squat"} <= set(
        catalogue.protocols["tendon-analgesia-patellar"].tests
    )


def test_every_topic_is_short_sourced_and_says_when_to_stop(catalogue: Catalogue) -> None:
    assert set(TOPICS) <= set(catalogue.education)
    for topic in catalogue.education.values():
        assert topic.minutes < 1, (topic.id, topic.words)
        assert "clinician" in topic.stop or "doctor" in topic.stop, topic.id
        assert topic.sources and topic.rows
    assert "nice_ng59" in catalogue.education["staying-active"].sources


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text()
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1))


LONG = " ".join(["word"] * 200)
CASES = [
    (
        "tests.toml",
        'unit = "rises"\nlo = 0\nhi = 200',
        'unit = "rises"\nlo = 0\nhi = 0',
        r"tests.toml \[heel-rise-count.score\]: field 'hi' is 0; must be above lo",
    ),
    (
        "tests.toml",
        'kind = "per_side"\nunit = "cm"',
        'kind = "pairs"\nunit = "cm"',
        r"\[single-leg-hop.score\]: field 'kind' has 'pairs'",
    ),
    (
        "tests.toml",
        'loinc = "72514-3"',
        'loinc = "11111-1"',
        r"\[single-leg-decline-squat.score\]: field 'loinc' '11111-1' is not a code",
    ),
    (
        "tests.toml",
        "mdc = 6.5\n",
        "mdc = 6.5\nitem_mdc = 3\n",
        r"\[heel-rise-count.score\]: field 'item_mdc' applies only to a measure of rated",
    ),
    (
        "tests.toml",
        "mdc = 6.5\n",
        "mdc = 6.5\nmcdi = 3\n",
        r"\[heel-rise-count.score\]: field 'mcdi' is not a known field",
    ),
    (
        "tests.toml",
        'rows = ["T9.13"]\n\n',
        'rows = ["T9.99"]\n\n',
        r"tests.toml \[heel-rise-count\].score: unknown row 'T9.99'",
    ),
    (
        "education.toml",
        'id = "flare-up-plan"',
        'id = "Flare up"',
        r"education.toml \[Flare up\]: field 'id'",
    ),
    (
        "education.toml",
        'summary = "Flare-ups happen',
        f'summary = "{LONG} Flare-ups happen',
        r"\[flare-up-plan\]: field 'body' has \d+ words .* more than a minute",
    ),
    (
        "education.toml",
        "See a clinician if pain reaches 7/10",
        "Rest if pain reaches 7/10",
        r"\[pain-during-exercise\]: field 'stop' must say when to see a clinician",
    ),
    (
        "education.toml",
        'places = ["plan", "today", "review"]\nsignals',
        'places = ["plan", "review"]\nsignals',
        r"\[flare-up-plan\]: field 'signals' .* needs 'today'",
    ),
    (
        "education.toml",
        'places = ["plan", "today", "review"]\nactions = ["progress"]',
        'places = ["plan", "today"]\nactions = ["progress"]',
        r"\[load-management\]: field 'actions' .* needs 'review'",
    ),
    (
        "education.toml",
        'places = ["plan", "today", "referral"]',
        'places = ["plan", "today"]',
        r"\[blood-pressure-breathing\]: field 'reasons' .* needs 'referral'",
    ),
    (
        "education.toml",
        'reasons = ["resting_bp_above_180_110"',
        'reasons = ["bp_too_high"',
        r"education.toml \[blood-pressure-breathing\]: unknown reason 'bp_too_high'",
    ),
    (
        "education.toml",
        'rows = ["E2", "T10.8", "T11.13"]',
        'rows = ["E2", "T10.8", "T11.13", "DR2"]',
        r"\[tendon-compression\]: evidence 'secondary' must be 'design-rule'",
    ),
    (
        "education.toml",
        'places = ["plan", "today"]\nconditions = ["low_back_pain"]',
        'places = ["plan", "today"]\nconditions = ["back"]',
        r"\[staying-active\]: field 'conditions' has unknown value 'back'",
    ),
]


@pytest.mark.parametrize(("rel", "old", "new", "error"), CASES, ids=[c[3][:40] for c in CASES])
def test_bad_entries_fail_loudly(
    catalogue_copy: Callable[[], Path], rel: str, old: str, new: str, error: str
) -> None:
    root = catalogue_copy()
    _edit(root, rel, old, new)
    with pytest.raises(CatalogueError, match=error):
        load_catalogue(root)


def test_a_catalogue_without_education_fails_loudly(catalogue_copy: Callable[[], Path]) -> None:
    root = catalogue_copy()
    (root / "education.toml").unlink()
    with pytest.raises(CatalogueError, match=r"education\.toml: file is missing"):
        load_catalogue(root)
