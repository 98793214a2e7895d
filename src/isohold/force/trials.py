"""Splitting a recording into contractions (trials).

Rule (documented choice; the contract leaves it open):
1. The "quiet level" is the mean of the quietest 1-s window (lowest standard deviation; of
   windows nearly as quiet, the lowest one)
   before the highest force (or anywhere, when none fits before it), and the recording's rise
   is its highest force minus that level. Looking before the peak keeps a force plate's
   standing weight as the level even when the person steps off afterwards.
2. A contraction is a run of samples more than 10% of the rise above the quiet level that
   lasts at least 0.1 s and peaks above 25% of the rise; runs closer than 0.1 s are merged.
   Noise spikes are too short or too small; force falling below the quiet level (stepping off
   a force plate, unloading) is never a contraction.
3. Each contraction needs a baseline: the quietest 1-s window between the previous contraction
   and its start (shorter windows down to 0.25 s are accepted when no full second exists). A
   contraction with no quiet window before it (a recording that starts mid-contraction) is
   left out rather than measured against a wrong baseline.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from isohold.force.signal import Array, Recording

BASELINE_WINDOW_S = 1.0
MIN_BASELINE_WINDOW_S = 0.25
ACTIVE_FRACTION = 0.10
PEAK_FRACTION = 0.25
MIN_DURATION_S = 0.1
MERGE_GAP_S = 0.1
#: Quiet windows more than this fraction of the signal's range apart are different levels.
LEVEL_GAP = 0.10


@dataclass(frozen=True)
class Segment:
    start: int  # first index of the active run
    end: int  # last index of the active run (inclusive)
    base_start: int  # baseline window [base_start, base_end)
    base_end: int


def rolling_sd(t: Array, f: Array, window_s: float) -> tuple[NDArray[np.intp], Array, Array]:
    """For each start index i: the end index j (exclusive) of the window [t_i, t_i + window),
    and the window's mean and standard deviation (vectorised with cumulative sums)."""
    n_all = len(t)
    steps = np.diff(t)
    if n_all > 2 and float(steps.max()) <= 1.001 * float(steps.min()):
        # evenly sampled: the window is a fixed number of samples (no search needed)
        width = int(np.ceil(window_s / float(steps.mean()) - 1e-9))
        j = np.minimum(np.arange(n_all) + width, n_all)
    else:
        j = np.searchsorted(t, t + window_s, side="left")
    c1 = np.concatenate(([0.0], np.cumsum(f)))
    c2 = np.concatenate(([0.0], np.cumsum(f * f)))
    n = np.maximum(j - np.arange(len(t)), 1)
    mean = (c1[j] - c1[: len(t)]) / n
    var = np.maximum((c2[j] - c2[: len(t)]) / n - mean * mean, 0.0)
    return j, mean, np.sqrt(var)


def quiet_window(rec: Recording, lo: int, hi: int) -> tuple[int, int] | None:
    """The quietest window inside [lo, hi): 1 s if it fits, else as long as fits (>= 0.25 s)."""
    if hi - lo < 2:
        return None
    span = float(rec.t[hi - 1] - rec.t[lo])
    width = min(BASELINE_WINDOW_S, span)
    if width < MIN_BASELINE_WINDOW_S:
        return None
    t, f = rec.t[lo:hi], rec.f[lo:hi]
    j, mean, sd = rolling_sd(t, f, width)
    full = t + width <= t[-1] + 1e-12
    if not full.any():
        return None
    candidates = np.flatnonzero(full)
    # Among the quietest windows (SD within twice the lowest): when they sit at clearly
    # different levels, the lowest wins (a flat held contraction can be as steady as rest, but
    # rest is below it); at one level, the latest wins (closest to the contraction, which
    # follows a drifting baseline).
    span = float(np.ptp(f)) + 1e-12
    quietest = float(sd[candidates].min())
    tied = candidates[sd[candidates] <= 2 * quietest + 1e-9 * span]
    levels = mean[tied]
    if float(np.ptp(levels)) > LEVEL_GAP * span:
        best = int(tied[np.argmin(levels)])
    else:
        best = int(tied[-1])
    return lo + best, lo + int(j[best])


def segment(rec: Recording) -> list[Segment]:
    t, f = rec.t, rec.f
    top = int(np.argmax(f))
    level_window = quiet_window(rec, 0, top) or quiet_window(rec, 0, len(t))
    if level_window is None:
        return []
    quiet_level = float(f[level_window[0] : level_window[1]].mean())
    rise = float(f[top]) - quiet_level
    if rise <= 0:
        return []
    active = f > quiet_level + ACTIVE_FRACTION * rise
    runs = _runs(active)
    merged: list[list[int]] = []
    for start, end in runs:
        if merged and t[start] - t[merged[-1][1]] < MERGE_GAP_S:
            merged[-1][1] = end
        else:
            merged.append([start, end])
    segments: list[Segment] = []
    previous_end = 0
    for start, end in merged:
        long_enough = t[end] - t[start] >= MIN_DURATION_S
        tall_enough = f[start : end + 1].max() >= quiet_level + PEAK_FRACTION * rise
        if long_enough and tall_enough:
            window = quiet_window(rec, previous_end, start)
            if window is not None:
                segments.append(Segment(start, end, window[0], window[1]))
        if tall_enough:  # noise blips do not cut the quiet stretch a baseline is taken from
            previous_end = end + 1
    return segments


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(first, last) index of each run of True."""
    if not mask.any():
        return []
    padded = np.concatenate(([False], mask, [False]))
    edges = np.flatnonzero(np.diff(padded.astype(np.int8)))
    return [(int(a), int(b) - 1) for a, b in zip(edges[::2], edges[1::2], strict=True)]
