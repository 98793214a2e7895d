"""The force sensors isohold can open, one entry per kind of device.

Each kind is a factory that builds a ForceSensor: a device's own client and codec (as in
progressor/) behind the shared protocol in sensor.py. A new device (a PitchSix Force Board, an
Entralpi, a WH-C06 scale) is a package with its decoder and transport plus one line here; its
bytes must come from the maker's documentation or recorded packets, never guessed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from isohold.devices.sensor import ForceSensor

#: A scripted force in kilograms at each second since streaming began (simulators only).
Profile = Callable[[float], float]


class UnknownDevice(ValueError):
    """A device kind isohold does not know."""


@dataclass(frozen=True)
class DeviceKind:
    name: str
    label: str
    build: Callable[[Profile | None, float], ForceSensor]


def _progressor(_profile: Profile | None, _time_scale: float) -> ForceSensor:
    from isohold.devices.progressor.client import ProgressorClient
    from isohold.devices.progressor.transport import BleakTransport

    return ProgressorClient(BleakTransport())


def _simulated(profile: Profile | None, time_scale: float) -> ForceSensor:
    """The simulated Progressor speaks the real protocol, so ProgressorClient decodes it."""
    from isohold.devices.progressor.client import ProgressorClient
    from isohold.devices.progressor.simulated import SimulatedProgressor

    return ProgressorClient(SimulatedProgressor(profile, time_scale=time_scale),
                            name="simulated Progressor")  # fmt: skip


KINDS: dict[str, DeviceKind] = {
    k.name: k
    for k in (
        DeviceKind("simulated", "Simulated sensor (no hardware)", _simulated),
        DeviceKind("progressor", "Tindeq Progressor (Bluetooth)", _progressor),
    )
}


def open_sensor(kind: str, profile: Profile | None = None, time_scale: float = 1.0) -> ForceSensor:
    """Build (not yet connect) a sensor of this kind; `profile` and `time_scale` drive a
    simulator and are ignored by real devices."""
    if kind not in KINDS:
        raise UnknownDevice(f"unknown value {kind!r}; allowed values: {', '.join(sorted(KINDS))}")
    return KINDS[kind].build(profile, time_scale)
