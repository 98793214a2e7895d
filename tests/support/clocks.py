"""Clocks for tests. `FakeClock` stands still until the test moves it. `ShiftedClock` starts on
a chosen working day and then ticks with real time, for every part that reads the time: the
services context (in-process servers), a subprocess (libfaketime) and chromium (Playwright's
clock). Tests of schedules then never depend on when the suite runs."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from isohold.services.context import Context

#: Monday 30 November 2026, midday; London is on UTC then, so local and UTC agree
WORKDAY_NOON = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
ZONE = "Europe/London"
#: Debian's faketime package (installed by `make system`), whatever the architecture
LIBFAKETIME = next(Path("/usr/lib").glob("*/faketime/libfaketime.so.1"), None)


@dataclass
class FakeClock:
    at: datetime

    def __call__(self) -> datetime:
        return self.at

    def advance(self, **kw: float) -> None:
        self.at += timedelta(**kw)


@dataclass
class ShiftedClock:
    start: datetime = WORKDAY_NOON
    zone: str = ZONE
    _t0: float = field(default_factory=time.monotonic, init=False)

    def utc(self) -> datetime:
        elapsed = timedelta(seconds=time.monotonic() - self._t0)
        return (self.start + elapsed).replace(microsecond=0)

    def local(self) -> datetime:
        return self.utc().astimezone(ZoneInfo(self.zone)).replace(tzinfo=None)

    def drive(self, ctx: Context) -> Context:
        """Make `ctx` read this clock (both the person's days and the schedules)."""
        ctx.now, ctx.utc, ctx.zone = self.local, self.utc, self.zone
        return ctx

    def subprocess_env(self) -> dict[str, str]:
        """Environment that starts a child process's clock at this clock's time (libfaketime,
        Debian's `faketime` package): the child's days and schedules follow it."""
        assert LIBFAKETIME is not None, "libfaketime is missing: run `make system`"
        return {
            "LD_PRELOAD": str(LIBFAKETIME),
            "FAKETIME": "@" + self.utc().strftime("%Y-%m-%d %H:%M:%S"),
            "TZ": "UTC",  # FAKETIME is read in the process's zone
            "ISOHOLD_TZ": self.zone,
        }
