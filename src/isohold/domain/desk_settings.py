"""The desk-break settings document: parsed strictly (errors name the field), saved as JSON.

    {"tz": "Europe/London", "work_days": ["mon", ...], "start": "09:00", "end": "17:00",
     "interval_min": 20, "duration_s": 30, "long_every": null | int, "long_s": null | number,
     "quiet": [["12:00", "13:00"]], "calendar": null | "/path/to/calendar.ics",
     "training_reminder": null | "18:00"}

Defaults come from the plan's `microbreaks` block (T5.11: 30 s every 20 min) when it has one.
A longer break (`long_every`, `long_s`) is off unless the person turns it on: the reference
(T5.12) says longer breaks helped performance more, but gives no dose for an isometric break.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import time
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from isohold.domain.breaks import BreakSchedule
from isohold.domain.errors import InputError

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_KEYS = {"tz", "work_days", "start", "end", "interval_min", "duration_s", "long_every",
         "long_s", "quiet", "calendar", "training_reminder"}  # fmt: skip
INTERVAL_MIN = (5.0, 240.0)
DURATION_S = (10.0, 600.0)
LONG_EVERY = (2, 12)
LONG_S = (30.0, 600.0)


@dataclass(frozen=True)
class DeskSettings:
    schedule: BreakSchedule
    calendar: str | None = None
    long_every: int | None = None
    long_s: float | None = None
    #: the daily reminder to train, when a session is due (None: off)
    training_reminder: time | None = None

    def is_long(self, number: int) -> bool:
        """Whether the `number`-th break of the day (1-based) is a longer one."""
        return self.long_every is not None and number % self.long_every == 0

    def length_s(self, number: int) -> float:
        if self.is_long(number) and self.long_s is not None:
            return self.long_s
        return self.schedule.duration_s

    def to_dict(self) -> dict[str, Any]:
        s = self.schedule
        return {
            "tz": s.tz.key,
            "work_days": [DAYS[d] for d in sorted(s.work_days)],
            "start": s.work_start.strftime("%H:%M"),
            "end": s.work_end.strftime("%H:%M"),
            "interval_min": s.interval_min,
            "duration_s": s.duration_s,
            "long_every": self.long_every,
            "long_s": self.long_s,
            "quiet": [[a.strftime("%H:%M"), b.strftime("%H:%M")] for a, b in s.quiet],
            "calendar": self.calendar,
            "training_reminder": None if self.training_reminder is None
            else self.training_reminder.strftime("%H:%M"),
        }  # fmt: skip


def default_settings(tz: str, interval_min: float = 20, duration_s: float = 30) -> DeskSettings:
    return DeskSettings(BreakSchedule(tz=zone(tz), interval_min=interval_min,
                                      duration_s=duration_s))  # fmt: skip


def zone(name: str, field: str = "tz") -> ZoneInfo:
    """An IANA zone by its canonical name (what browsers and calendar apps understand too)."""
    if not known_zone(name):
        raise InputError(field, f"unknown time zone {name!r} (use a name like Europe/London)")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(
            field, f"unknown time zone {name!r} (use a name like Europe/London)"
        ) from None


def known_zone(name: str) -> bool:
    return name in _canonical()


@cache
def _canonical() -> frozenset[str]:
    from zoneinfo import available_timezones

    return frozenset(
        z for z in available_timezones()
        if not z.startswith(("posix/", "right/")) and z not in ("Factory", "localtime")
    )  # fmt: skip


def clock(value: Any, field: str) -> time:
    if not isinstance(value, str):
        raise InputError(field, "must be a time like 09:00")
    try:
        at = time.fromisoformat(value)
    except ValueError:
        raise InputError(field, f"{value!r} must be a time like 09:00") from None
    if at.second or at.microsecond or at.tzinfo is not None:
        raise InputError(field, f"{value!r} must be hours and minutes, like 09:00")
    return at


def _number(data: dict[str, Any], key: str, bounds: tuple[float, float]) -> float:
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(key, "must be a number")
    if not bounds[0] <= value <= bounds[1]:
        raise InputError(key, f"must be from {bounds[0]:g} to {bounds[1]:g}")
    return float(value)


def _days(value: Any) -> frozenset[int]:
    if not isinstance(value, list) or not value:
        raise InputError("work_days", f"must be a non-empty list of {', '.join(DAYS)}")
    out = set()
    for item in value:
        if not isinstance(item, str) or item.lower()[:3] not in DAYS:
            raise InputError("work_days", f"{item!r} is not a day ({', '.join(DAYS)})")
        out.add(DAYS.index(item.lower()[:3]))
    return frozenset(out)


def _quiet(value: Any) -> tuple[tuple[time, time], ...]:
    if not isinstance(value, list):
        raise InputError("quiet", "must be a list of [start, end] times")
    out = []
    for i, pair in enumerate(value):
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise InputError(f"quiet[{i}]", "must be a [start, end] pair like ['12:00', '13:00']")
        a, b = clock(pair[0], f"quiet[{i}]"), clock(pair[1], f"quiet[{i}]")
        if b <= a:
            raise InputError(f"quiet[{i}]", "the end must be after the start")
        out.append((a, b))
    return tuple(sorted(out))


def parse_settings(data: Any, base: DeskSettings) -> DeskSettings:
    """`base` with the keys present in `data` replaced; every value checked."""
    if not isinstance(data, dict):
        raise InputError("settings", "must be an object")
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise InputError(unknown[0], f"unknown setting (known: {', '.join(sorted(_KEYS))})")
    s = base.schedule
    changes: dict[str, Any] = {}
    if "tz" in data:
        if not isinstance(data["tz"], str):
            raise InputError("tz", "must be a time-zone name")
        changes["tz"] = zone(data["tz"])
    if "work_days" in data:
        changes["work_days"] = _days(data["work_days"])
    if "start" in data:
        changes["work_start"] = clock(data["start"], "start")
    if "end" in data:
        changes["work_end"] = clock(data["end"], "end")
    if "interval_min" in data:
        changes["interval_min"] = _number(data, "interval_min", INTERVAL_MIN)
    if "duration_s" in data:
        changes["duration_s"] = _number(data, "duration_s", DURATION_S)
    if "quiet" in data:
        changes["quiet"] = _quiet(data["quiet"])
    try:
        schedule = replace(s, **changes)
    except ValueError as error:
        raise InputError(
            "end" if "work_end" in str(error) else "interval_min", str(error)
        ) from None
    out = replace(base, schedule=schedule)
    if "calendar" in data:
        cal = data["calendar"]
        if cal is not None and (not isinstance(cal, str) or not cal.strip()):
            raise InputError("calendar", "must be a file path or null")
        out = replace(out, calendar=cal.strip() if cal else None)
    if "long_every" in data:
        every = data["long_every"]
        if every is not None and (
            isinstance(every, bool) or not isinstance(every, int)
            or not LONG_EVERY[0] <= every <= LONG_EVERY[1]
        ):  # fmt: skip
            raise InputError("long_every", f"must be null or a whole number from "
                                           f"{LONG_EVERY[0]} to {LONG_EVERY[1]}")  # fmt: skip
        out = replace(out, long_every=every)
    if "long_s" in data:
        out = replace(out, long_s=None if data["long_s"] is None
                      else _number(data, "long_s", LONG_S))  # fmt: skip
    if "training_reminder" in data:
        at = data["training_reminder"]
        out = replace(out, training_reminder=None if at in (None, "")
                      else clock(at, "training_reminder"))  # fmt: skip
    if (out.long_every is None) != (out.long_s is None):
        raise InputError("long_every", "set both long_every and long_s, or neither")
    return out
