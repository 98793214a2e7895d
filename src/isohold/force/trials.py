"""Splitting a recording into contractions (trials) and finding each one's baseline window.

Rules (documented choices; the contract leaves them open). Levels are those of levels.py.
1. A contraction is a run of samples above the resting band that lasts at least 0.1 s and
   peaks at 15% of the rise or more; runs less than 0.1 s apart are one run. So a dip that stays
   above the resting band is part of the rep, noise spikes are too short or too small, and
   force falling below rest (stepping off a force plate) is never a contraction. Runs follow
   one another: contractions never overlap or nest.
2. Baseline: the still window nearest before the rise, taken from force near the resting level
   (its mean within the resting band, and no more than a quarter of the rise below rest) between
   the previous contraction and this one. Still means an SD within 5% of the contraction's rise
   above rest (or three times the noise); when no window is that still, the quietest one. The
   window is 1 s, or as long as the rest before the contraction allows (at least 0.25 s). The
   window then moves back, if needed, so that it ends before the rise begins: where force
   leaves the window's band (mean + 3 SD) at the rise, the window ends where force was last
   at its mean before that, or, for a slow rise whose first samples hide in the noise, where
   the line through the rise's 20% and 50% crossings meets the window's mean
   (windows.end_before_rise).
3. A contraction with no such window (the recording starts during it, or the rest before it is
   shorter than 0.25 s) is kept, without a baseline window: its onset is unknown.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from isohold.force.levels import Scale
from isohold.force.search import Index, Mask, first_where
from isohold.force.signal import Array, Recording
from isohold.force.windows import end_before_rise, nearest_quiet

BASELINE_WINDOW_S = 1.0
MIN_BASELINE_WINDOW_S = 0.25
MIN_DURATION_S = 0.1
MERGE_GAP_S = 0.1
#: A baseline window may lie this fraction of the rise below the resting level, no lower.
BELOW_REST = 0.25


@dataclass(frozen=True)
class Segments:
    start: Index  # first sample above the resting band
    end: Index  # last sample of the run (inclusive)
    peak: Index  # the run's highest sample (the first, when tied)
    base_start: Index  # baseline window [base_start, base_end); -1 when there is none
    base_end: Index
    baseline: Array  # the window's mean (the resting level when there is no window)
    baseline_sd: Array  # the window's SD (NaN when there is no window)

    def __len__(self) -> int:
        return len(self.start)


def segment(rec: Recording, scale: Scale) -> Segments:
    t, f = rec.t, rec.f
    starts, ends = _runs(t, f, scale.rest_band)
    if len(starts):
        tops = np.maximum.reduceat(f, starts)
        keep = (tops >= scale.tall) & (t[ends] - t[starts] >= MIN_DURATION_S)
        starts, ends, tops = starts[keep], ends[keep], tops[keep]
    else:
        tops = np.zeros(0)
    peak = first_where(f, starts, ends + 1, tops, below=False)
    lead = np.concatenate(([0], ends[:-1] + 1)).astype(np.int64)
    span = t[np.maximum(starts, 0)] - t[lead]
    width = np.minimum(BASELINE_WINDOW_S, span)
    possible = (starts > lead) & (width >= MIN_BASELINE_WINDOW_S)
    base = _baseline_windows(t, f, scale, lead, starts, peak, tops, width, possible)
    return Segments(starts, ends, peak, *base)


def _runs(t: Array, f: Array, level: float) -> tuple[Index, Index]:
    """(first, last) index of each run above `level`, runs less than MERGE_GAP_S apart joined."""
    above = f > level
    change = np.flatnonzero(above[1:] != above[:-1]) + 1
    bounds = np.concatenate(([0], change, [len(f)])).astype(np.int64)
    on = above[bounds[:-1]]
    starts, ends = bounds[:-1][on], bounds[1:][on] - 1
    if len(starts) > 1:
        apart = t[starts[1:]] - t[ends[:-1]] >= MERGE_GAP_S
        starts = starts[np.concatenate(([True], apart))]
        ends = ends[np.concatenate((apart, [True]))]
    return starts, ends


def _baseline_windows(
    t: Array,
    f: Array,
    scale: Scale,
    lead: Index,
    start: Index,
    peak: Index,
    tops: Array,
    width: Array,
    possible: Mask,
) -> tuple[Index, Index, Array, Array]:
    count = len(start)
    a = np.full(count, -1, dtype=np.int64)
    b = np.full(count, -1, dtype=np.int64)
    mean = np.full(count, scale.rest)
    sd = np.full(count, np.nan)
    rows = np.flatnonzero(possible)
    if not len(rows):
        return a, b, mean, sd
    lo, hi, w = lead[rows], start[rows], width[rows]
    still = np.maximum(0.05 * (tops[rows] - scale.rest), 3 * scale.noise)
    low = np.full(len(rows), scale.rest - BELOW_REST * scale.rise)
    high = np.full(len(rows), scale.rest_band)
    quiet = nearest_quiet(t, scale.sums, lo, hi, w, still, low, high, scale.even)
    q = end_before_rise(t, f, scale.sums, lo, peak[rows], w, quiet, scale.even, scale.noise)
    qa, qb, qm, qs = q.start, q.end, q.mean, q.sd
    has = qb >= 0
    a[rows[has]], b[rows[has]] = qa[has], qb[has]
    mean[rows[has]], sd[rows[has]] = qm[has], qs[has]
    return a, b, mean, sd
