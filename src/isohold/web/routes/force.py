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
then the server closes the connection. Times are the sensor's seconds; forces are newtons.
Closing early stops the sensor and saves nothing.
"""

from __future__ import annotations

import contextlib
from typing import Any

from fastapi import APIRouter, Request, WebSocket, WebSocketDisconnect
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from isohold.domain.errors import IsoholdError, NotFoundError
from isohold.services import force, force_live
from isohold.services.context import Context
from isohold.services.force_stream import BAND_PCT, Capture, stream
from isohold.web.pages import render

router = APIRouter(include_in_schema=False)


@router.get("/force")
def force_page(request: Request, device: str = force_live.DEFAULT_DEVICE) -> Response:
    ctx: Context = request.app.state.ctx
    try:
        mvc = force.latest_mvc(ctx)
    except NotFoundError:
        return RedirectResponse("/start", status_code=303)
    return render(request, "force.html", {
        "mvc_n": mvc, "planned": force.planned_hold(ctx), "devices": force_live.devices(),
        "device": device, "band_pct": BAND_PCT,
    })  # fmt: skip


@router.websocket("/ws/force")
async def live(ws: WebSocket) -> None:
    await ws.accept()
    ctx: Context = ws.app.state.ctx
    scale: float = ws.app.state.settings.time_scale
    with contextlib.suppress(WebSocketDisconnect):
        try:
            message: Any = await ws.receive_json()
            run = await run_in_threadpool(force_live.prepare, ctx, message, scale)
            await ws.send_json(run.ready())
            capture = Capture()
            async with contextlib.aclosing(stream(run.sensor, run.run, capture)) as frames:
                async for frame in frames:
                    await ws.send_json(frame.to_dict())
            result = await run_in_threadpool(force_live.finish, ctx, run, capture)
            await ws.send_json(result)
        except (IsoholdError, ValueError) as error:
            field = getattr(error, "field", None)
            await ws.send_json({"type": "error", "field": field, "detail": str(error)})
        await ws.close()
