"""Force metrics on synthetic curves with known answers, at sample rates from 80 Hz to 2 kHz."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from isohold.force.analysis import analyze, fatigue, time_in_band
from isohold.force.signal import Recording, make_recording


def ramp_hold(
    rate: float,
    *,
    slope: float = 2000.0,
    peak: float = 1000.0,
    start: float = 2.0,
    hold: float = 2.0,
    base: float = 0.0,
    noise: float = 0.0,
    total: float = 6.0,
    seed: int = 0,
) -> Recording:
    t = np.arange(0, total, 1 / rate)
    rise = peak / slope
    f = np.clip((t - start) * slope, 0, peak)
    f[t > start + rise + hold] = 0.0
    f = f + base + np.random.default_rng(seed).normal(0, noise, len(t)) * (noise > 0)
    return make_recording(t, f)


@pytest.mark.parametrize("rate", [80, 200, 1000, 2000])
def test_ramp_slope_and_plateau(rate: float) -> None:
    result = analyze(ramp_hold(rate))
    (trial,) = result.trials
    step = 1 / rate
    assert trial.onset_s == pytest.approx(2.0, abs=1.01 * step)
    assert trial.peak_force == pytest.approx(1000.0)
    assert trial.net_peak_force == pytest.approx(1000.0)
    assert trial.rfd_20_80 == pytest.approx(2000.0, rel=0.01)
    assert trial.rfd["0-100ms"] == pytest.approx(2000.0, rel=0.05)
    assert trial.rfd["0-200ms"] == pytest.approx(2000.0, rel=0.05)
    assert trial.peak_rfd == pytest.approx(2000.0, rel=0.05)
    # impulse 0-100 ms from onset of a 2000 N/s ramp: F(onset) * 0.1 + 2000 * 0.1^2 / 2
    f_onset = 2000 * (trial.onset_s - 2.0)
    assert trial.impulse["0-100ms"] == pytest.approx(f_onset * 0.1 + 10.0, rel=1e-6)
    assert trial.plateau_mean == pytest.approx(1000.0, rel=0.01)
    assert trial.plateau_cv_percent < 1.0
    assert trial.duration_s == pytest.approx(2.5, abs=2 * step + 0.01)


def test_units_and_baseline_offset() -> None:
    t = np.arange(0, 6, 0.001)
    kg = np.clip((t - 2) * 100, 0, 50) + 5.0  # 5 kg pre-load
    rec = make_recording(t, kg, "kg")
    (trial,) = analyze(rec).trials
    assert trial.baseline == pytest.approx(5 * 9.80665)
    assert trial.net_peak_force == pytest.approx(50 * 9.80665)
    lbf = make_recording(t, kg, "lbf")
    assert analyze(lbf).trials[0].peak_force == pytest.approx(55 * 4.4482216)


def test_noise_is_not_a_trial_and_onset_uses_k_sd() -> None:
    quiet = make_recording(np.arange(0, 5, 0.001), np.random.default_rng(1).normal(0, 2, 5000))
    assert analyze(quiet).trials == ()
    rec = ramp_hold(1000, noise=2.0)
    early = analyze(rec, onset_sd=3).trials[0].onset_s
    late = analyze(rec, onset_sd=10).trials[0].onset_s
    assert 2.0 <= early <= late <= 2.02


def test_repeaters_are_separate_trials_and_fatigue_is_measured() -> None:
    t = np.arange(0, 40, 0.01)
    peaks = [400, 380, 360, 340, 320]
    f = np.zeros_like(t)
    for k, p in enumerate(peaks):
        s = 2 + 7 * k
        m = (t >= s) & (t < s + 5)
        f[m] = np.minimum((t[m] - s) * 4000, p)
    result = analyze(make_recording(t, f))
    assert [round(tr.peak_force) for tr in result.trials] == peaks
    summary = fatigue(result.trials)
    assert summary is not None
    assert summary["peak_last_pct_of_first"] == pytest.approx(80.0)
    assert summary["peak_slope_n_per_rep"] == pytest.approx(-20.0)


def test_recording_that_starts_mid_contraction_keeps_its_first_rep() -> None:
    t = np.arange(0, 8, 0.001)
    f = np.where(t < 1.5, 500.0, 0.0)  # already pulling when recording began
    f[(t >= 4) & (t < 6)] = np.minimum((t[(t >= 4) & (t < 6)] - 4) * 3000, 600)
    first, second = analyze(make_recording(t, f)).trials
    assert first.onset_s is None and first.note and "starts during" in first.note
    assert first.peak_force == 500.0 and first.baseline == 0.0
    assert first.rfd["0-100ms"] is None and first.duration_s is None
    assert second.onset_s == pytest.approx(4.0, abs=0.002)


def test_force_plate_step_off_and_drifting_baseline() -> None:
    t = np.arange(0, 14, 0.001)
    drift = 800 + 5 * t  # baseline creeping up 5 N/s
    f = drift.copy()
    for s in (2.0, 7.0):
        m = (t >= s) & (t < s + 2)
        f[m] += np.minimum((t[m] - s) * 5000, 1200)
    f[t > 12] = 0.0  # steps off the plate
    trials = analyze(make_recording(t, f)).trials
    assert len(trials) == 2
    for trial, s in zip(trials, (2.0, 7.0), strict=True):
        # the quiet second just before the pull: drift keeps rising 5 N/s through the pull
        assert trial.baseline == pytest.approx(800 + 5 * (s - 0.5), abs=3)
        assert trial.net_peak_force == pytest.approx(1200 + 5 * 2.5, abs=3)


def test_irregular_timestamps_and_dropped_samples() -> None:
    rng = np.random.default_rng(3)
    t = np.cumsum(rng.uniform(0.008, 0.016, 700))
    keep = rng.random(len(t)) > 0.05  # 5% of samples dropped
    t = t[keep]
    f = np.clip((t - 3) * 1000, 0, 500)
    f[t > 6.5] = 0
    (trial,) = analyze(make_recording(t, f)).trials
    assert trial.rfd_20_80 == pytest.approx(1000, rel=0.02)
    assert trial.rfd["0-200ms"] == pytest.approx(1000, rel=0.1)


def test_filter_is_opt_in_and_smooths() -> None:
    rec = ramp_hold(1000, noise=20.0)
    raw = analyze(rec).trials[0]
    smooth = analyze(rec, filter_hz=50).trials[0]
    assert smooth.plateau_cv_percent < raw.plateau_cv_percent
    assert smooth.net_peak_force < raw.net_peak_force


def test_time_in_band() -> None:
    rec = ramp_hold(1000)
    # 950 N is reached 0.475 s into the 2000 N/s ramp; the hold then lasts until 4.5 s
    assert time_in_band(rec, 950, 1050, 0, 6) == pytest.approx(2.025, abs=0.002)


def test_time_in_band_does_not_count_a_dropout() -> None:
    t = np.concatenate([np.arange(0, 2, 0.01), np.arange(5, 6, 0.01)])  # 3 s of no samples
    rec = make_recording(t, np.full(len(t), 1000.0))
    # the intervals before (1.99 s) and after (0.99 s) the gap, and the gap as 3 periods at most
    assert time_in_band(rec, 950, 1050, 0, 6) == pytest.approx(1.99 + 0.03 + 0.99, abs=1e-6)


def test_low_rate_is_flagged() -> None:
    assert any("low-confidence" in w for w in analyze(ramp_hold(80)).warnings)
    assert not analyze(ramp_hold(1000)).warnings


@settings(max_examples=60, deadline=None)
@given(
    rate=st.sampled_from([80, 100, 250, 500, 1000]),
    slope=st.floats(500, 20000),
    peak=st.floats(50, 3000),
    base=st.floats(-50, 900),
    noise=st.floats(0, 3),
)
def test_invariants(rate: float, slope: float, peak: float, base: float, noise: float) -> None:
    rec = ramp_hold(rate, slope=slope, peak=peak, base=base, noise=noise, start=2.0, hold=1.5)
    result = analyze(rec)
    assert len(result.trials) == 1
    trial = result.trials[0]
    assert trial.peak_force == pytest.approx(trial.baseline + trial.net_peak_force)
    assert trial.net_peak_force > 0 and trial.time_to_peak_s >= 0
    if noise < 0.01 * peak and peak / slope * rate >= 8:  # a clean, well-sampled rise
        assert trial.rfd_20_80 == pytest.approx(slope, rel=0.1)
    assert 1.9 <= trial.onset_s <= 2.0 + peak / slope + 1 / rate
    assert trial.impulse["0-200ms"] >= trial.impulse["0-100ms"] - 1e-6
    assert trial.plateau_cv_percent >= 0
