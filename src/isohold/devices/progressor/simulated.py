"""A simulated Progressor: answers commands and streams weight notifications, byte for byte
as the device does, from a scripted force profile. Used by tests and `--device simulated`.

Timing follows real Tindeq recordings: 11,416 us between samples with one 22,832 us step after
every 15 samples (about 82 Hz), in packets of several samples; the microsecond counter is an
unsigned 32-bit number that can start anywhere and wrap.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

from isohold.devices.progressor.protocol import (
    Command,
    encode_battery,
    encode_text,
    encode_weights,
)

STEP_US = 11_416
SAMPLES_PER_PACKET = 4


def pull_profile(peak_kg: float = 40.0, start_s: float = 1.0, rise_s: float = 0.4,
                 hold_s: float = 4.0) -> Callable[[float], float]:  # fmt: skip
    """A pull: quiet, a quick rise, a steady hold with a slight fade, then release."""

    def kg(t: float) -> float:
        if t < start_s or t > start_s + rise_s + hold_s:
            return 0.0
        if t < start_s + rise_s:
            return peak_kg * (t - start_s) / rise_s
        return peak_kg * (1 - 0.03 * (t - start_s - rise_s) / hold_s)

    return kg


class SimulatedProgressor:
    """A transport that is the device: write commands, get notifications."""

    def __init__(
        self,
        profile: Callable[[float], float] | None = None,
        *,
        time_scale: float = 1.0,
        start_us: int = 0,
        battery_mv: int = 3987,
        version: str = "1.2.5-simulated",
    ) -> None:
        self.profile = profile or pull_profile()
        self.time_scale = time_scale
        self.start_us = start_us
        self.battery = battery_mv
        self.version_text = version
        self.commands: list[bytes] = []
        self._notify: Callable[[bytes], None] | None = None
        self._task: asyncio.Task[None] | None = None
        self._tare_kg = 0.0
        self._elapsed_s = 0.0

    async def open(self, on_notify: Callable[[bytes], None]) -> None:
        self._notify = on_notify

    async def close(self) -> None:
        await self._stop()
        self._notify = None

    async def write(self, data: bytes) -> None:
        self.commands.append(bytes(data))
        op = data[0]
        if op == Command.START_WEIGHT_MEAS:
            await self._stop()
            self._task = asyncio.create_task(self._stream())
        elif op == Command.STOP_WEIGHT_MEAS or op == Command.SLEEP:
            await self._stop()
        elif op == Command.TARE_SCALE:
            self._tare_kg = self.profile(self._elapsed_s)
        elif op == Command.GET_BATTERY_VOLTAGE:
            self._send(encode_battery(self.battery))
        elif op == Command.GET_APP_VERSION:
            self._send(encode_text(self.version_text))

    def _send(self, packet: bytes) -> None:
        if self._notify is not None:
            self._notify(packet)

    async def _stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _stream(self) -> None:
        loop = asyncio.get_running_loop()
        began = loop.time()
        us, n = 0, 0
        batch: list[tuple[float, int]] = []
        while True:
            t = us / 1e6
            self._elapsed_s = t
            batch.append((self.profile(t) - self._tare_kg, self.start_us + us))
            n += 1
            us += STEP_US * (2 if n % 16 == 0 else 1)
            if len(batch) == SAMPLES_PER_PACKET:
                due = began + (us / 1e6) * self.time_scale
                await asyncio.sleep(max(0.0, due - loop.time()))
                self._send(encode_weights(batch))
                batch = []


def repeated_pulls(
    peak_kg: float, efforts: int, effort_s: float, rest_s: float, start_s: float = 2.0
) -> Callable[[float], float]:
    """Maximal efforts of `effort_s` with `rest_s` between (an MVC test), each a little weaker."""
    single = [
        pull_profile(
            peak_kg * (1 - 0.02 * k), start_s + k * (effort_s + rest_s), 0.3, effort_s - 0.3
        )
        for k in range(efforts)
    ]
    return lambda t: max(p(t) for p in single)


def steady_hold(level_kg: float, start_s: float, seconds: float) -> Callable[[float], float]:
    """A held target with a slow, small wobble, as a person tracking a target does."""
    import math

    def kg(t: float) -> float:
        if t < start_s or t > start_s + seconds:
            return 0.0
        ramp = min(1.0, (t - start_s) / 0.8)
        return level_kg * ramp * (1 + 0.03 * math.sin(2 * math.pi * 0.4 * t))

    return kg
