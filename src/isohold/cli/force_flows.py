"""`isohold force mvc` and `isohold force hold`: an MVC test and a %MVC-guided hold with a live
target bar in the terminal, on a Tindeq Progressor or its simulator. The run itself (schedule,
live frames, results) is services/force_stream.py, shared with the web page.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Annotated, Any

import typer

from isohold.cli.options import DbOption

DeviceOption = Annotated[str, typer.Option(help="progressor or simulated")]


def _scale() -> float:
    from isohold.cli.coach.run import time_scale

    return time_scale()


def _play(device: str, run: Any, on_frame: Callable[[Any], None] | None = None) -> Any:
    """Run on the sensor; returns the capture."""
    from isohold.services.force_stream import Capture, sensor_for, stream

    sensor = sensor_for(device, run, _scale())
    capture = Capture()

    async def go() -> None:
        async with contextlib.aclosing(stream(sensor, run, capture)) as frames:
            async for frame in frames:
                if on_frame is not None:
                    on_frame(frame)

    asyncio.run(go())
    return capture


def mvc(
    device: DeviceOption = "progressor",
    efforts: Annotated[int, typer.Option(min=1, max=5, help="Maximal efforts.")] = 3,
    exercise: Annotated[str | None, typer.Option(help="Which exercise this MVC is for.")] = None,
    db: DbOption = None,
) -> None:
    """Measure your maximal voluntary contraction (MVC) and save it."""
    from isohold.cli.context import services
    from isohold.cli.output import console
    from isohold.services.force import check_allowed, save_mvc
    from isohold.services.force_stream import MvcTest, mvc_result

    with services(db) as ctx:
        check_allowed(ctx, None)
    con = console()
    test = MvcTest(efforts=efforts)
    con.print(
        f"[bold]MVC test[/]: {efforts} maximal efforts of {test.effort_s:.0f} s, starting "
        f"{test.lead_in_s:.0f} s from now, with {test.rest_s:.0f} s of rest between. Build to "
        "your hardest quickly and smoothly, breathe out through each effort, and stop if it "
        "hurts more than 5/10."
    )
    capture = _play(device, test)
    result = mvc_result(capture)
    with services(db) as ctx:
        best = save_mvc(ctx, list(result.efforts_n), exercise, capture.recording())
    for i, peak in enumerate(result.efforts_n, 1):
        con.print(f"  effort {i}: {peak:.0f} N ({peak / 9.80665:.1f} kg)")
    con.print(f"[bold green]MVC {best:.0f} N ({best / 9.80665:.1f} kg)[/] saved.")


def hold(
    pct: Annotated[float, typer.Option(min=1, max=100, help="Target, % of MVC.")],
    seconds: Annotated[float, typer.Option(min=5, max=600, help="Length of the hold.")],
    device: DeviceOption = "progressor",
    mvc_n: Annotated[
        float | None, typer.Option("--mvc", help="MVC in N (default: latest).")
    ] = None,
    db: DbOption = None,
) -> None:
    """A hold at a % of your MVC with a live target bar; time in band and steadiness saved."""
    from rich.live import Live

    from isohold.cli.context import services
    from isohold.cli.output import console
    from isohold.domain.errors import NotFoundError
    from isohold.services.force import check_allowed, hold_note, latest_mvc, save_hold
    from isohold.services.force_stream import HoldTarget, hold_result

    con = console()
    with services(db) as ctx:
        check_allowed(ctx, pct)
        note = hold_note(ctx, pct, None)
        mvc_value = mvc_n if mvc_n is not None else latest_mvc(ctx)
    if mvc_value is None:
        raise NotFoundError("no MVC saved yet: run `isohold force mvc` first, or give --mvc")
    target = HoldTarget(pct, seconds, mvc_value)
    if note is not None:
        con.print(f"[yellow]Note: {note}.[/]")
    con.print(f"Target {pct:g}% of {mvc_value:.0f} N = {target.target_n:.0f} N for {seconds:g} s. "
              "Breathe normally; keep the marker inside the band.")  # fmt: skip
    with Live(console=con, auto_refresh=False) as live:
        capture = _play(device, target,
                        lambda f: live.update(_bar(target, f.force_n), refresh=True))  # fmt: skip
    summary = hold_result(capture, target).to_dict()
    with services(db) as ctx:
        save_hold(ctx, summary, capture.recording())
    con.print(
        f"In the band for {summary['time_in_band_s']:.1f} of {seconds:g} s; mean "
        f"{summary['mean_pct_mvc']:.1f}% MVC; steadiness CV {summary['cv_percent']:.1f}%. Saved."
    )


def _bar(target: Any, force: float) -> str:
    """The force marker on a scale up to twice the target (at least 10% MVC), band in green."""
    width = 50
    full = target.mvc_n * 0.01 * max(target.pct * 2, 10)
    pos = min(width - 1, max(0, int(force / full * width)))
    lo, hi = int(target.low_n / full * width), int(target.high_n / full * width)
    cells = ["[green]=[/]" if lo <= i <= hi else "-" for i in range(width)]
    cells[pos] = "[bold]█[/]"
    inside = target.low_n <= force <= target.high_n
    return f"{''.join(cells)}  {force / target.mvc_n * 100:5.1f}% MVC {'✓' if inside else ' '}"
