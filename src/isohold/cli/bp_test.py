"""The wall-squat test guided in the terminal (the run itself is services/wall_squat_live.py,
shared with the web page), and a live heart-rate check.

Keys while it runs: `s` when you cannot hold on any longer, `x` for a warning sign (then its
number), `p` for pain (then 0-10 and Enter), `q` to end without a result. Paced by effort:
type 0-10 and Enter near the end of each stage. Without a strap: type your heart rate and
Enter near the end of each stage.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from isohold.domain.wall_squat_test import SYMPTOMS

SYMPTOM_KEYS = {str(i + 1): code for i, code in enumerate(SYMPTOMS)}


class _Input:
    """Turns single keys into the live test's messages."""

    def __init__(self, mode: str | None, manual: bool) -> None:
        self.mode = mode
        self.manual = manual
        self.buffer = ""
        self.waiting: str | None = None  # pain | symptom
        self.prompt = ""

    def key(self, k: str) -> dict[str, Any] | None:
        if self.waiting == "symptom":
            self.waiting = None
            code = SYMPTOM_KEYS.get(k)
            return {"symptom": code} if code else None
        if k.isdigit():
            self.buffer = (self.buffer + k)[-3:]
            return None
        if k in ("\n", "\r"):
            text, self.buffer = self.buffer, ""
            if not text:
                return None
            value = int(text)
            if self.waiting == "pain":
                self.waiting = None
                return {"pain": value}
            if self.mode == "effort":
                return {"effort": value}
            if self.manual:
                return {"hr": value}
            return None
        if k == "s":
            return {"stop": "fatigue"}
        if k == "q":
            return {"stop": "quit"}
        if k == "p":
            self.waiting, self.buffer = "pain", ""
        if k == "x":
            self.waiting = "symptom"
        return None


def _screen(frame: dict[str, Any], ready: dict[str, Any], note: str, entry: _Input) -> str:
    left = int(frame["stage_remaining_s"])
    bpm = frame["bpm"]
    lines = [
        f"[bold]Stage {frame['stage']} of 5[/]: knees at [bold]{frame['angle_deg']:g}°[/] "
        f"(inside the knee; 180 is straight), back on the wall",
        f"[bold]{left // 60}:{left % 60:02d}[/] left in this stage, "
        f"{int(frame['remaining_s']) // 60} min in all. Breathe normally.",
    ]
    if ready["mode"] == "heart_rate":
        lines.append(
            f"Heart rate: [bold]{bpm if bpm is not None else '--'}[/]"
            + (" (no skin contact: moisten the strap)" if frame["contact"] is False else "")
        )
    if ready["mode"] == "effort":
        lines.append("Near the end of each stage type how hard it feels, 0-10, and Enter.")
    elif ready.get("device") is None:
        lines.append("Near the end of each stage type your heart rate and Enter.")
    if entry.waiting == "symptom":
        lines.append("Which? " + ", ".join(f"{k} {SYMPTOMS[c]}" for k, c in SYMPTOM_KEYS.items()))
    elif entry.waiting == "pain":
        lines.append(f"Pain now, 0-10, then Enter: {entry.buffer}")
    elif entry.buffer:
        lines.append(f"> {entry.buffer}")
    lines.append("[dim]s: cannot hold on · x: warning sign · p: pain · q: end[/]")
    if note:
        lines.append(f"[green]{note}[/]")
    return "\n".join(lines)


def run_live(db: str | None, device: str, *, to_stderr: bool = False) -> dict[str, Any]:
    """Run the test on a strap (or without one), guided in the terminal (on standard error
    when the result goes to standard output as JSON); returns the result."""
    from rich.console import Console
    from rich.live import Live

    from isohold.cli.coach.keys import Keys
    from isohold.cli.coach.run import time_scale
    from isohold.cli.context import services
    from isohold.cli.output import console
    from isohold.domain.errors import IsoholdError
    from isohold.services.wall_squat_live import prepare

    con = Console(stderr=True, highlight=False) if to_stderr else console()
    with services(db) as ctx:
        live = prepare(ctx, {"run": "wall-squat-test", "device": device}, time_scale())
        ready = live.ready()
        con.print(
            "[bold]The wall-squat test[/]: five 2-minute stages, back against the wall, from "
            "135 degrees (hardly bent) down to 95. Have someone with you. Stop at once with "
            "chest pain, dizziness, unusual breathlessness or if you feel unwell."
        )
        entry = _Input(ready["mode"], live.strap is None)
        keys = Keys()
        note = ""

        async def go() -> None:
            nonlocal note
            with Live(console=con, auto_refresh=False) as screen, keys.raw():
                async with contextlib.aclosing(live.run()) as frames:
                    async for frame in frames:
                        while (k := keys.read(0)) is not None:
                            message = entry.key(k)
                            if message is not None:
                                try:
                                    answer = live.handle(message)
                                    note = (
                                        f"Noted ({answer['what']}, stage {answer['stage']})."
                                        if answer
                                        else ""
                                    )
                                except IsoholdError as error:
                                    note = str(error)
                        screen.update(_screen(frame, ready, note, entry), refresh=True)
                        await asyncio.sleep(0)

        asyncio.run(go())
        return live.finish(ctx)


def show_heart_rate(db: str | None, device: str, seconds: float) -> None:
    """Live heart rate for `seconds`, against the wall squat's band when a test set one."""
    from rich.live import Live

    from isohold.cli.coach.run import time_scale
    from isohold.cli.context import services
    from isohold.cli.output import console
    from isohold.devices.heart_rate.simulated import around
    from isohold.devices.registry import UnknownDevice, open_strap
    from isohold.domain.errors import InputError
    from isohold.services.wall_squat import band_for_block
    from isohold.services.wall_squat_live import monitor

    with services(db) as ctx:
        band = band_for_block(ctx, "wall-sit")
    scale = time_scale()
    try:
        strap = open_strap(device, around(band["target"] if band else 72.0), scale)
    except UnknownDevice as error:
        raise InputError("--device", str(error)) from None
    con = console()

    async def go() -> None:
        with Live(console=con, auto_refresh=False) as screen:
            async with contextlib.aclosing(monitor(strap)) as beats:
                async for beat in beats:
                    text = f"Heart rate [bold]{beat['bpm']}[/]"
                    if band:
                        inside = band["low"] <= beat["bpm"] <= band["high"]
                        text += (
                            f"   wall-squat band {band['low']}-{band['high']} "
                            f"{'[green]in the band[/]' if inside else ''}"
                        )
                    if beat["contact"] is False:
                        text += "   [yellow]no skin contact: moisten the strap[/]"
                    screen.update(text, refresh=True)
                    if beat["t_s"] >= seconds:
                        break

    asyncio.run(go())
