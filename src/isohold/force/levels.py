"""The recording's resting level, its noise and the levels that mark a contraction.

- Noise: the sensor's noise SD, from the median absolute difference of neighbouring samples
  (robust to contractions and slow drift).
- Resting level: the mean of the still 1-s window nearest before the rise to the highest force
  (the standing weight on a force plate, rest on a dynamometer or hangboard sensor), ending
  before that rise begins (windows.end_before_rise). Only a
  window at least a quarter of the range below the highest force counts, so the plateau of a
  hold is never the resting level, and "still" means an SD within 5% of that range (or three
  times the noise). With no such window before the rise (a recording that starts mid-rep), the
  first one after the highest force, once force is down at that window's mean; when no still
  second fits between contractions, still windows of 0.5 s, then 0.25 s; with none at all,
  the quietest 1-s window low enough.
- Rise: the highest force minus the resting level. A contraction leaves the resting band
  (resting level + 5% of the rise, at least 4 noise SD), rises above 10% of the rise (at least
  8 noise SD) and peaks at 15% of the rise or more.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from isohold.force.search import first_where, last_where
from isohold.force.signal import Array, Recording, even_step
from isohold.force.windows import STEP_S, Quiet, Sums, end_before_rise, window_start

#: Resting windows: 1 s, or shorter when no still second fits between contractions.
WINDOWS_S = (1.0, 0.5, 0.25)
#: Candidate windows for the resting level (50 ms apart, fewer in long recordings).
MAX_WINDOWS = 20_000
#: Points sampled (evenly) to estimate the noise and the low end of the force range.
SUBSAMPLE = 100_000
#: A resting window lies at least this fraction of the range below the highest force.
BELOW_TOP = 0.25
#: A window is still when its SD is at most this fraction of the range (or 3 noise SD).
STILL = 0.05
REST_FRACTION, REST_NOISE = 0.05, 4.0
ACTIVE_FRACTION, ACTIVE_NOISE = 0.10, 8.0
PEAK_FRACTION = 0.15
#: Median absolute deviation to standard deviation for Gaussian noise, for differences of two.
MAD_TO_SD = 1.0 / (0.6745 * np.sqrt(2.0))


@dataclass(frozen=True)
class Scale:
    rest: float  # resting level, N
    rise: float  # highest force minus the resting level, N
    noise: float  # sensor noise SD, N
    rest_band: float  # top of the resting band (absolute, N)
    active: float  # a contraction rises above this (absolute, N)
    tall: float  # and peaks at or above this (absolute, N)
    sums: Sums
    even: float | None  # the sample interval when evenly sampled


def measure_scale(rec: Recording) -> Scale | None:
    """The levels of this recording, or None when it holds no rise at all."""
    t, f = rec.t, rec.f
    n = len(f)
    stride = max(1, n // SUBSAMPLE)
    at = np.arange(0, n - 1, stride)
    noise = float(np.median(np.abs(f[at + 1] - f[at]))) * MAD_TO_SD
    floor = float(np.percentile(f[at], 1))
    top_i = int(np.argmax(f))
    top = float(f[top_i])
    sums = Sums(f, floor)
    even = even_step(t)
    rest = _resting_level(t, f, sums, top_i, floor, noise, even)
    rise = top - rest
    if not rise > 0:
        return None
    return Scale(
        rest=rest,
        rise=rise,
        noise=noise,
        rest_band=rest + max(REST_FRACTION * rise, REST_NOISE * noise),
        active=rest + max(ACTIVE_FRACTION * rise, ACTIVE_NOISE * noise),
        tall=rest + max(PEAK_FRACTION * rise, ACTIVE_NOISE * noise),
        sums=sums,
        even=even,
    )


def _resting_level(
    t: Array, f: Array, sums: Sums, top_i: int, floor: float, noise: float, even: float | None
) -> float:
    n = len(f)
    top = float(f[top_i])
    cap = top - BELOW_TOP * (top - floor)
    still_sd = max(STILL * (top - floor), 3 * noise)
    duration = float(t[-1] - t[0])
    step = max(1, round(STEP_S * (n - 1) / max(duration, 1e-12)), n // MAX_WINDOWS)
    ends = np.arange(2, n + 1, step, dtype=np.int64)
    before = int(last_where(f, np.array([0]), np.array([top_i]), np.array([cap]), below=True)[0])
    fallback = floor
    for width in WINDOWS_S:  # 1 s, or shorter windows when the rests are short
        width = min(width, duration / 4)
        starts = window_start(t, ends, np.full(len(ends), width), even)
        ok = (starts >= 0) & (ends - starts >= 2)
        a, b = starts[ok], ends[ok]
        if not len(b):
            continue
        mean, sd = sums.stats(a, b)
        low = mean <= cap
        still = low & (sd <= still_sd)
        pick = np.flatnonzero(still & (b <= before + 1) & (before >= 0))
        if len(pick):
            k = int(pick[-1])
            chosen = Quiet(a[k : k + 1], b[k : k + 1], mean[k : k + 1], sd[k : k + 1])
            one, peak = np.array([0], dtype=np.int64), np.array([top_i], dtype=np.int64)
            moved = end_before_rise(t, f, sums, one, peak, np.array([width]), chosen, even, noise)
            return float(moved.mean[0])
        pick = np.flatnonzero(still & (a > top_i))
        for _ in range(2):  # a window after the fall, once force is down at its mean
            if not len(pick):
                break
            level = np.array([mean[pick[0]]])
            down = first_where(f, np.array([top_i]), np.array([n]), level, below=True)[0]
            later = np.flatnonzero(still & (a >= down))
            pick = later if down >= 0 and len(later) else pick[:1]
        if len(pick):
            return float(mean[pick[0]])
        if low.any() and fallback == floor:
            fallback = float(mean[np.flatnonzero(low)[np.argmin(sd[low])]])
    return fallback
