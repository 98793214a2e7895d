"""The registry of sensor kinds: the simulator is a Progressor client over simulated bytes."""

from __future__ import annotations

import pytest

from isohold.devices.progressor.client import ProgressorClient
from isohold.devices.progressor.simulated import SimulatedProgressor
from isohold.devices.registry import KINDS, UnknownDevice, open_sensor


def test_simulated_sensor_drives_the_real_client() -> None:
    sensor = open_sensor("simulated", lambda t: 5.0, time_scale=0.5)
    assert isinstance(sensor, ProgressorClient)
    device = sensor._transport
    assert isinstance(device, SimulatedProgressor)
    assert device.time_scale == 0.5 and device.profile(3.0) == 5.0


def test_every_kind_is_labelled_and_unknown_kinds_are_refused() -> None:
    assert set(KINDS) == {"simulated", "progressor"}
    assert all(kind.label for kind in KINDS.values())
    with pytest.raises(UnknownDevice, match="'force-board'; allowed values: progressor, simulated"):
        open_sensor("force-board")
