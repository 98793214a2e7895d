"""Outcome measures: how each is entered and scored, and when a change between two scores is
meaningful.

A measure's `Scoring` comes from its catalogue entry (`[test.score]` in tests.toml). Three
kinds of entry:

- `total`: one number (a questionnaire's total such as the VISA-A, entered from a completed
  form: isohold does not reproduce questions it has no licence to reproduce);
- `activities`: the Patient-Specific Functional Scale: 1 to 5 activities the person names, each
  rated; the score is their mean;
- `per_side`: one number for the left or the right leg (heel rises, hop distance, pain on a
  single-leg decline squat).

A change counts as meaningful only when it is at least as large as both the minimal clinically
important difference (MCID: the smallest change people notice as important) and the minimal
detectable change (MDC: larger than measurement error), whichever of the two the catalogue
gives from a source. With neither, isohold does not judge the change.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from isohold.domain.errors import InputError

KINDS = ("total", "activities", "per_side")
BETTER = ("higher", "lower")
SIDES = ("left", "right")
#: who entered the score: the person, or a clinician who tested them
ENTERED_BY = ("person", "clinician")
MAX_ACTIVITIES = 5
MAX_ACTIVITY_CHARS = 80
VERDICTS = ("improved", "worse", "within", "unknown")


@dataclass(frozen=True, slots=True)
class Scoring:
    """How a measure is recorded and read (a catalogue test's `[test.score]`)."""

    kind: str  # KINDS
    unit: str  # printed with the number: "/10", "/100", "reps", "cm"
    lo: float
    hi: float
    whole: bool  # each entered number is a whole number
    better: str  # BETTER
    mcid: float | None
    mdc: float | None
    #: the MDC of one activity's rating (PSFS), when the source gives one
    item_mdc: float | None
    #: what the thresholds are and where they come from, in plain words (or that none exists)
    change: str
    rows: tuple[str, ...]
    #: a LOINC code for the score, only where one was verified (else isohold's own code)
    loinc: str | None = None

    def text(self, value: float) -> str:
        """A value with its unit: 4.3/10, 64/100, 18 rises, 152 cm."""
        unit = self.unit if self.unit.startswith("/") else f" {self.unit}"
        return f"{round(value, 2):g}{unit}"

    @property
    def threshold(self) -> float | None:
        """The change that counts: the larger of the MCID and the MDC, None with neither."""
        known = [x for x in (self.mcid, self.mdc) if x is not None]
        return max(known) if known else None


@dataclass(frozen=True, slots=True)
class Activity:
    name: str
    rating: float


@dataclass(frozen=True, slots=True)
class Entry:
    """One validated entry, ready to store: the score and what it is made of."""

    measure: str
    score: float
    side: str | None = None
    activities: tuple[Activity, ...] = ()
    by: str = "person"

    def detail(self) -> dict[str, Any]:
        out: dict[str, Any] = {"by": self.by}
        if self.side is not None:
            out["side"] = self.side
        if self.activities:
            out["activities"] = [{"name": a.name, "rating": a.rating} for a in self.activities]
        return out


def _number(value: object, field: str, scoring: Scoring) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise InputError(field, f"must be a number from {_n(scoring.lo)} to {_n(scoring.hi)}")
    try:
        number = float(value)
    except ValueError:
        raise InputError(field, f"{str(value)[:40]!r} is not a number") from None
    if not math.isfinite(number) or not scoring.lo <= number <= scoring.hi:
        raise InputError(field, f"must be from {_n(scoring.lo)} to {_n(scoring.hi)}, got {value}")
    if scoring.whole and not number.is_integer():
        raise InputError(field, f"must be a whole number, got {value}")
    return number


def _n(x: float) -> str:
    return f"{x:g}"


def parse_entry(
    measure: str,
    scoring: Scoring,
    *,
    score: object = None,
    side: object = None,
    activities: object = None,
    by: object = "person",
) -> Entry:
    """Validate one entry for `measure`; the error names the field that is wrong."""
    if by not in ENTERED_BY:
        raise InputError("by", f"must be one of {', '.join(ENTERED_BY)}, got {str(by)[:40]!r}")
    if scoring.kind == "activities":
        if score is not None:
            raise InputError("score", "is worked out from the activities: give them instead")
        if side is not None:
            raise InputError("side", f"does not apply to {measure}")
        rated = _activities(activities, scoring)
        mean = round(sum(a.rating for a in rated) / len(rated), 2)
        return Entry(measure, mean, activities=rated, by=str(by))
    if activities is not None:
        raise InputError("activities", f"only the PSFS takes activities, not {measure}")
    if score is None:
        raise InputError("score", f"is needed for {measure}")
    value = _number(score, "score", scoring)
    if scoring.kind == "per_side":
        if side not in SIDES:
            raise InputError("side", f"must be left or right for {measure}")
        return Entry(measure, value, side=str(side), by=str(by))
    if side is not None:
        raise InputError("side", f"does not apply to {measure}")
    return Entry(measure, value, by=str(by))


def _activities(raw: object, scoring: Scoring) -> tuple[Activity, ...]:
    if not isinstance(raw, list | tuple) or not raw:
        raise InputError("activities", f"name 1 to {MAX_ACTIVITIES} activities, each rated")
    if len(raw) > MAX_ACTIVITIES:
        raise InputError("activities", f"at most {MAX_ACTIVITIES} activities, got {len(raw)}")
    out: list[Activity] = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        where = f"activities[{i}]"
        if not isinstance(item, dict) or set(item) - {"name", "rating"}:
            raise InputError(where, 'must be {"name": text, "rating": number}')
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise InputError(f"{where}.name", "must name the activity")
        name = " ".join(name.split())
        if len(name) > MAX_ACTIVITY_CHARS:
            raise InputError(f"{where}.name", f"at most {MAX_ACTIVITY_CHARS} characters")
        if name.casefold() in seen:
            raise InputError(f"{where}.name", f"{name!r} is named twice")
        seen.add(name.casefold())
        out.append(Activity(name, _number(item.get("rating"), f"{where}.rating", scoring)))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Change:
    """How the latest score compares with the first."""

    delta: float  # latest - first, in the measure's unit
    verdict: str  # VERDICTS
    threshold: float | None

    @property
    def words(self) -> str:
        if self.verdict == "unknown":
            return "no meaningful-change threshold is known for this measure"
        size = f"{_n(round(abs(self.delta), 2))}"
        if self.verdict == "improved":
            return f"a meaningful improvement ({size}, at least {_n(self.threshold or 0)})"
        if self.verdict == "worse":
            return f"a meaningful worsening ({size}, at least {_n(self.threshold or 0)})"
        return f"not yet a meaningful change (that takes {_n(self.threshold or 0)})"


def change(scoring: Scoring, first: float, latest: float) -> Change:
    """Judge latest against first: improved or worse when the change in the better direction
    (or against it) reaches the threshold, within otherwise, unknown without a threshold."""
    delta = latest - first
    gain = delta if scoring.better == "higher" else -delta
    threshold = scoring.threshold
    if threshold is None:
        return Change(delta, "unknown", None)
    # a hair of tolerance: 7.0 - 4.7 is 2.3000000000000003, and 2.3 must count
    if gain >= threshold - 1e-9:
        return Change(delta, "improved", threshold)
    if -gain >= threshold - 1e-9:
        return Change(delta, "worse", threshold)
    return Change(delta, "within", threshold)


def band(scoring: Scoring, first: float) -> tuple[float, float] | None:
    """The range around a first score whose changes are not yet meaningful, within the
    measure's range (None without a threshold)."""
    threshold = scoring.threshold
    if threshold is None:
        return None
    return max(scoring.lo, first - threshold), min(scoring.hi, first + threshold)


def activity_changes(
    scoring: Scoring, first: tuple[Activity, ...], latest: tuple[Activity, ...]
) -> list[tuple[str, float, float, bool]]:
    """For the activities rated both times (matched by name, any case): (name, first rating,
    latest rating, whether the change reaches the single-activity MDC)."""
    before = {a.name.casefold(): a for a in first}
    out = []
    for a in latest:
        old = before.get(a.name.casefold())
        if old is None:
            continue
        beyond = scoring.item_mdc is not None and abs(a.rating - old.rating) >= scoring.item_mdc
        out.append((a.name, old.rating, a.rating, beyond))
    return out
