"""The simulator, end to end through the real client code, and into the force analysis."""

from __future__ import annotations

import asyncio

import numpy as np
import pytest

from isohold.devices.progressor.client import ProgressorClient
from isohold.devices.progressor.simulated import SimulatedProgressor, pull_profile
from isohold.force.analysis import analyze
from isohold.force.signal import make_recording


async def _collect(client: ProgressorClient, seconds: float) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    async for sample in client.stream():
        out.append((sample.t_s, sample.force_n))
        if sample.t_s >= seconds:
            await client.stop()
    return out


def test_stream_battery_version_and_analysis() -> None:
    async def run() -> tuple[list[tuple[float, float]], int | None, str | None, list[bytes]]:
        device = SimulatedProgressor(pull_profile(peak_kg=40), time_scale=0.01,
                                     start_us=2**32 - 2_000_000)  # fmt: skip
        client = ProgressorClient(device)
        await client.connect()
        version = await client.version()
        samples = await _collect(client, 7.0)
        battery = await client.battery_mv()
        await client.disconnect()
        return samples, battery, version, device.commands

    samples, battery, version, commands = asyncio.run(run())
    assert battery == 3987 and version == "1.2.5-simulated"
    assert commands[0] == b"k" and b"e" in commands and commands[-1] == b"n"
    t = np.array([s[0] for s in samples])
    assert np.all(np.diff(t) > 0)  # the uint32 wrap two seconds in was unwrapped
    rec = make_recording(t, np.array([s[1] for s in samples]))
    assert rec.sample_rate_hz == pytest.approx(82, abs=1.5)
    (trial,) = analyze(rec).trials
    assert trial.peak_force == pytest.approx(40 * 9.80665, rel=0.01)
    assert trial.onset_s == pytest.approx(1.0, abs=0.03)


def test_firmware_tare_zeroes_the_current_load() -> None:
    async def run() -> list[tuple[float, float]]:
        device = SimulatedProgressor(lambda t: 12.0, time_scale=0.01)
        client = ProgressorClient(device)
        await client.connect()
        await client.start()
        await asyncio.sleep(0.01)
        await client.tare()
        samples = await _collect(client, 2.0)
        await client.disconnect()
        return samples

    samples = asyncio.run(run())
    assert samples[-1][1] == pytest.approx(0.0, abs=1e-6)
