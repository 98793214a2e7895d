"""Busy times from an iCalendar (.ics) file a calendar app exports or syncs: events with
times (recurring ones through their RRULE), in their own time zones; "floating" times (no zone)
are the person's own. Free ("transparent") events and all-day events do not block breaks. The
file is re-read when it changes. Anything wrong with the file is an InputError naming the
calendar, never a crash: the break reminder goes on without meetings until it is fixed."""

from __future__ import annotations

from datetime import datetime, tzinfo
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
            info = self.path.stat()
        except OSError as exc:
            raise InputError(
                "calendar", f"cannot read {self.path}: {exc.strerror or exc}"
            ) from None
        if self._calendar is None or info.st_mtime != self._mtime:
            if self.path.suffix.lower() != ".ics" or not self.path.is_file():
                raise InputError("calendar", f"{self.path} is not an .ics file")
            try:
                self._calendar = icalendar.Calendar.from_ical(self.path.read_bytes())
            except (ValueError, OSError):
                raise InputError("calendar", f"{self.path} is not a valid .ics file") from None
            self._mtime = info.st_mtime
        return self._calendar

    def busy(self, start: datetime, end: datetime, home: tzinfo) -> list[Interval]:
        """Busy intervals overlapping [start, end); floating times are read in `home`."""
        calendar = self._load()
        try:
            return self._busy(calendar, start, end, home)
        except Exception:  # a broken RRULE, DTSTART or DTEND deep in the file
            raise InputError("calendar", f"{self.path} has an event isohold cannot read "
                                         "(a broken date or repeat rule)") from None  # fmt: skip

    @staticmethod
    def _busy(calendar: object, start: datetime, end: datetime, home: tzinfo) -> list[Interval]:
        import recurring_ical_events  # type: ignore[import-untyped]

        events = recurring_ical_events.of(calendar).between(start, end)
        out: list[Interval] = []
        for event in events:
            if str(event.get("TRANSP", "OPAQUE")).upper() == "TRANSPARENT":
                continue
            begin, finish = event.get("DTSTART").dt, event.get("DTEND").dt
            if not isinstance(begin, datetime):
                continue  # an all-day event (a date) does not block breaks
            if begin.tzinfo is None:
                begin, finish = begin.replace(tzinfo=home), finish.replace(tzinfo=home)
            out.append((begin, finish))
        return sorted(out)


_OPEN: dict[str, BusyCalendar] = {}


def calendar_at(path: str) -> BusyCalendar:
    """One reader a path for the life of the process, so an unchanged file is parsed once."""
    key = str(Path(path).expanduser())
    if key not in _OPEN:
        _OPEN[key] = BusyCalendar(Path(key))
    return _OPEN[key]
