"""Scoring outcome measures and judging change: entries are validated field by field, the PSFS
is the mean of its activities, and a change counts only when it reaches both the MCID and the
MDC; properties hold for any scores."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from isohold.domain.errors import InputError
from isohold.domain.models import Catalogue
from isohold.domain.outcomes import Activity, Scoring, activity_changes, band, change, parse_entry

PSFS = Scoring("activities", "/10", 0, 10, True, "higher", 1.3, 2, 3, "...", ("T9.4",))
VISA_A = Scoring("total", "/100", 0, 100, True, "higher", None, None, None, "...", ("T9.11",))
SLDS = Scoring("per_side", "/10", 0, 10, True, "lower", 1.6, None, None, "...", ("T9.15",))


def test_psfs_is_the_mean_of_its_activities() -> None:
    entry = parse_entry("psfs", PSFS, activities=[
        {"name": "Climbing  stairs", "rating": 4}, {"name": "Running", "rating": 2},
        {"name": "Kneeling", "rating": 7}])  # fmt: skip
    assert entry.score == 4.33
    assert entry.activities[0] == Activity("Climbing stairs", 4)  # spaces tidied
    assert entry.detail() == {"by": "person", "activities": [
        {"name": "Climbing stairs", "rating": 4}, {"name": "Running", "rating": 2},
        {"name": "Kneeling", "rating": 7}]}  # fmt: skip


def test_a_total_and_a_side() -> None:
    assert parse_entry("visa-a", VISA_A, score="64", by="clinician").detail() == {"by": "clinician"}
    entry = parse_entry("single-leg-decline-squat", SLDS, score=6, side="left")
    assert (entry.score, entry.side) == (6, "left")


@pytest.mark.parametrize(("scoring", "kwargs", "field", "words"), [
    (VISA_A, {"score": 101}, "score", "from 0 to 100"),
    (VISA_A, {"score": 64.5}, "score", "whole number"),
    (VISA_A, {"score": "sixty"}, "score", "is not a number"),
    (VISA_A, {"score": "nan"}, "score", "from 0 to 100"),
    (VISA_A, {"score": True}, "score", "must be a number"),
    (VISA_A, {}, "score", "is needed"),
    (VISA_A, {"score": 50, "side": "left"}, "side", "does not apply"),
    (VISA_A, {"score": 50, "by": "coach"}, "by", "person, clinician"),
    (VISA_A, {"activities": [{"name": "x", "rating": 1}]}, "activities", "only the PSFS"),
    (SLDS, {"score": 3}, "side", "left or right"),
    (SLDS, {"score": 3, "side": "both"}, "side", "left or right"),
    (PSFS, {"activities": []}, "activities", "name 1 to 5"),
    (PSFS, {"activities": [{"name": f"a{i}", "rating": 1} for i in range(6)]}, "activities",
     "at most 5"),
    (PSFS, {"activities": [{"name": "", "rating": 1}]}, "activities[0].name", "name the"),
    (PSFS, {"activities": [{"name": "x" * 81, "rating": 1}]}, "activities[0].name", "80"),
    (PSFS, {"activities": [{"name": "Run", "rating": 1}, {"name": "run", "rating": 2}]},
     "activities[1].name", "named twice"),
    (PSFS, {"activities": [{"name": "Run", "rating": 11}]}, "activities[0].rating", "0 to 10"),
    (PSFS, {"activities": [{"name": "Run"}]}, "activities[0].rating", "must be a number"),
    (PSFS, {"activities": [{"name": "Run", "rating": 1, "x": 2}]}, "activities[0]", "must be"),
    (PSFS, {"activities": [{"name": "Run", "rating": 1}], "score": 3}, "score", "worked out"),
])  # fmt: skip
def test_bad_entries_name_the_field(
    scoring: Scoring, kwargs: dict[str, object], field: str, words: str
) -> None:
    with pytest.raises(InputError) as caught:
        parse_entry("m", scoring, **kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert words in caught.value.reason


def test_a_change_counts_when_it_reaches_both_thresholds() -> None:
    assert change(PSFS, 3, 5).verdict == "improved"  # 2 = MDC, above the MCID
    assert change(PSFS, 3, 4.5).verdict == "within"  # above the MCID, below the MDC
    assert change(PSFS, 5, 3).verdict == "worse"
    assert change(SLDS, 7, 5.4).verdict == "improved"  # lower is better: a 1.6 fall
    assert change(SLDS, 7, 5.5).verdict == "within"
    assert change(VISA_A, 40, 90).verdict == "unknown"  # no threshold is known
    assert change(PSFS, 4.7, 7).verdict == "improved"  # 2.3 despite floating point
    assert change(PSFS, 3, 6).words == "a meaningful improvement (3, at least 2)"
    assert change(VISA_A, 3, 6).words == "no meaningful-change threshold is known for this measure"


def test_the_band_stays_on_the_scale() -> None:
    assert band(PSFS, 1) == (0, 3)
    assert band(SLDS, 9) == (7.4, 10)
    assert band(VISA_A, 50) is None


def test_single_activities_are_compared_by_name() -> None:
    first = (Activity("Running", 2), Activity("Stairs", 5))
    latest = (Activity("running", 6), Activity("Kneeling", 3), Activity("Stairs", 6))
    assert activity_changes(PSFS, first, latest) == [("running", 2, 6, True),
                                                      ("Stairs", 5, 6, False)]  # fmt: skip


def test_the_catalogue_scoring_matches_these_rules(catalogue: Catalogue) -> None:
    psfs = catalogue.tests["psfs"].scoring
    assert psfs is not None and psfs.threshold == 2 and psfs.item_mdc == 3


scorings = st.builds(
    Scoring, kind=st.just("total"), unit=st.just("/100"), lo=st.just(0.0), hi=st.just(100.0),
    whole=st.just(False), better=st.sampled_from(["higher", "lower"]),
    mcid=st.none() | st.floats(0.1, 30), mdc=st.none() | st.floats(0.1, 30), item_mdc=st.none(),
    change=st.just("..."), rows=st.just(("T9.1",)),
)  # fmt: skip
scores = st.floats(0, 100)


@given(scorings, scores, scores)
def test_swapping_first_and_latest_swaps_the_verdict(s: Scoring, a: float, b: float) -> None:
    swap = {"improved": "worse", "worse": "improved", "within": "within", "unknown": "unknown"}
    assert change(s, b, a).verdict == swap[change(s, a, b).verdict]


@given(scorings, scores)
def test_no_change_is_never_meaningful(s: Scoring, a: float) -> None:
    assert change(s, a, a).verdict in ("within", "unknown")
    lo_hi = band(s, a)
    assert lo_hi is None or lo_hi[0] <= a <= lo_hi[1]


@given(scorings, scores, scores, scores)
def test_more_gain_is_never_judged_worse(s: Scoring, a: float, b: float, c: float) -> None:
    """The verdict is monotonic in the change: a latest score further in the better direction
    never gets a worse verdict."""
    rank = {"worse": 0, "within": 1, "improved": 2, "unknown": 1}
    lo, hi = sorted((b, c))
    better, worse = (hi, lo) if s.better == "higher" else (lo, hi)
    assert rank[change(s, a, better).verdict] >= rank[change(s, a, worse).verdict]


@given(st.lists(st.integers(0, 10), min_size=1, max_size=5))
def test_the_psfs_mean_lies_within_its_ratings(ratings: list[int]) -> None:
    raw = [{"name": f"activity {i}", "rating": r} for i, r in enumerate(ratings)]
    entry = parse_entry("psfs", PSFS, activities=raw)
    assert min(ratings) - 0.005 <= entry.score <= max(ratings) + 0.005
    shuffled = parse_entry("psfs", PSFS, activities=list(reversed(raw)))
    assert shuffled.score == entry.score  # the order of the activities does not matter
