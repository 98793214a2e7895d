"""Metrics of every contraction (DESIGN.md contract 4), computed for all trials at once with
index arrays into the signal and its cumulative sums. All times come from the timestamps, so
irregular sampling and dropped samples are handled; values between samples are interpolated
linearly.

- baseline: mean of the trial's baseline window (trials.py: the still window nearest before
  the rise, ending before the rise begins); its SD sets the onset threshold.
- onset: the first sample above baseline + K x SD (at least 0.1% of the rise above baseline,
  a numerical floor for flat baselines), found by walking back from the first sample at half
  the net peak to the last sample at or below the threshold (so a noisy stretch long before
  the rise does not count). K defaults to 3 (single-joint dynamometry; force plates often use
  5). A trial without a baseline window (the recording starts during it) has no onset: its
  onset, time to peak, RFD, impulse and duration are null, its baseline is the recording's
  resting level, and its peak and plateau are measured as usual.
- peak_force: the highest sample as recorded; net_peak_force = peak - baseline.
- RFD 0-t ms: (F(onset + t) - F(onset)) / t in N/s.
- rfd_20_80: 0.6 x net peak / (t80 - t20), the first crossings of baseline + 20% and 80% of the
  net peak after onset, interpolated.
- peak_rfd: the largest slope over a sliding window of 20 ms (or two median sample intervals
  when that is longer) between onset and peak.
- impulse 0-t ms: the integral of (F - baseline) over [onset, onset + t) in N s (trapezoids).
- plateau: from the first to the last sample at or above baseline + 90% of the net peak, less
  the first and last 10% of that span; its mean force and CV = SD / |mean| x 100 (of the
  recorded force; a plateau that sits near zero, as with a tare offset below zero, gives a
  very large CV rather than a negative one).
- duration_s: from onset to the first sample after the peak back at or below the onset
  threshold (or at 5% of the net peak, if that is higher), else to the next contraction or the
  end of the data.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from isohold.force.levels import Scale
from isohold.force.search import Index, Mask, first_where, last_where
from isohold.force.signal import Array, Recording
from isohold.force.trials import Segments
from isohold.force.windows import Sums

DEFAULT_ONSET_SD = 3.0
RFD_WINDOWS_MS = (50, 100, 200)  # the keys of contract 4 (also spelt out in measure())
IMPULSE_WINDOWS_MS = (100, 200)
PEAK_RFD_WINDOW_S = 0.020
PLATEAU_FRACTION = 0.90
PLATEAU_TRIM = 0.10
#: The onset threshold is at least 0.1% of the rise above baseline, so a perfectly flat
#: (digitally quantised or synthetic) baseline does not turn rounding noise into an onset.
ONSET_FLOOR = 0.001
END_FRACTION = 0.05
#: The onset is searched back from the first sample at this fraction of the net peak.
ANCHOR_FRACTION = 0.5

STARTS_DURING = "the recording starts during this contraction: no rest before it for a baseline"
SHORT_REST = "less than 0.25 s of rest before it for a baseline window"
NOISY = "its baseline is too noisy for an onset at this many SD"


@dataclass(slots=True)
class Trial:
    """One contraction's metrics; read-only by convention (not frozen: building ten thousand
    frozen objects costs as much as measuring them)."""

    onset_s: float | None
    baseline: float
    peak_force: float
    net_peak_force: float
    time_to_peak_s: float | None
    rfd: dict[str, float | None]
    rfd_20_80: float | None
    peak_rfd: float | None
    impulse: dict[str, float | None]
    plateau_mean: float
    plateau_cv_percent: float
    duration_s: float | None
    # beyond the contract: used by fatigue and target-band summaries, the plot and the table
    plateau_start_s: float
    plateau_end_s: float
    baseline_start_s: float | None = None
    baseline_end_s: float | None = None
    note: str | None = None  # why the onset is unknown

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


def _r(x: float | None) -> float | None:
    return None if x is None else round(float(x), 6)


def measure(
    rec: Recording, seg: Segments, scale: Scale, onset_sd: float = DEFAULT_ONSET_SD
) -> list[Trial]:
    """Every trial's metrics (see the module docstring for the definitions)."""
    t, f = rec.t, rec.f
    n = len(f)
    if not len(seg):
        return []
    base, peak_i = seg.baseline, seg.peak
    peak = f[peak_i]
    net = peak - base
    threshold = base + np.maximum(onset_sd * seg.baseline_sd, ONSET_FLOOR * net)
    anchor = first_where(f, seg.start, peak_i + 1, base + ANCHOR_FRACTION * net, below=False)
    has_base = (seg.base_end >= 0) & (net > 0)
    known = has_base & (anchor >= 0) & (threshold < f[np.maximum(anchor, 0)])
    below = last_where(f, np.where(known, seg.base_end - 1, 0), np.where(known, anchor, 0),
                       threshold, below=True)  # fmt: skip
    onset = np.where(below >= 0, below + 1, seg.base_end)
    origin = np.where(known, onset, seg.start)  # where the trial's own samples begin
    end_level = base + END_FRACTION * net
    end_level = np.where(known, np.maximum(threshold, end_level), end_level)
    limit = np.concatenate((seg.start[1:], [n])).astype(np.int64)
    # within its run force stays above the resting band: when the end level is below that
    # band, the end lies after the run, so the search starts there
    after = np.where(end_level < scale.rest_band, np.maximum(seg.end + 1, peak_i + 1), peak_i + 1)
    end = first_where(f, after, limit, end_level, below=True)
    end = np.where(end >= 0, end, limit - 1)
    # the plateau level (90%) is above the anchor's (50%): its first crossing is after it
    rise_from = np.where(anchor >= 0, np.maximum(anchor, origin), origin)
    plateau = _plateau(t, f, scale.sums, rise_from, end, base + PLATEAU_FRACTION * net)

    rows = np.flatnonzero(known)
    on, t0 = onset[rows], t[onset[rows]]
    f0 = f[on]
    rfd = {
        f"0-{ms}ms": (np.interp(t0 + ms / 1000, t, f) - f0) / (ms / 1000) for ms in RFD_WINDOWS_MS
    }
    sums, even = scale.sums, scale.even
    impulse = {
        f"0-{ms}ms": _integrals(t, f, sums, even, base[rows], t0, t0 + ms / 1000)
        for ms in IMPULSE_WINDOWS_MS
    }
    p, b, d = peak_i[rows], base[rows], net[rows]
    t20 = _crossing(t, f, on, p, b + 0.2 * d, on)
    t80 = _crossing(t, f, np.maximum(anchor[rows], on), p, b + 0.8 * d, on)
    with np.errstate(divide="ignore", invalid="ignore"):
        r2080 = np.where(t80 > t20, 0.6 * d / (t80 - t20), 0.0)
    fast = _peak_rfd(t, f, on, p, even)
    notes = _notes(seg, has_base, known, onset_sd)
    base_s = np.where(seg.base_end >= 0, t[np.maximum(seg.base_start, 0)], np.nan)
    base_e = np.where(seg.base_end >= 0, t[np.clip(seg.base_end - 1, 0, n - 1)], np.nan)

    # per-trial values, None where the onset is unknown
    def column(values: Array) -> list[float | None]:
        out: list[float | None] = [None] * len(seg)
        for k, v in zip(rows.tolist(), values.tolist(), strict=True):
            out[k] = v
        return out

    def optional(values: Array) -> list[float | None]:
        return [None if v != v else v for v in values.tolist()]

    r50, r100, r200 = (column(rfd[f"0-{ms}ms"]) for ms in RFD_WINDOWS_MS)
    j100, j200 = (column(impulse[f"0-{ms}ms"]) for ms in IMPULSE_WINDOWS_MS)
    rfd_dicts = [
        {"0-50ms": a, "0-100ms": b, "0-200ms": c} for a, b, c in zip(r50, r100, r200, strict=True)
    ]
    imp_dicts = [{"0-100ms": a, "0-200ms": b} for a, b in zip(j100, j200, strict=True)]
    columns = zip(
        column(t0), base.tolist(), peak.tolist(), net.tolist(), column(t[p] - t0), rfd_dicts,
        column(r2080), column(fast), imp_dicts, *(v.tolist() for v in plateau[:2]),
        column(t[end[rows]] - t0), *(v.tolist() for v in plateau[2:]), optional(base_s),
        optional(base_e), notes, strict=True,
    )  # fmt: skip
    return [Trial(*values) for values in columns]


def _notes(seg: Segments, has_base: Mask, known: Mask, onset_sd: float) -> list[str | None]:
    out: list[str | None] = []
    for start, base, ok in zip(seg.start.tolist(), has_base.tolist(), known.tolist(), strict=True):
        if ok:
            out.append(None)
        elif start == 0:
            out.append(STARTS_DURING)
        elif not base:
            out.append(SHORT_REST)
        else:
            out.append(f"{NOISY} ({onset_sd:g})")
    return out


def _crossing(t: Array, f: Array, lo: Index, hi: Index, level: Array, onset: Index) -> Array:
    """Time of the first upward crossing of `level` in [lo, hi], interpolated with the sample
    before it (unless that is before the onset)."""
    k = first_where(f, lo, hi + 1, level, below=False)
    k = np.where(k >= 0, k, hi)
    prev = np.maximum(k - 1, 0)
    rise = f[k] - f[prev]
    plain = (k <= onset) | (rise == 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        frac = np.where(plain, 1.0, (level - f[prev]) / np.where(plain, 1.0, rise))
    return np.where(plain, t[k], t[prev] + frac * (t[k] - t[prev]))


def _integrals(
    t: Array, f: Array, sums: Sums, even: float | None, baseline: Array, a: Array, b: Array
) -> Array:
    """Trapezoid integral of (f - baseline) over [a_i, b_i] per trial, with interpolated end
    points."""
    b = np.minimum(b, t[-1])  # a window running past the data ends with it
    if even is not None:
        return _integrals_even(t, f, sums, even, baseline, a, b)
    i = np.searchsorted(t, a, side="right")
    j = np.searchsorted(t, b, side="left")
    fa, fb = np.interp(a, t, f), np.interp(b, t, f)
    width = int(max(int((j - i).max(initial=0)), 0))
    cols = i[:, None] + np.arange(width)[None, :]
    inside = cols < j[:, None]
    safe = np.minimum(cols, len(t) - 1)
    tt = np.where(inside, t[safe], b[:, None])
    ff = np.where(inside, f[safe], fb[:, None])
    x = np.concatenate((a[:, None], tt, b[:, None]), axis=1)
    y = np.concatenate((fa[:, None], ff, fb[:, None]), axis=1) - baseline[:, None]
    return np.asarray(np.sum((y[:, 1:] + y[:, :-1]) * np.diff(x, axis=1), axis=1) / 2)


def _integrals_even(
    t: Array, f: Array, sums: Sums, step: float, baseline: Array, a: Array, b: Array
) -> Array:
    """The same on an even grid, from the cumulative sum: the trapezoids over the samples
    inside [a, b] are step x (their sum - half the two end samples), plus the two partial
    intervals at the ends."""
    n = len(t)
    fa, fb = np.interp(a, t, f), np.interp(b, t, f)
    first = np.clip(np.ceil((a - t[0]) / step - 1e-9).astype(np.int64), 0, n - 1)
    last = np.clip(np.floor((b - t[0]) / step + 1e-9).astype(np.int64), 0, n - 1)
    inner = last >= first
    lo, hi = np.where(inner, first, 0), np.where(inner, last, 0)
    total = sums.s1[hi + 1] - sums.s1[lo] + (hi - lo + 1) * sums.reference
    middle = step * (total - (f[lo] + f[hi]) / 2)
    head = (t[lo] - a) * (fa + f[lo]) / 2
    tail = (b - t[hi]) * (f[hi] + fb) / 2
    gross = np.where(inner, middle + head + tail, (b - a) * (fa + fb) / 2)
    return np.asarray(gross - baseline * np.maximum(b - a, 0.0))


def _peak_rfd(t: Array, f: Array, onset: Index, peak: Index, even: float | None) -> Array:
    """Largest slope over a sliding window of PEAK_RFD_WINDOW_S (or two median sample
    intervals) between onset and peak; a rise shorter than the window gives its mean slope.
    The window starts of all trials are laid end to end in one flat array."""
    count = len(onset)
    if not count:
        return np.zeros(0)
    step = even if even is not None else float(np.median(np.diff(t[: min(len(t), 10_001)])))
    width = max(PEAK_RFD_WINDOW_S, 2 * step)
    if even is not None:  # the far end is a fixed number of samples (and a fraction) ahead
        whole = int(np.floor(width / even + 1e-9))
        part = width / even - whole
        last = peak - (whole if part < 1e-9 else whole + 1)
    else:
        last = np.searchsorted(t, t[peak] - width + 1e-12, side="right").astype(np.int64) - 1
    lengths = np.maximum(last - onset + 1, 0)
    total = int(lengths.sum())
    first = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.int64)
    flat = np.arange(total, dtype=np.int64) + np.repeat(onset - first, lengths)
    if even is not None:
        ahead = f[flat + whole]
        if part >= 1e-9:
            ahead = ahead + part * (f[flat + whole + 1] - ahead)
    else:
        ahead = np.interp(t[flat] + width, t, f)
    slope = (ahead - f[flat]) / width
    has = lengths > 0
    best = np.zeros(count)
    if total:
        best[has] = np.maximum.reduceat(slope, first[has])
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_slope = np.where(peak > onset, (f[peak] - f[onset]) / (t[peak] - t[onset]), 0.0)
    return np.asarray(np.where(has, best, mean_slope))


def _plateau(
    t: Array, f: Array, sums: Sums, origin: Index, end: Index, level: Array
) -> tuple[Array, Array, Array, Array]:
    """Mean, CV %, start and end time of each plateau (module docstring)."""
    a = first_where(f, origin, end + 1, level, below=False)
    a = np.where(a >= 0, a, origin)
    b = last_where(f, a, end + 1, level, below=False)
    b = np.where(b >= 0, b, a)
    cut = PLATEAU_TRIM * (t[b] - t[a])
    lo = np.searchsorted(t, t[a] + cut, side="left").astype(np.int64)
    hi = np.searchsorted(t, t[b] - cut, side="right").astype(np.int64) - 1
    trim = hi > lo
    lo, hi = np.where(trim, lo, a), np.where(trim, hi, b)
    mean, sd = sums.stats(lo, hi + 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        cv = np.where(mean != 0, sd / np.abs(mean) * 100, 0.0)
    return mean, cv, t[lo], t[hi]
