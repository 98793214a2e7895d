"""What every force sensor offers the flows (MVC test, %MVC holds), whatever the device."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Sample:
    t_s: float  # device time in seconds since the stream's first sample (unwrapped)
    force_n: float


class ForceSensor(Protocol):
    name: str

    async def connect(self) -> None: ...

    async def tare(self) -> None: ...

    def stream(self) -> AsyncIterator[Sample]: ...

    async def stop(self) -> None:
        """End the stream: samples already received are still delivered, then it finishes."""

    async def battery_mv(self) -> int | None: ...

    async def disconnect(self) -> None: ...
