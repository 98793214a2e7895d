"""The Progressor client: speaks the protocol over any transport (BLE or the simulator), so
the simulator exercises exactly this code."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Protocol

from isohold.devices.progressor.protocol import (
    KG_TO_N,
    Battery,
    Command,
    Event,
    LowPower,
    Text,
    Weights,
    command,
    decode,
)
from isohold.devices.sensor import Sample

UINT32 = 2**32
REPLY_TIMEOUT_S = 5.0


class Transport(Protocol):
    async def open(self, on_notify: Callable[[bytes], None]) -> None: ...

    async def write(self, data: bytes) -> None: ...

    async def close(self) -> None: ...


class ProgressorClient:
    """A ForceSensor on a Tindeq Progressor (or anything speaking its protocol)."""

    def __init__(self, transport: Transport, name: str = "Tindeq Progressor") -> None:
        self.name = name
        self.low_power = False
        self._transport = transport
        self._last: Command | None = None
        self._samples: asyncio.Queue[Sample] = asyncio.Queue()
        self._reply: asyncio.Future[Event] | None = None
        self._wraps = 0
        self._last_us: int | None = None
        self._first_us: int | None = None
        self._streaming = False

    async def connect(self) -> None:
        await self._transport.open(self._on_notify)

    async def _send(self, op: Command) -> None:
        self._last = op
        await self._transport.write(command(op))

    def _on_notify(self, data: bytes) -> None:
        event = decode(data, self._last)
        if isinstance(event, Weights):
            for kg, us in event.samples:
                if self._last_us is not None and us < self._last_us - UINT32 // 2:
                    self._wraps += 1
                self._last_us = us
                absolute = us + self._wraps * UINT32
                if self._first_us is None:
                    self._first_us = absolute
                t = (absolute - self._first_us) / 1e6
                self._samples.put_nowait(Sample(t, kg * KG_TO_N))
        elif isinstance(event, LowPower):
            self.low_power = True
        elif isinstance(event, Battery | Text) and self._reply and not self._reply.done():
            self._reply.set_result(event)

    async def _ask(self, op: Command) -> Event:
        self._reply = asyncio.get_running_loop().create_future()
        await self._send(op)
        return await asyncio.wait_for(self._reply, REPLY_TIMEOUT_S)

    async def tare(self) -> None:
        """Firmware tare: the device zeroes on its current reading (it must be streaming)."""
        await self._send(Command.TARE_SCALE)

    async def start(self) -> None:
        self._wraps, self._last_us, self._first_us = 0, None, None
        self._streaming = True
        await self._send(Command.START_WEIGHT_MEAS)

    async def stop(self) -> None:
        self._streaming = False
        await self._send(Command.STOP_WEIGHT_MEAS)

    async def stream(self) -> AsyncIterator[Sample]:
        if not self._streaming:
            await self.start()
        while self._streaming or not self._samples.empty():
            yield await self._samples.get()

    async def battery_mv(self) -> int | None:
        """Battery voltage in millivolts (streaming stops first, as the protocol asks)."""
        if self._streaming:
            await self.stop()
        reply = await self._ask(Command.GET_BATTERY_VOLTAGE)
        return reply.millivolts if isinstance(reply, Battery) else None

    async def version(self) -> str | None:
        reply = await self._ask(Command.GET_APP_VERSION)
        return reply.text if isinstance(reply, Text) else None

    async def disconnect(self) -> None:
        if self._streaming:
            await self.stop()
        await self._send(Command.SLEEP)
        await self._transport.close()
