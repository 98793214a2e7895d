"""A simulated heart-rate strap: a transport that sends Heart Rate Measurement notifications,
byte for byte as a strap does, from a scripted heart rate. Used by tests and `--device
simulated`.

It sends one notification a second (as most straps do) with skin contact detected, the RR
interval of the beat rate, and energy expended in every tenth notification.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
from collections.abc import Callable

from isohold.devices.heart_rate.protocol import HeartRateMeasurement, encode

#: heart rate (beats a minute) at each second since the strap started sending
BpmProfile = Callable[[float], float]
ENERGY_EVERY = 10


def resting(bpm: float = 68.0) -> BpmProfile:
    """A resting heart rate with a small, slow wobble (breathing)."""
    return lambda t: bpm + 2.0 * math.sin(2 * math.pi * t / 12.0)


class SimulatedStrap:
    """A transport that is the strap: open it and notifications arrive."""

    def __init__(self, profile: BpmProfile | None = None, *, time_scale: float = 1.0,
                 uint16: bool = False, contact: bool | None = True) -> None:  # fmt: skip
        self.profile = profile or resting()
        self.time_scale = time_scale
        self.uint16 = uint16
        self.contact = contact
        self.sent: list[bytes] = []
        self._notify: Callable[[bytes], None] | None = None
        self._task: asyncio.Task[None] | None = None

    async def open(self, on_notify: Callable[[bytes], None]) -> None:
        self._notify = on_notify
        self._task = asyncio.create_task(self._send_forever())

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        self._notify = None

    async def _send_forever(self) -> None:
        loop = asyncio.get_running_loop()
        began = loop.time()
        n = 0
        energy = 0.0
        while True:
            t = float(n)
            bpm = max(30, min(240, round(self.profile(t))))
            energy += bpm * 0.01  # a rough kJ a second; only its presence matters here
            m = HeartRateMeasurement(
                bpm,
                self.contact,
                round(energy) if n % ENERGY_EVERY == ENERGY_EVERY - 1 else None,
                (60.0 / bpm,),
            )
            packet = encode(m, uint16=self.uint16)
            self.sent.append(packet)
            if self._notify is not None:
                self._notify(packet)
            n += 1
            await asyncio.sleep(max(0.0, began + n * self.time_scale - loop.time()))


def staircase(rest_bpm: float = 72.0, step_bpm: float = 9.0, step_s: float = 120.0,
              settle_s: float = 20.0) -> BpmProfile:  # fmt: skip
    """A heart rate that climbs a step every `step_s` seconds (as in an incremental test),
    settling towards each new level with a time constant of `settle_s`."""

    def bpm(t: float) -> float:
        k = int(t // step_s)
        into = t - k * step_s
        before = rest_bpm + step_bpm * k
        level = before + step_bpm
        return before + (level - before) * (1 - math.exp(-into / settle_s))

    return bpm


def around(target_bpm: float, swing_bpm: float = 3.0) -> BpmProfile:
    """A heart rate held near a target, drifting slowly either side (a guided hold)."""
    return lambda t: target_bpm + swing_bpm * math.sin(2 * math.pi * t / 40.0)
