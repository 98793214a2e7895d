"""The incremental wall-squat test: stage clock, stop rules, peak and the angle chosen from
recorded heart rates (T2.10, BP1, DR16-DR18)."""

from __future__ import annotations

from datetime import date

import pytest

from isohold.domain.wall_squat_test import (
    STAGE_ANGLES,
    Stage,
    age_predicted_max,
    bp_stops,
    choice_from_dict,
    choose_angle,
    choose_angle_by_effort,
    hr_band,
    pain_stops,
    peak_from_beats,
    peak_hr_of,
    retest_window,
    stage_at,
    stages_from_beats,
    stop_words,
)


def test_stages_run_from_135_down_to_95_in_two_minute_steps() -> None:
    assert STAGE_ANGLES == (135, 125, 115, 105, 95)
    assert stage_at(0) is not None and stage_at(0).angle_deg == 135  # type: ignore[union-attr]
    clock = stage_at(130)
    assert clock is not None and (clock.index, clock.angle_deg) == (1, 125)
    assert clock.remaining_s == pytest.approx(110)
    assert stage_at(599.9).angle_deg == 95  # type: ignore[union-attr]
    assert stage_at(600) is None and stage_at(-1) is None


def test_stop_rules() -> None:
    assert bp_stops(251, 100) and bp_stops(200, 116)
    assert not bp_stops(250, 115)  # above, not at (T8.12)
    assert pain_stops(6, 5) and not pain_stops(5, 5)
    for stop in ("symptom", "blood_pressure", "pain"):
        words = stop_words(stop, "chest_pain")
        assert "clinician" in words
    assert "ambulance" in stop_words("symptom", "chest_pain")
    assert "chest pain" in stop_words("symptom", "chest_pain")


def _beats(
    rates: list[float], ended: float, contact: bool | None = True
) -> list[tuple[float, float, bool | None]]:
    """One beat a second; `rates` is each stage's heart rate."""
    return [(float(t), rates[int(t // 120)], contact) for t in range(int(ended))]


def test_stage_means_and_peak_from_a_strap() -> None:
    beats = _beats([80, 90, 100, 110, 120], 600)
    stages = stages_from_beats(beats, 600)
    assert [s.hr for s in stages] == [80, 90, 100, 110, 120]
    assert all(s.full for s in stages)
    assert peak_from_beats(beats, 600) == 120


def test_beats_without_skin_contact_are_left_out() -> None:
    beats = [*_beats([80, 90], 240), (10.5, 200.0, False), (20.5, 10.0, False)]
    stages = stages_from_beats(sorted(beats), 240)
    assert stages[0].hr == 80


def test_a_partial_last_stage_counts_for_the_peak_not_the_line() -> None:
    # fatigue 60 s into the 105-degree stage
    beats = _beats([80, 88, 96, 112], 420)
    stages = stages_from_beats(beats, 420)
    assert [s.full for s in stages] == [True, True, True, False]
    assert stages[-1].held_s == 60
    peak = peak_from_beats(beats, 420)
    assert peak == 112
    choice = choose_angle(stages, peak)
    # line through 135:80, 125:88, 115:96 (slope -0.8); target 106.4 is below 115: clamped
    assert choice.angle_deg == 115 and choice.deepest_deg == 115
    assert "never sets one deeper" in choice.reason


def test_angle_read_off_the_line() -> None:
    stages = [
        Stage(a, 120, hr) for a, hr in zip(STAGE_ANGLES, [80, 90, 100, 110, 120], strict=True)
    ]
    choice = choose_angle(stages, peak_hr=130.0)
    # HR = -1 x angle + 215; target 123.5 -> 91.5 is deeper than 95: the deepest stage
    assert choice.angle_deg == 95
    choice = choose_angle(stages, peak_hr=120.0)
    # target 114 -> angle 101
    assert choice.target == pytest.approx(114)
    assert choice.angle_deg == 101
    assert choice.slope == pytest.approx(-1) and choice.intercept == pytest.approx(215)
    assert "straight line" in choice.reason


def test_angle_from_noisy_rates_is_the_least_squares_line() -> None:
    rates = [78, 92, 97, 113, 118]
    stages = [Stage(a, 120, hr) for a, hr in zip(STAGE_ANGLES, rates, strict=True)]
    choice = choose_angle(stages, peak_hr=124)
    # by hand: mean angle 115, mean rate 99.6, sum of products -1010 over 1000: slope -1.01,
    # intercept 215.75; target 117.8 -> 96.98 -> 97 (whole degrees)
    assert choice.slope == pytest.approx(-1.01)
    assert choice.intercept == pytest.approx(215.75)
    assert choice.angle_deg == 97


def test_no_angle_without_two_full_stages_or_a_rising_heart_rate() -> None:
    one = choose_angle([Stage(135, 120, 80), Stage(125, 40, 85)], 86)
    assert one.angle_deg is None and "two stages" in one.reason
    flat = choose_angle([Stage(135, 120, 80), Stage(125, 120, 80)], 80)
    assert flat.angle_deg is None and "did not rise" in flat.reason
    nothing = choose_angle([Stage(135, 120)], None)
    assert nothing.angle_deg is None and "No heart rate" in nothing.reason


def test_target_above_the_first_stage_gives_135() -> None:
    stages = [Stage(135, 120, 100), Stage(125, 120, 104)]
    choice = choose_angle(stages, peak_hr=100)  # target 95 is below the 135-degree rate
    assert choice.angle_deg == 135


def test_typed_rates_use_the_highest_as_peak() -> None:
    stages = [Stage(a, 120, hr) for a, hr in zip(STAGE_ANGLES[:4], [82, 90, 99, 108], strict=True)]
    assert peak_hr_of(stages, None) == 108
    assert peak_hr_of(stages, 111.0) == 111.0
    choice = choose_angle(stages, peak_hr_of(stages, None))
    # slope -0.87, intercept 199.4; target 102.6 -> 111.3 -> 111
    assert choice.slope == pytest.approx(-0.87)
    assert choice.angle_deg == 111


def test_effort_line_for_beta_blockers() -> None:
    stages = [Stage(a, 120, effort=e) for a, e in zip(STAGE_ANGLES, [2, 3, 5, 7, 9], strict=True)]
    choice = choose_angle_by_effort(stages)
    assert choice.mode == "effort" and choice.target == 6
    # effort = -0.18 x angle + 25.9 (least squares): 6 -> 110.6 -> 111
    assert choice.angle_deg == 111
    assert choice.angle_for(4) == 122  # an eased effort sits higher on the wall


def test_choice_round_trips_through_its_dict() -> None:
    stages = [
        Stage(a, 120, hr) for a, hr in zip(STAGE_ANGLES, [80, 90, 100, 110, 120], strict=True)
    ]
    choice = choose_angle(stages, peak_hr=120.0)
    back = choice_from_dict(choice.to_dict())
    assert back.angle_deg == choice.angle_deg
    assert back.angle_for(120 * 0.9) == choice.angle_for(120 * 0.9) == 107


def test_age_max_band_and_retest() -> None:
    assert age_predicted_max(58) == pytest.approx(167.4)
    assert hr_band(120, 95) == (108, 114, 120)
    assert hr_band(120, 85) == (96, 102, 108)
    assert retest_window(date(2026, 3, 2)) == (date(2026, 3, 16), date(2026, 3, 30))
