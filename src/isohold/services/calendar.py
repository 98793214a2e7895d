"""Busy times from an iCalendar (.ics) file a calendar app exports or syncs: events with
times (recurring ones through their RRULE), in their own time zones. Free ("transparent")
events and all-day events do not block breaks. The file is re-read when it changes."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from isohold.domain.breaks import Interval
from isohold.domain.errors import InputError


class BusyCalendar:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._mtime: float | None = None
        self._calendar: object | None = None

    def _load(self) -> object:
        import icalendar

        try:
            mtime = self.path.stat().st_mtime
        except OSError as exc:
            raise InputError(
                "calendar", f"cannot read {self.path}: {exc.strerror or exc}"
            ) from None
        if self._calendar is None or mtime != self._mtime:
            try:
                self._calendar = icalendar.Calendar.from_ical(self.path.read_bytes())
            except ValueError as exc:
                raise InputError(
                    "calendar", f"{self.path} is not a valid .ics file ({exc})"
                ) from None
            self._mtime = mtime
        return self._calendar

    def busy(self, start: datetime, end: datetime) -> list[Interval]:
        import recurring_ical_events  # type: ignore[import-untyped]

        events = recurring_ical_events.of(self._load()).between(start, end)
        out: list[Interval] = []
        for event in events:
            if str(event.get("TRANSP", "OPAQUE")).upper() == "TRANSPARENT":
                continue
            begin, finish = event.get("DTSTART").dt, event.get("DTEND").dt
            if not isinstance(begin, datetime):
                continue  # an all-day event (a date) does not block breaks
            if begin.tzinfo is None:
                begin = begin.replace(tzinfo=start.tzinfo)
                finish = finish.replace(tzinfo=start.tzinfo)
            out.append((begin, finish))
        return sorted(out)


_OPEN: dict[str, BusyCalendar] = {}


def calendar_at(path: str) -> BusyCalendar:
    """One reader a path for the life of the process, so an unchanged file is parsed once."""
    key = str(Path(path).expanduser())
    if key not in _OPEN:
        _OPEN[key] = BusyCalendar(Path(key))
    return _OPEN[key]
