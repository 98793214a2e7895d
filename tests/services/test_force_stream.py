"""Live force runs on the simulated Progressor (its bytes decoded by the real client): the
schedule, live frames, early stop, results, and what is saved with the recording."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import pytest

from isohold.devices.progressor.client import ProgressorClient
from isohold.devices.sensor import Sample
from isohold.domain.errors import InputError, SensorError
from isohold.services import force_live
from isohold.services.context import Context
from isohold.services.force import planned_hold
from isohold.services.force_stream import (
    Capture,
    Frame,
    HoldTarget,
    MvcTest,
    Run,
    hold_result,
    mvc_result,
    sensor_for,
    stream,
)
from isohold.services.force_trends import mvc_trend
from isohold.services.onboarding import onboard
from isohold.storage import force as recordings
from isohold.storage.people import the_person
from tests.support.profiles import profile_dict

SCALE = 0.004
PATELLAR = profile_dict(
    age=24, conditions=["patellar_tendinopathy"], side="left", goals=["pain_relief"],
    irritability="low", equipment=["leg_extension_machine", "belt", "wall"], in_season=True,
)  # fmt: skip


def _play(run: Run, stop_after: int | None = None) -> tuple[list[Frame], Capture, ProgressorClient]:
    sensor = sensor_for("simulated", run, SCALE)
    assert isinstance(sensor, ProgressorClient)
    capture = Capture()

    async def go() -> list[Frame]:
        out: list[Frame] = []
        async with contextlib.aclosing(stream(sensor, run, capture)) as frames:
            async for frame in frames:
                out.append(frame)
                if stop_after is not None and len(out) >= stop_after:
                    break
        return out

    return asyncio.run(go()), capture, sensor


def test_mvc_schedule() -> None:
    test = MvcTest()
    assert test.total_s == 2 + 3 * 5 + 2 * 60 + 2
    assert test.phase_at(0.5) == ("get-ready", 1, 1.5)
    assert test.phase_at(3.0) == ("effort", 1, 4.0)
    assert test.phase_at(8.0) == ("rest", 1, 59.0)
    assert test.phase_at(67.5) == ("effort", 2, 4.5)
    assert test.phase_at(138.0) == ("release", 3, 1.0)


def test_bad_runs_name_the_field() -> None:
    for kwargs, field in [({"efforts": 9}, "efforts"), ({"effort_s": 10}, "effort_s")]:
        with pytest.raises(InputError, match=field):
            MvcTest(**kwargs)  # type: ignore[arg-type]
    for args, field in [((0, 30, 400), "pct"), ((30, 2, 400), "seconds"), ((30, 30, 0), "mvc")]:
        with pytest.raises(InputError) as error:
            HoldTarget(*args)
        assert error.value.field == field
    with pytest.raises(InputError, match="allowed values: progressor, simulated"):
        sensor_for("entralpi", MvcTest())


def test_hold_frames_band_and_result() -> None:
    target = HoldTarget(30, 10, 400.0)
    frames, capture, sensor = _play(target)
    assert len(frames) == len(capture.t) > 10 * 75
    assert frames[-1].t_s >= target.total_s
    assert {f.phase for f in frames} == {"get-ready", "hold"}
    assert not any(f.in_band for f in frames if f.phase == "get-ready")
    steady = [f for f in frames if 4 < f.t_s < 11]
    assert all(f.in_band for f in steady)
    assert all(abs(f.pct_mvc - 30) < 1.5 for f in steady if f.pct_mvc is not None)
    result = hold_result(capture, target)
    assert 8.5 < result.time_in_band_s <= 10
    # mean and steadiness count from reaching the band: the rise is not unsteadiness
    assert 29 < result.mean_pct_mvc < 31
    assert 0 < result.cv_percent < 3
    assert sensor.name == "simulated Progressor"


def test_mvc_result_is_the_best_effort() -> None:
    frames, capture, _ = _play(MvcTest())
    assert {f.phase for f in frames} == {"get-ready", "effort", "rest", "release"}
    result = mvc_result(capture)
    assert len(result.efforts_n) == 3
    assert result.mvc_n == pytest.approx(40 * 9.80665, rel=0.01)
    assert result.efforts_n[0] > result.efforts_n[1] > result.efforts_n[2]


def test_stopping_early_disconnects_the_sensor() -> None:
    run = HoldTarget(30, 60, 400.0)
    frames, _, sensor = _play(run, stop_after=50)
    assert len(frames) == 50
    device = sensor._transport
    assert device.commands[-1] == b"n"  # SLEEP: the client disconnected
    assert device._task is None  # no stream left running


def test_a_sensor_that_cannot_connect_is_a_sensor_error() -> None:
    class Away:
        name = "Tindeq Progressor"

        async def connect(self) -> None:
            raise RuntimeError("no Progressor found: is it switched on and nearby?")

        async def stream(self) -> AsyncIterator[Sample]:  # pragma: no cover - never reached
            yield Sample(0, 0)

    async def go() -> None:
        async for _ in stream(Away(), MvcTest(), Capture()):  # type: ignore[arg-type]
            pass

    with pytest.raises(SensorError, match="could not connect to the Tindeq Progressor: no Prog"):
        asyncio.run(go())


def test_a_sensor_that_goes_silent_is_a_sensor_error_and_is_let_go(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import isohold.services.force_stream as force_stream

    monkeypatch.setattr(force_stream, "SILENCE_S", 0.05)

    class Dropped:
        name = "Tindeq Progressor"
        disconnected = False

        async def connect(self) -> None:
            pass

        async def stream(self) -> AsyncIterator[Sample]:
            for i in range(3):
                yield Sample(i / 80, 10.0)
            await asyncio.Event().wait()  # the Bluetooth link dropped: nothing more comes
            yield Sample(1, 0)  # pragma: no cover - never reached

        async def stop(self) -> None:  # pragma: no cover - the run never reaches its end
            pass

        async def disconnect(self) -> None:
            self.disconnected = True

    sensor = Dropped()

    async def go() -> int:
        got = 0
        async for _ in stream(sensor, HoldTarget(30, 10, 400.0), Capture()):  # type: ignore[arg-type]
            got += 1
        return got

    with pytest.raises(SensorError, match="stopped sending"):
        asyncio.run(go())
    assert sensor.disconnected


def test_a_damaged_recording_leaves_its_test_without_rfd(ctx: Context) -> None:
    import sqlite3

    import numpy as np

    from isohold.force.signal import make_recording
    from isohold.services.force import save_mvc

    onboard(ctx, PATELLAR)
    t = np.arange(0, 6, 0.0125)
    save_mvc(ctx, [300.0], recording=make_recording(t, np.where((t > 2) & (t < 4), 300.0, 1.0)))
    save_mvc(ctx, [310.0], recording=make_recording(t, np.where((t > 2) & (t < 4), 310.0, 1.0)))
    with sqlite3.connect(str(ctx.db.engine.url.database)) as conn:
        conn.execute("UPDATE force_recordings SET sample_count = sample_count + 1 WHERE id = 1")
    first, second = mvc_trend(ctx)
    assert (first.mvc_n, first.peak_rfd) == (300.0, None)
    assert second.peak_rfd is not None


def test_no_effort_is_a_clear_error() -> None:
    capture = Capture([i / 80 for i in range(800)], [0.0] * 800)
    with pytest.raises(InputError, match="no effort was recorded"):
        mvc_result(capture)
    with pytest.raises(InputError, match="no pull was recorded during the hold") as caught:
        hold_result(capture, HoldTarget(30, 5, 400.0))
    assert caught.value.field == "hold"


def _run(ctx: Context, live: force_live.LiveRun) -> dict[str, object]:
    capture = Capture()

    async def go() -> None:
        async for _ in stream(live.sensor, live.run, capture):
            pass

    asyncio.run(go())
    return force_live.finish(ctx, live, capture)


def test_live_runs_are_saved_with_their_recordings_and_trends(ctx: Context) -> None:
    onboard(ctx, PATELLAR)
    planned = planned_hold(ctx)
    assert planned is not None and (planned.pct, planned.hold_s) == (70, 45)
    with pytest.raises(InputError, match="run the MVC test first"):
        force_live.prepare_hold(ctx, 70, 45)
    with pytest.raises(InputError, match="'exercise'"):
        force_live.prepare_mvc(ctx, exercise="moonwalk")
    mvc = _run(ctx, force_live.prepare_mvc(ctx, exercise=planned.exercise, time_scale=SCALE))
    assert mvc["mvc_n"] == pytest.approx(392.3, abs=1)
    hold = force_live.prepare_hold(ctx, 30, 10, exercise=planned.exercise, time_scale=SCALE)
    held = _run(ctx, hold)
    assert held["mvc_n"] == pytest.approx(mvc["mvc_n"], abs=0.1)
    assert held["exercise"] == planned.exercise and held["saved"] is True
    with ctx.db.reading() as s:
        person = the_person(s)
        assert person is not None
        (m,) = recordings.recordings_of(s, person, "mvc-test")
        (h,) = recordings.recordings_of(s, person, "pct-mvc-hold")
        assert m.metrics["exercise"] == planned.exercise and m.sample_count > 139 * 75
        assert h.metrics["time_in_band_s"] == held["time_in_band_s"]
        t, _f = recordings.samples_of(h)
        assert t[-1] >= 12.0 and h.sample_rate_hz == pytest.approx(82, abs=2)
    (point,) = mvc_trend(ctx)
    assert point.mvc_n == pytest.approx(392.3, abs=1)
    # the simulator rises to 40 kg in 0.3 s: about 1300 N/s
    assert point.peak_rfd is not None and 1100 < point.peak_rfd < 1600
    assert point.rfd_100 is not None and 1100 < point.rfd_100 < 1450
