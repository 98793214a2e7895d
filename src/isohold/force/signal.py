"""A force recording: timestamps in seconds and force in newtons, checked and cleaned."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from isohold.force.errors import ForceDataError

#: Standard gravity, m/s^2: kilograms-force to newtons.
G = 9.80665
#: Pounds-force to newtons.
LBF = 4.4482216
TO_NEWTONS = {"N": 1.0, "kg": G, "lbf": LBF}
#: A device's microsecond counter is an unsigned 32-bit number: it wraps after ~71.6 minutes.
UINT32 = 2**32

Array = NDArray[np.float64]


@dataclass(frozen=True)
class Recording:
    t: Array  # seconds, strictly increasing
    f: Array  # newtons
    source_unit: str = "N"  # the unit the samples were recorded in (N, kg or lbf)
    #: samples left out because their time or force was not a number (an empty or nan cell)
    dropped: int = 0

    @property
    def sample_rate_hz(self) -> float:
        """The mean rate, (samples - 1) / duration: irregular timestamps are allowed."""
        duration = float(self.t[-1] - self.t[0])
        return (len(self.t) - 1) / duration if duration > 0 else 0.0


def even_step(t: Array) -> float | None:
    """The sample interval when the timestamps are evenly spaced (checked at up to 1,000
    points to within 0.1% of a step), else None. Evenly spaced recordings take faster paths
    that give the same results."""
    n = len(t)
    if n < 3:
        return None
    step = float(t[-1] - t[0]) / (n - 1)
    if not step > 0:
        return None
    at = np.unique(np.linspace(0, n - 1, min(n, 1000)).astype(np.int64))
    ok = np.abs(t[at] - (t[0] + at * step)).max() <= 1e-3 * step
    ok = ok and bool(np.all(np.diff(t[: min(n, 1000)]) > 0.999 * step))
    return step if ok else None


def unwrap_microseconds(us: Array) -> Array:
    """Undo uint32 wrap-arounds in a device's microsecond timestamps."""
    drops = np.diff(us) < -(UINT32 / 2)
    if not drops.any():
        return us
    offset = np.concatenate(([0.0], np.cumsum(drops) * float(UINT32)))
    return us + offset


def make_recording(t: Array, f: Array, unit: str = "N", *, where: str = "recording") -> Recording:
    """Check and clean raw samples: converts to newtons, drops NaN force samples, and refuses
    time that does not move forwards."""
    if unit not in TO_NEWTONS:
        raise ForceDataError(f"unit {unit!r} is not one of N, kg, lbf")
    t = np.asarray(t, dtype=np.float64)
    f = np.asarray(f, dtype=np.float64) * TO_NEWTONS[unit]  # a copy: the caller keeps theirs
    dropped = 0
    # A sum is finite only when every sample is: the sample-by-sample check (and the copy that
    # drops samples) runs only when one is not.
    if not (np.isfinite(np.sum(f)) and np.isfinite(np.sum(t))):
        keep = np.isfinite(f)
        keep &= np.isfinite(t)
        t, f = t[keep], f[keep]
        dropped = int(len(keep) - len(t))
    if len(t) < 2:
        raise ForceDataError(f"{where}: needs at least two samples, found {len(t)}")
    back = t[1:] <= t[:-1]
    if back.any():
        i = int(np.argmax(back)) + 1
        raise ForceDataError(
            f"{where}: time does not increase at sample {i + 1} ({t[i - 1]:g} s then {t[i]:g} s)"
        )
    start = t[0]
    return Recording(t=t if start == 0 else t - start, f=f, source_unit=unit, dropped=dropped)


def lowpass(rec: Recording, cutoff_hz: float) -> Recording:
    """4th-order zero-lag (forward-backward) Butterworth low-pass. The signal is resampled to
    its mean rate for filtering and read back at the original timestamps."""
    from scipy.signal import butter, filtfilt  # type: ignore[import-untyped]

    rate = rec.sample_rate_hz
    if not 0 < cutoff_hz < rate / 2:
        raise ForceDataError(
            f"--filter-hz {cutoff_hz:g} must be above 0 and below half the sample rate "
            f"({rate / 2:.1f} Hz)"
        )
    grid = np.linspace(rec.t[0], rec.t[-1], len(rec.t))
    even = np.interp(grid, rec.t, rec.f)
    b, a = butter(2, cutoff_hz / (rate / 2))  # order 2 run forward and back = 4th order
    if len(even) <= 3 * max(len(a), len(b)):
        raise ForceDataError("the recording is too short to filter")
    smooth = filtfilt(b, a, even)
    return Recording(
        t=rec.t,
        f=np.interp(rec.t, grid, smooth),
        source_unit=rec.source_unit,
        dropped=rec.dropped,
    )
