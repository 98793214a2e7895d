"""Live heart rate for a guided wall squat (the session page): a strap, or the simulated one,
and the target band from the latest wall-squat test (services/wall_squat.py). The beats are
streamed by services/wall_squat_live.monitor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from isohold.devices.heart_rate.client import HeartRateSensor
from isohold.domain.errors import ConflictError, InputError
from isohold.services import gate, wall_squat
from isohold.services.context import Context

#: the simulated strap's rate when no test has set a band yet
SIM_REST_BPM = 72.0


@dataclass(frozen=True)
class Monitor:
    strap: HeartRateSensor
    #: {"low", "target", "high", "pct", "peak", ...} in beats a minute, or None without a test
    band: dict[str, Any] | None

    def ready(self) -> dict[str, Any]:
        return {"type": "ready", "run": "monitor", "device": self.strap.name, "band": self.band}


def open_monitor(ctx: Context, device: str, exercise: str, time_scale: float = 1.0) -> Monitor:
    """Build (not yet connect) the strap for a hold of `exercise`, with its band; the simulated
    strap beats around the band's target."""
    from isohold.devices.heart_rate.simulated import around
    from isohold.devices.registry import UnknownDevice, open_strap

    band = wall_squat.band_for_block(ctx, exercise)
    target = float(band["target"]) if band is not None else SIM_REST_BPM
    try:
        strap = open_strap(device, around(target), time_scale)
    except UnknownDevice as error:
        raise InputError("device", str(error)) from None
    check_allowed(ctx, exercise)  # after the request's own errors, before any connection
    return Monitor(strap, band)


def check_allowed(ctx: Context, exercise: str) -> None:
    """Refuse what today's gate refuses (services/gate.py), as the session does: anything after
    a referral or on a day with no exercise, and an exercise the gate leaves out today."""
    today = gate.today(ctx)
    if not today.exercise_allowed:
        raise ConflictError(today.text)
    if exercise in today.skipped:
        raise ConflictError(f"Not today: {today.text}")
