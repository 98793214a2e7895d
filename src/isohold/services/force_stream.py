"""Running an MVC test or a %MVC hold on any ForceSensor: live frames while it runs, then a
result measured with the force analysis. The CLI and the web page both drive these.

MVC test (reference row T2.7: re-check 2-3 MVCs before handgrip training): maximal efforts of
`effort_s` with `rest_s` between; the best effort's peak is the MVC. A %MVC hold shows force
as % MVC against a band of +-BAND_PCT % MVC around the target. All times are the sensor's own
clock (seconds since its first sample), so a sped-up simulator follows the same schedule.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncGenerator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from isohold.devices.registry import Profile, UnknownDevice, open_sensor
from isohold.devices.sensor import ForceSensor, Sample
from isohold.domain.errors import InputError, SensorError
from isohold.force.analysis import analyze, time_in_band
from isohold.force.signal import G, Recording, make_recording

TEST_EFFORTS = 3
EFFORT_S = 5.0
REST_S = 60.0
#: quiet seconds before the first effort or the hold: the analysis needs a resting baseline
LEAD_IN_S = 2.0
#: seconds recorded after the last effort, so its release is in the recording
TAIL_S = 2.0
#: The target band is the target +- this many % of MVC.
BAND_PCT = 5.0
#: what the simulator pulls in an MVC test, kg
SIMULATED_MVC_KG = 40.0


@dataclass(frozen=True)
class MvcTest:
    efforts: int = TEST_EFFORTS
    effort_s: float = EFFORT_S
    rest_s: float = REST_S
    lead_in_s: float = LEAD_IN_S

    def __post_init__(self) -> None:
        if not 1 <= self.efforts <= 5:
            raise InputError("efforts", f"must be 1-5, got {self.efforts}")
        if not 3 <= self.effort_s <= 5:
            raise InputError("effort_s", f"must be 3-5 seconds, got {self.effort_s:g}")
        if not 0 <= self.rest_s <= 300:
            raise InputError("rest_s", f"must be 0-300 seconds, got {self.rest_s:g}")

    @property
    def total_s(self) -> float:
        return (self.lead_in_s + self.efforts * self.effort_s
                + (self.efforts - 1) * self.rest_s + TAIL_S)  # fmt: skip

    def phase_at(self, t: float) -> tuple[str, int, float]:
        """(phase, effort number from 1, seconds left in the phase) at sensor time t."""
        if t < self.lead_in_s:
            return "get-ready", 1, self.lead_in_s - t
        k, into = divmod(t - self.lead_in_s, self.effort_s + self.rest_s)
        effort = int(k) + 1
        if effort > self.efforts:
            return "release", self.efforts, max(0.0, self.total_s - t)
        if into < self.effort_s:
            return "effort", effort, self.effort_s - into
        if effort == self.efforts:
            return "release", effort, max(0.0, self.total_s - t)
        return "rest", effort, self.effort_s + self.rest_s - into

    def simulated(self) -> Profile:
        from isohold.devices.progressor.simulated import repeated_pulls

        return repeated_pulls(SIMULATED_MVC_KG, self.efforts, self.effort_s, self.rest_s,
                              self.lead_in_s)  # fmt: skip


@dataclass(frozen=True)
class HoldTarget:
    pct: float
    seconds: float
    mvc_n: float
    lead_in_s: float = LEAD_IN_S

    def __post_init__(self) -> None:
        if not 1 <= self.pct <= 100:
            raise InputError("pct", f"the target must be 1-100 % MVC, got {self.pct:g}")
        if not 5 <= self.seconds <= 600:
            raise InputError("seconds", f"the hold must be 5-600 seconds, got {self.seconds:g}")
        if not self.mvc_n > 0:
            raise InputError("mvc", "no MVC above zero: run the MVC test first")

    @property
    def target_n(self) -> float:
        return self.pct / 100 * self.mvc_n

    @property
    def low_n(self) -> float:
        return (self.pct - BAND_PCT) / 100 * self.mvc_n

    @property
    def high_n(self) -> float:
        return (self.pct + BAND_PCT) / 100 * self.mvc_n

    @property
    def total_s(self) -> float:
        return self.lead_in_s + self.seconds

    def phase_at(self, t: float) -> tuple[str, int, float]:
        if t < self.lead_in_s:
            return "get-ready", 1, self.lead_in_s - t
        return "hold", 1, max(0.0, self.total_s - t)

    def simulated(self) -> Profile:
        from isohold.devices.progressor.simulated import steady_hold

        return steady_hold(self.target_n / G, self.lead_in_s, self.seconds)


Run = MvcTest | HoldTarget


@dataclass(frozen=True)
class Frame:
    """One live sample as the person sees it."""

    t_s: float
    force_n: float
    phase: str  # get-ready | effort | rest | release | hold
    effort: int
    remaining_s: float
    pct_mvc: float | None  # holds only
    in_band: bool | None  # holds only

    def to_dict(self) -> dict[str, Any]:
        return {"type": "frame", "t_s": self.t_s, "force_n": round(self.force_n, 2),
                "phase": self.phase, "effort": self.effort,
                "remaining_s": round(self.remaining_s, 2),
                "pct_mvc": None if self.pct_mvc is None else round(self.pct_mvc, 2),
                "in_band": self.in_band}  # fmt: skip


@dataclass
class Capture:
    """The samples of one run, kept for the result and the stored recording."""

    t: list[float] = field(default_factory=list)
    f: list[float] = field(default_factory=list)

    def add(self, sample: Sample) -> None:
        self.t.append(sample.t_s)
        self.f.append(sample.force_n)

    def recording(self) -> Recording:
        return make_recording(np.array(self.t), np.array(self.f), where="the sensor's stream")


def sensor_for(kind: str, run: Run, time_scale: float = 1.0) -> ForceSensor:
    """A sensor of this kind; the simulator plays a person doing this run."""
    try:
        return open_sensor(kind, run.simulated(), time_scale)
    except UnknownDevice as error:
        raise InputError("device", str(error)) from None


def frame(run: Run, sample: Sample) -> Frame:
    phase, effort, remaining = run.phase_at(sample.t_s)
    if isinstance(run, HoldTarget):
        pct = sample.force_n / run.mvc_n * 100
        inside = phase == "hold" and run.low_n <= sample.force_n <= run.high_n
        return Frame(sample.t_s, sample.force_n, phase, effort, remaining, pct, inside)
    return Frame(sample.t_s, sample.force_n, phase, effort, remaining, None, None)


#: A sensor silent this long has dropped out (the Progressor sends about 80 samples a second).
SILENCE_S = 5.0


async def stream(sensor: ForceSensor, run: Run, capture: Capture) -> AsyncGenerator[Frame, None]:
    """Connect, stream until the run's end, and always disconnect (also when the consumer
    stops early: close the iterator, e.g. with contextlib.aclosing)."""
    try:
        await sensor.connect()
    except Exception as error:  # bleak and the OS raise many kinds; the person needs one
        raise SensorError(f"could not connect to the {sensor.name}: {error}") from error
    try:
        samples = aiter(sensor.stream())
        while True:
            try:
                sample = await asyncio.wait_for(anext(samples), SILENCE_S)
            except StopAsyncIteration:
                break
            except TimeoutError:
                raise SensorError(
                    f"the {sensor.name} stopped sending for {SILENCE_S:g} s; check it is on "
                    "and in range, then start again"
                ) from None
            capture.add(sample)
            yield frame(run, sample)
            if sample.t_s >= run.total_s:
                await sensor.stop()
    finally:
        with contextlib.suppress(Exception):
            await sensor.disconnect()


@dataclass(frozen=True)
class MvcResult:
    efforts_n: tuple[float, ...]

    @property
    def mvc_n(self) -> float:
        return max(self.efforts_n)


def mvc_result(capture: Capture) -> MvcResult:
    """Each contraction's recorded peak (force analysis, contract 4 definitions)."""
    peaks = tuple(t.peak_force for t in analyze(capture.recording()).trials)
    if not peaks or max(peaks) <= 0:
        raise InputError("efforts", "no effort was recorded: pull hard within each effort window")
    return MvcResult(peaks)


@dataclass(frozen=True)
class HoldResult:
    target_pct_mvc: float
    mvc_n: float
    seconds: float
    time_in_band_s: float
    mean_pct_mvc: float
    cv_percent: float

    def to_dict(self) -> dict[str, float]:
        return {"target_pct_mvc": self.target_pct_mvc, "mvc_n": self.mvc_n,
                "seconds": self.seconds, "time_in_band_s": self.time_in_band_s,
                "mean_pct_mvc": self.mean_pct_mvc, "cv_percent": self.cv_percent}  # fmt: skip


def hold_result(capture: Capture, target: HoldTarget) -> HoldResult:
    """Time in band over the whole hold window; mean force as % MVC and steadiness
    (CV = SD / mean) from the moment force first reaches the band, so the rise at the start
    of the hold does not count as unsteadiness (the whole window when it never does)."""
    rec = capture.recording()
    start, end = target.lead_in_s, target.total_s
    held = rec.f[(rec.t >= start) & (rec.t <= end)]
    if len(held) < 2:
        raise InputError("seconds", "the sensor sent too few samples during the hold")
    reached = np.flatnonzero((held >= target.low_n) & (held <= target.high_n))
    if len(reached) and len(held) - reached[0] >= 2:
        held = held[reached[0] :]
    mean = float(held.mean())
    if mean <= 0:
        raise InputError("hold", "no pull was recorded during the hold, so nothing was saved; "
                                 "check the sensor is attached and start again")  # fmt: skip
    return HoldResult(
        target_pct_mvc=target.pct,
        mvc_n=target.mvc_n,
        seconds=target.seconds,
        time_in_band_s=round(time_in_band(rec, target.low_n, target.high_n, start, end), 2),
        mean_pct_mvc=round(mean / target.mvc_n * 100, 1),
        cv_percent=round(float(held.std()) / mean * 100, 2),
    )
