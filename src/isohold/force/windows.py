"""Means and standard deviations of any window from cumulative sums, and the search for the
quiet window nearest before a point (the still period a baseline is taken from).

The sums are taken of force minus a reference level near rest, so the squares stay small and
the variance keeps its precision over an hour of samples.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from isohold.force.search import Index, first_where, last_where
from isohold.force.signal import Array

#: Candidate windows step back from the rise by this much (at least one sample).
STEP_S = 0.05
#: Candidates examined per trial in one vectorised block.
BLOCK = 16
#: Band around a window's mean that force leaves at the rise, in the window's SDs.
BAND_SD = 3.0
#: Shortest window kept when a window is moved back.
MIN_WINDOW_S = 0.25


class Sums:
    """Cumulative sums of (f - reference) and its square: any window's mean and SD in O(1)."""

    def __init__(self, f: Array, reference: float) -> None:
        self.reference = reference
        # Both sums in one pass: a complex number carries f - reference in its real part and
        # its square in its imaginary part, so one cumulative sum adds both (the same
        # additions in the same order as two real sums, about a third faster).
        both = np.empty(len(f) + 1, dtype=np.complex128)
        both[0] = 0.0
        g = both.real[1:]
        np.subtract(f, reference, out=g)
        np.multiply(g, g, out=both.imag[1:])
        np.cumsum(both, out=both)
        self.s1: Array = both.real
        self.s2: Array = both.imag

    def stats(self, a: Index, b: Index) -> tuple[Array, Array]:
        """Mean and SD (population) of the windows [a_i, b_i)."""
        n = np.maximum(b - a, 1).astype(np.float64)
        mean = (self.s1[b] - self.s1[a]) / n
        var = np.maximum((self.s2[b] - self.s2[a]) / n - mean * mean, 0.0)
        return mean + self.reference, np.sqrt(var)


@dataclass(frozen=True)
class Quiet:
    """Chosen windows [start, end) per trial (-1 where none) and their mean and SD."""

    start: Index
    end: Index
    mean: Array
    sd: Array


def window_start(t: Array, end: Index, width_s: Array, even: float | None = None) -> Index:
    """The first sample of the window of `width_s` seconds that ends just before sample `end`:
    the samples with time in [t[end] - width, t[end]); negative when the recording starts
    later than that. `even` is the sample interval of an evenly sampled recording (counted,
    not searched)."""
    if even is not None:
        count = np.ceil(np.asarray(width_s) / even - 1e-6).astype(np.int64)
        return np.asarray(end, dtype=np.int64) - count
    edge = t[np.minimum(end, len(t) - 1)] + np.where(end >= len(t), _step(t), 0.0)
    begin = edge - width_s - 1e-9 * np.maximum(width_s, 1.0)
    found = np.searchsorted(t, begin).astype(np.int64)
    return np.where(begin < t[0] - 1e-9 * np.maximum(width_s, 1.0), -1, found)


def _step(t: Array) -> float:
    return float(t[-1] - t[0]) / max(len(t) - 1, 1)


def nearest_quiet(
    t: Array,
    sums: Sums,
    lo: Index,
    end: Index,
    width_s: Array,
    max_sd: Array,
    level_low: Array,
    level_high: Array,
    even: float | None = None,
) -> Quiet:
    """For each trial: the latest window of `width_s` inside [lo, end) whose SD is at most
    `max_sd` and whose mean lies in [level_low, level_high]. When no window is that quiet, the
    quietest window at such a level; when no window is at such a level, none (-1)."""
    count = len(lo)
    step = max(1, round(STEP_S / max(_step(t), 1e-12)))
    best_a = np.full(count, -1, dtype=np.int64)
    best_b = np.full(count, -1, dtype=np.int64)
    best_sd = np.full(count, np.inf)
    found = np.zeros(count, dtype=bool)
    pending = np.flatnonzero(end > lo)
    k0 = 0
    while pending.size:
        ks = np.arange(k0, k0 + BLOCK)
        b = end[pending][:, None] - ks[None, :] * step
        a = window_start(t, b.ravel(), np.repeat(width_s[pending], BLOCK), even).reshape(b.shape)
        valid = (b > lo[pending][:, None]) & (a >= lo[pending][:, None]) & (b - a >= 2)
        a_safe, b_safe = np.where(valid, a, 0), np.where(valid, b, 2)
        mean, sd = sums.stats(a_safe.ravel(), b_safe.ravel())
        mean, sd = mean.reshape(b.shape), sd.reshape(b.shape)
        level_ok = (
            valid & (mean >= level_low[pending][:, None]) & (mean <= level_high[pending][:, None])
        )
        quiet = level_ok & (sd <= max_sd[pending][:, None])
        hit = quiet.any(axis=1)
        col = quiet.argmax(axis=1)
        rows = pending[hit]
        best_a[rows] = a[hit, col[hit]]
        best_b[rows] = b[hit, col[hit]]
        found[rows] = True
        # remember the quietest window at the right level, for trials with no quiet one
        masked = np.where(level_ok, sd, np.inf)
        qcol = masked.argmin(axis=1)
        qsd = masked[np.arange(len(pending)), qcol]
        better = ~hit & (qsd < best_sd[pending])
        rows = pending[better]
        best_sd[rows] = qsd[better]
        best_a[rows] = a[better, qcol[better]]
        best_b[rows] = b[better, qcol[better]]
        pending = pending[~hit & (a[:, -1] > lo[pending])]
        k0 += BLOCK
    has = best_b >= 0
    mean, sd = sums.stats(np.where(has, best_a, 0), np.where(has, best_b, 1))
    return Quiet(best_a, best_b, np.where(has, mean, np.nan), np.where(has, sd, np.nan))


def end_before_rise(
    t: Array,
    f: Array,
    sums: Sums,
    lo: Index,
    peak: Index,
    width_s: Array,
    q: Quiet,
    even: float | None = None,
    noise: float = 0.0,
) -> Quiet:
    """Move each window back so that it ends before the rise to `peak` begins. Two estimates
    of where the rise begins, the earlier wins:
    - the rise line: through the rise's first crossings of 20% and 50% of the way from the
      window's mean to the peak, extended back to the window's mean (for a slow rise, whose
      first samples hide in the noise; used when 20% stands 6 noise SD clear of the mean);
    - the band: when force leaves the window's band (mean + 3 SD) for good inside the window,
      the last sample at or below the mean before that (for a fast rise).
    A window that ends before both stays (so does a baseline that only drifts within its
    band). Done twice, since a window that held the rise's first samples has a raised mean
    and SD."""
    rows = np.flatnonzero(q.end >= 0)
    for _ in range(2):
        if not len(rows):
            break
        a, b, m, sd = q.start[rows], q.end[rows], q.mean[rows], q.sd[rows]
        p, low = peak[rows], lo[rows]
        net = f[p] - m
        # the rise lies after the window (a still window holds no sample near 20% of the rise)
        from_b = np.maximum(b - 1, a)
        half = first_where(f, from_b, p + 1, m + 0.5 * net, below=False)
        k20 = first_where(f, from_b, np.maximum(half, from_b), m + 0.2 * net, below=False)
        t50 = _cross_time(t, f, half - 1, m + 0.5 * net)
        t20 = _cross_time(t, f, k20 - 1, m + 0.2 * net)
        # both first crossings come early by about the same time in noise: the slope holds.
        # The 20% level must stand clear of the sensor's noise (the window's own SD may be
        # raised by the slow start of the rise it holds)
        clear = (k20 > a) & (t50 > t20) & (0.2 * net > 2 * BAND_SD * noise)
        begin = np.where(clear, t20 - (t50 - t20) * (0.2 / 0.3), np.inf)
        by_line = np.searchsorted(t, begin, side="left").astype(np.int64)
        leave = last_where(f, a, np.maximum(half, a), m + BAND_SD * sd, below=True)
        at_mean = last_where(f, a, leave + 1, m, below=True)
        rose = (leave >= 0) & (leave < b - 1) & (at_mean >= 0)
        by_band = np.where(rose, at_mean + 1, b)
        new_b = np.minimum(np.minimum(by_line, by_band), b)
        new_w = np.minimum(width_s[rows], t[np.minimum(new_b, len(t) - 1)] - t[low])
        move = (new_b < b) & (new_w >= MIN_WINDOW_S)
        if not move.any():
            break
        rows, new_b, new_w, low = rows[move], new_b[move], new_w[move], low[move]
        new_a = np.maximum(window_start(t, new_b, new_w, even), low)
        mean, s = sums.stats(new_a, new_b)
        start, end = q.start.copy(), q.end.copy()
        means, sds = q.mean.copy(), q.sd.copy()
        start[rows], end[rows], means[rows], sds[rows] = new_a, new_b, mean, s
        q = Quiet(start, end, means, sds)
    return q


def _cross_time(t: Array, f: Array, k: Index, level: Array) -> Array:
    """When the line from sample k to sample k + 1 reaches `level` (linear interpolation)."""
    k = np.clip(k, 0, len(t) - 2)
    rise = f[k + 1] - f[k]
    with np.errstate(divide="ignore", invalid="ignore"):
        frac = np.clip(np.where(rise != 0, (level - f[k]) / rise, 0.0), 0.0, 1.0)
    return np.asarray(t[k] + frac * (t[k + 1] - t[k]))
