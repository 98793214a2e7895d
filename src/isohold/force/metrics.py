"""Metrics of one contraction (DESIGN.md contract 4). All times come from the timestamps, so
irregular sampling and dropped samples are handled; values between samples are interpolated
linearly.

- baseline: mean of the trial's quiet window (trials.py); its SD sets the onset threshold.
- onset: the first sample above baseline + K x SD (at least 0.1% of the rise above baseline,
  a numerical floor for flat baselines), found by walking back from the contraction
  to the last sample at or below the threshold (so a noisy stretch long before the rise does
  not count). K defaults to 3 (single-joint dynamometry; force plates often use 5).
- peak_force: the highest sample as recorded; net_peak_force = peak - baseline.
- RFD 0-t ms: (F(onset + t) - F(onset)) / t in N/s.
- rfd_20_80: 0.6 x net peak / (t80 - t20), the first crossings of baseline + 20% and 80% of the
  net peak, interpolated.
- peak_rfd: the largest slope over a sliding window of 20 ms (or two sample intervals when
  that is longer) between onset and peak.
- impulse 0-t ms: the integral of (F - baseline) over [onset, onset + t) in N s (trapezoids).
- plateau: from the first to the last sample at or above baseline + 90% of the net peak, less
  the first and last 10% of that span; its mean force and CV = SD / |mean| x 100 (of the
  recorded force; a plateau that sits near zero, as with a tare offset below zero, gives a
  very large CV rather than a negative one).
- duration_s: from onset to the first sample after the peak back at or below the onset
  threshold (or at 5% of the net peak, if that is higher), else to the end of the data.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from isohold.force.signal import Array, Recording
from isohold.force.trials import Segment

DEFAULT_ONSET_SD = 3.0
RFD_WINDOWS_MS = (50, 100, 200)
IMPULSE_WINDOWS_MS = (100, 200)
PEAK_RFD_WINDOW_S = 0.020
PLATEAU_FRACTION = 0.90
PLATEAU_TRIM = 0.10
#: The onset threshold is at least 0.1% of the rise above baseline, so a perfectly flat
#: (digitally quantised or synthetic) baseline does not turn rounding noise into an onset.
ONSET_FLOOR = 0.001
END_FRACTION = 0.05


@dataclass(frozen=True)
class Trial:
    onset_s: float
    baseline: float
    peak_force: float
    net_peak_force: float
    time_to_peak_s: float
    rfd: dict[str, float]
    rfd_20_80: float
    peak_rfd: float
    impulse: dict[str, float]
    plateau_mean: float
    plateau_cv_percent: float
    duration_s: float
    # beyond the contract: used by fatigue and target-band summaries
    plateau_start_s: float
    plateau_end_s: float

    def to_dict(self) -> dict[str, object]:
        return {
            "onset_s": _r(self.onset_s),
            "baseline": _r(self.baseline),
            "peak_force": _r(self.peak_force),
            "net_peak_force": _r(self.net_peak_force),
            "time_to_peak_s": _r(self.time_to_peak_s),
            "rfd": {k: _r(v) for k, v in self.rfd.items()},
            "rfd_20_80": _r(self.rfd_20_80),
            "peak_rfd": _r(self.peak_rfd),
            "impulse": {k: _r(v) for k, v in self.impulse.items()},
            "plateau_mean": _r(self.plateau_mean),
            "plateau_cv_percent": _r(self.plateau_cv_percent),
            "duration_s": _r(self.duration_s),
        }


def _r(x: float) -> float:
    return round(float(x), 6)


def at(t: Array, f: Array, when: float) -> float:
    return float(np.interp(when, t, f))


def measure(rec: Recording, seg: Segment, onset_sd: float = DEFAULT_ONSET_SD) -> Trial | None:
    t, f = rec.t, rec.f
    window = f[seg.base_start : seg.base_end]
    baseline = float(window.mean())
    rise = float(f[seg.start : seg.end + 1].max()) - baseline
    threshold = baseline + max(onset_sd * float(window.std()), ONSET_FLOOR * rise)
    onset = _onset(f, seg, threshold)
    if onset is None:
        return None
    end = _end(f, seg, onset, baseline, threshold)
    peak_i = onset + int(np.argmax(f[onset : end + 1]))
    peak = float(f[peak_i])
    net = peak - baseline
    if net <= 0:
        return None
    t0, f0 = float(t[onset]), float(f[onset])
    rfd = {f"0-{ms}ms": (at(t, f, t0 + ms / 1000) - f0) / (ms / 1000) for ms in RFD_WINDOWS_MS}
    impulse = {
        f"0-{ms}ms": _integral(t, f, baseline, t0, t0 + ms / 1000) for ms in IMPULSE_WINDOWS_MS
    }
    t20 = _crossing(t, f, onset, peak_i, baseline + 0.2 * net)
    t80 = _crossing(t, f, onset, peak_i, baseline + 0.8 * net)
    rfd_20_80 = 0.6 * net / (t80 - t20) if t80 > t20 else 0.0
    high = np.flatnonzero(f[onset : end + 1] >= baseline + PLATEAU_FRACTION * net) + onset
    lo, hi = _trimmed(t, int(high[0]), int(high[-1]))
    body = f[lo : hi + 1]
    mean = float(body.mean())
    return Trial(
        onset_s=t0,
        baseline=baseline,
        peak_force=peak,
        net_peak_force=net,
        time_to_peak_s=float(t[peak_i]) - t0,
        rfd=rfd,
        rfd_20_80=rfd_20_80,
        peak_rfd=_peak_rfd(t, f, onset, peak_i),
        impulse=impulse,
        plateau_mean=mean,
        plateau_cv_percent=float(body.std()) / abs(mean) * 100 if mean else 0.0,
        duration_s=float(t[end]) - t0,
        plateau_start_s=float(t[lo]),
        plateau_end_s=float(t[hi]),
    )


def _trimmed(t: Array, lo: int, hi: int) -> tuple[int, int]:
    """Drop the first and last 10% of the span's duration: the end of the rise and the start
    of the release are not part of the steady hold."""
    cut = PLATEAU_TRIM * float(t[hi] - t[lo])
    a = int(np.searchsorted(t, t[lo] + cut, side="left"))
    b = int(np.searchsorted(t, t[hi] - cut, side="right")) - 1
    return (a, b) if b > a else (lo, hi)


def _onset(f: Array, seg: Segment, threshold: float) -> int | None:
    """The first sample above the threshold in the rise that leads into the active run."""
    below = np.flatnonzero(f[seg.base_end : seg.start + 1] <= threshold)
    if len(below):
        return seg.base_end + int(below[-1]) + 1
    above = seg.base_end  # already above right after the baseline window
    return above if above <= seg.start else None


def _end(f: Array, seg: Segment, onset: int, baseline: float, threshold: float) -> int:
    peak_i = onset + int(np.argmax(f[onset : seg.end + 1]))
    level = max(threshold, baseline + END_FRACTION * (float(f[peak_i]) - baseline))
    # look in growing chunks: the end is usually just after the active run, and scanning the
    # rest of a long recording for every trial would cost O(samples x trials)
    lo, size = peak_i, max(seg.end - peak_i + 1, 64)
    while lo < len(f):
        after = np.flatnonzero(f[lo : lo + size] <= level)
        if len(after):
            return lo + int(after[0])
        lo, size = lo + size, size * 2
    return len(f) - 1


def _crossing(t: Array, f: Array, lo: int, hi: int, level: float) -> float:
    """Time of the first upward crossing of `level` between lo and hi, interpolated."""
    idx = np.flatnonzero(f[lo : hi + 1] >= level)
    if not len(idx):
        return float(t[hi])
    k = lo + int(idx[0])
    if k == lo or f[k] == f[k - 1]:
        return float(t[k])
    frac = (level - f[k - 1]) / (f[k] - f[k - 1])
    return float(t[k - 1] + frac * (t[k] - t[k - 1]))


def _integral(t: Array, f: Array, baseline: float, a: float, b: float) -> float:
    """Trapezoid integral of (f - baseline) over [a, b], with interpolated end points (only the
    samples inside the window are touched)."""
    i = int(np.searchsorted(t, a, side="right"))
    j = int(np.searchsorted(t, b, side="left"))
    tt = np.concatenate(([a], t[i:j], [b]))
    yy = np.concatenate(([at(t, f, a)], f[i:j], [at(t, f, b)])) - baseline
    return float(np.sum((yy[1:] + yy[:-1]) * np.diff(tt)) / 2)


def _peak_rfd(t: Array, f: Array, onset: int, peak_i: int) -> float:
    if peak_i <= onset:
        return 0.0
    step = float(np.median(np.diff(t[onset : peak_i + 1]))) if peak_i > onset else 0.0
    width = max(PEAK_RFD_WINDOW_S, 2 * step)
    starts = t[onset : peak_i + 1]
    full = starts + width <= t[peak_i] + 1e-12
    if not full.any():  # a rise shorter than one window: its mean slope
        return float((f[peak_i] - f[onset]) / (t[peak_i] - t[onset]))
    rise = np.interp(starts[full] + width, t, f) - f[onset : peak_i + 1][full]
    return float(np.max(rise / width))
