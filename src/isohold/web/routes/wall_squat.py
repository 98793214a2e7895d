"""The wall-squat test page (/wall-squat-test) and live heart rate over a WebSocket, for the
test and for a wall squat on the session page.

WebSocket `/ws/heart-rate`, JSON text messages, one run per connection:

client -> server, first, to start (web/heart_rate_messages.py):
    {"run": "wall-squat-test", "device": "simulated" | "strap" | "none"}
    {"run": "monitor", "device": "simulated" | "strap", "exercise": "<catalogue id>"}
client -> server while the test runs (services/wall_squat_live.py):
    {"stop": "fatigue" | "quit"}, {"symptom": "<code>"}, {"pain": 0-10}, {"effort": 0-10},
    {"hr": 30-240}, {"bp": {"systolic": n, "diastolic": n}}
server -> client:
    {"type": "ready", ...}       the test: its pacing, stages, targets, warning signs;
                                 monitor: {"run": "monitor", "device", "band": {...} | null}
    {"type": "frame", "t_s", "stage", "angle_deg", "stage_remaining_s", "remaining_s",
     "bpm": number | null, "contact": bool | null}                 (the test, one a second)
    {"type": "beat", "t_s", "bpm", "contact"}                      (monitor, one a beat report)
    {"type": "noted", "what": "<key>", "stage": n}                 (a message taken)
    {"type": "result", ...}      the test's angle and whether it was saved (wall_squat.Outcome)
    {"type": "error", "field": "<field>" | null, "detail": "<plain words>"}
    {"type": "error", "field": "device", "kind": "sensor", "code": "no-bluetooth-support" |
     "no-adapter" | "not-found" | "dropped" | "unreachable", "summary": "<one sentence>",
     "detail": "<what the system said>"}        (the strap could not be reached or dropped out)
The test ends with its result and the server closes the connection; a monitor runs until the
page closes it. Closing the test early stops the strap and saves nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncGenerator, Coroutine
from typing import Any

from fastapi import APIRouter, Request, WebSocket, WebSocketDisconnect
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from isohold.domain.errors import InputError, IsoholdError, NotFoundError, SensorError
from isohold.domain.strict_json import loads
from isohold.services import gate, heart_rate_live, wall_squat, wall_squat_live
from isohold.services.context import Context
from isohold.web.force_setup import sensor_problem
from isohold.web.heart_rate_messages import MonitorStart, TestStart, parse_start
from isohold.web.pages import referral_page, render

router = APIRouter(include_in_schema=False)
#: causes the force page's diagnosis names for any Bluetooth device; others are the strap's
KNOWN_CAUSES = ("no-bluetooth-support", "no-adapter")
NO_STRAP = "The heart-rate strap could not be reached."


@router.get("/wall-squat-test")
def test_page(request: Request) -> Response:
    ctx: Context = request.app.state.ctx
    try:
        day = gate.today(ctx)
    except NotFoundError:
        return RedirectResponse("/start", status_code=303)
    if day.referral is not None:
        return referral_page(request, day.referral)
    setup = wall_squat.setup(ctx)
    return render(request, "wall_squat_test.html", {
        "setup": setup, "info": setup.to_dict(), "status": wall_squat.status(ctx),
        "devices": wall_squat_live.devices(),
    })  # fmt: skip


def _message(text: str | None) -> Any:
    if text is None:
        raise InputError("body", "send JSON text messages")
    return loads(text, "body", prefix=False)  # strict: no NaN, no deep nesting


@router.websocket("/ws/heart-rate")
async def live(ws: WebSocket) -> None:
    await ws.accept()
    ctx: Context = ws.app.state.ctx
    scale: float = ws.app.state.settings.time_scale
    with contextlib.suppress(WebSocketDisconnect):
        try:
            first = await ws.receive()
            if first["type"] == "websocket.disconnect":
                return
            start = parse_start(_message(first.get("text")))
            if isinstance(start, MonitorStart):
                monitor = await run_in_threadpool(
                    heart_rate_live.open_monitor, ctx, start.device, start.exercise, scale
                )
                await ws.send_json(monitor.ready())
                await _until_gone(ws, _send_all(ws, wall_squat_live.monitor(monitor.strap)))
                return
            run = await run_in_threadpool(_prepare, ctx, start, scale)
            await ws.send_json(run.ready())
            if not await _test_until_done_or_gone(ws, run):
                return  # the page went away: the strap is disconnected, nothing is saved
            await ws.send_json(await run_in_threadpool(run.finish, ctx))
        except SensorError as error:  # Bluetooth off, no strap nearby, bleak missing, ...
            problem = sensor_problem(error)
            summary = problem.summary if problem.code in KNOWN_CAUSES else NO_STRAP
            await ws.send_json({"type": "error", "field": "device", "kind": "sensor",
                                "code": problem.code, "summary": summary,
                                "detail": str(error)})  # fmt: skip
        except (IsoholdError, ValueError) as error:
            field = getattr(error, "field", None)
            await ws.send_json({"type": "error", "field": field, "detail": str(error)})
        await ws.close()


def _prepare(ctx: Context, start: TestStart, scale: float) -> wall_squat_live.LiveTest:
    return wall_squat_live.prepare(ctx, {"run": start.run, "device": start.device}, scale)


async def _send_all(ws: WebSocket, frames: AsyncGenerator[dict[str, Any], None]) -> None:
    async with contextlib.aclosing(frames) as running:
        async for frame in running:
            await ws.send_json(frame)


async def _until_gone(ws: WebSocket, sending: Coroutine[Any, Any, None]) -> None:
    """Stream until the page closes the connection (then the strap is disconnected)."""
    task = asyncio.ensure_future(sending)

    async def gone() -> None:
        while (await ws.receive())["type"] != "websocket.disconnect":
            pass  # the page sends nothing more to a monitor

    watcher = asyncio.ensure_future(gone())
    done, _ = await asyncio.wait({task, watcher}, return_when=asyncio.FIRST_COMPLETED)
    if task in done:
        watcher.cancel()
        task.result()  # raise what the strap raised
        return
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def _test_until_done_or_gone(ws: WebSocket, run: wall_squat_live.LiveTest) -> bool:
    """Send the test's frames while taking the page's messages (stop, warning sign, pain,
    effort, a typed rate): True when the test ended, False when the page closed first."""
    task = asyncio.ensure_future(_send_all(ws, run.run()))

    async def listen() -> None:
        while True:
            message = await ws.receive()
            if message["type"] == "websocket.disconnect":
                return
            try:
                note = run.handle(_message(message.get("text")))
            except InputError as error:
                note = {"type": "error", "field": error.field, "detail": str(error)}
            if note is not None and not task.done():
                await ws.send_json(note)

    listener = asyncio.ensure_future(listen())
    done, _ = await asyncio.wait({task, listener}, return_when=asyncio.FIRST_COMPLETED)
    if task in done:
        listener.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await listener
        task.result()  # raise what the run raised (a strap that could not connect, ...)
        return True
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    return False
