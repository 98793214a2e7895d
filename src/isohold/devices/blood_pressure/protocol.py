"""The Bluetooth Blood Pressure Service (0x1810): its Blood Pressure Measurement characteristic
(0x2A35, sent as indications) as pure functions from bytes to a reading and back.

Layout (Bluetooth SIG, Blood Pressure Service 1.1 and the GATT specification supplement),
little-endian:

    byte 0      flags
                  bit 0     units: 0 = mmHg, 1 = kPa
                  bit 1     time stamp present
                  bit 2     pulse rate present
                  bit 3     user id present
                  bit 4     measurement status present
                  bits 5-7  reserved for future use (ignored)
    2 bytes     systolic        SFLOAT
    2 bytes     diastolic       SFLOAT
    2 bytes     mean arterial   SFLOAT
    7 bytes     time stamp      year uint16, month, day, hours, minutes, seconds (uint8 each);
                                year, month or day 0 means "not known"
    2 bytes     pulse rate      SFLOAT, beats a minute
    1 byte      user id         0xFF means "unknown user"
    2 bytes     status          bit 0 body movement, bit 1 cuff too loose, bit 2 irregular
                                pulse, bits 3-4 pulse rate range (0 within, 1 above, 2 below),
                                bit 5 improper measurement position; bits 6-15 reserved

SFLOAT (IEEE 11073-20601) is a 16-bit number: a 4-bit signed exponent (high nibble) and a
12-bit signed mantissa; value = mantissa x 10^exponent. Five raw values are not numbers: NaN
0x07FF, NRes (not at this resolution) 0x0800, +INFINITY 0x07FE, -INFINITY 0x0802 and the
reserved 0x0801. A reading holding one of them is refused: it is not a measurement.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from datetime import datetime

SERVICE = "00001810-0000-1000-8000-00805f9b34fb"
MEASUREMENT = "00002a35-0000-1000-8000-00805f9b34fb"

UNITS_KPA = 0x01
TIME_PRESENT = 0x02
PULSE_PRESENT = 0x04
USER_PRESENT = 0x08
STATUS_PRESENT = 0x10
KNOWN_FLAGS = UNITS_KPA | TIME_PRESENT | PULSE_PRESENT | USER_PRESENT | STATUS_PRESENT
UNKNOWN_USER = 0xFF
#: 1 kPa in mmHg (101.325 kPa = 760 mmHg)
MMHG_PER_KPA = 760 / 101.325

SPECIAL_SFLOAT = {
    0x07FF: "NaN (not a number)",
    0x0800: "NRes (not at this resolution)",
    0x07FE: "+INFINITY",
    0x0802: "-INFINITY",
    0x0801: "a reserved value",
}

#: measurement status bits, by the code isohold stores
STATUS_BITS = {
    "body_movement": 0x0001,
    "cuff_loose": 0x0002,
    "irregular_pulse": 0x0004,
    "position_improper": 0x0020,
}
PULSE_RANGE_SHIFT = 3
PULSE_RANGE = {1: "pulse_above_range", 2: "pulse_below_range"}


class ProtocolError(ValueError):
    """An indication that does not follow the Blood Pressure Measurement layout."""


@dataclass(frozen=True, slots=True)
class BloodPressureMeasurement:
    systolic: float
    diastolic: float
    mean_arterial: float
    unit: str = "mmHg"  # mmHg | kPa, as sent
    #: the cuff's own clock, when it sent one (a local time without a zone)
    time: datetime | None = None
    pulse: float | None = None
    user: int | None = None
    #: status codes the cuff reported (STATUS_BITS, PULSE_RANGE); None when it sent no status
    status: tuple[str, ...] | None = None

    def mmhg(self) -> tuple[float, float, float]:
        """Systolic, diastolic and mean arterial pressure in mmHg."""
        k = MMHG_PER_KPA if self.unit == "kPa" else 1.0
        return self.systolic * k, self.diastolic * k, self.mean_arterial * k


def sfloat(raw: int, name: str = "value") -> float:
    """A 16-bit SFLOAT to a number; ProtocolError for NaN, NRes, +-INFINITY and reserved."""
    if raw in SPECIAL_SFLOAT:
        raise ProtocolError(f"{name} is {SPECIAL_SFLOAT[raw]}, not a measurement")
    exponent = raw >> 12
    mantissa = raw & 0x0FFF
    if exponent >= 8:
        exponent -= 16
    if mantissa >= 0x0800:
        mantissa -= 0x1000
    value = mantissa * 10.0**exponent
    return round(value, max(0, -exponent))


def to_sfloat(value: float, exponent: int = 0) -> int:
    """`value` as an SFLOAT with this exponent (-8..7); ValueError when it does not fit."""
    if not -8 <= exponent <= 7:
        raise ValueError(f"exponent {exponent} is outside -8..7")
    mantissa = round(value / 10.0**exponent)
    if not -2046 <= mantissa <= 2045:
        raise ValueError(f"{value} does not fit a 12-bit mantissa at exponent {exponent}")
    raw = ((exponent & 0x0F) << 12) | (mantissa & 0x0FFF)
    if raw in SPECIAL_SFLOAT:  # cannot happen for mantissas within the range above
        raise ValueError(f"{value} encodes to a special value")
    return raw


def _time(packet: bytes, at: int) -> datetime | None:
    year, month, day, hours, minutes, seconds = struct.unpack_from("<HBBBBB", packet, at)
    if year == 0 or month == 0 or day == 0:
        return None
    try:
        return datetime(year, month, day, hours, minutes, seconds)
    except ValueError:
        raise ProtocolError(
            f"time stamp {year:04d}-{month:02d}-{day:02d} {hours:02d}:{minutes:02d}:"
            f"{seconds:02d} is not a real date and time"
        ) from None


def _status(bits: int) -> tuple[str, ...]:
    codes = [code for code, bit in STATUS_BITS.items() if bits & bit]
    pulse = (bits >> PULSE_RANGE_SHIFT) & 0x3
    if pulse in PULSE_RANGE:
        codes.append(PULSE_RANGE[pulse])
    return tuple(codes)


def _need(packet: bytes, at: int, size: int, what: str) -> None:
    if len(packet) < at + size:
        raise ProtocolError(f"the reading ends before its {what} ({size} bytes)")


def decode(packet: bytes) -> BloodPressureMeasurement:
    """One indication to a reading; ProtocolError when its bytes do not fit its flags or a
    value is not a number."""
    _need(packet, 0, 7, "flags and three pressures")
    flags = packet[0]
    raw_sys, raw_dia, raw_map = struct.unpack_from("<HHH", packet, 1)
    systolic = sfloat(raw_sys, "systolic")
    diastolic = sfloat(raw_dia, "diastolic")
    mean = sfloat(raw_map, "mean arterial pressure")
    at = 7
    time = None
    if flags & TIME_PRESENT:
        _need(packet, at, 7, "time stamp")
        time = _time(packet, at)
        at += 7
    pulse = None
    if flags & PULSE_PRESENT:
        _need(packet, at, 2, "pulse rate")
        pulse = sfloat(struct.unpack_from("<H", packet, at)[0], "pulse rate")
        at += 2
    user = None
    if flags & USER_PRESENT:
        _need(packet, at, 1, "user id")
        user = None if packet[at] == UNKNOWN_USER else packet[at]
        at += 1
    status = None
    if flags & STATUS_PRESENT:
        _need(packet, at, 2, "measurement status")
        status = _status(struct.unpack_from("<H", packet, at)[0])
        at += 2
    if len(packet) != at:
        raise ProtocolError(f"{len(packet) - at} byte(s) after the last field the flags announce")
    return BloodPressureMeasurement(
        systolic, diastolic, mean, "kPa" if flags & UNITS_KPA else "mmHg", time, pulse, user,
        status,
    )  # fmt: skip


def status_bits(codes: tuple[str, ...]) -> int:
    bits = 0
    for code in codes:
        if code in STATUS_BITS:
            bits |= STATUS_BITS[code]
        for value, name in PULSE_RANGE.items():
            if code == name:
                bits |= value << PULSE_RANGE_SHIFT
    return bits


def encode(m: BloodPressureMeasurement, *, exponent: int = 0, reserved: int = 0) -> bytes:
    """The indication a cuff sends for `m` (the simulator and tests use it); pressures are
    written at this SFLOAT exponent (kPa readings usually use -1)."""
    flags = (reserved & ~KNOWN_FLAGS & 0xFF) | (UNITS_KPA if m.unit == "kPa" else 0)
    body = struct.pack("<HHH", to_sfloat(m.systolic, exponent), to_sfloat(m.diastolic, exponent),
                       to_sfloat(m.mean_arterial, exponent))  # fmt: skip
    if m.time is not None:
        flags |= TIME_PRESENT
        t = m.time
        body += struct.pack("<HBBBBB", t.year, t.month, t.day, t.hour, t.minute, t.second)
    if m.pulse is not None:
        flags |= PULSE_PRESENT
        body += struct.pack("<H", to_sfloat(m.pulse, 0 if float(m.pulse).is_integer() else -1))
    if m.user is not None:
        flags |= USER_PRESENT
        body += bytes([m.user])
    if m.status is not None:
        flags |= STATUS_PRESENT
        body += struct.pack("<H", status_bits(m.status))
    return bytes([flags]) + body
