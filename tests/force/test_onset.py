"""Onset against the first true crossing, over random noise and rise rates (issue 11: the
baseline window must end before the rise, so the onset is not late)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from isohold.force.analysis import analyze
from isohold.force.signal import make_recording


def pull(rate: float, start: float, slope: float, noise: float, base: float, seed: int):  # type: ignore[no-untyped-def]
    """Rest at `base` with Gaussian noise, from `start` a linear rise at `slope` N/s to 800 N
    above base, held for 2 s, then rest again."""
    t = np.arange(0, start + 4.0, 1 / rate)
    clean = np.clip((t - start) * slope, 0, 800)
    clean[t > start + 800 / slope + 2] = 0
    rng = np.random.default_rng(seed)
    return t, clean, make_recording(t, base + clean + rng.normal(0, noise, len(t)))


@settings(max_examples=60, deadline=None)
@given(
    rate=st.sampled_from([80, 1000, 2000]),
    noise=st.floats(0.2, 5.0),
    per_sample=st.floats(2.0, 50.0),  # the rise per sample, in noise SDs
    start=st.floats(1.5, 2.5),
    base=st.floats(-20, 900),
    seed=st.integers(0, 2**16),
)
def test_onset_within_two_samples_of_the_first_true_crossing(
    rate: float, noise: float, per_sample: float, start: float, base: float, seed: int
) -> None:
    slope = per_sample * noise * rate
    _, clean, rec = pull(rate, start, slope, noise, base, seed)
    (trial,) = analyze(rec).trials
    # the first sample whose noise-free force is above baseline + 3 SD of the noise
    truth = int(np.argmax(clean > 3 * noise))
    assert trial.onset_s is not None
    onset = round(trial.onset_s * rate)
    assert abs(onset - truth) <= 2, (onset, truth)
    assert trial.baseline == pytest.approx(base, abs=noise)


@pytest.mark.parametrize("rate", [1000, 2000])
def test_the_issue_example_rise_to_800_n_in_150_ms(rate: float) -> None:
    """Noise SD 2 N, a linear rise to 800 N in 150 ms: the first sample above baseline + 3 SD
    comes 6 N / (800 N / 0.15 s) = 1.1 ms after the start, one sample at 1 kHz, three at 2 kHz
    (the onset used to come 11 and 22 samples after the start)."""
    slope = 800 / 0.15
    t, clean, rec = pull(rate, 2.0, slope, 2.0, 0.0, seed=7)
    (trial,) = analyze(rec).trials
    assert trial.onset_s is not None
    truth = float(t[np.argmax(clean > 6.0)])
    assert abs(trial.onset_s - truth) <= 2 / rate
    # a linear rise: RFD 0-50 ms is the slope (noise 2 N over 50 ms moves it about 1%)
    assert trial.rfd["0-50ms"] == pytest.approx(slope, rel=0.03)
    assert trial.baseline_end_s is not None and trial.baseline_end_s < 2.0
