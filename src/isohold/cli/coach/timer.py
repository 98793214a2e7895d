"""A drift-free phase timer: every phase ends at an absolute time on a monotonic clock.

Phase i ends at start + (the sum of durations 0..i) x scale, plus the time spent paused,
minus the time skipped. Time is never accumulated from sleeps, so late wake-ups do not add up.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence


class PhaseTimer:
    def __init__(
        self,
        durations_s: Sequence[float],
        *,
        clock: Callable[[], float] = time.monotonic,
        scale: float = 1.0,
    ) -> None:
        self._clock = clock
        self._scale = scale
        self._ends: list[float] = []
        self._durations = [d * scale for d in durations_s]
        self._paused_at: float | None = None
        self._started: float | None = None

    def start(self) -> None:
        now = self._clock()
        self._started = now
        total = now
        self._ends = []
        for d in self._durations:
            total += d
            self._ends.append(total)

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    def pause(self) -> None:
        if self._paused_at is None:
            self._paused_at = self._clock()

    def resume(self) -> None:
        if self._paused_at is not None:
            self._shift(self._clock() - self._paused_at, self.index(self._paused_at))
            self._paused_at = None

    def toggle(self) -> None:
        self.resume() if self.paused else self.pause()

    def skip(self) -> None:
        """End the current phase now; later phases keep their lengths."""
        now = self._paused_at if self._paused_at is not None else self._clock()
        i = self.index(now)
        if i < len(self._ends):
            self._shift(now - self._ends[i], i)

    def _shift(self, by: float, start: int) -> None:
        for j in range(start, len(self._ends)):
            self._ends[j] += by

    def now(self) -> float:
        return self._paused_at if self._paused_at is not None else self._clock()

    def index(self, at: float | None = None) -> int:
        """The current phase (len(durations) once all have ended)."""
        at = self.now() if at is None else at
        for i, end in enumerate(self._ends):
            if at < end:
                return i
        return len(self._ends)

    def remaining_s(self, i: int) -> float:
        """Seconds left in phase i, in plan seconds (unscaled)."""
        return max(0.0, self._ends[i] - self.now()) / self._scale

    def elapsed_s(self, i: int) -> float:
        """Plan seconds phase i has run (its duration once it has ended)."""
        begin = self._ends[i - 1] if i > 0 else (self._started or 0.0)
        return max(0.0, min(self.now(), self._ends[i]) - begin) / self._scale

    def end_of(self, i: int) -> float:
        return self._ends[i]

    def done(self) -> bool:
        return self.index() >= len(self._ends)
