"""Desk micro-breaks in the web app: the page (next break, a guided break, settings, weekly
adherence) and its JSON API.

    GET  /api/v1/desk            {"status": <status>, "weeks": [<week>, ...]}
    POST /api/v1/desk/breaks     {"uuid", "outcome": done|skipped|snoozed, "due_at", "holds",
                                  "pain": 0-10 | null}   -> {"saved": bool}  (repeat-safe)
    POST /api/v1/desk/settings   any keys of the settings document -> the whole document
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any
from zoneinfo import available_timezones

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field, StrictInt
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from isohold.domain.errors import InputError, NotFoundError
from isohold.domain.pain import ACCEPTABLE_PAIN
from isohold.domain.record_rules import SCORE
from isohold.services import desk_breaks, gate
from isohold.services.context import Context
from isohold.services.settings import Settings
from isohold.web.asking import ctx_of
from isohold.web.pages import referral_page, render

router = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1/desk", tags=["desk"])

JSON = dict[str, Any]


@cache
def time_zones() -> tuple[str, ...]:
    """Every IANA zone name this system knows, for the searchable time-zone list."""
    return tuple(sorted(available_timezones()))


def _document(ctx: Context) -> JSON:
    now = ctx.utc()
    st = desk_breaks.status(ctx, now)
    weeks = desk_breaks.adherence(ctx, now.astimezone(st.settings.schedule.tz).date())
    return {"status": st.to_dict(), "due": st.due(now), "weeks": [w.to_dict() for w in weeks]}


@router.get("/desk")
def desk_page(request: Request) -> Response:
    ctx = ctx_of(request)
    try:
        doc = _document(ctx)
    except NotFoundError:
        return RedirectResponse("/start", status_code=303)
    day = gate.today(ctx)
    if day.referral is not None:
        return referral_page(request, day.referral)
    st = doc["status"]
    holds = [
        {**h, "steps": ctx.catalogue.exercises[h["exercise"]].steps,
         "cues": ctx.catalogue.exercises[h["exercise"]].cues}
        for h in st["holds"]
    ]  # fmt: skip
    settings: Settings = request.app.state.settings
    return render(request, "desk.html", {"doc": doc, "st": st, "holds": holds,
                                         "time_scale": settings.time_scale,
                                         "pain_limit": ACCEPTABLE_PAIN, "zones": time_zones(),
                                         "tz_saved": desk_breaks.settings_saved(ctx)})  # fmt: skip


@api.get("", summary="The next desk break, its holds, the settings and weekly adherence")
def get_desk(request: Request) -> JSON:
    return _document(ctx_of(request))


class BreakBody(BaseModel):
    uuid: str
    outcome: str
    due_at: datetime
    holds: list[str] = Field(max_length=10)
    pain: StrictInt | None = Field(None, ge=SCORE[0], le=SCORE[1])


@api.post("/breaks", summary="Record a desk break: done, skipped or snoozed (repeat-safe)")
def record_break(request: Request, body: BreakBody) -> JSON:
    if body.due_at.tzinfo is None:
        raise InputError("due_at", "must carry a time zone, e.g. 2026-11-23T10:20:00+00:00")
    done = desk_breaks.BreakDone(body.uuid, body.outcome, body.due_at, tuple(body.holds),
                                 body.pain)  # fmt: skip
    return {"saved": desk_breaks.record(ctx_of(request), done, ctx_of(request).utc())}


@api.post("/settings", summary="Change desk-break settings (only the keys given)")
async def change_settings(request: Request) -> JSON:
    try:
        changes = await request.json()
    except ValueError:
        raise InputError("body", "must be a JSON object of settings") from None
    # in a worker thread: reading a calendar file never holds up the event loop
    new = await run_in_threadpool(
        desk_breaks.update_settings, ctx_of(request), changes, ctx_of(request).utc()
    )
    return new.to_dict()
