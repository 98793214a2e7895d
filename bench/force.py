"""Benchmark: force analysis throughput and file import speed.

(a) a one-hour 1 kHz recording with 100 contractions, (b) 10,000 short trials; each as a ratio
of one plain numpy pass (a cumulative sum) over the same array in the same run (target: full
analysis within 10x). Also CSV import speed in MB/s. Prints figures only.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np

from isohold.force.analysis import analyze
from isohold.force.readers import read_recording
from isohold.force.signal import make_recording


def recording(
    rate: float, seconds: float, contractions: int, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    t = np.arange(0, seconds, 1 / rate)
    f = rng.normal(0, 2.0, len(t))
    period = seconds / contractions
    for k in range(contractions):
        s = k * period + period * 0.3
        m = (t >= s) & (t < s + period * 0.4)
        f[m] += np.minimum((t[m] - s) * 3000, 500)
    return t, f


def timed(fn: object, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best


def case(name: str, t: np.ndarray, f: np.ndarray) -> None:
    rec = make_recording(t, f)
    numpy_pass = timed(lambda: np.cumsum(rec.f))
    full = timed(lambda: analyze(rec), repeat=1)
    trials = len(analyze(rec).trials)
    print(f"{name}: {len(t):,} samples, {trials:,} trials: {len(t) / full / 1e6:.2f} M samples/s; "
          f"{full / numpy_pass:.0f}x one numpy pass (target <= 10x)")  # fmt: skip


def main() -> None:
    t, f = recording(1000, 3600, 100)
    case("(a) one hour at 1 kHz, 100 contractions", t, f)
    t, f = recording(1000, 10_000 * 1.0, 10_000, seed=1)
    case("(b) 10,000 short trials", t, f)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "hour.csv"
        t, f = recording(1000, 3600, 100)
        with path.open("w") as fh:
            fh.write("time,force\n")
            np.savetxt(fh, np.column_stack([t, f]), fmt="%.4f", delimiter=",")
        size = path.stat().st_size / 1e6
        seconds = timed(lambda: read_recording(path), repeat=1)
        print(f"import: {size:.0f} MB CSV in {seconds:.2f} s = {size / seconds:.0f} MB/s")


if __name__ == "__main__":
    main()
