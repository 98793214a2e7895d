"""A simulated cuff: a transport that indicates Blood Pressure Measurements, byte for byte as a
cuff does, then ends the connection. Used by tests and `--device simulated`."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from datetime import datetime

from isohold.devices.blood_pressure.protocol import BloodPressureMeasurement, encode


def sample_reading(at: datetime, systolic: float = 134, diastolic: float = 84,
                   pulse: float = 66) -> BloodPressureMeasurement:  # fmt: skip
    """A plausible seated reading at `at`, as a cuff reports it (mean arterial pressure is
    diastolic plus a third of the pulse pressure)."""
    mean = round(diastolic + (systolic - diastolic) / 3)
    return BloodPressureMeasurement(systolic, diastolic, mean, "mmHg", at, pulse, 1, ())


class SimulatedCuff:
    """Indicates `readings` when opened (in the order given), then ends."""

    def __init__(self, readings: Sequence[BloodPressureMeasurement], *, exponent: int = 0) -> None:
        self.readings = list(readings)
        self.exponent = exponent
        self.sent: list[bytes] = []

    async def open(self, on_indicate: Callable[[bytes], None], on_end: Callable[[], None]) -> None:
        for m in self.readings:
            packet = encode(m, exponent=-1 if m.unit == "kPa" else self.exponent)
            self.sent.append(packet)
            on_indicate(packet)
            await asyncio.sleep(0)
        on_end()

    async def close(self) -> None:
        return None
