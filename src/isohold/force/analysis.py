"""Analyse a recording: segment it into trials and measure each (contract 4), plus the
summaries the coach uses: time in a target band, per-rep fatigue and low-confidence flags.

Body weight: a recording in newtons whose first pull is weighed at 200 N or more is a person
on a force plate; the baseline of that pull (the still window just before it) is the body
weight, reported beside the contract's JSON (text output and a note), never inside it.
Warnings name each contraction without an onset and why."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from isohold.force.errors import ForceDataError
from isohold.force.levels import measure_scale
from isohold.force.metrics import DEFAULT_ONSET_SD, Trial, measure
from isohold.force.signal import G, Recording, lowpass
from isohold.force.trials import segment

SCHEMA = "isohold.force/1"
#: Below this rate RFD over the first 50 ms rests on too few samples to trust (~4 at 80 Hz).
LOW_RATE_HZ = 500.0
#: A resting level of this much or more, in a recording in newtons, is a person standing on a
#: force plate: the weighing window of the first pull gives the body weight.
BODY_WEIGHT_MIN_N = 200.0


@dataclass(frozen=True)
class BodyWeight:
    """Standing weight from the still window before the first pull (force plates)."""

    newtons: float
    start_s: float
    end_s: float

    @property
    def kilograms(self) -> float:
        return self.newtons / G


@dataclass(frozen=True)
class Analysis:
    sample_rate_hz: float
    trials: tuple[Trial, ...]
    warnings: tuple[str, ...] = field(default_factory=tuple)
    body_weight: BodyWeight | None = None

    def to_dict(self) -> dict[str, object]:
        """Contract 4 exactly (the body weight and notes go to the text output and stderr)."""
        return {
            "schema": SCHEMA,
            "sample_rate_hz": round(self.sample_rate_hz, 3),
            "unit": "N",
            "trials": [t.to_dict() for t in self.trials],
        }


def analyze(
    rec: Recording, *, onset_sd: float = DEFAULT_ONSET_SD, filter_hz: float | None = None
) -> Analysis:
    """Segment the recording into contractions and measure each (trials.py, metrics.py).
    No filter unless asked: a low cut-off delays onset and blunts early RFD."""
    if not onset_sd > 0:
        raise ForceDataError(f"--onset-sd {onset_sd:g} must be above 0")
    if filter_hz is not None:
        rec = lowpass(rec, filter_hz)
    scale = measure_scale(rec)
    trials: tuple[Trial, ...] = ()
    if scale is not None:
        trials = tuple(measure(rec, segment(rec, scale), scale, onset_sd))
    warnings = []
    if rec.dropped:
        warnings.append(
            f"{rec.dropped} sample(s) without a number (an empty or nan cell) were left out"
        )
    rate = rec.sample_rate_hz
    if rate < LOW_RATE_HZ:
        warnings.append(
            f"sampled at {rate:.0f} Hz: RFD 0-50 ms and peak RFD rest on a few samples and "
            "are low-confidence; prefer RFD 0-100/0-200 ms and 20-80%"
        )
    if not trials:
        warnings.append("no contraction found (a rise well above a quiet baseline)")
    for i, trial in enumerate(trials, 1):
        if trial.note:
            warnings.append(f"contraction {i} has no onset: {trial.note}")
    return Analysis(rate, trials, tuple(warnings), _body_weight(rec, trials))


def _body_weight(rec: Recording, trials: tuple[Trial, ...]) -> BodyWeight | None:
    if rec.source_unit != "N":
        return None
    for trial in trials:
        if trial.baseline_start_s is not None and trial.baseline_end_s is not None:
            if trial.baseline < BODY_WEIGHT_MIN_N:
                return None
            return BodyWeight(trial.baseline, trial.baseline_start_s, trial.baseline_end_s)
    return None


#: the longest interval between two samples that time in band counts in full, in sample periods
GAP_PERIODS = 3.0


def time_in_band(rec: Recording, low: float, high: float, start: float, end: float) -> float:
    """Seconds with force inside [low, high] between start and end, summed over the
    timestamps' intervals (each interval counts when its first sample is inside). A gap longer
    than GAP_PERIODS sample periods (dropped samples) counts for that many periods at most:
    what the force did in the gap is unknown."""
    inside = (rec.t >= start) & (rec.t < end)
    t, f = rec.t[inside], rec.f[inside]
    if len(t) < 2:
        return 0.0
    ok = (f[:-1] >= low) & (f[:-1] <= high)
    steps = np.diff(t)
    return float(np.sum(np.minimum(steps, GAP_PERIODS * float(np.median(steps)))[ok]))


def fatigue(trials: tuple[Trial, ...]) -> dict[str, float] | None:
    """Decline across reps: the last rep's peak and plateau mean as % of the first's, and the
    slope of peak force per rep (N per rep)."""
    if len(trials) < 2:
        return None
    peaks = np.array([t.peak_force for t in trials])  # a rep without onset counts too
    means = np.array([t.plateau_mean for t in trials])
    slope = float(np.polyfit(np.arange(len(peaks)), peaks, 1)[0])
    return {
        "peak_last_pct_of_first": float(peaks[-1] / peaks[0] * 100),
        "mean_last_pct_of_first": float(means[-1] / means[0] * 100),
        "peak_slope_n_per_rep": slope,
    }
