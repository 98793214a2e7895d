"""One Bluetooth LE link through bleak, for every device isohold talks to (the Progressor, a
heart-rate strap, a blood-pressure cuff): find the device (the address given, or the first one
the scan matches), connect, subscribe to one characteristic, write to another, disconnect. It
only moves bytes; each device's protocol.py decodes them and its transport.py names what to
look for. bleak is imported only when a link opens, so the simulators need no Bluetooth."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: the words the web pages look for to say Bluetooth support is missing (web/force_setup.py)
NO_BLEAK = "Bluetooth support is not installed: pip install bleak (or use --device simulated)"


class DeviceNotFound(RuntimeError):
    """No device answered the scan, or bleak is not installed."""


class BleLink:
    """`matches(device, advertisement)` picks the device in a scan of `scan_timeout_s`;
    `not_found` is the message when none does."""

    def __init__(
        self,
        matches: Callable[[Any, Any], bool],
        not_found: str,
        scan_timeout_s: float,
        address: str | None = None,
    ) -> None:
        self.matches = matches
        self.not_found = not_found
        self.scan_timeout_s = scan_timeout_s
        self.address = address
        self._client: Any = None

    async def open(
        self,
        characteristic: str,
        on_data: Callable[[bytes], None],
        on_end: Callable[[], None] | None = None,
    ) -> None:
        """Connect and deliver each notification (or indication) of `characteristic`;
        `on_end` is called when the device disconnects."""
        try:
            from bleak import BleakClient, BleakScanner
        except ImportError:
            raise DeviceNotFound(NO_BLEAK) from None
        address = self.address
        if address is None:
            device = await BleakScanner.find_device_by_filter(
                self.matches, timeout=self.scan_timeout_s
            )
            if device is None:
                raise DeviceNotFound(self.not_found)
            address = device.address
        if on_end is None:
            self._client = BleakClient(address)
        else:
            ended = on_end
            self._client = BleakClient(address, disconnected_callback=lambda _c: ended())
        await self._client.connect()
        await self._client.start_notify(characteristic, lambda _h, data: on_data(bytes(data)))

    async def write(self, characteristic: str, data: bytes) -> None:
        await self._client.write_gatt_char(characteristic, data, response=True)

    async def close(self) -> None:
        if self._client is not None and self._client.is_connected:
            await self._client.disconnect()
        self._client = None


def advertises(service: str) -> Callable[[Any, Any], bool]:
    """A scan filter: the device advertises this service UUID (lower case)."""
    return lambda _device, adv: service in [u.lower() for u in adv.service_uuids]
