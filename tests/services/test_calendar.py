"""Reading .ics files is bounded: hostile repeat rules are named errors in well under a second
or two, not gigabytes; real repeats (moved, cancelled and extra instances included) are read
right; a saved calendar that breaks later never blocks other settings."""

from __future__ import annotations

import re
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from isohold.domain.errors import InputError
from isohold.services import desk_breaks
from isohold.services.calendar import MAX_SECONDS, BusyCalendar
from isohold.services.context import Context
from isohold.services.onboarding import onboard
from tests.support.profiles import profile_dict

LONDON = ZoneInfo("Europe/London")
MONDAY = datetime(2026, 10, 19, 0, 0, tzinfo=LONDON)
WINDOW = (MONDAY - timedelta(hours=12), MONDAY + timedelta(days=7))


def ics(tmp_path: Path, *events: str, name: str = "cal.ics") -> Path:
    """A calendar file of these events (each given its own UID unless it names one)."""
    body = "".join(
        "BEGIN:VEVENT\r\n"
        + ("" if "UID:" in e else f"UID:e{i}@x\r\n")
        + f"DTSTAMP:20261001T000000Z\r\n{e.strip()}\r\nEND:VEVENT\r\n"
        for i, e in enumerate(events)
    )
    path = tmp_path / name
    path.write_text(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n{body}END:VCALENDAR\r\n")
    return path


def _busy(path: Path) -> list[tuple[datetime, datetime]]:
    return BusyCalendar(path).busy(*WINDOW, LONDON)


SECONDLY = "DTSTART:00010101T000000Z\r\nDTEND:00010101T000001Z\r\nRRULE:FREQ=SECONDLY"
EVERY_PART = ("DTSTART:20260101T000000Z\r\nDTEND:20260101T000001Z\r\nRRULE:FREQ=YEARLY;"
              "BYMONTH=" + ",".join(map(str, range(1, 13))) +
              ";BYMONTHDAY=" + ",".join(map(str, range(1, 32))) +
              ";BYHOUR=" + ",".join(map(str, range(24))) +
              ";BYMINUTE=" + ",".join(map(str, range(60))) +
              ";BYSECOND=" + ",".join(map(str, range(60))))  # fmt: skip


@pytest.mark.parametrize("event", [SECONDLY, EVERY_PART,
                                   SECONDLY.replace("FREQ=SECONDLY", "FREQ=MINUTELY;COUNT=900000"),
                                   EVERY_PART.replace("20260101", "19000101")])  # fmt: skip
def test_a_repeat_rule_that_would_explode_is_a_named_error(tmp_path: Path, event: str) -> None:
    path = ics(tmp_path, event)
    assert path.stat().st_size < 1000
    began = time.monotonic()
    with pytest.raises(InputError, match=r"repeats too often|too long") as refused:
        _busy(path)
    assert refused.value.field == "calendar" and "cal.ics" in str(refused.value)
    # bounded whatever the rule (generously: a busy machine runs the budget check late)
    assert time.monotonic() - began < 5 * MAX_SECONDS + 30


def test_a_rule_that_never_happens_gives_no_meetings(tmp_path: Path) -> None:
    never = (
        "DTSTART:20260101T100000Z\r\nDTEND:20260101T110000Z\r\n"
        "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"
    )
    assert _busy(ics(tmp_path, never)) == []


def test_old_fast_repeats_are_read_from_the_window(tmp_path: Path) -> None:
    """A daily meeting since 1900 and an hourly check since 2000 are read without expanding a
    century of repeats."""
    daily = "DTSTART;TZID=Europe/London:19000101T100000\r\nDURATION:PT30M\r\nRRULE:FREQ=DAILY"
    hourly = ("DTSTART;TZID=Europe/London:20000103T090000\r\nDTEND;TZID=Europe/London:"
              "20000103T090500\r\nRRULE:FREQ=HOURLY;INTERVAL=2;BYHOUR=9,11,13,15")  # fmt: skip
    busy = _busy(ics(tmp_path, daily, hourly))
    tens = [b for b, _e in busy if b.astimezone(LONDON).hour == 10]
    assert len(tens) == 7 and all(b.astimezone(LONDON).minute == 0 for b in tens)
    assert all(e - b == timedelta(minutes=30) for b, e in busy if b in tens)
    others = sorted(b.astimezone(LONDON).hour for b, _e in busy if b not in tens)
    assert others == sorted([9, 11, 13, 15] * 7 + [13, 15])  # the window opens Sunday noon


def test_moved_cancelled_extra_and_excluded_instances(tmp_path: Path) -> None:
    base = (
        "UID:standup@x\r\nDTSTART;TZID=Europe/London:20261005T093000\r\n"
        "DTEND;TZID=Europe/London:20261005T094500\r\nRRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR"
    )
    moved = (
        "UID:standup@x\r\nRECURRENCE-ID;TZID=Europe/London:20261020T093000\r\n"
        "DTSTART;TZID=Europe/London:20261020T150000\r\nDTEND;TZID=Europe/London:"
        "20261020T151500"
    )
    cancelled = (
        "UID:standup@x\r\nRECURRENCE-ID;TZID=Europe/London:20261021T093000\r\n"
        "DTSTART;TZID=Europe/London:20261021T093000\r\nDTEND;TZID=Europe/London:"
        "20261021T094500\r\nSTATUS:CANCELLED"
    )
    excluded = base.replace("UID:standup@x", "UID:review@x").replace("0930", "1600").replace(
        "0945", "1700") + "\r\nEXDATE;TZID=Europe/London:20261022T160000\r\n" \
        "RDATE;TZID=Europe/London:20261024T160000"  # fmt: skip
    path = ics(tmp_path, base, moved, cancelled, excluded)
    starts = [b.astimezone(LONDON).strftime("%a %H:%M") for b, _e in _busy(path)]
    assert starts == ["Mon 09:30", "Mon 16:00", "Tue 15:00", "Tue 16:00", "Wed 16:00",
                      "Thu 09:30", "Fri 09:30", "Fri 16:00", "Sat 16:00"]  # fmt: skip


def test_a_huge_or_odd_file_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    big = tmp_path / "big.ics"
    with big.open("wb") as fh:
        fh.truncate(64 * 1024 * 1024)
    with pytest.raises(InputError, match="larger than"):
        BusyCalendar(big).busy(*WINDOW, LONDON)
    import os

    os.mkfifo(tmp_path / "pipe.ics")  # reading it would wait for ever
    for odd in (tmp_path, tmp_path / "pipe.ics"):
        with pytest.raises(InputError, match=r"not an \.ics file"):
            BusyCalendar(odd).busy(*WINDOW, LONDON)


DESK = profile_dict(conditions=["neck_pain", "desk_worker"], goals=["pain_relief", "desk_breaks"])
NOW = datetime(2026, 10, 19, 10, 0, tzinfo=LONDON)
#: either bound refuses the file: the count of repeats or, on a busy machine, the reading time
REFUSED = r"repeats too often|take too long to read"


def test_a_bad_calendar_is_not_saved(ctx: Context, tmp_path: Path) -> None:
    onboard(ctx, DESK)
    bomb = ics(tmp_path, SECONDLY, name="bomb.ics")
    with pytest.raises(InputError, match=REFUSED):
        desk_breaks.update_settings(ctx, {"calendar": str(bomb)}, NOW)
    assert desk_breaks.get_settings(ctx).calendar is None


def test_a_saved_calendar_that_breaks_later_blocks_nothing(ctx: Context, tmp_path: Path) -> None:
    onboard(ctx, DESK)
    path = ics(tmp_path, "DTSTART:20261019T100000Z\r\nDTEND:20261019T110000Z")
    desk_breaks.update_settings(ctx, {"tz": "Europe/London", "calendar": str(path)}, NOW)
    path.write_text(ics(tmp_path, SECONDLY, name="later.ics").read_text())
    import os

    os.utime(path, (1_900_000_000, 1_900_000_000))
    st = desk_breaks.status(ctx, NOW)
    assert st.warning is not None and re.search(REFUSED, st.warning)
    assert st.next_at is not None  # breaks go on without meetings
    changed = desk_breaks.update_settings(ctx, {"start": "08:00", "interval_min": 30}, NOW)
    assert changed.schedule.interval_min == 30 and changed.calendar == str(path)
