"""Heart Rate Measurement (0x2A37): every combination of its five flag bits, decoded from bytes
laid out by hand from the Bluetooth specification, and the simulated strap end to end."""

from __future__ import annotations

import asyncio
import itertools
import struct

import pytest

from isohold.devices.heart_rate.client import HeartRateClient
from isohold.devices.heart_rate.protocol import (
    HeartRateMeasurement,
    ProtocolError,
    decode,
    encode,
)
from isohold.devices.heart_rate.simulated import SimulatedStrap
from isohold.devices.registry import STRAP_KINDS, UnknownDevice, open_strap


def _packet(flags: int, bpm: int, energy: int, rr: list[int]) -> bytes:
    """The bytes of the specification's layout: flags, then the fields the flags announce."""
    out = bytes([flags])
    out += struct.pack("<H", bpm) if flags & 0x01 else struct.pack("<B", bpm)
    if flags & 0x08:
        out += struct.pack("<H", energy)
    if flags & 0x10:
        out += b"".join(struct.pack("<H", r) for r in rr)
    return out


@pytest.mark.parametrize("flags", range(32))
def test_every_flag_combination(flags: int) -> None:
    bpm = 300 if flags & 0x01 else 142  # a 16-bit value must be read as two bytes
    rr = [612, 598, 1024]  # 1/1024 s each
    m = decode(_packet(flags, bpm, 1234, rr))
    assert m.bpm == bpm
    contact = {0b000: None, 0b010: None, 0b100: False, 0b110: True}[flags & 0b110]
    assert m.contact is contact
    assert m.energy_kj == (1234 if flags & 0x08 else None)
    assert m.rr_s == (tuple(r / 1024 for r in rr) if flags & 0x10 else ())


@pytest.mark.parametrize("reserved", [0x20, 0x40, 0x80, 0xE0])
def test_reserved_flag_bits_are_ignored(reserved: int) -> None:
    assert decode(bytes([reserved | 0x06, 75])) == HeartRateMeasurement(75, True)


def test_a_packet_from_the_specification_example() -> None:
    # uint8 heart rate 72, contact supported and detected, RR present: two intervals
    packet = bytes([0x16, 72]) + struct.pack("<HH", 853, 845)
    m = decode(packet)
    assert (m.bpm, m.contact, m.energy_kj) == (72, True, None)
    assert m.rr_s == pytest.approx((853 / 1024, 845 / 1024))


@pytest.mark.parametrize(
    "packet, words",
    [
        (b"", "at least 2 bytes"),
        (b"\x00", "at least 2 bytes"),
        (b"\x01\x48", "16-bit heart rate"),
        (b"\x08\x48\x01", "energy expended"),
        (b"\x10\x48\x01\x02\x03", "2 bytes each"),
        (b"\x00\x48\x00", "after the last field"),
    ],
)
def test_malformed_packets_are_refused(packet: bytes, words: str) -> None:
    with pytest.raises(ProtocolError, match=words):
        decode(packet)


@pytest.mark.parametrize("flags", range(32))
def test_encode_then_decode_is_the_same_measurement(flags: int) -> None:
    contact = {0b000: None, 0b010: None, 0b100: False, 0b110: True}[flags & 0b110]
    m = HeartRateMeasurement(
        88, contact, 55 if flags & 0x08 else None, (0.75, 0.5) if flags & 0x10 else ()
    )
    assert decode(encode(m, uint16=bool(flags & 0x01))) == m
    assert encode(m, uint16=bool(flags & 0x01))[0] & 0x01 == flags & 0x01


def test_simulated_strap_is_byte_exact_and_streams_beats() -> None:
    async def run() -> tuple[list[tuple[float, int]], SimulatedStrap, HeartRateClient]:
        strap = SimulatedStrap(lambda t: 70 + t, time_scale=0.005)
        client = HeartRateClient(strap, name="sim", time_scale=0.005)
        await client.connect()
        beats = []
        async for beat in client.stream():
            beats.append((beat.t_s, beat.bpm))
            assert beat.contact is True and beat.rr_s
            if len(beats) == 12:
                await client.stop()
        await client.disconnect()
        return beats, strap, client

    beats, strap, client = asyncio.run(run())
    assert [b for _, b in beats] == sorted(b for _, b in beats)
    assert all(decode(p).bpm >= 70 for p in strap.sent)
    assert any(decode(p).energy_kj is not None for p in strap.sent)  # every tenth packet
    assert beats[-1][0] == pytest.approx(11, abs=1.5)  # strap seconds, not wall seconds
    assert client.bad_packets == 0


def test_registry_builds_straps_and_refuses_unknown_kinds() -> None:
    assert set(STRAP_KINDS) == {"simulated", "strap"}
    assert open_strap("simulated").name == "simulated heart-rate strap"
    with pytest.raises(UnknownDevice, match="allowed values: simulated, strap"):
        open_strap("polar-h99")


def test_client_skips_bad_packets() -> None:
    class Noisy:
        async def open(self, on_notify):  # type: ignore[no-untyped-def]
            self.on = on_notify

        async def close(self) -> None:
            return None

    async def run() -> tuple[list[int], int]:
        noisy = Noisy()
        client = HeartRateClient(noisy)
        await client.connect()
        got: list[int] = []

        async def feed() -> None:
            await asyncio.sleep(0)
            for packet in (b"\x00\x41", b"\x01\x41", b"\x00\x42"):
                noisy.on(packet)
            await client.stop()

        task = asyncio.create_task(feed())
        async for beat in client.stream():
            got.append(beat.bpm)
        await task
        return got, client.bad_packets

    assert asyncio.run(run()) == ([65, 66], 1)


def test_all_combinations_are_distinct_layouts() -> None:
    # the 32 layouts differ in length exactly as the flags say
    lengths = {f: len(_packet(f, 80, 1, [512])) for f in range(32)}
    for f, g in itertools.combinations(range(32), 2):
        if (f & 0x19) == (g & 0x19):
            assert lengths[f] == lengths[g]
