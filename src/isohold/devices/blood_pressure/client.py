"""The cuff client: collects the readings a cuff sends when it connects (the one just taken and
any it kept in its memory), from Bluetooth or the simulator."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Protocol

from isohold.devices.blood_pressure.protocol import BloodPressureMeasurement, decode

#: a cuff that sends nothing more for this long has sent everything
IDLE_S = 5.0


class Transport(Protocol):
    async def open(self, on_indicate: Callable[[bytes], None], on_end: Callable[[], None]) -> None:
        """Connect; `on_indicate` gets each measurement, `on_end` when the cuff is done."""

    async def close(self) -> None: ...


class CuffClient:
    def __init__(self, transport: Transport, name: str = "blood-pressure cuff") -> None:
        self.name = name
        #: indications that did not follow the layout or held no number (skipped, with why)
        self.refused: list[str] = []
        self._transport = transport
        self._got: asyncio.Queue[BloodPressureMeasurement | None] = asyncio.Queue()

    def _on_indicate(self, data: bytes) -> None:
        try:
            self._got.put_nowait(decode(data))
        except ValueError as error:
            self.refused.append(str(error))

    def _on_end(self) -> None:
        self._got.put_nowait(None)

    async def read(self, idle_s: float = IDLE_S) -> list[BloodPressureMeasurement]:
        """Connect, collect every reading until the cuff is done (or quiet for `idle_s`), close."""
        await self._transport.open(self._on_indicate, self._on_end)
        out: list[BloodPressureMeasurement] = []
        try:
            while True:
                try:
                    m = await asyncio.wait_for(self._got.get(), idle_s)
                except TimeoutError:
                    break
                if m is None:
                    break
                out.append(m)
        finally:
            with contextlib.suppress(Exception):
                await self._transport.close()
        return out
