"""The force page (/force): an MVC test and %MVC holds with live feedback over a WebSocket.

WebSocket `/ws/force`, JSON text messages, one run per connection:

client -> server, once, to start:
    {"run": "mvc" | "hold", "device": "simulated" | "progressor",
     "pct": number, "seconds": number,          (hold only: target % MVC and length)
     "exercise": "<catalogue id>" | null}       (optional)
server -> client:
    {"type": "ready", "run": ..., "device": "<sensor name>", "total_s": number,
     "lead_in_s": number, ...}                  (hold: pct, seconds, mvc_n, band_pct;
                                                 mvc: efforts, effort_s, rest_s)
    {"type": "frame", "t_s": number, "force_n": number, "phase": "get-ready" | "effort" |
     "rest" | "release" | "hold", "effort": int, "remaining_s": number,
     "pct_mvc": number | null, "in_band": bool | null}           (one per sensor sample)
    {"type": "result", "run": "mvc", "efforts_n": [number], "mvc_n": number, "saved": true}
    {"type": "result", "run": "hold", "target_pct_mvc": number, "mvc_n": number,
     "seconds": number, "time_in_band_s": number, "mean_pct_mvc": number,
     "cv_percent": number, "saved": true}
    {"type": "error", "field": "<field>" | null, "detail": "<plain words>"}
    {"type": "error", "field": "device", "kind": "sensor", "code": "no-bluetooth-support" |
     "no-adapter" | "not-found" | "dropped" | "unreachable", "summary": "<one sentence>",
     "detail": "<what the system said>"}       (the sensor could not be reached or dropped out)
then the server closes the connection. Times are the sensor's seconds; forces are newtons.
Closing early stops the sensor and saves nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Coroutine
from typing import Any

from fastapi import APIRouter, Request, WebSocket, WebSocketDisconnect
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from isohold.domain.errors import (
    ConflictError,
    InputError,
    IsoholdError,
    NotFoundError,
    SensorError,
)
from isohold.domain.strict_json import loads
from isohold.services import force, force_live, gate
from isohold.services.context import Context
from isohold.services.force_stream import BAND_PCT, Capture, stream
from isohold.web.force_messages import HoldStart, MvcStart, parse_start
from isohold.web.force_setup import GENERAL_STEPS, exercise_title, sensor_problem, setup_steps
from isohold.web.pages import referral_page, render

router = APIRouter(include_in_schema=False)


@router.get("/force")
def force_page(request: Request, device: str = force_live.DEFAULT_DEVICE) -> Response:
    ctx: Context = request.app.state.ctx
    try:
        mvc = force.latest_mvc(ctx)
    except NotFoundError:
        return RedirectResponse("/start", status_code=303)
    today = gate.today(ctx)
    if today.referral is not None:
        return referral_page(request, today.referral)
    waits = None
    try:
        force.check_allowed(ctx, None)
    except ConflictError as refused:
        waits = str(refused)
    planned = force.planned_hold(ctx)
    title = None
    if planned is not None:
        title = exercise_title(ctx.catalogue.exercises.get(planned.exercise), planned.exercise,
                               planned.side)  # fmt: skip
    return render(request, "force.html", {
        "mvc_n": mvc, "planned": planned, "planned_title": title,
        "devices": force_live.devices(), "device": device, "band_pct": BAND_PCT, "waits": waits,
        "general_steps": GENERAL_STEPS,
        "setup_steps": setup_steps(planned.exercise if planned else None),
    })  # fmt: skip


@router.websocket("/ws/force")
async def live(ws: WebSocket) -> None:
    await ws.accept()
    ctx: Context = ws.app.state.ctx
    scale: float = ws.app.state.settings.time_scale
    with contextlib.suppress(WebSocketDisconnect):
        try:
            first = await ws.receive()
            if first["type"] == "websocket.disconnect":
                return
            if first.get("text") is None:
                raise InputError("body", "send the run as a JSON text message")
            message: Any = loads(first["text"], "body", prefix=False)  # strict: no NaN, nesting
            run = await run_in_threadpool(_prepare, ctx, parse_start(message), scale)
            await ws.send_json(run.ready())
            capture = Capture()
            if not await _until_done_or_gone(ws, _send_frames(ws, run, capture)):
                return  # the page went away: the sensor is disconnected, nothing is saved
            result = await run_in_threadpool(force_live.finish, ctx, run, capture)
            await ws.send_json(result)
        except SensorError as error:  # Bluetooth off, no sensor nearby, bleak missing, ...
            problem = sensor_problem(error)
            await ws.send_json({"type": "error", "field": "device", "kind": "sensor",
                                "code": problem.code, "summary": problem.summary,
                                "detail": str(error)})  # fmt: skip
        except (IsoholdError, ValueError) as error:
            field = getattr(error, "field", None)
            await ws.send_json({"type": "error", "field": field, "detail": str(error)})
        await ws.close()


def _prepare(ctx: Context, start: MvcStart | HoldStart, scale: float) -> force_live.LiveRun:
    if isinstance(start, HoldStart):
        return force_live.prepare_hold(
            ctx, start.pct, start.seconds, start.device, start.exercise, scale
        )
    return force_live.prepare_mvc(ctx, start.device, start.exercise, scale)


async def _send_frames(ws: WebSocket, run: force_live.LiveRun, capture: Capture) -> None:
    async with contextlib.aclosing(stream(run.sensor, run.run, capture)) as frames:
        async for frame in frames:
            await ws.send_json(frame.to_dict())


async def _until_done_or_gone(ws: WebSocket, sending: Coroutine[Any, Any, None]) -> bool:
    """Run `sending` while listening for the page: True when it finished, False when the page
    closed first (then the sending is cancelled, which disconnects the sensor)."""
    task = asyncio.ensure_future(sending)

    async def gone() -> None:
        while (await ws.receive())["type"] != "websocket.disconnect":
            pass  # the page sends nothing more during a run

    watcher = asyncio.ensure_future(gone())
    done, _ = await asyncio.wait({task, watcher}, return_when=asyncio.FIRST_COMPLETED)
    if task in done:
        watcher.cancel()
        task.result()  # raise what the run raised (a sensor error, ...)
        return True
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    return False
