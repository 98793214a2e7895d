"""The devices isohold can open, one entry per kind: force sensors, heart-rate straps and
blood-pressure cuffs.

Each kind is a factory that builds a ForceSensor: a device's own client and codec (as in
progressor/) behind the shared protocol in sensor.py. A new device (a PitchSix Force Board, an
Entralpi, a WH-C06 scale) is a package with its decoder and transport plus one line here; its
bytes must come from the maker's documentation or recorded packets, never guessed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from isohold.devices.sensor import ForceSensor

if TYPE_CHECKING:
    from isohold.devices.blood_pressure.client import CuffClient
    from isohold.devices.blood_pressure.protocol import BloodPressureMeasurement
    from isohold.devices.heart_rate.client import HeartRateSensor

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


# --- heart-rate straps and blood-pressure cuffs: the standard Bluetooth services, so one
# decoder serves every maker's device (Heart Rate Service 0x180D, Blood Pressure Service 0x1810)

#: a scripted heart rate in beats a minute at each second (simulated straps only)
BpmProfile = Callable[[float], float]


@dataclass(frozen=True)
class StrapKind:
    name: str
    label: str
    build: Callable[[BpmProfile | None, float], HeartRateSensor]


def _strap(_profile: BpmProfile | None, _time_scale: float) -> HeartRateSensor:
    from isohold.devices.heart_rate.client import HeartRateClient
    from isohold.devices.heart_rate.transport import BleakStrap

    return HeartRateClient(BleakStrap(), name="heart-rate strap")


def _simulated_strap(profile: BpmProfile | None, time_scale: float) -> HeartRateSensor:
    from isohold.devices.heart_rate.client import HeartRateClient
    from isohold.devices.heart_rate.simulated import SimulatedStrap

    return HeartRateClient(SimulatedStrap(profile, time_scale=time_scale),
                           name="simulated heart-rate strap", time_scale=time_scale)  # fmt: skip


STRAP_KINDS: dict[str, StrapKind] = {
    k.name: k
    for k in (
        StrapKind("simulated", "Simulated strap (no hardware)", _simulated_strap),
        StrapKind("strap", "Heart-rate strap (Bluetooth)", _strap),
    )
}


def open_strap(kind: str, profile: BpmProfile | None = None,
               time_scale: float = 1.0) -> HeartRateSensor:  # fmt: skip
    """Build (not yet connect) a heart-rate strap of this kind; `profile` and `time_scale`
    drive the simulator and are ignored by real straps."""
    if kind not in STRAP_KINDS:
        raise UnknownDevice(
            f"unknown value {kind!r}; allowed values: {', '.join(sorted(STRAP_KINDS))}"
        )
    return STRAP_KINDS[kind].build(profile, time_scale)


@dataclass(frozen=True)
class CuffKind:
    name: str
    label: str
    build: Callable[[Sequence[BloodPressureMeasurement]], CuffClient]


def _cuff(_readings: Sequence[BloodPressureMeasurement]) -> CuffClient:
    from isohold.devices.blood_pressure.client import CuffClient
    from isohold.devices.blood_pressure.transport import BleakCuff

    return CuffClient(BleakCuff(), name="blood-pressure cuff")


def _simulated_cuff(readings: Sequence[BloodPressureMeasurement]) -> CuffClient:
    from isohold.devices.blood_pressure.client import CuffClient
    from isohold.devices.blood_pressure.simulated import SimulatedCuff

    return CuffClient(SimulatedCuff(readings), name="simulated cuff")


CUFF_KINDS: dict[str, CuffKind] = {
    k.name: k
    for k in (
        CuffKind("simulated", "Simulated cuff (no hardware)", _simulated_cuff),
        CuffKind("cuff", "Blood-pressure cuff (Bluetooth)", _cuff),
    )
}


def open_cuff(kind: str, readings: Sequence[BloodPressureMeasurement] = ()) -> CuffClient:
    """Build a cuff client of this kind; `readings` are what a simulated cuff sends."""
    if kind not in CUFF_KINDS:
        raise UnknownDevice(
            f"unknown value {kind!r}; allowed values: {', '.join(sorted(CUFF_KINDS))}"
        )
    return CUFF_KINDS[kind].build(readings)
