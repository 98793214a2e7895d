"""The Tindeq Progressor BLE protocol, as pure functions from commands to bytes and from
notification bytes to events (facts: ../shared/clinical/force-methods.md section 1).

Commands are written to the control point as a single opcode byte (a 2-byte TLV form with a
zero length is also accepted by the device). Notifications on the data point are TLV:
byte 0 response code, byte 1 payload length, then the little-endian payload.
"""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass
from enum import IntEnum

SERVICE = "7e4e1701-1ea6-40c9-9dcc-13d34ffead57"
DATA_POINT = "7e4e1702-1ea6-40c9-9dcc-13d34ffead57"
CONTROL_POINT = "7e4e1703-1ea6-40c9-9dcc-13d34ffead57"
NAME_PREFIX = "Progressor"
KG_TO_N = 9.80665
NOMINAL_RATE_HZ = 80.0


class Command(IntEnum):
    TARE_SCALE = 0x64
    START_WEIGHT_MEAS = 0x65
    STOP_WEIGHT_MEAS = 0x66
    START_PEAK_RFD_MEAS = 0x67
    START_PEAK_RFD_MEAS_SERIES = 0x68
    ADD_CALIBRATION_POINT = 0x69
    SAVE_CALIBRATION = 0x6A
    GET_APP_VERSION = 0x6B
    GET_ERROR_INFORMATION = 0x6C
    CLR_ERROR_INFORMATION = 0x6D
    SLEEP = 0x6E
    GET_BATTERY_VOLTAGE = 0x6F


class Response(IntEnum):
    COMMAND_RESPONSE = 0x00
    WEIGHT_MEASUREMENT = 0x01
    RFD_PEAK = 0x02
    RFD_PEAK_SERIES = 0x03
    LOW_POWER_WARNING = 0x04


class ProtocolError(ValueError):
    """A notification that does not follow the protocol."""


@dataclass(frozen=True, slots=True)
class Weights:
    samples: tuple[tuple[float, int], ...]  # (kg, device microseconds as uint32)


@dataclass(frozen=True, slots=True)
class Battery:
    millivolts: int


@dataclass(frozen=True, slots=True)
class Text:
    kind: str  # "version" | "error-info"
    text: str


@dataclass(frozen=True, slots=True)
class LowPower:
    pass


@dataclass(frozen=True, slots=True)
class Unsupported:
    code: int
    payload: bytes


Event = Weights | Battery | Text | LowPower | Unsupported


def command(op: Command) -> bytes:
    return bytes([op])


def decode(packet: bytes, last_command: Command | None = None) -> Event:
    """One notification to an event. Command responses carry no opcode, so the last command
    sent decides how a code-0 payload reads."""
    if len(packet) < 2:
        raise ProtocolError(f"notification of {len(packet)} byte(s) is shorter than its header")
    code, length = packet[0], packet[1]
    payload = bytes(packet[2:])
    if len(payload) != length:
        raise ProtocolError(f"length byte says {length} but {len(payload)} payload bytes came")
    if code == Response.WEIGHT_MEASUREMENT:
        if length % 8:
            raise ProtocolError(f"weight payload of {length} bytes is not a multiple of 8")
        samples = tuple(
            (kg, us)
            for kg, us in struct.iter_unpack("<fI", payload)
            if not math.isnan(kg) and not math.isinf(kg)
        )
        return Weights(samples)
    if code == Response.LOW_POWER_WARNING:
        return LowPower()
    if code == Response.COMMAND_RESPONSE:
        if last_command == Command.GET_BATTERY_VOLTAGE:
            if length != 4:
                raise ProtocolError(f"battery reply of {length} bytes, expected 4")
            return Battery(struct.unpack("<I", payload)[0])
        if last_command == Command.GET_APP_VERSION:
            return Text("version", payload.decode("utf-8", errors="replace"))
        if last_command == Command.GET_ERROR_INFORMATION:
            return Text("error-info", payload.decode("utf-8", errors="replace"))
    return Unsupported(code, payload)


def encode_weights(samples: list[tuple[float, int]]) -> bytes:
    """The notification a device sends for these samples (used by the simulator and tests)."""
    payload = b"".join(struct.pack("<fI", kg, us % 2**32) for kg, us in samples)
    return bytes([Response.WEIGHT_MEASUREMENT, len(payload)]) + payload


def encode_battery(millivolts: int) -> bytes:
    return bytes([Response.COMMAND_RESPONSE, 4]) + struct.pack("<I", millivolts)


def encode_text(text: str) -> bytes:
    data = text.encode("utf-8")
    return bytes([Response.COMMAND_RESPONSE, len(data)]) + data
