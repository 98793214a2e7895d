"""The Progressor codec against constructed packets (force-methods.md section 1.4)."""

from __future__ import annotations

import struct

import pytest

from isohold.devices.progressor.protocol import (
    Battery,
    Command,
    LowPower,
    ProtocolError,
    Text,
    Unsupported,
    Weights,
    command,
    decode,
    encode_weights,
)


def test_worked_example_two_weight_samples() -> None:
    packet = bytes.fromhex("01 10 00 00 20 41 40 42 0f 00 00 00 28 41 d8 6e 0f 00")
    event = decode(packet)
    assert event == Weights(((10.0, 1_000_000), (10.5, 1_011_416)))


def test_battery_reply_needs_the_last_command() -> None:
    packet = bytes.fromhex("00 04 93 0f 00 00")
    assert decode(packet, Command.GET_BATTERY_VOLTAGE) == Battery(3987)
    assert isinstance(decode(packet, None), Unsupported)


def test_version_and_low_power() -> None:
    assert decode(b"\x00\x051.2.3", Command.GET_APP_VERSION) == Text("version", "1.2.3")
    assert decode(b"\x04\x00") == LowPower()


def test_timestamps_are_unsigned() -> None:
    packet = encode_weights([(1.0, 2**32 - 1)])
    assert decode(packet) == Weights(((1.0, 2**32 - 1),))


def test_nan_samples_are_skipped() -> None:
    payload = struct.pack("<fI", float("nan"), 10) + struct.pack("<fI", 2.0, 20)
    assert decode(bytes([1, 16]) + payload) == Weights(((2.0, 20),))


@pytest.mark.parametrize(
    ("packet", "message"),
    [
        (b"\x01", "shorter than its header"),
        (b"\x01\x08\x00\x00", "length byte says 8"),
        (b"\x01\x03abc", "not a multiple of 8"),
        (b"\x00\x02ab", "battery reply of 2 bytes"),
    ],
)
def test_bad_packets(packet: bytes, message: str) -> None:
    last = Command.GET_BATTERY_VOLTAGE if packet[0] == 0 else None
    with pytest.raises(ProtocolError, match=message):
        decode(packet, last)


def test_commands_are_single_opcode_bytes() -> None:
    assert command(Command.START_WEIGHT_MEAS) == b"e"
    assert command(Command.TARE_SCALE) == b"d"
    assert command(Command.GET_BATTERY_VOLTAGE) == b"o"
