"""When the next desk micro-break is due (pure; the clock and the calendar come in as values).

Rules:
- Breaks fall every `interval_min` of work time (reference row T5.11: 30 s every 20 min),
  only on work days within work hours, in the person's time zone.
- A break never falls in a quiet time or a busy (calendar) interval: it moves to the start of
  the next free gap, so a missed break is taken as soon as possible, not skipped.
- Time is counted in real elapsed minutes (UTC), so a daylight-saving change neither doubles
  nor drops a break; work hours are read on the local wall clock.
- After a gap (laptop asleep, idle, a long meeting), the break is due at once when the next
  scheduled time has already passed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

Interval = tuple[datetime, datetime]


@dataclass(frozen=True)
class BreakSchedule:
    tz: ZoneInfo
    interval_min: float = 20.0
    duration_s: float = 30.0
    work_days: frozenset[int] = frozenset({0, 1, 2, 3, 4})  # Monday = 0
    work_start: time = time(9, 0)
    work_end: time = time(17, 0)
    quiet: tuple[tuple[time, time], ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if not 1 <= self.interval_min <= 480:
            raise ValueError("interval_min must be from 1 to 480 minutes")
        if self.work_end <= self.work_start:
            raise ValueError("work_end must be after work_start")


def _local(day: date, at: time, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, at, tzinfo=tz)


def _work_window(day: date, s: BreakSchedule) -> Interval | None:
    if day.weekday() not in s.work_days:
        return None
    return _local(day, s.work_start, s.tz), _local(day, s.work_end, s.tz)


def _blocked(day: date, s: BreakSchedule, busy: list[Interval]) -> list[Interval]:
    quiet = [(_local(day, a, s.tz), _local(day, b, s.tz)) for a, b in s.quiet]
    return sorted([*quiet, *busy])


def next_break(
    now: datetime, last: datetime | None, s: BreakSchedule, busy: list[Interval]
) -> datetime | None:
    """The next break at or after `now` (within the next 14 days), or None."""
    if now.tzinfo is None:
        raise ValueError("now must carry a time zone")
    step = timedelta(minutes=s.interval_min)
    for offset in range(15):
        day = now.astimezone(s.tz).date() + timedelta(days=offset)
        window = _work_window(day, s)
        if window is None:
            continue
        # every comparison in UTC: two times in one zone compare by wall clock, which gets
        # the repeated hour wrong when the clocks go back
        start, end = (t.astimezone(UTC) for t in window)
        anchor = last if last is not None and start <= last < end else start
        due = anchor.astimezone(UTC) + step
        blocked = [(a.astimezone(UTC), b.astimezone(UTC)) for a, b in _blocked(day, s, busy)]
        free = _first_free(max(due, now.astimezone(UTC)), end, blocked)
        if free is not None:
            return free.astimezone(s.tz)
    return None


def _first_free(due: datetime, end: datetime, blocked: list[Interval]) -> datetime | None:
    """Push `due` past every blocked interval that contains it; None when the day runs out."""
    moved = True
    while moved:
        moved = False
        for a, b in blocked:
            if a <= due < b:
                due, moved = b, True
    return due if due < end else None
