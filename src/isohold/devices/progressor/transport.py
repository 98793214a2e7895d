"""The Progressor's Bluetooth transport: finds a device whose name starts with "Progressor",
subscribes to the data point and writes commands to the control point (devices/ble.py moves
the bytes; client.py and protocol.py do everything else)."""

from __future__ import annotations

from collections.abc import Callable

from isohold.devices.ble import BleLink, DeviceNotFound
from isohold.devices.progressor.protocol import CONTROL_POINT, DATA_POINT, NAME_PREFIX

__all__ = ["BleakTransport", "DeviceNotFound"]

SCAN_TIMEOUT_S = 10.0
NOT_FOUND = "no Progressor found: is it switched on and nearby?"


class BleakTransport:
    def __init__(self, address: str | None = None) -> None:
        self.link = BleLink(lambda d, _adv: (d.name or "").startswith(NAME_PREFIX), NOT_FOUND,
                            SCAN_TIMEOUT_S, address)  # fmt: skip

    async def open(self, on_notify: Callable[[bytes], None]) -> None:
        await self.link.open(DATA_POINT, on_notify)

    async def write(self, data: bytes) -> None:
        await self.link.write(CONTROL_POINT, data)

    async def close(self) -> None:
        await self.link.close()
