"""Blood Pressure Measurement (0x2A35): every combination of its five flag bits from bytes laid
out by hand from the Bluetooth specification, IEEE-11073 SFLOAT values and the special values
that are refused, and the simulated cuff end to end."""

from __future__ import annotations

import asyncio
import struct
from datetime import datetime

import pytest

from isohold.devices.blood_pressure.client import CuffClient
from isohold.devices.blood_pressure.protocol import (
    MMHG_PER_KPA,
    BloodPressureMeasurement,
    ProtocolError,
    decode,
    encode,
    sfloat,
    to_sfloat,
)
from isohold.devices.blood_pressure.simulated import SimulatedCuff, sample_reading
from isohold.devices.registry import CUFF_KINDS, UnknownDevice, open_cuff


def _sf(mantissa: int, exponent: int = 0) -> bytes:
    """An SFLOAT laid out by hand: exponent in the high nibble, 12-bit two's-complement
    mantissa below it."""
    return struct.pack("<H", ((exponent & 0xF) << 12) | (mantissa & 0xFFF))


def _packet(flags: int, status: int = 0b101101) -> bytes:
    kpa = flags & 0x01
    exp = -1 if kpa else 0
    sys_, dia, mean = (170, 110, 130) if kpa else (138, 86, 103)  # 17.0/11.0/13.0 kPa
    out = bytes([flags]) + _sf(sys_, exp) + _sf(dia, exp) + _sf(mean, exp)
    if flags & 0x02:
        out += struct.pack("<HBBBBB", 2026, 11, 23, 7, 41, 9)
    if flags & 0x04:
        out += _sf(642, -1)  # 64.2 beats a minute
    if flags & 0x08:
        out += bytes([3])
    if flags & 0x10:
        out += struct.pack("<H", status)
    return out


@pytest.mark.parametrize("flags", range(32))
def test_every_flag_combination(flags: int) -> None:
    m = decode(_packet(flags))
    if flags & 0x01:
        assert (m.unit, m.systolic, m.diastolic, m.mean_arterial) == ("kPa", 17.0, 11.0, 13.0)
        assert m.mmhg()[0] == pytest.approx(17.0 * MMHG_PER_KPA)
        assert round(m.mmhg()[0]) == 128
    else:
        assert (m.unit, m.systolic, m.diastolic, m.mean_arterial) == ("mmHg", 138, 86, 103)
    assert m.time == (datetime(2026, 11, 23, 7, 41, 9) if flags & 0x02 else None)
    assert m.pulse == (64.2 if flags & 0x04 else None)
    assert m.user == (3 if flags & 0x08 else None)
    if flags & 0x10:
        # bits 0, 2, 3 and 5: movement, irregular pulse, pulse above range, position
        assert m.status == ("body_movement", "irregular_pulse", "position_improper",
                            "pulse_above_range")  # fmt: skip
    else:
        assert m.status is None


@pytest.mark.parametrize(
    "bits, codes",
    [
        (0x0000, ()),
        (0x0002, ("cuff_loose",)),
        (0x0010, ("pulse_below_range",)),
        (0x0018, ()),  # pulse range 3 is reserved
        (0xFFC0, ()),  # reserved bits
    ],
)
def test_status_bits(bits: int, codes: tuple[str, ...]) -> None:
    assert decode(_packet(0x10, bits)).status == codes


def test_unknown_user_and_unknown_time() -> None:
    packet = bytes([0x0A]) + _sf(120) + _sf(80) + _sf(93)
    packet += struct.pack("<HBBBBB", 0, 0, 0, 0, 0, 0) + bytes([0xFF])
    m = decode(packet)
    assert m.time is None and m.user is None


@pytest.mark.parametrize(
    "raw, value",
    [(0x0078, 120.0), (0x0FFF, -1.0), (0xF4D2, 123.4), (0xE3E8, 10.0), (0x1002, 20.0),
     (0x0000, 0.0), (0x7001, 10_000_000.0), (0x87FD, 2045e-8)],
)  # fmt: skip
def test_sfloat_values(raw: int, value: float) -> None:
    assert sfloat(raw) == pytest.approx(value)


@pytest.mark.parametrize(
    "raw, words",
    [(0x07FF, "NaN"), (0x0800, "NRes"), (0x07FE, r"\+INFINITY"), (0x0802, "-INFINITY"),
     (0x0801, "reserved")],
)  # fmt: skip
def test_sfloat_special_values_are_refused(raw: int, words: str) -> None:
    with pytest.raises(ProtocolError, match=words):
        sfloat(raw)


@pytest.mark.parametrize("field", range(4))  # systolic, diastolic, mean, pulse
@pytest.mark.parametrize("special", [0x07FF, 0x0800, 0x07FE, 0x0802])
def test_a_reading_holding_a_special_value_is_refused(field: int, special: int) -> None:
    values = [_sf(130), _sf(85), _sf(100), _sf(70)]
    values[field] = struct.pack("<H", special)
    packet = bytes([0x04]) + b"".join(values)
    with pytest.raises(ProtocolError, match="not a measurement"):
        decode(packet)


@pytest.mark.parametrize(
    "packet, words",
    [
        (b"\x00\x78\x00\x50", "three pressures"),
        (bytes([0x02]) + _sf(120) + _sf(80) + _sf(93) + b"\xea\x07", "time stamp"),
        (bytes([0x04]) + _sf(120) + _sf(80) + _sf(93), "pulse rate"),
        (bytes([0x10]) + _sf(120) + _sf(80) + _sf(93) + b"\x01", "measurement status"),
        (bytes([0x00]) + _sf(120) + _sf(80) + _sf(93) + b"\x00", "after the last field"),
        (bytes([0x02]) + _sf(120) + _sf(80) + _sf(93) + struct.pack("<HBBBBB", 2026, 2, 30,
                                                                     8, 0, 0), "real date"),
    ],
)  # fmt: skip
def test_malformed_readings_are_refused(packet: bytes, words: str) -> None:
    with pytest.raises(ProtocolError, match=words):
        decode(packet)


def test_encode_round_trip_and_sfloat_limits() -> None:
    m = BloodPressureMeasurement(16.5, 10.5, 12.5, "kPa", datetime(2026, 1, 2, 20, 5, 0), 71,
                                 None, ("cuff_loose", "pulse_below_range"))  # fmt: skip
    assert decode(encode(m, exponent=-1)) == m
    assert to_sfloat(-1) == 0x0FFF
    with pytest.raises(ValueError, match="12-bit"):
        to_sfloat(5000)


def test_simulated_cuff_sends_its_readings_and_the_client_collects_them() -> None:
    readings = [sample_reading(datetime(2026, 11, 23, 7, 30), 131, 83),
                sample_reading(datetime(2026, 11, 23, 7, 32), 129, 82)]  # fmt: skip
    cuff = SimulatedCuff(readings)
    got = asyncio.run(CuffClient(cuff).read(idle_s=1.0))
    assert got == readings
    assert [decode(p) for p in cuff.sent] == readings


def test_client_keeps_good_readings_and_names_refused_ones() -> None:
    class Odd:
        async def open(self, on_indicate, on_end):  # type: ignore[no-untyped-def]
            on_indicate(bytes([0]) + _sf(120) + _sf(80) + _sf(93))
            on_indicate(bytes([0]) + struct.pack("<H", 0x07FF) + _sf(80) + _sf(93))
            on_end()

        async def close(self) -> None:
            return None

    client = CuffClient(Odd())
    got = asyncio.run(client.read(idle_s=1.0))
    assert [(g.systolic, g.diastolic) for g in got] == [(120, 80)]
    assert client.refused and "NaN" in client.refused[0]


def test_registry_builds_cuffs_and_refuses_unknown_kinds() -> None:
    assert set(CUFF_KINDS) == {"simulated", "cuff"}
    assert open_cuff("simulated").name == "simulated cuff"
    with pytest.raises(UnknownDevice, match="allowed values: cuff, simulated"):
        open_cuff("omron")
