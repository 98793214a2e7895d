"""Busy times from an iCalendar (.ics) file a calendar app exports or syncs: events with
times (recurring ones through their RRULE, RDATE and EXDATE, with moved or cancelled
instances), in their own time zones; "floating" times (no zone) are the person's own. Free
("transparent") and cancelled events and all-day events do not block breaks. The file is
re-read when it changes. Anything wrong with the file is an InputError naming the calendar,
never a crash: the break reminder goes on without meetings until it is fixed.

Reading is bounded, whatever the file says. Repeats are expanded only inside the window the
scheduler asks for (a rule that repeats every second or hour is moved forward to that window
before it is expanded), and one reading generates at most `MAX_STEPS` occurrences and stops
after `MAX_SECONDS`: a 196-byte file with `RRULE:FREQ=SECONDLY` from the year 1 is an error
in a fraction of a second, not gigabytes of meetings. Files over `MAX_BYTES` or with more than
`MAX_EVENTS` events are refused before they are parsed.
"""

from __future__ import annotations

import math
import stat
import time as clock
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any

from isohold.domain.breaks import Interval
from isohold.domain.errors import InputError, IsoholdError

MAX_BYTES = 16 * 1024 * 1024
MAX_EVENTS = 20_000
#: occurrences generated (before and inside the window) while reading one window
MAX_STEPS = 100_000
MAX_SECONDS = 2.0
#: repeat rules measured in fixed steps, which can be moved forward without changing which
#: times they give (months and years have no fixed length)
_STEP_S = {"SECONDLY": 1, "MINUTELY": 60, "HOURLY": 3600, "DAILY": 86400, "WEEKLY": 604800}


class BusyCalendar:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._mtime: float | None = None
        self._calendar: object | None = None

    def _load(self) -> object:
        import icalendar

        try:
            info = self.path.stat()
        except OSError as exc:
            raise InputError(
                "calendar", f"cannot read {self.path}: {exc.strerror or exc}"
            ) from None
        if self._calendar is None or info.st_mtime != self._mtime:
            if self.path.suffix.lower() != ".ics" or not stat.S_ISREG(info.st_mode):
                raise InputError("calendar", f"{self.path} is not an .ics file")
            if info.st_size > MAX_BYTES:
                raise InputError("calendar", f"{self.path} is larger than "
                                             f"{MAX_BYTES // 2**20} MiB")  # fmt: skip
            try:
                with self.path.open("rb") as fh:
                    data = fh.read(MAX_BYTES + 1)
                calendar = icalendar.Calendar.from_ical(data)
            except (ValueError, OSError, RecursionError):
                raise InputError("calendar", f"{self.path} is not a valid .ics file") from None
            if len(calendar.walk("VEVENT")) > MAX_EVENTS:
                raise InputError("calendar", f"{self.path} holds more than {MAX_EVENTS} events")
            self._calendar, self._mtime = calendar, info.st_mtime
        return self._calendar

    def busy(self, start: datetime, end: datetime, home: tzinfo) -> list[Interval]:
        """Busy intervals overlapping [start, end); floating times are read in `home`."""
        calendar = self._load()
        budget = _Budget(self.path)
        try:
            return _busy(calendar, start, end, home, budget)
        except IsoholdError:
            raise
        except Exception:  # a broken RRULE, DTSTART or DTEND deep in the file
            raise InputError("calendar", f"{self.path} has an event isohold cannot read "
                                         "(a broken date or repeat rule)") from None  # fmt: skip


class _Budget:
    """Counts occurrences and time; raises a named error when either runs out."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.steps = 0
        self.deadline = clock.monotonic() + MAX_SECONDS

    def step(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise InputError("calendar", f"{self.path} has an event that repeats too often for "
                                         f"isohold to read (over {MAX_STEPS} times)")  # fmt: skip
        if self.steps % 1024 == 0:
            self.check_time()

    def check_time(self) -> None:
        if clock.monotonic() > self.deadline:
            raise InputError("calendar", f"{self.path} has repeat rules that take too long to "
                                         "read; simplify or remove them")  # fmt: skip


def _busy(calendar: Any, start: datetime, end: datetime, home: tzinfo, budget: _Budget
          ) -> list[Interval]:  # fmt: skip
    events = calendar.walk("VEVENT")
    moved: dict[str, set[datetime]] = {}  # instances a RECURRENCE-ID event replaces
    for event in events:
        if event.get("RECURRENCE-ID") is not None:
            rid = _aware(event.get("RECURRENCE-ID").dt, home)
            moved.setdefault(str(event.get("UID", "")), set()).add(rid)
    out: list[Interval] = []
    for event in events:
        budget.check_time()
        begin = event.get("DTSTART").dt  # a broken date is an error even in a free event
        if _free(event) or not isinstance(begin, datetime):
            continue  # free, cancelled and all-day events (a date) do not block breaks
        begin = _aware(begin, home)
        length = _length(event, begin, home)
        repeats = event.get("RRULE") is not None or event.get("RDATE") is not None
        if event.get("RECURRENCE-ID") is not None or not repeats:
            if begin < end and begin + length > start:
                out.append((begin, begin + length))
            continue
        skip = moved.get(str(event.get("UID", "")), set())
        for at in _occurrences(event, begin, start - length, end, home, budget):
            if at not in skip:
                out.append((at, at + length))
    return sorted(out)


def _free(event: Any) -> bool:
    transparent = str(event.get("TRANSP", "OPAQUE")).upper() == "TRANSPARENT"
    return transparent or str(event.get("STATUS", "")).upper() == "CANCELLED"


def _aware(value: date | datetime, home: tzinfo) -> datetime:
    if not isinstance(value, datetime):
        return datetime.combine(value, time(), tzinfo=home)
    return value.replace(tzinfo=home) if value.tzinfo is None else value


def _length(event: Any, begin: datetime, home: tzinfo) -> timedelta:
    if event.get("DTEND") is not None:
        length = _aware(event.get("DTEND").dt, home) - begin
    elif event.get("DURATION") is not None:
        length = event.get("DURATION").dt
    else:
        length = timedelta(0)
    if not timedelta(0) <= length <= timedelta(days=7):
        raise ValueError("an event must end after it starts and last at most a week")
    return length


def _occurrences(event: Any, begin: datetime, start: datetime, end: datetime, home: tzinfo,
                 budget: _Budget) -> Iterator[datetime]:  # fmt: skip
    """The starts of a repeating event in [start, end), generated lazily under the budget."""
    from dateutil.rrule import rruleset, rrulestr  # type: ignore[import-untyped]

    series = rruleset(cache=False)
    series.rdate(begin)  # DTSTART is the first occurrence (RFC 5545)
    for rule in _listed(event.get("RRULE")):
        text, first = _rule(rule, begin, start)
        series.rrule(rrulestr(text, dtstart=first, cache=False))
    for values in _listed(event.get("RDATE")):
        for value in values.dts:
            at = value.dt[0] if isinstance(value.dt, tuple) else value.dt
            series.rdate(_aware(at, home))
    for values in _listed(event.get("EXDATE")):
        for value in values.dts:
            series.exdate(_aware(value.dt, home) if isinstance(value.dt, datetime)
                          else datetime.combine(value.dt, begin.timetz()))  # fmt: skip
    for at in series:
        budget.step()
        if at >= end:
            return
        if at >= start:
            yield at


def _listed(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _rule(rule: Any, begin: datetime, start: datetime) -> tuple[str, datetime]:
    """The rule as text for dateutil (UNTIL in UTC, as it needs with a zoned start) and the
    start to expand it from: a rule with a fixed step and no COUNT or BYSETPOS starts again
    shortly before the window, at one of its own occurrences."""
    from datetime import UTC

    rule = rule.copy()
    until = rule.get("UNTIL")
    if until:
        value = until[0]
        if not isinstance(value, datetime):
            value = datetime.combine(value, time(23, 59, 59))
        if value.tzinfo is None:
            value = value.replace(tzinfo=begin.tzinfo)
        rule["UNTIL"] = [value.astimezone(UTC)]
    text = rule.to_ical().decode()
    freq = str(rule.get("FREQ", [""])[0]).upper()
    step_s = _STEP_S.get(freq)
    if step_s is None or rule.get("COUNT") or rule.get("BYSETPOS"):
        return text, begin
    interval = int(rule.get("INTERVAL", [1])[0] or 1)
    # in wall-clock time, as dateutil steps; two days early, so a clock change cannot matter
    wall = start.astimezone(begin.tzinfo).replace(tzinfo=None) - begin.replace(tzinfo=None)
    period = step_s * interval
    jumps = math.floor((wall.total_seconds() - 2 * 86400) / period)
    if jumps <= 0:
        return text, begin
    return text, begin + timedelta(seconds=jumps * period)


_OPEN: dict[str, BusyCalendar] = {}


def calendar_at(path: str) -> BusyCalendar:
    """One reader a path for the life of the process, so an unchanged file is parsed once."""
    key = str(Path(path).expanduser())
    if key not in _OPEN:
        _OPEN[key] = BusyCalendar(Path(key))
    return _OPEN[key]
