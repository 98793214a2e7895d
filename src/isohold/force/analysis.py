"""Analyse a recording: segment it into trials and measure each (contract 4), plus the
summaries the coach uses: time in a target band, per-rep fatigue and low-confidence flags."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from isohold.force.metrics import DEFAULT_ONSET_SD, Trial, measure
from isohold.force.signal import Recording, lowpass
from isohold.force.trials import segment

SCHEMA = "isohold.force/1"
#: Below this rate RFD over the first 50 ms rests on too few samples to trust (~4 at 80 Hz).
LOW_RATE_HZ = 500.0


@dataclass(frozen=True)
class Analysis:
    sample_rate_hz: float
    trials: tuple[Trial, ...]
    warnings: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, object]:
        return {
            "schema": SCHEMA,
            "sample_rate_hz": round(self.sample_rate_hz, 3),
            "unit": "N",
            "trials": [t.to_dict() for t in self.trials],
        }


def analyze(
    rec: Recording, *, onset_sd: float = DEFAULT_ONSET_SD, filter_hz: float | None = None
) -> Analysis:
    """No filter unless asked: a low cut-off delays onset and blunts early RFD."""
    if onset_sd <= 0:
        from isohold.force.errors import ForceDataError

        raise ForceDataError(f"--onset-sd {onset_sd:g} must be above 0")
    if filter_hz is not None:
        rec = lowpass(rec, filter_hz)
    trials = tuple(
        trial for seg in segment(rec) if (trial := measure(rec, seg, onset_sd)) is not None
    )
    warnings = []
    rate = rec.sample_rate_hz
    if rate < LOW_RATE_HZ:
        warnings.append(
            f"sampled at {rate:.0f} Hz: RFD 0-50 ms and peak RFD rest on a few samples and "
            "are low-confidence; prefer RFD 0-100/0-200 ms and 20-80%"
        )
    if not trials:
        warnings.append("no contraction found (a rise well above a quiet baseline)")
    return Analysis(rate, trials, tuple(warnings))


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
    peaks = np.array([t.peak_force for t in trials])
    means = np.array([t.plateau_mean for t in trials])
    slope = float(np.polyfit(np.arange(len(peaks)), peaks, 1)[0])
    return {
        "peak_last_pct_of_first": float(peaks[-1] / peaks[0] * 100),
        "mean_last_pct_of_first": float(means[-1] / means[0] * 100),
        "peak_slope_n_per_rep": slope,
    }
