"""The desk-break loop behind `isohold desk`: wait for the next break, offer it, guide it,
record what happened; pause while the person is away from the computer.

The screen (desktop notifications or the terminal), the presence probe, the clock and sleeping
come in from outside, so the loop runs the same in a test with a fake clock as on a desk.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from isohold.domain.errors import NoDeskBreaksError
from isohold.domain.ids import new_uuid
from isohold.services import desk_breaks
from isohold.services import today as today_service
from isohold.services.context import Context
from isohold.services.desk_breaks import DeskStatus

#: Time away (idle or screen locked, counted from when it began where the platform tells) that
#: counts as a break taken: the schedule restarts when the person comes back. A product
#: default in the spirit of Workrave's "natural break".
AWAY_RESETS = timedelta(minutes=5)
#: How often presence is checked while waiting.
POLL_S = 15.0
#: How often the schedule is worked out again while waiting.
REFRESH = timedelta(minutes=2)
#: The daily training reminder's words (a desktop notification).
REMINDER = "Time for today's isohold session: open the app, or run `isohold session`."


@dataclass(frozen=True)
class Guided:
    done: bool
    pain: int | None = None


class BreakScreen(Protocol):
    async def offer(self, status: DeskStatus) -> str:
        """ "start", "skip", "snooze", or "ignored" (no answer in time)."""
        ...

    async def guide(self, status: DeskStatus) -> Guided: ...

    async def notice(self, text: str) -> None:
        """Tell the person something without asking (e.g. the calendar cannot be read)."""
        ...


class Presence(Protocol):
    def away_s(self) -> float | None:
        """Seconds since the person left (screen locked or computer idle, where the platform
        tells), or None while they are at the computer."""
        ...


@dataclass
class DeskRunner:
    ctx: Context
    screen: BreakScreen
    presence: Presence
    clock: Callable[[], datetime] | None = None  # None: the context's UTC clock
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    poll_s: float = POLL_S
    refresh: timedelta = REFRESH
    _away_since: datetime | None = None
    _rested_at: datetime | None = None
    _warned: str | None = None
    _known: tuple[datetime, DeskStatus] | None = None
    _reminded_on: date | None = None

    def _now(self) -> datetime:
        return (self.clock or self.ctx.utc)()

    async def run(self, breaks: int | None = None) -> None:
        """Run until cancelled, or until `breaks` breaks have been offered."""
        offered = 0
        while breaks is None or offered < breaks:
            wait = await self.step()
            if wait is None:
                offered += 1
            else:
                await self.sleep(wait)

    async def step(self) -> float | None:
        """One look at the clock: None when a break was offered, else seconds to wait."""
        now = self._now()
        gone = self.presence.away_s()
        if gone is not None:
            left = now - timedelta(seconds=gone)
            self._away_since = min(left, self._away_since or left)
            return self.poll_s
        if self._away_since is not None:
            if now - self._away_since >= AWAY_RESETS:
                self._rested_at = now
            self._away_since = None
            self._known = None
        st = self._status(now)
        await self._remind(st, now)
        if not st.holds:
            if st.settings.training_reminder is None:
                raise NoDeskBreaksError()
            return self.poll_s
        notice = st.stopped or st.warning
        if notice is not None and notice != self._warned:
            await self.screen.notice(notice)
        self._warned = notice
        if st.next_at is None:
            return self.poll_s * 20
        if not st.due(now):
            return min(self.poll_s, (st.next_at - now).total_seconds())
        self._known = None
        await self._offer(st)
        return None

    async def _remind(self, st: DeskStatus, now: datetime) -> None:
        """The daily training reminder: once a day, from its time on, while a session is due."""
        at = st.settings.training_reminder
        local = now.astimezone(st.settings.schedule.tz)
        if at is None or local.time() < at or self._reminded_on == local.date():
            return
        self._reminded_on = local.date()
        if today_service.today(self.ctx).state in ("due", "resume"):
            await self.screen.notice(REMINDER)

    def _status(self, now: datetime) -> DeskStatus:
        """The status, worked out again when its break falls due, after time away, and every
        `refresh` (so a changed calendar file or settings are picked up)."""
        known = self._known
        if (
            known is None
            or known[0] + self.refresh <= now
            or (known[1].next_at is not None and known[1].next_at <= now)
        ):
            self._known = known = (now, desk_breaks.status(self.ctx, now, self._rested_at))
        return known[1]

    async def _offer(self, st: DeskStatus) -> None:
        assert st.next_at is not None
        offered_at = self._now()
        choice = await self.screen.offer(st)
        pain = None
        if choice == "start":
            guided = await self.screen.guide(st)
            outcome, pain = ("done", guided.pain) if guided.done else ("skipped", None)
        elif choice == "snooze":
            outcome = "snoozed"
        else:
            outcome = "skipped"
        if outcome != "done" and desk_breaks.answered_since(self.ctx, offered_at):
            return  # taken (or skipped) on the web page or with `isohold desk break` meanwhile
        holds = tuple(h.exercise for h in st.holds)
        done = desk_breaks.BreakDone(new_uuid(), outcome, st.next_at, holds, pain)
        desk_breaks.record(self.ctx, done, self._now())
