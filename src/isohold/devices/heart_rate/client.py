"""The heart-rate client: decodes a strap's notifications (from Bluetooth or the simulator) into
timed beats, so the simulator exercises exactly this code."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Protocol

from isohold.devices.heart_rate.protocol import ProtocolError, decode


@dataclass(frozen=True, slots=True)
class Beat:
    """One measurement: seconds since the stream began (the strap sends no clock of its own,
    so this is when it arrived), heart rate, skin contact, energy and RR intervals."""

    t_s: float
    bpm: int
    contact: bool | None = None
    energy_kj: int | None = None
    rr_s: tuple[float, ...] = ()


class Transport(Protocol):
    async def open(self, on_notify: Callable[[bytes], None]) -> None: ...

    async def close(self) -> None: ...


class HeartRateSensor(Protocol):
    """What the flows need from a strap, whatever the device."""

    name: str

    async def connect(self) -> None: ...

    def stream(self) -> AsyncIterator[Beat]: ...

    async def stop(self) -> None:
        """End the stream: beats already received are still delivered, then it finishes."""

    async def disconnect(self) -> None: ...


class HeartRateClient:
    """A HeartRateSensor on anything that sends Heart Rate Measurement notifications.

    `time_scale` is the simulator's speed-up (its seconds pass `time_scale` times faster), so
    beat times stay in the strap's seconds; real straps use 1."""

    def __init__(self, transport: Transport, name: str = "heart-rate strap",
                 time_scale: float = 1.0) -> None:  # fmt: skip
        self.name = name
        #: notifications that did not follow the layout (skipped, counted)
        self.bad_packets = 0
        self._transport = transport
        self._scale = time_scale
        self._beats: asyncio.Queue[Beat | None] = asyncio.Queue()
        self._began: float | None = None
        self._streaming = False

    async def connect(self) -> None:
        await self._transport.open(self._on_notify)

    def _on_notify(self, data: bytes) -> None:
        if not self._streaming:
            return
        try:
            m = decode(data)
        except ProtocolError:
            self.bad_packets += 1
            return
        now = asyncio.get_running_loop().time()
        if self._began is None:
            self._began = now
        t = (now - self._began) / self._scale
        self._beats.put_nowait(Beat(t, m.bpm, m.contact, m.energy_kj, m.rr_s))

    async def stream(self) -> AsyncIterator[Beat]:
        self._streaming = True
        while True:
            beat = await self._beats.get()
            if beat is None:
                return
            yield beat

    async def stop(self) -> None:
        if self._streaming:
            self._streaming = False
            self._beats.put_nowait(None)

    async def disconnect(self) -> None:
        await self.stop()
        await self._transport.close()
