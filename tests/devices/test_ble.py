"""The Bluetooth transports over a stand-in for bleak (the radio is the one thing outside): each
finds its device by what it advertises, connects, hands on every notification as bytes, writes
commands where the device listens, reports a cuff hanging up, and says clearly when bleak is
missing or no device answers (the web pages read those words)."""

from __future__ import annotations

import asyncio
import sys
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from isohold.devices.ble import NO_BLEAK, DeviceNotFound
from isohold.devices.blood_pressure import protocol as cuff_protocol
from isohold.devices.blood_pressure.transport import BleakCuff
from isohold.devices.heart_rate import protocol as strap_protocol
from isohold.devices.heart_rate.transport import BleakStrap
from isohold.devices.progressor import protocol as progressor_protocol
from isohold.devices.progressor.transport import BleakTransport
from isohold.web.force_setup import sensor_problem


@dataclass
class Device:
    address: str
    name: str | None
    services: list[str]


@dataclass
class Advertisement:
    service_uuids: list[str]


@dataclass
class Radio:
    """What the stand-in bleak sees and what was done through it."""

    devices: list[Device] = field(default_factory=list)
    clients: list[Any] = field(default_factory=list)
    scans: int = 0


def _fake_bleak(radio: Radio) -> types.ModuleType:
    module = types.ModuleType("bleak")

    class BleakScanner:
        @staticmethod
        async def find_device_by_filter(
            matches: Callable[[Any, Any], bool], timeout: float
        ) -> Device | None:
            radio.scans += 1
            assert timeout > 0
            return next((d for d in radio.devices if matches(d, Advertisement(d.services))), None)

    class BleakClient:
        def __init__(
            self, address: str, disconnected_callback: Callable[[Any], None] | None = None
        ) -> None:
            self.address = address
            self.on_disconnect = disconnected_callback
            self.is_connected = False
            self.subscribed: dict[str, Callable[[Any, bytearray], None]] = {}
            self.written: list[tuple[str, bytes, bool]] = []
            radio.clients.append(self)

        async def connect(self) -> None:
            self.is_connected = True

        async def start_notify(self, uuid: str, callback: Callable[[Any, bytearray], None]) -> None:
            self.subscribed[uuid] = callback

        async def write_gatt_char(self, uuid: str, data: bytes, response: bool) -> None:
            self.written.append((uuid, bytes(data), response))

        async def disconnect(self) -> None:
            self.is_connected = False

        def hang_up(self) -> None:
            self.is_connected = False
            if self.on_disconnect is not None:
                self.on_disconnect(self)

    module.BleakScanner = BleakScanner  # type: ignore[attr-defined]
    module.BleakClient = BleakClient  # type: ignore[attr-defined]
    return module


@pytest.fixture
def radio(monkeypatch: pytest.MonkeyPatch) -> Iterator[Radio]:
    found = Radio()
    monkeypatch.setitem(sys.modules, "bleak", _fake_bleak(found))
    yield found


def test_the_progressor_is_found_by_name_and_takes_commands(radio: Radio) -> None:
    radio.devices = [Device("AA", "Polar H10", [strap_protocol.SERVICE]),
                     Device("BB", "Progressor_1234", [])]  # fmt: skip
    received: list[bytes] = []
    transport = BleakTransport()

    async def run() -> None:
        await transport.open(received.append)
        (client,) = radio.clients
        assert client.address == "BB" and client.is_connected
        client.subscribed[progressor_protocol.DATA_POINT](0, bytearray(b"\x01\x02"))
        await transport.write(b"\x65")
        assert client.written == [(progressor_protocol.CONTROL_POINT, b"\x65", True)]
        await transport.close()
        assert not client.is_connected

    asyncio.run(run())
    assert received == [b"\x01\x02"] and all(isinstance(b, bytes) for b in received)


def test_a_strap_is_found_by_its_service_and_an_address_needs_no_scan(radio: Radio) -> None:
    radio.devices = [Device("AA", "Progressor_1", []),
                     Device("CC", "HRM", [strap_protocol.SERVICE.upper()])]  # fmt: skip
    got: list[bytes] = []
    asyncio.run(BleakStrap().open(got.append))
    assert radio.clients[-1].address == "CC" and radio.scans == 1
    asyncio.run(BleakStrap(address="DD").open(got.append))
    assert radio.clients[-1].address == "DD" and radio.scans == 1
    assert strap_protocol.MEASUREMENT in radio.clients[-1].subscribed


def test_a_cuff_hanging_up_is_reported(radio: Radio) -> None:
    radio.devices = [Device("EE", "BP7000", [cuff_protocol.SERVICE])]
    ended: list[bool] = []
    readings: list[bytes] = []
    cuff = BleakCuff()

    async def run() -> None:
        await cuff.open(readings.append, lambda: ended.append(True))
        (client,) = radio.clients
        client.subscribed[cuff_protocol.MEASUREMENT](0, bytearray(b"\x1e"))
        client.hang_up()
        await cuff.close()  # already gone: nothing more to do

    asyncio.run(run())
    assert readings == [b"\x1e"] and ended == [True]


@pytest.mark.parametrize(
    ("transport", "words"),
    [(BleakTransport, "no Progressor found"), (BleakStrap, "no heart-rate strap found"),
     (BleakCuff, "no blood-pressure cuff found")],
)  # fmt: skip
def test_no_device_in_range_is_said_plainly(radio: Radio, transport: Any, words: str) -> None:
    with pytest.raises(DeviceNotFound, match=words):
        if transport is BleakCuff:
            asyncio.run(transport().open(lambda _b: None, lambda: None))
        else:
            asyncio.run(transport().open(lambda _b: None))
    assert radio.clients == []


def test_without_bleak_the_pages_say_bluetooth_support_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "bleak", None)  # import bleak raises ImportError
    with pytest.raises(DeviceNotFound) as caught:
        asyncio.run(BleakStrap().open(lambda _b: None))
    assert str(caught.value) == NO_BLEAK
    assert sensor_problem(caught.value).code == "no-bluetooth-support"
