"""Agreement with the published IsometricAnalyzer definitions (force-methods.md 4.6) on a
force-plate pull whose weighing period is not the quietest second of the file. The reference
below follows those definitions literally, with the analyst's cursor put in the still
standing just before the pull, as the tool's README asks."""

from __future__ import annotations

import numpy as np
import pytest

from isohold.force.analysis import analyze
from tests.force.test_cases import plate_pull

RATE = 1000.0
CURSOR_S = 3.1  # in the still standing (3-4.5 s), before the pull


def reference(t: np.ndarray, f: np.ndarray, k_sd: float = 5.0) -> dict[str, float]:
    """IsometricAnalyzer: standing weight = mean of the 1.000-s window with the lowest SD
    searched forward from the cursor; onset = first sample after the cursor above SW + 5 SD;
    RFD t = (F(onset + t) - F(onset)) / t; impulse t = sum of F dt over samples onset ...
    onset + t - 1 (rectangles, absolute force); TTPF = time of peak - onset."""
    n = int(RATE)  # samples in 1.000 s
    cursor = int(np.searchsorted(t, CURSOR_S))
    pull = int(np.argmax(f > f[cursor] + 200))  # the windows stay before the pull
    starts = range(cursor, pull - n)
    sds = [float(np.std(f[s : s + n])) for s in starts]
    best = starts[int(np.argmin(sds))]
    sw, sd = float(np.mean(f[best : best + n])), float(np.std(f[best : best + n]))
    onset = cursor + int(np.argmax(f[cursor:] > sw + k_sd * sd))
    out = {"sw": sw, "onset_s": float(t[onset])}
    for ms in (50, 100, 200):
        k = onset + int(ms * RATE / 1000)
        out[f"rfd {ms}"] = (f[k] - f[onset]) / (ms / 1000)
    for ms in (100, 200):
        out[f"impulse {ms}"] = float(np.sum(f[onset : onset + int(ms * RATE / 1000)])) / RATE
    peak = onset + int(np.argmax(f[onset:]))
    out["ttpf"] = float(t[peak] - t[onset])
    return out


def test_the_weighing_second_is_not_the_quietest_second_of_the_file() -> None:
    rec = plate_pull(RATE)
    n = int(RATE)
    sds = [float(np.std(rec.f[s : s + n])) for s in range(0, len(rec.f) - n, 50)]
    quietest = int(np.argmin(sds)) * 50
    assert rec.t[quietest] < 2.0  # the partial stance, 100 N below body weight
    assert float(np.mean(rec.f[quietest : quietest + n])) == pytest.approx(700, abs=1)


def test_agrees_with_isometric_analyzer_definitions() -> None:
    rec = plate_pull(RATE)
    ref = reference(rec.t, rec.f)
    (trial,) = analyze(rec, onset_sd=5).trials
    assert trial.onset_s is not None and trial.time_to_peak_s is not None
    # both weigh a still second of the same standing (noise SD 2 N: means within 0.5 N)
    assert trial.baseline == pytest.approx(ref["sw"], abs=0.5)
    assert trial.onset_s == pytest.approx(ref["onset_s"], abs=1 / RATE + 1e-9)
    for ms in (50, 100, 200):
        assert trial.rfd[f"0-{ms}ms"] == pytest.approx(ref[f"rfd {ms}"], rel=0.01)
    # isohold's impulse is net of the baseline, by trapezoids: the reference's gross
    # rectangles less SW x t, within half a sample of the rise (and a sample of onset)
    for ms in (100, 200):
        net = ref[f"impulse {ms}"] - ref["sw"] * ms / 1000
        assert trial.impulse[f"0-{ms}ms"] == pytest.approx(net, rel=0.015)
    assert trial.time_to_peak_s == pytest.approx(ref["ttpf"], abs=1 / RATE + 1e-9)
