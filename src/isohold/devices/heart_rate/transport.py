"""The Bluetooth transport (bleak): finds a device that advertises the Heart Rate Service (or
the address given) and subscribes to its measurement characteristic. It only moves bytes;
decoding is protocol.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from isohold.devices.heart_rate.protocol import MEASUREMENT, SERVICE

SCAN_TIMEOUT_S = 10.0


class DeviceNotFound(RuntimeError):
    pass


class BleakStrap:
    def __init__(self, address: str | None = None) -> None:
        self.address = address
        self._client: Any = None

    async def open(self, on_notify: Callable[[bytes], None]) -> None:
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
                    "no heart-rate strap found: is it on your chest, moistened and nearby?"
                )
            address = device.address
        self._client = BleakClient(address)
        await self._client.connect()
        await self._client.start_notify(MEASUREMENT, lambda _h, data: on_notify(bytes(data)))

    async def close(self) -> None:
        if self._client is not None:
            await self._client.disconnect()
            self._client = None
