"""A heart-rate strap's Bluetooth transport: finds a device that advertises the Heart Rate
Service (or the address given) and subscribes to its measurement characteristic
(devices/ble.py moves the bytes; protocol.py decodes them)."""

from __future__ import annotations

from collections.abc import Callable

from isohold.devices.ble import BleLink, advertises
from isohold.devices.heart_rate.protocol import MEASUREMENT, SERVICE

SCAN_TIMEOUT_S = 10.0
NOT_FOUND = "no heart-rate strap found: is it on your chest, moistened and nearby?"


class BleakStrap:
    def __init__(self, address: str | None = None) -> None:
        self.link = BleLink(advertises(SERVICE), NOT_FOUND, SCAN_TIMEOUT_S, address)

    async def open(self, on_notify: Callable[[bytes], None]) -> None:
        await self.link.open(MEASUREMENT, on_notify)

    async def close(self) -> None:
        await self.link.close()
