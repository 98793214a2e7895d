"""Means and standard deviations of any window from cumulative sums, and the search for the
quiet window nearest before a point (the still period a baseline is taken from).

The sums are taken of force minus a reference level near rest, so the squares stay small and
the variance keeps its precision over an hour of samples.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from isohold.force.search import Index, last_where
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
        g = f - reference
        self.reference = reference
        self.s1 = np.empty(len(f) + 1)
        self.s1[0] = 0.0
        np.cumsum(g, out=self.s1[1:])
        np.multiply(g, g, out=g)
        self.s2 = np.empty(len(f) + 1)
        self.s2[0] = 0.0
        np.cumsum(g, out=self.s2[1:])

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
            valid
            & (mean >= level_low[pending][:, None])
            & (mean <= level_high[pending][:, None])
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
    hi: Index,
    width_s: Array,
    q: Quiet,
    even: float | None = None,
) -> Quiet:
    """Move each window back so that it ends before the rise that follows it at `hi`: when
    force leaves the window's band (mean + 3 SD) for good inside the window, the window held
    the start of the rise, and it then ends at the last sample at or below its mean before
    that (a baseline that only drifts within its band stays where it is). Done twice, since a
    window that held the rise's first samples has a raised mean and SD."""
    for _ in range(2):
        has = q.end >= 0
        if not has.any():
            return q
        a = np.where(has, q.start, lo)
        leave = last_where(f, a, hi, q.mean + BAND_SD * q.sd, below=True)
        at_mean = last_where(f, a, leave + 1, q.mean, below=True)
        # only a window that holds rise samples (force left its band inside it) moves
        rose = has & (leave >= 0) & (leave < q.end - 1) & (at_mean >= 0)
        new_b = np.where(rose, at_mean + 1, q.end)
        move = rose & (new_b < q.end)
        new_w = np.minimum(width_s, t[np.minimum(new_b, len(t) - 1)] - t[lo])
        move &= new_w >= MIN_WINDOW_S
        if not move.any():
            return q
        new_a = np.maximum(window_start(t, new_b, new_w, even), lo)
        m, s = sums.stats(np.where(move, new_a, 0), np.where(move, new_b, 1))
        q = Quiet(
            np.where(move, new_a, q.start),
            np.where(move, new_b, q.end),
            np.where(move, m, q.mean),
            np.where(move, s, q.sd),
        )
    return q
