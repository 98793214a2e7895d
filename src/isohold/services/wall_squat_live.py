"""The wall-squat test run live, for the browser page and the terminal: a 10-minute stage clock,
heart rate from a strap (or typed in, or effort ratings), the stop rules as they are reported,
and the result saved at the end (services/wall_squat.py).

Messages a front-end sends while the test runs (each a dict):
    {"stop": "fatigue" | "quit"}              cannot hold on any longer / end without a result
    {"symptom": "<code>"}                     a warning sign (wall_squat_test.SYMPTOMS): stop
    {"pain": 0-10}                            pain now; above the plan's limit stops the test
    {"bp": {"systolic": n, "diastolic": n}}   a reading during the test; above 250/115 stops
    {"effort": 0-10}                          how hard the current stage feels (effort pacing)
    {"hr": 30-240}                            the heart rate now, typed in (no strap)
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncGenerator, Mapping
from dataclasses import dataclass, field
from typing import Any

from isohold.devices.heart_rate.client import HeartRateSensor
from isohold.domain.errors import InputError, SensorError
from isohold.domain.record_rules import DIASTOLIC, SCORE
from isohold.domain.wall_squat_test import (
    STAGE_ANGLES,
    STAGE_S,
    SYMPTOMS,
    TOTAL_S,
    Stage,
    bp_stops,
    pain_stops,
    peak_from_beats,
    stage_at,
    stages_from_beats,
)
from isohold.services import wall_squat
from isohold.services.context import Context

DEVICES = ("simulated", "strap", "none")
#: the simulated strap climbs this much a stage from its resting rate
SIM_REST_BPM, SIM_STEP_BPM = 74.0, 9.0


def devices() -> list[tuple[str, str]]:
    """(kind, label) of the heart-rate sources, the simulator first."""
    from isohold.devices.registry import STRAP_KINDS

    out = [(k.name, k.label) for k in STRAP_KINDS.values()]
    out.sort(key=lambda d: d[0] != "simulated")
    return [*out, ("none", "No strap: type your heart rate, or rate effort")]


@dataclass
class LiveTest:
    setup: wall_squat.Setup
    strap: HeartRateSensor | None
    time_scale: float = 1.0
    device: str = "none"
    beats: list[tuple[float, float, bool | None]] = field(default_factory=list)
    efforts: dict[int, float] = field(default_factory=dict)
    typed: dict[int, float] = field(default_factory=dict)
    stop: str | None = None
    symptom: str | None = None
    ended_s: float | None = None
    _began: float | None = None
    _latest: tuple[float, bool | None] | None = None

    def ready(self) -> dict[str, Any]:
        return {
            "type": "ready",
            "device": self.strap.name if self.strap else None,
            "total_s": TOTAL_S,
            **self.setup.to_dict(),
        }

    def now_s(self) -> float:
        if self._began is None:
            return 0.0
        return (asyncio.get_running_loop().time() - self._began) / self.time_scale

    def _stage_index(self) -> int:
        clock = stage_at(self.now_s())
        return clock.index if clock is not None else len(STAGE_ANGLES) - 1

    def handle(self, message: Any) -> dict[str, Any] | None:
        """A message from the front-end while the test runs; returns a note to send back, or
        None. Stop messages end the test at the next tick."""
        if not isinstance(message, Mapping) or len(message) != 1:
            raise InputError("body", "send one instruction as a JSON object")
        ((key, value),) = message.items()
        if key == "stop":
            if value not in ("fatigue", "quit"):
                raise InputError("stop", "allowed values: fatigue, quit")
            self.stop = self.stop or str(value)
        elif key == "symptom":
            if value not in SYMPTOMS:
                raise InputError("symptom", f"allowed values: {', '.join(SYMPTOMS)}")
            self.stop, self.symptom = "symptom", str(value)
        elif key == "pain":
            pain = int(_number(value, "pain", *SCORE))
            if pain_stops(pain, self.setup.max_pain):
                self.stop = "pain"
        elif key == "bp":
            if not isinstance(value, Mapping):
                raise InputError("bp", 'send {"systolic": n, "diastolic": n}')
            systolic = int(_number(value.get("systolic"), "bp.systolic", 60, 320))
            diastolic = int(_number(value.get("diastolic"), "bp.diastolic", *DIASTOLIC))
            if bp_stops(systolic, diastolic):
                self.stop = "blood_pressure"
        elif key == "effort":
            self.efforts[self._stage_index()] = _number(value, "effort", *SCORE)
        elif key == "hr":
            self.typed[self._stage_index()] = _number(value, "hr", 30, 240)
        else:
            raise InputError(key[:40], "unknown instruction")
        return {"type": "noted", "what": key, "stage": self._stage_index() + 1}

    async def run(self) -> AsyncGenerator[dict[str, Any], None]:
        """Connect the strap, then one frame a test second until the 10 minutes are over or a
        stop rule ends the test."""
        collector: asyncio.Task[None] | None = None
        if self.strap is not None:
            try:
                await self.strap.connect()
            except Exception as error:  # bleak and the OS raise many kinds
                raise SensorError(f"could not connect to the {self.strap.name}: {error}") from error
            collector = asyncio.create_task(self._collect())
        loop = asyncio.get_running_loop()
        self._began = loop.time()
        tick = 0
        try:
            while True:
                t = self.now_s()
                clock = stage_at(t)
                if clock is None or self.stop is not None:
                    self.ended_s = min(t, TOTAL_S)
                    self.stop = self.stop or "complete"
                    return
                yield self._frame(t, clock.index, clock.angle_deg, clock.remaining_s)
                tick += 1
                due = self._began + tick * self.time_scale
                await asyncio.sleep(max(0.0, due - loop.time()))
        finally:
            if collector is not None:
                collector.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await collector
            if self.strap is not None:
                with contextlib.suppress(Exception):
                    await self.strap.disconnect()

    async def _collect(self) -> None:
        assert self.strap is not None
        async for beat in self.strap.stream():
            t = self.now_s()
            self.beats.append((t, float(beat.bpm), beat.contact))
            self._latest = (float(beat.bpm), beat.contact)

    def _frame(self, t: float, index: int, angle: float, left: float) -> dict[str, Any]:
        bpm, contact = self._latest if self._latest is not None else (None, None)
        return {
            "type": "frame",
            "t_s": round(t, 2),
            "stage": index + 1,
            "angle_deg": angle,
            "stage_remaining_s": round(left, 1),
            "remaining_s": round(TOTAL_S - t, 1),
            "bpm": bpm,
            "contact": contact,
        }

    def stages(self) -> list[Stage]:
        ended = self.ended_s or 0.0
        if self.setup.mode == "heart_rate" and self.strap is not None:
            return list(stages_from_beats(self.beats, ended))
        out = []
        for index, angle in enumerate(STAGE_ANGLES):
            start = index * STAGE_S
            if ended <= start:
                break
            out.append(
                Stage(
                    angle,
                    min(STAGE_S, ended - start),
                    self.typed.get(index),
                    self.efforts.get(index),
                )
            )
        return out

    def finish(self, ctx: Context) -> dict[str, Any]:
        """Save the result (services/wall_squat.finish) and return the result message."""
        peak = None
        if self.strap is not None and self.ended_s is not None:
            peak = peak_from_beats(self.beats, self.ended_s)
        outcome = wall_squat.finish(
            ctx,
            self.stages(),
            stop=self.stop or "quit",
            symptom=self.symptom,
            strap_peak=peak,
            device=self.strap.name if self.strap else None,
        )
        return outcome.to_dict()


def _number(value: Any, field: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise InputError(field, f"must be a number from {low:g} to {high:g}")
    return float(value)


def prepare(ctx: Context, message: Any, time_scale: float = 1.0) -> LiveTest:
    """`{"run": "wall-squat-test", "device": "simulated" | "strap" | "none"}`: checks today's
    gate and the plan, and builds (not yet connects) the strap."""
    from isohold.devices.heart_rate.simulated import staircase
    from isohold.devices.registry import UnknownDevice, open_strap

    if not isinstance(message, Mapping) or message.get("run") != "wall-squat-test":
        raise InputError("run", 'send {"run": "wall-squat-test", "device": ...}')
    device = message.get("device", "simulated")
    if device not in DEVICES:
        raise InputError("device", f"allowed values: {', '.join(DEVICES)}")
    found = wall_squat.check_allowed(ctx)
    strap = None
    if device != "none" and found.mode == "heart_rate":
        try:
            strap = open_strap(
                str(device), staircase(SIM_REST_BPM, SIM_STEP_BPM, STAGE_S), time_scale
            )
        except UnknownDevice as error:
            raise InputError("device", str(error)) from None
    return LiveTest(found, strap, time_scale, str(device))


async def monitor(strap: HeartRateSensor) -> AsyncGenerator[dict[str, Any], None]:
    """Live heart rate for a guided hold: a beat message per measurement until stopped."""
    try:
        await strap.connect()
    except Exception as error:
        raise SensorError(f"could not connect to the {strap.name}: {error}") from error
    try:
        async for beat in strap.stream():
            yield {
                "type": "beat",
                "t_s": round(beat.t_s, 2),
                "bpm": beat.bpm,
                "contact": beat.contact,
            }
    finally:
        with contextlib.suppress(Exception):
            await strap.disconnect()
