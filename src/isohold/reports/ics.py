"""The desk-break schedule as an iCalendar file, so a calendar app can show the breaks.

One event a break time of the work day, repeating weekly on the work days (RRULE), each as
long as a break; quiet times are left out. Meetings are not consulted here: the live
scheduler moves breaks around them (domain/breaks.py)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from isohold.domain.breaks import BreakSchedule

_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def break_times(s: BreakSchedule) -> list[datetime]:
    """The wall-clock break times of one work day (on a fixed reference date)."""
    day = date(2026, 1, 5)  # any day: only the clock times are used
    start = datetime.combine(day, s.work_start)
    end = datetime.combine(day, s.work_end)
    step = timedelta(minutes=s.interval_min)
    out = []
    t = start + step
    while t < end:
        if not any(a <= t.time() < b for a, b in s.quiet):
            out.append(t)
        t += step
    return out


def export_ics(s: BreakSchedule, first_day: date) -> bytes:
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", "-//isohold//desk breaks//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "isohold desk breaks")
    days = [_DAYS[d] for d in sorted(s.work_days)]
    while first_day.weekday() not in s.work_days:
        first_day += timedelta(days=1)
    for t in break_times(s):
        begin = datetime.combine(first_day, t.time(), tzinfo=s.tz)
        event = icalendar.Event()
        event.add("uid", f"isohold-break-{t:%H%M}@isohold")
        event.add("dtstamp", datetime(2026, 1, 1, tzinfo=s.tz))
        event.add("dtstart", begin)
        event.add("dtend", begin + timedelta(seconds=max(s.duration_s, 60)))
        event.add("summary", f"Isometric micro-break ({s.duration_s:g}-second hold)")
        event.add("description", "A short hold from your isohold plan: breathe normally, "
                                 "keep it easy, and skip it if anything hurts.")  # fmt: skip
        event.add("transp", "TRANSPARENT")
        event.add("rrule", {"freq": "weekly", "byday": days})
        cal.add_component(event)
    cal.add_missing_timezones()  # the VTIMEZONE each TZID needs (RFC 5545)
    return bytes(cal.to_ical())
