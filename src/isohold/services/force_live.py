"""A live force run asked for by a client (the web page): read and check the request, then
measure and save the result with its raw recording. The streaming is force_stream.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from isohold.devices.registry import KINDS
from isohold.devices.sensor import ForceSensor
from isohold.domain.errors import InputError
from isohold.services.context import Context
from isohold.services.force import check_allowed, hold_note, latest_mvc, save_hold, save_mvc
from isohold.services.force_stream import (
    BAND_PCT,
    Capture,
    HoldTarget,
    MvcTest,
    Run,
    hold_result,
    mvc_result,
    sensor_for,
)

RUNS = ("mvc", "hold")
DEFAULT_DEVICE = "simulated"


def devices() -> list[tuple[str, str]]:
    """(kind, label) of every sensor, the simulator first."""
    return sorted(((k.name, k.label) for k in KINDS.values()), key=lambda d: d[0] != "simulated")


@dataclass(frozen=True)
class LiveRun:
    run: Run
    sensor: ForceSensor
    exercise: str | None
    #: a caution to show before the run starts, or None
    note: str | None = None

    def ready(self) -> dict[str, Any]:
        """The first message to the client: what is about to happen."""
        base = {"type": "ready", "device": self.sensor.name, "total_s": self.run.total_s,
                "lead_in_s": self.run.lead_in_s}  # fmt: skip
        if isinstance(self.run, HoldTarget):
            return {**base, "run": "hold", "pct": self.run.pct, "seconds": self.run.seconds,
                    "mvc_n": self.run.mvc_n, "band_pct": BAND_PCT, "note": self.note}  # fmt: skip
        return {**base, "run": "mvc", "efforts": self.run.efforts,
                "effort_s": self.run.effort_s, "rest_s": self.run.rest_s}  # fmt: skip


def prepare_mvc(
    ctx: Context,
    device: str = DEFAULT_DEVICE,
    exercise: str | None = None,
    time_scale: float = 1.0,
) -> LiveRun:
    """An MVC test on `device` (for `exercise`, if one is named)."""
    _check_exercise(ctx, exercise)
    check_allowed(ctx, None)
    run = MvcTest()
    return LiveRun(run, sensor_for(device, run, time_scale), exercise)


def prepare_hold(
    ctx: Context,
    pct: float,
    seconds: float,
    device: str = DEFAULT_DEVICE,
    exercise: str | None = None,
    time_scale: float = 1.0,
) -> LiveRun:
    """A hold at `pct` % of the latest saved MVC (of `exercise` when there is one, else any)."""
    _check_exercise(ctx, exercise)
    check_allowed(ctx, pct)
    mvc = latest_mvc(ctx, exercise) if exercise is not None else None
    mvc = mvc if mvc is not None else latest_mvc(ctx)
    if mvc is None:
        raise InputError("mvc", "no MVC saved yet: run the MVC test first")
    run = HoldTarget(pct, seconds, mvc)
    note = hold_note(ctx, run.pct, exercise)
    return LiveRun(run, sensor_for(device, run, time_scale), exercise, note)


def _check_exercise(ctx: Context, exercise: str | None) -> None:
    if exercise is not None and exercise not in ctx.catalogue.exercises:
        raise InputError("exercise", f"{exercise!r} is not an exercise in the catalogue")


def finish(ctx: Context, live: LiveRun, capture: Capture) -> dict[str, Any]:
    """Measure the run, save it with its recording, and return the result message."""
    if isinstance(live.run, HoldTarget):
        summary: dict[str, Any] = {**hold_result(capture, live.run).to_dict()}
        if live.exercise is not None:
            summary["exercise"] = live.exercise
        save_hold(ctx, summary, capture.recording())
        return {"type": "result", "run": "hold", **summary, "saved": True}
    result = mvc_result(capture)
    best = save_mvc(ctx, list(result.efforts_n), live.exercise, capture.recording())
    return {"type": "result", "run": "mvc", "efforts_n": [round(e, 1) for e in result.efforts_n],
            "mvc_n": round(best, 1), "saved": True}  # fmt: skip
