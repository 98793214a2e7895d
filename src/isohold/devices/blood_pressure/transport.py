"""The Bluetooth transport (bleak): finds a cuff that advertises the Blood Pressure Service (or
the address given), subscribes to its measurement indications and reports when the cuff
disconnects (cuffs hang up once they have sent their readings). It only moves bytes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from isohold.devices.blood_pressure.protocol import MEASUREMENT, SERVICE

SCAN_TIMEOUT_S = 20.0


class DeviceNotFound(RuntimeError):
    pass


class BleakCuff:
    def __init__(self, address: str | None = None) -> None:
        self.address = address
        self._client: Any = None

    async def open(self, on_indicate: Callable[[bytes], None], on_end: Callable[[], None]) -> None:
        try:
            from bleak import BleakClient, BleakScanner
        except ImportError:
            raise DeviceNotFound(
                "Bluetooth support is not installed: pip install bleak (or use --device simulated)"
            ) from None
        address = self.address
        if address is None:
            device = await BleakScanner.find_device_by_filter(
                lambda _d, adv: SERVICE in [u.lower() for u in adv.service_uuids],
                timeout=SCAN_TIMEOUT_S,
            )
            if device is None:
                raise DeviceNotFound(
                    "no blood-pressure cuff found: take a reading, then connect while the cuff "
                    "shows its Bluetooth symbol"
                )
            address = device.address
        self._client = BleakClient(address, disconnected_callback=lambda _c: on_end())
        await self._client.connect()
        await self._client.start_notify(MEASUREMENT, lambda _h, data: on_indicate(bytes(data)))

    async def close(self) -> None:
        if self._client is not None and self._client.is_connected:
            await self._client.disconnect()
        self._client = None
