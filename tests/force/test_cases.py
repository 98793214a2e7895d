"""Recordings made here that reproduce what real ones do (issue 11), with the expected values
worked out by hand from how each recording is built."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from isohold.force.analysis import analyze, fatigue
from isohold.force.signal import G, Recording, make_recording


def trapezoid_hold(seed: int = 0) -> Recording:
    """A 20% MVC hold of a 1000 N MVC at 2048 Hz: 3 s rest (noise SD 3 N), a 2-s ramp to
    200 N, 20 s steady (noise SD 0.5 N and a 1 N, 1 Hz wobble: quieter than the rest before
    it), a 2-s ramp down and 3 s rest."""
    rate = 2048
    t = np.arange(0, 30, 1 / rate)
    rng = np.random.default_rng(seed)
    ramp_up = np.clip((t - 3) * 100, 0, 200)
    ramp_down = np.clip((25 - t) * 100, 0, 200)
    f = np.minimum(ramp_up, ramp_down)
    steady = (t >= 5) & (t < 23)
    noise = np.where(steady, rng.normal(0, 0.5, len(t)), rng.normal(0, 3, len(t)))
    return make_recording(t, f + noise + np.where(steady, np.sin(2 * np.pi * t), 0.0))


def test_a_trapezoid_hold_is_one_contraction() -> None:
    (trial,) = analyze(trapezoid_hold()).trials
    # baseline: rest, mean 0 and SD 3 -> onset threshold 9 N, which the ramp reaches 9 / 100 =
    # 0.09 s after it starts at 3 s; the onset is the sample after the last one at or below
    # the threshold, and noise of SD 3 N reaches down to it until the ramp is about 3 SD
    # higher, 0.09 s later: so between 3.09 s and 3.18 s (less a sample or two)
    assert trial.baseline == pytest.approx(0.0, abs=0.5)
    assert trial.baseline_start_s is not None and trial.baseline_end_s is not None
    assert trial.baseline_end_s <= 3.0 and trial.baseline_end_s - trial.baseline_start_s > 0.99
    assert 3.08 <= trial.onset_s <= 3.2
    # plateau: 200 N with a 1 N wobble and 0.5 N noise
    assert trial.plateau_mean == pytest.approx(200.0, abs=0.5)
    assert trial.plateau_cv_percent < 0.6
    # the end: back at 5% of the net peak (about 10 N) on the ramp down, 1.9 s after 23 s
    assert trial.onset_s + trial.duration_s == pytest.approx(24.9, abs=0.1)


def plate_pull(rate: float = 1000.0, seed: int = 1) -> Recording:
    """A mid-thigh pull on a force plate. 0-2 s: standing partly off the plate (700 N, SD
    0.3 N: the quietest second of the file); 2-3 s: shifting weight (swaying +-60 N); 3-4.5 s:
    still on the plate at 800 N (SD 2 N); from 4.5 s a pull rising 10,000 N/s to 2300 N, held
    to 7 s, then back to 800 N by 7.2 s and still for 2 s."""
    t = np.arange(0, 9.2, 1 / rate)
    rng = np.random.default_rng(seed)
    f = np.where(t < 2, 700 + rng.normal(0, 0.3, len(t)), 800 + rng.normal(0, 2, len(t)))
    shift = (t >= 2) & (t < 3)
    f[shift] = 750 + 60 * np.sin(2 * np.pi * 3 * t[shift]) + rng.normal(0, 2, shift.sum())
    pull = np.clip((t - 4.5) * 10_000, 0, 1500)
    release = np.clip((7.2 - t) / 0.2, 0, 1)
    f = f + np.where(t < 7, pull, 1500 * release * (t < 7.2))
    return make_recording(t, f)


def test_the_weighing_window_is_the_still_stance_just_before_the_pull() -> None:
    result = analyze(plate_pull())
    (trial,) = result.trials
    assert trial.baseline_start_s is not None and trial.baseline_end_s is not None
    assert trial.baseline_start_s >= 3.0 and trial.baseline_end_s <= 4.5
    assert trial.baseline == pytest.approx(800.0, abs=0.5)  # not 700, the partial stance
    # onset: 800 + 3 x 2 N is crossed 6 / 10,000 s = 0.6 ms into the rise
    assert trial.onset_s == pytest.approx(4.5006, abs=0.002)
    # a linear rise: RFD over every window is its slope (noise 2 N over 0.1 s: +-60 N/s)
    assert trial.rfd["0-100ms"] == pytest.approx(10_000, abs=100)
    assert trial.net_peak_force == pytest.approx(1500, abs=10)
    assert result.body_weight is not None
    assert result.body_weight.newtons == pytest.approx(800.0, abs=0.5)
    assert result.body_weight.kilograms == pytest.approx(800 / G, abs=0.1)


def repeaters(start_s: float, peaks_kg: list[float], dip: bool = False) -> Recording:
    """Tindeq-style repeaters at ~82 Hz (11.416 ms steps, a 22.8 ms step after every 15):
    2 s of rest, then reps of 7 s on (0.25-s ramps) and 3 s off, in kg, noise SD 0.03 kg;
    the recording starts `start_s` into that."""
    steps = np.tile(np.r_[np.full(15, 0.011416), 0.0228], 200)
    t = np.concatenate(([0.0], np.cumsum(steps)))
    t = t[t < 2 + 10 * len(peaks_kg)]
    rng = np.random.default_rng(4)
    f = rng.normal(0, 0.03, len(t))
    for k, peak in enumerate(peaks_kg):
        s = 2 + 10 * k
        on = (t >= s) & (t < s + 7)
        up = np.clip((t[on] - s) / 0.25, 0, 1)
        down = np.clip((s + 7 - t[on]) / 0.25, 0, 1)
        f[on] += peak * np.minimum(up, down)
    if dip:  # a short slip in the first rep that stays well above rest: 40% down for 0.4 s
        slip = (t >= 5.0) & (t < 5.4)
        f[slip] *= 0.6
    keep = t >= start_s
    return make_recording(t[keep], f[keep], "kg")


def test_a_recording_that_starts_mid_rep_keeps_the_first_rep() -> None:
    result = analyze(repeaters(4.0, [30, 29, 28, 27]))
    trials = result.trials
    assert len(trials) == 4
    first = trials[0]
    assert first.onset_s is None and first.note is not None
    assert first.rfd["0-100ms"] is None and first.impulse["0-200ms"] is None
    assert first.peak_force == pytest.approx(30 * G, abs=0.2 * G)
    assert all(t.onset_s is not None for t in trials[1:])
    # the later reps rise at 12, 22 and 32 s: 8, 18 and 28 s into the recording
    for trial, rise in zip(trials[1:], (8, 18, 28), strict=True):
        assert trial.onset_s == pytest.approx(rise, abs=0.03)
    assert [round(t.peak_force / G) for t in trials] == [30, 29, 28, 27]
    assert any("contraction 1 has no onset" in w for w in result.warnings)
    summary = fatigue(trials)
    assert summary is not None
    assert summary["peak_last_pct_of_first"] == pytest.approx(90.0, abs=0.5)
    assert summary["peak_slope_n_per_rep"] == pytest.approx(-G, abs=0.1)


def test_a_dip_within_a_rep_is_not_a_new_contraction() -> None:
    trials = analyze(repeaters(0.0, [30, 30], dip=True)).trials
    assert len(trials) == 2
    assert trials[0].onset_s == pytest.approx(2.0, abs=0.03)
    assert trials[1].onset_s == pytest.approx(12.0, abs=0.03)
    assert trials[0].peak_force == pytest.approx(30 * G, abs=0.2 * G)


def test_contractions_never_overlap() -> None:
    for rec in (trapezoid_hold(), plate_pull(), repeaters(4.0, [30, 29, 28, 27])):
        trials = analyze(rec).trials
        spans = [(t.onset_s or 0.0, (t.onset_s or 0.0) + (t.duration_s or 0.0)) for t in trials]
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert end <= start


def test_an_mvc_then_a_20_percent_hold_in_one_file() -> None:
    """2 kHz, noise SD 1.5 N: an MVC to 1000 N at 2 s (6000 N/s), then from 12 s a 2-s ramp to
    200 N held to 34 s. The hold's slow ramp is far below the MVC, yet its baseline is the rest
    before it, and its window ends before the ramp."""
    rate = 2048
    t = np.arange(0, 40, 1 / rate)
    f = np.random.default_rng(5).normal(0, 1.5, len(t))
    mvc = (t >= 2) & (t < 5)
    f[mvc] += np.minimum((t[mvc] - 2) * 6000, 1000)
    hold = (t >= 12) & (t < 36)
    f[hold] += np.minimum(np.minimum((t[hold] - 12) * 100, 200), (36 - t[hold]) * 100)
    first, second = analyze(make_recording(t, f)).trials
    assert first.onset_s == pytest.approx(2.0, abs=2 / rate)
    assert second.baseline == pytest.approx(0.0, abs=0.5)
    assert second.baseline_end_s is not None and second.baseline_end_s <= 12.0
    # 3 x 1.5 N = 4.5 N is reached 0.045 s into the 100 N/s ramp; noise (SD 1.5 N) reaches
    # down to it until about 3 SD more of ramp, 0.045 s later
    assert second.onset_s is not None and 12.03 <= second.onset_s <= 12.1
    assert second.plateau_mean == pytest.approx(200.0, abs=0.5)


def test_samples_without_a_number_are_left_out_and_said() -> None:
    t = np.arange(0, 4, 0.01)
    f = np.where((t > 1) & (t < 3), 300.0, 5.0)
    f[[50, 150, 151]] = np.nan  # empty or nan cells in the file
    rec = make_recording(t, f)
    assert rec.dropped == 3 and len(rec.t) == len(t) - 3
    result = analyze(rec)
    assert "3 sample(s) without a number (an empty or nan cell) were left out" in result.warnings
    assert len(result.trials) == 1
    assert not any("left out" in w for w in analyze(make_recording(t, np.nan_to_num(f))).warnings)
