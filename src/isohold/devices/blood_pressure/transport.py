"""A blood-pressure cuff's Bluetooth transport: finds a cuff that advertises the Blood Pressure
Service (or the address given), subscribes to its measurement indications and reports when the
cuff disconnects (cuffs hang up once they have sent their readings). devices/ble.py moves the
bytes; protocol.py decodes them."""

from __future__ import annotations

from collections.abc import Callable

from isohold.devices.ble import BleLink, advertises
from isohold.devices.blood_pressure.protocol import MEASUREMENT, SERVICE

SCAN_TIMEOUT_S = 20.0
NOT_FOUND = (
    "no blood-pressure cuff found: take a reading, then connect while the cuff shows its "
    "Bluetooth symbol"
)


class BleakCuff:
    def __init__(self, address: str | None = None) -> None:
        self.link = BleLink(advertises(SERVICE), NOT_FOUND, SCAN_TIMEOUT_S, address)

    async def open(self, on_indicate: Callable[[bytes], None], on_end: Callable[[], None]) -> None:
        await self.link.open(MEASUREMENT, on_indicate, on_end)

    async def close(self) -> None:
        await self.link.close()
