"""Home blood-pressure weeks: the first day left out, the averages, the change since the start,
its measurement error and the responder view (BP3-BP5, DR19, DR20)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from isohold.domain.home_bp import (
    CHANGE_ERROR_SYSTOLIC,
    HomeReading,
    change_since_start,
    gate_high,
    guide,
    home_weeks,
    latest_complete,
    responder,
)


def week_of(start: date, systolic: int, diastolic: int, days: int = 7,
            first_day: tuple[int, int] | None = (170, 100)) -> list[HomeReading]:  # fmt: skip
    """Two readings each morning (07:00, 07:02) and evening (19:00, 19:02); the first day's are
    `first_day` (higher, as first days are) so leaving it out shows."""
    out = []
    for d in range(days):
        day = start + timedelta(days=d)
        s, di = first_day if d == 0 and first_day else (systolic, diastolic)
        for hour, minute in ((7, 0), (7, 2), (19, 0), (19, 2)):
            out.append(HomeReading(datetime(day.year, day.month, day.day, hour, minute), s, di))
    return out


def test_a_week_leaves_its_first_day_out_and_averages_the_rest() -> None:
    (week,) = home_weeks(week_of(date(2026, 3, 2), 138, 86))
    assert (week.start, week.end) == (date(2026, 3, 2), date(2026, 3, 8))
    assert week.first_day_left_out == 4
    assert len(week.used) == 24 and week.days_used == 6
    assert (week.systolic, week.diastolic) == (138, 86)
    assert week.complete
    assert week.day(2) == (2, 2)


def test_uneven_readings_average_exactly() -> None:
    readings = week_of(date(2026, 3, 2), 130, 80, first_day=None)
    readings[4] = HomeReading(readings[4].at, 141, 91)  # day 2, first morning reading
    (week,) = home_weeks(readings)
    assert week.systolic == pytest.approx(round((130 * 23 + 141) / 24, 1))
    assert week.diastolic == pytest.approx(round((80 * 23 + 91) / 24, 1))


def test_standing_readings_are_kept_but_not_averaged() -> None:
    readings = week_of(date(2026, 3, 2), 130, 80)
    readings.append(HomeReading(datetime(2026, 3, 4, 12, 0), 180, 100, position="standing"))
    (week,) = home_weeks(readings)
    assert len(week.readings) == 29 and len(week.used) == 24
    assert week.systolic == 130


def test_too_few_readings_are_not_complete() -> None:
    (week,) = home_weeks(week_of(date(2026, 3, 2), 130, 80, days=3))  # days 2-3: 8 readings
    assert not week.complete and week.systolic == 130
    (week,) = home_weeks(week_of(date(2026, 3, 2), 130, 80, days=4))  # 12 readings on 3 days
    assert week.complete


def test_weeks_start_where_readings_resume() -> None:
    readings = week_of(date(2026, 3, 2), 150, 92) + week_of(date(2026, 5, 4), 139, 85)
    weeks = home_weeks(readings)
    assert [w.start for w in weeks] == [date(2026, 3, 2), date(2026, 5, 4)]
    assert latest_complete(weeks) is weeks[-1]
    # daily readings without a gap make back-to-back weeks
    steady = home_weeks(week_of(date(2026, 3, 2), 130, 80, days=14))
    assert [w.start for w in steady] == [date(2026, 3, 2), date(2026, 3, 9)]


def test_home_gate_at_145_90() -> None:
    (high,) = home_weeks(week_of(date(2026, 3, 2), 145, 80))
    (dia,) = home_weeks(week_of(date(2026, 3, 2), 130, 90))
    (ok,) = home_weeks(week_of(date(2026, 3, 2), 144, 89))
    assert gate_high(high) and gate_high(dia) and not gate_high(ok)
    assert not gate_high(None)


def test_change_since_start_and_its_measurement_error() -> None:
    assert CHANGE_ERROR_SYSTOLIC == 15  # 1.96 x 7.7
    small = change_since_start(home_weeks(week_of(date(2026, 3, 2), 142, 88)
                                          + week_of(date(2026, 5, 4), 134, 84)))  # fmt: skip
    assert small is not None
    assert (small.systolic, small.diastolic) == (-8, -4)
    assert not small.beyond_error and "may not be a real change" in small.text()
    big = change_since_start(home_weeks(week_of(date(2026, 3, 2), 150, 90)
                                        + week_of(date(2026, 5, 4), 134, 84)))  # fmt: skip
    assert big is not None and big.beyond_error
    assert change_since_start(home_weeks(week_of(date(2026, 3, 2), 142, 88))) is None


@pytest.mark.parametrize(
    "later, verdict",
    [(131, "meaningful"), (135, "in_line"), (139, "smaller"), (142, "no_fall"), (147, "no_fall")],
)
def test_responder_after_eight_weeks(later: int, verdict: str) -> None:
    weeks = home_weeks(week_of(date(2026, 3, 2), 142, 88) + week_of(date(2026, 4, 27), later, 84))
    view = responder(weeks)
    assert view.ready and view.verdict == verdict
    assert "5-9 mmHg" in view.text or verdict == "no_fall"
    assert "15 mmHg" in view.text
    assert any("doctor" in c for c in view.caveats)
    if later >= 145:
        assert "see your doctor soon" in view.text


def test_responder_waits_for_eight_weeks() -> None:
    assert responder(()).verdict == "not_yet"
    weeks = home_weeks(week_of(date(2026, 3, 2), 142, 88) + week_of(date(2026, 4, 20), 130, 80))
    view = responder(weeks)
    assert not view.ready and "27 April 2026" in view.text


def test_guide_says_what_to_do_now() -> None:
    assert "starts a home week" in guide((), datetime(2026, 3, 2, 7))
    weeks = home_weeks(week_of(date(2026, 3, 2), 130, 80, days=2)[:6])  # day 2 morning done
    text = guide(weeks, datetime(2026, 3, 3, 9))
    assert text.startswith("Day 2 of 7") and "morning's readings are done" in text
    text = guide(weeks, datetime(2026, 3, 3, 19))
    assert "take 2 readings this evening" in text
    first = guide(home_weeks(week_of(date(2026, 3, 2), 130, 80, days=1)[:1]),
                  datetime(2026, 3, 2, 7, 5))  # fmt: skip
    assert "left out of the average" in first and "take 1 reading this morning" in first
