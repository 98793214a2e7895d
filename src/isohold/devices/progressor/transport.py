"""The Bluetooth transport (bleak): finds a device whose name starts with "Progressor",
subscribes to the data point and writes commands to the control point. It only moves bytes;
everything else is in client.py and protocol.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from isohold.devices.progressor.protocol import CONTROL_POINT, DATA_POINT, NAME_PREFIX

SCAN_TIMEOUT_S = 10.0


class DeviceNotFound(RuntimeError):
    pass


class BleakTransport:
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
                lambda d, _adv: (d.name or "").startswith(NAME_PREFIX), timeout=SCAN_TIMEOUT_S
            )
            if device is None:
                raise DeviceNotFound("no Progressor found: is it switched on and nearby?")
            address = device.address
        self._client = BleakClient(address)
        await self._client.connect()
        await self._client.start_notify(DATA_POINT, lambda _h, data: on_notify(bytes(data)))

    async def write(self, data: bytes) -> None:
        await self._client.write_gatt_char(CONTROL_POINT, data, response=True)

    async def close(self) -> None:
        if self._client is not None:
            await self._client.disconnect()
