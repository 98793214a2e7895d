"""The desk-break scheduler over simulated work weeks with a fake clock and a real .ics file."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from isohold.domain.breaks import BreakSchedule, next_break
from isohold.services.calendar import BusyCalendar

LONDON = ZoneInfo("Europe/London")

ICS = (Path(__file__).parents[1] / "data" / "work-calendar.ics").read_text()


def week(
    s: BreakSchedule, start: datetime, end: datetime, busy: list[tuple[datetime, datetime]]
) -> list[datetime]:
    out: list[datetime] = []
    now, last = start, None
    while True:
        due = next_break(now, last, s, busy)
        if due is None or due >= end:
            return out
        out.append(due)
        now, last = due + timedelta(seconds=s.duration_s), due


def test_a_plain_day_has_a_break_every_20_minutes() -> None:
    s = BreakSchedule(tz=LONDON)
    start = datetime(2026, 10, 19, 8, 0, tzinfo=LONDON)
    breaks = week(s, start, start + timedelta(hours=12), [])
    assert breaks[0].time() == time(9, 20) and breaks[-1].time() == time(16, 40)
    assert len(breaks) == 23


def test_two_weeks_with_meetings_quiet_time_and_a_clock_change(tmp_path: Path) -> None:
    ics = tmp_path / "work.ics"
    ics.write_text(ICS)
    start = datetime(2026, 10, 19, 0, 0, tzinfo=LONDON)
    end = datetime(2026, 10, 31, 0, 0, tzinfo=LONDON)
    busy = BusyCalendar(ics).busy(start, end, LONDON)
    s = BreakSchedule(tz=LONDON, quiet=((time(12, 30), time(13, 30)),))
    breaks = week(s, start, end, busy)
    for due in breaks:
        local = due.astimezone(LONDON)
        assert local.weekday() < 5 and time(9, 0) < local.time() < time(17, 0)
        assert not time(12, 30) <= local.time() < time(13, 30)
        assert not any(a <= due < b for a, b in busy)
    tuesdays = [b.astimezone(LONDON) for b in breaks if b.astimezone(LONDON).weekday() == 1]
    assert datetime(2026, 10, 20, 11, 0, tzinfo=LONDON) in tuesdays  # right after the meeting
    assert datetime(2026, 10, 27, 11, 0, tzinfo=LONDON) in tuesdays  # recurring, after the change
    # New York 09:00-10:00 on 22 October is 14:00-15:00 in London
    thursday = [b.astimezone(LONDON).time() for b in breaks if b.date().isoformat() == "2026-10-22"]
    assert not any(time(14, 0) <= t < time(15, 0) for t in thursday)
    # the free (transparent) focus time does not block breaks on 21 October
    wednesday = [
        b.astimezone(LONDON).time() for b in breaks if b.date().isoformat() == "2026-10-21"
    ]
    assert any(time(14, 0) <= t < time(16, 0) for t in wednesday)  # 13:00-15:00 UTC
    # clocks went back on 25 October: Monday still starts at 09:20 local time
    mondays = [b.astimezone(LONDON) for b in breaks if b.astimezone(LONDON).weekday() == 0]
    assert {m.time() for m in mondays if m.hour == 9} == {time(9, 20), time(9, 40)}


def test_a_laptop_asleep_for_an_hour_takes_the_break_at_once() -> None:
    s = BreakSchedule(tz=LONDON)
    last = datetime(2026, 10, 19, 10, 0, tzinfo=LONDON)
    woke = last + timedelta(hours=1, minutes=3)
    assert next_break(woke, last, s, []) == woke


def test_weekend_and_evening_move_to_the_next_work_day() -> None:
    s = BreakSchedule(tz=LONDON)
    friday_evening = datetime(2026, 10, 23, 18, 0, tzinfo=LONDON)
    assert next_break(friday_evening, None, s, []) == datetime(2026, 10, 26, 9, 20, tzinfo=LONDON)


def test_bad_settings() -> None:
    with pytest.raises(ValueError, match="interval_min"):
        BreakSchedule(tz=LONDON, interval_min=0)
    with pytest.raises(ValueError, match="work_end"):
        BreakSchedule(tz=LONDON, work_start=time(17), work_end=time(9))
    with pytest.raises(ValueError, match="time zone"):
        next_break(datetime(2026, 10, 19, 9), None, BreakSchedule(tz=LONDON), [])


def test_calendar_is_reread_when_the_file_changes_and_bad_files_are_named(
    tmp_path: Path,
) -> None:
    import os

    from isohold.domain.errors import InputError

    ics = tmp_path / "cal.ics"
    ics.write_text(ICS)
    calendar = BusyCalendar(ics)
    a = datetime(2026, 10, 20, 0, 0, tzinfo=LONDON)
    assert len(calendar.busy(a, a + timedelta(days=1), LONDON)) == 1
    ics.write_text(ICS.replace("RRULE:FREQ=WEEKLY;BYDAY=TU\n", ""))
    os.utime(ics, (1_900_000_000, 1_900_000_000))
    assert calendar.busy(a, a + timedelta(days=1), LONDON) == []
    ics.write_text("not a calendar")
    os.utime(ics, (1_900_000_100, 1_900_000_100))
    with pytest.raises(InputError, match=r"not a valid \.ics"):
        calendar.busy(a, a + timedelta(days=1), LONDON)
    ics.write_text(ICS.replace("FREQ=WEEKLY", "FREQ=BOGUS"))
    os.utime(ics, (1_900_000_200, 1_900_000_200))
    with pytest.raises(InputError, match="broken date or repeat rule"):
        calendar.busy(a, a + timedelta(days=1), LONDON)
    ics.write_text(ICS.replace("DTSTART:20261021T130000Z", "DTSTART:garbage"))
    os.utime(ics, (1_900_000_300, 1_900_000_300))
    with pytest.raises(InputError, match="calendar"):
        calendar.busy(a, a + timedelta(days=1), LONDON)
    for odd in (tmp_path, tmp_path / "notes.txt"):
        (tmp_path / "notes.txt").write_text(ICS)
        with pytest.raises(InputError, match=r"not an \.ics file"):
            BusyCalendar(odd).busy(a, a + timedelta(days=1), LONDON)


def test_floating_meeting_times_are_the_persons_own(tmp_path: Path) -> None:
    ics = tmp_path / "floating.ics"
    ics.write_text(ICS.replace("DTSTART;TZID=Europe/London:20261006T100000",
                               "DTSTART:20261006T100000")
                      .replace("DTEND;TZID=Europe/London:20261006T110000",
                               "DTEND:20261006T110000"))  # fmt: skip
    york = ZoneInfo("America/New_York")
    a = datetime(2026, 10, 20, 0, 0, tzinfo=york)
    (begin, end), *_ = BusyCalendar(ics).busy(a, a + timedelta(days=1), york)
    assert (begin, end) == (datetime(2026, 10, 20, 10, tzinfo=york),
                            datetime(2026, 10, 20, 11, tzinfo=york))  # fmt: skip


def test_exported_schedule_parses_back_with_recurrence(tmp_path: Path) -> None:
    from datetime import date

    import icalendar
    import recurring_ical_events

    from isohold.reports.ics import break_times, export_ics

    s = BreakSchedule(tz=LONDON, quiet=((time(12, 30), time(13, 30)),))
    data = export_ics(s, date(2026, 10, 19))
    cal = icalendar.Calendar.from_ical(data)
    assert len(break_times(s)) == 23 - 3  # 12:40, 13:00 and 13:20 fall in the quiet hour
    start = datetime(2026, 10, 19, tzinfo=LONDON)
    events = recurring_ical_events.of(cal).between(start, start + timedelta(days=7))
    assert len(events) == 5 * 20
    days = {e.get("DTSTART").dt.weekday() for e in events}
    assert days == {0, 1, 2, 3, 4}
    assert all(str(e.get("TRANSP")) == "TRANSPARENT" for e in events)
    zones = [str(z.get("TZID")) for z in cal.walk("VTIMEZONE")]
    assert zones == ["Europe/London"]


def test_the_repeated_hour_when_clocks_go_back() -> None:
    from datetime import UTC

    night = BreakSchedule(tz=LONDON, work_days=frozenset(range(7)), work_start=time(1),
                          work_end=time(3), interval_min=20)  # fmt: skip
    now = datetime(2026, 10, 25, 0, 50, tzinfo=UTC)  # 01:50 BST, before the clocks go back
    last = datetime(2026, 10, 25, 0, 40, tzinfo=UTC)
    due = next_break(now, last, night, [])
    assert due is not None and due.astimezone(UTC) == datetime(2026, 10, 25, 1, 0, tzinfo=UTC)
