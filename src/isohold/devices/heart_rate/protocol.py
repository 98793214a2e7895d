"""The Bluetooth Heart Rate Service (0x180D): its Heart Rate Measurement characteristic (0x2A37)
as pure functions from notification bytes to a measurement and back.

Layout of one notification (Bluetooth SIG, Heart Rate Service 1.0 and the GATT specification
supplement), all numbers little-endian:

    byte 0      flags
                  bit 0     heart rate format: 0 = uint8, 1 = uint16
                  bits 1-2  sensor contact: bit 2 = contact feature supported,
                            bit 1 = contact detected (meaningful only when bit 2 is set)
                  bit 3     energy expended present (uint16, kilojoules)
                  bit 4     RR intervals present (uint16 each, in 1/1024 s)
                  bits 5-7  reserved for future use (ignored, as the specification asks)
    then        heart rate (uint8 or uint16, beats a minute)
    then        energy expended, when flagged
    then        zero or more RR intervals, when flagged (all bytes to the end)
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

SERVICE = "0000180d-0000-1000-8000-00805f9b34fb"
MEASUREMENT = "00002a37-0000-1000-8000-00805f9b34fb"

FORMAT_UINT16 = 0x01
CONTACT_DETECTED = 0x02
CONTACT_SUPPORTED = 0x04
ENERGY_PRESENT = 0x08
RR_PRESENT = 0x10
#: the flag bits that carry meaning; the others are reserved
KNOWN_FLAGS = FORMAT_UINT16 | CONTACT_DETECTED | CONTACT_SUPPORTED | ENERGY_PRESENT | RR_PRESENT
#: RR intervals are counted in 1/1024 of a second
RR_PER_S = 1024


class ProtocolError(ValueError):
    """A notification that does not follow the Heart Rate Measurement layout."""


@dataclass(frozen=True, slots=True)
class HeartRateMeasurement:
    bpm: int
    #: True or False when the strap reports skin contact; None when it cannot tell
    contact: bool | None = None
    energy_kj: int | None = None
    #: beat-to-beat intervals in seconds (as sent, 1/1024 s resolution)
    rr_s: tuple[float, ...] = ()


def decode(packet: bytes) -> HeartRateMeasurement:
    """One notification to a measurement; ProtocolError when its bytes do not fit its flags."""
    if len(packet) < 2:
        raise ProtocolError(f"a measurement needs at least 2 bytes, got {len(packet)}")
    flags = packet[0]
    at = 1
    if flags & FORMAT_UINT16:
        if len(packet) < at + 2:
            raise ProtocolError("the flags announce a 16-bit heart rate but 1 byte came")
        (bpm,) = struct.unpack_from("<H", packet, at)
        at += 2
    else:
        bpm = packet[at]
        at += 1
    contact: bool | None = None
    if flags & CONTACT_SUPPORTED:
        contact = bool(flags & CONTACT_DETECTED)
    energy: int | None = None
    if flags & ENERGY_PRESENT:
        if len(packet) < at + 2:
            raise ProtocolError("the flags announce energy expended but its 2 bytes are missing")
        (energy,) = struct.unpack_from("<H", packet, at)
        at += 2
    rr: tuple[float, ...] = ()
    rest = packet[at:]
    if flags & RR_PRESENT:
        if len(rest) % 2:
            raise ProtocolError(f"RR intervals take 2 bytes each; {len(rest)} byte(s) are left")
        rr = tuple(n / RR_PER_S for (n,) in struct.iter_unpack("<H", rest))
    elif rest:
        raise ProtocolError(f"{len(rest)} byte(s) after the last field the flags announce")
    return HeartRateMeasurement(bpm, contact, energy, rr)


def encode(m: HeartRateMeasurement, *, uint16: bool = False, reserved: int = 0) -> bytes:
    """The notification a strap sends for `m` (the simulator and tests use it). `uint16` sends
    the heart rate in two bytes; `reserved` sets reserved flag bits (receivers ignore them)."""
    flags = reserved & ~KNOWN_FLAGS & 0xFF
    body = b""
    if uint16 or m.bpm > 0xFF:
        flags |= FORMAT_UINT16
        body += struct.pack("<H", m.bpm)
    else:
        body += struct.pack("<B", m.bpm)
    if m.contact is not None:
        flags |= CONTACT_SUPPORTED | (CONTACT_DETECTED if m.contact else 0)
    if m.energy_kj is not None:
        flags |= ENERGY_PRESENT
        body += struct.pack("<H", m.energy_kj)
    if m.rr_s:
        flags |= RR_PRESENT
        body += b"".join(struct.pack("<H", round(r * RR_PER_S)) for r in m.rr_s)
    return bytes([flags]) + body
