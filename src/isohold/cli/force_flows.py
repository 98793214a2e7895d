"""`isohold force mvc` and `isohold force hold`: an MVC test and a %MVC-guided hold with a live
target bar in the terminal, on a Tindeq Progressor or its simulator.

MVC test: maximal efforts of a few seconds with a minute's rest (TEST_EFFORTS x EFFORT_S,
REST_S); the best effort is the MVC (reference row T2.7: re-check 2-3 MVCs before handgrip
training). The hold shows force as % MVC against a band of +-5% MVC around the target.
"""

from __future__ import annotations

import asyncio
import os
from typing import Annotated, Any

import typer

from isohold.cli.options import DbOption

TEST_EFFORTS = 3
EFFORT_S = 5.0
REST_S = 60.0
#: The target band is the target +- this many % of MVC.
BAND_PCT = 5.0
TIME_SCALE_ENV = "ISOHOLD_TIME_SCALE"


def _scale() -> float:
    try:
        return float(os.environ.get(TIME_SCALE_ENV) or 1.0)
    except ValueError:
        return 1.0


def _device(kind: str, profile: Any) -> Any:
    from isohold.devices.progressor.client import ProgressorClient

    if kind == "simulated":
        from isohold.devices.progressor.simulated import SimulatedProgressor

        return ProgressorClient(SimulatedProgressor(profile, time_scale=_scale()),
                                name="simulated Progressor")  # fmt: skip
    if kind == "progressor":
        from isohold.devices.progressor.transport import BleakTransport

        return ProgressorClient(BleakTransport())
    from isohold.domain.errors import InputError

    raise InputError("--device", f"unknown value {kind!r}; allowed values: progressor, simulated")


async def _record(client: Any, seconds: float, on_sample: Any = None) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    async for sample in client.stream():
        out.append((sample.t_s, sample.force_n))
        if on_sample is not None:
            on_sample(sample)
        if sample.t_s >= seconds:
            await client.stop()
    return out


def mvc(
    device: Annotated[str, typer.Option(help="progressor or simulated")] = "progressor",
    efforts: Annotated[int, typer.Option(min=1, max=5, help="Maximal efforts.")] = TEST_EFFORTS,
    exercise: Annotated[str | None, typer.Option(help="Which exercise this MVC is for.")] = None,
    db: DbOption = None,
) -> None:
    """Measure your maximal voluntary contraction (MVC) and save it."""
    from isohold.cli.context import services
    from isohold.cli.output import console
    from isohold.devices.progressor.simulated import repeated_pulls
    from isohold.force.analysis import analyze
    from isohold.force.signal import make_recording
    from isohold.services.force import save_mvc

    con = console()
    start_s = 2.0
    total = start_s + efforts * (EFFORT_S + REST_S)
    client = _device(device, repeated_pulls(40.0, efforts, EFFORT_S, REST_S, start_s))
    con.print(
        f"[bold]MVC test[/]: {efforts} maximal efforts of {EFFORT_S:.0f} s, starting "
        f"{start_s:.0f} s from now, with {REST_S:.0f} s of rest between. Build to your hardest "
        "quickly and smoothly, breathe out through each effort, and stop if it hurts more than "
        "5/10."
    )

    async def run() -> list[tuple[float, float]]:
        await client.connect()
        try:
            return await _record(client, total)
        finally:
            await client.disconnect()

    samples = asyncio.run(run())
    import numpy as np

    rec = make_recording(np.array([s[0] for s in samples]), np.array([s[1] for s in samples]))
    peaks = [t.peak_force for t in analyze(rec).trials]
    with services(db) as ctx:
        best = save_mvc(ctx, peaks, exercise)
    for i, peak in enumerate(peaks, 1):
        con.print(f"  effort {i}: {peak:.0f} N ({peak / 9.80665:.1f} kg)")
    con.print(f"[bold green]MVC {best:.0f} N ({best / 9.80665:.1f} kg)[/] saved.")


def hold(
    pct: Annotated[float, typer.Option(min=1, max=100, help="Target, % of MVC.")],
    seconds: Annotated[float, typer.Option(min=5, max=600, help="Length of the hold.")],
    device: Annotated[str, typer.Option(help="progressor or simulated")] = "progressor",
    mvc_n: Annotated[
        float | None, typer.Option("--mvc", help="MVC in N (default: latest).")
    ] = None,
    db: DbOption = None,
) -> None:
    """A hold at a % of your MVC with a live target bar; time in band and steadiness saved."""
    import numpy as np
    from rich.live import Live

    from isohold.cli.context import services
    from isohold.cli.output import console
    from isohold.devices.progressor.simulated import steady_hold
    from isohold.domain.errors import NotFoundError
    from isohold.force.analysis import time_in_band
    from isohold.force.signal import make_recording
    from isohold.services.force import latest_mvc, save_hold

    con = console()
    with services(db) as ctx:
        mvc_value = mvc_n if mvc_n is not None else latest_mvc(ctx)
    if mvc_value is None:
        raise NotFoundError("no MVC saved yet: run `isohold force mvc` first, or give --mvc")
    target = pct / 100 * mvc_value
    low, high = (pct - BAND_PCT) / 100 * mvc_value, (pct + BAND_PCT) / 100 * mvc_value
    start_s = 2.0
    client = _device(device, steady_hold(target / 9.80665, start_s, seconds))
    con.print(f"Target {pct:g}% of {mvc_value:.0f} N = {target:.0f} N for {seconds:g} s. "
              "Breathe normally; keep the marker inside the band.")  # fmt: skip

    def bar(force: float) -> str:
        width = 50
        pos = min(width - 1, max(0, int(force / (mvc_value * 0.01 * max(pct * 2, 10)) * width)))
        lo = int(low / (mvc_value * 0.01 * max(pct * 2, 10)) * width)
        hi = int(high / (mvc_value * 0.01 * max(pct * 2, 10)) * width)
        cells = ["[green]=[/]" if lo <= i <= hi else "-" for i in range(width)]
        cells[pos] = "[bold]█[/]"
        inside = low <= force <= high
        return f"{''.join(cells)}  {force / mvc_value * 100:5.1f}% MVC {'✓' if inside else ' '}"

    async def run(live: Live) -> list[tuple[float, float]]:
        await client.connect()
        try:
            return await _record(client, start_s + seconds,
                                 lambda s: live.update(bar(s.force_n), refresh=True))  # fmt: skip
        finally:
            await client.disconnect()

    with Live(console=con, auto_refresh=False) as live:
        samples = asyncio.run(run(live))
    rec = make_recording(np.array([s[0] for s in samples]), np.array([s[1] for s in samples]))
    window = (rec.t >= start_s) & (rec.t <= start_s + seconds)
    held = rec.f[window]
    summary = {
        "target_pct_mvc": pct,
        "mvc_n": mvc_value,
        "seconds": seconds,
        "time_in_band_s": round(time_in_band(rec, low, high, start_s, start_s + seconds), 2),
        "mean_pct_mvc": round(float(held.mean()) / mvc_value * 100, 1),
        "cv_percent": round(float(held.std() / held.mean() * 100), 2) if held.mean() else 0.0,
    }
    with services(db) as ctx:
        save_hold(ctx, summary)
    con.print(
        f"In the band for {summary['time_in_band_s']:.1f} of {seconds:g} s; mean "
        f"{summary['mean_pct_mvc']:.1f}% MVC; steadiness CV {summary['cv_percent']:.1f}%. Saved."
    )
