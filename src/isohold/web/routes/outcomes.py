"""Outcome measures: the page to record a result (/outcomes, a form per measure) and the API.

GET  /api/v1/outcomes/measures   the measures, their meaningful change and licence note
GET  /api/v1/outcomes            every result, a series per measure (and side)
POST /api/v1/outcomes            {"measure", "score"?, "side"?, "activities"?, "by"?, "day"?,
                                  "uuid"?}: one result; 422 names the field that is wrong
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from isohold.domain.errors import InputError, NotFoundError
from isohold.domain.outcomes import MAX_ACTIVITIES, SIDES, parse_entry
from isohold.services import outcomes, today
from isohold.web.asking import ctx_of
from isohold.web.pages import render

api = APIRouter(prefix="/api/v1/outcomes", tags=["api"])
router = APIRouter(include_in_schema=False)

JSON = dict[str, Any]


@api.get("/measures", summary="The outcome measures, their meaningful change and licence")
def list_measures(request: Request) -> JSON:
    cat = ctx_of(request).catalogue
    return {"measures": [outcomes.measure_dict(t, cat) for t in outcomes.measures(cat)]}


@api.get("", summary="Every recorded result, a series per measure and side")
def get_outcomes(request: Request, measure: str | None = None) -> JSON:
    found = outcomes.history(ctx_of(request), measure)
    return {"schema": "isohold.outcomes/1",
            "series": [{"measure": s.measure, **s.to_dict()} for s in found]}  # fmt: skip


class ActivityBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(max_length=200)
    rating: float


class OutcomeBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    measure: str = Field(description="A measure id from /api/v1/outcomes/measures")
    score: float | None = Field(None, description="The total, count, distance or pain")
    side: str | None = Field(None, description="left or right, for a one-leg test")
    activities: list[ActivityBody] | None = Field(None, description="PSFS: 1-5 rated activities")
    by: str = Field("person", description="person or clinician")
    day: date | None = Field(None, description="The day of the test (default today)")
    uuid: str | None = Field(None, description="Client-made UUID (a replay is stored once)")


@api.post("", summary="Record one result of an outcome measure (repeat-safe by UUID)")
def post_outcome(request: Request, body: OutcomeBody) -> JSON:
    acts = None if body.activities is None else [a.model_dump() for a in body.activities]
    done = outcomes.record(
        ctx_of(request), body.measure, score=body.score, side=body.side, activities=acts,
        by=body.by, day=body.day, uuid=body.uuid,
    )  # fmt: skip
    return {"saved": done.saved, "measure": body.measure, "score": done.entry.score,
            **done.series.to_dict()}  # fmt: skip


def _page(
    request: Request, error: str | None = None, failed: str | None = None, status: int = 200
) -> Response:
    ctx = ctx_of(request)
    try:
        plan = today.today(ctx).plan
    except NotFoundError:
        return RedirectResponse("/start", status_code=303)
    mine = {t for t, _purpose in plan.program.tests} if plan.program else set()
    every = outcomes.measures(ctx.catalogue)
    latest = {(s.measure, s.side): s.points[-1] for s in outcomes.history(ctx)}
    return render(request, "outcomes/record.html", {
        "for_plan": [t for t in every if t.id in mine],
        "others": [t for t in every if t.id not in mine],
        "latest": latest, "sides": SIDES, "slots": range(1, MAX_ACTIVITIES + 1),
        "today": ctx.now().date().isoformat(), "error": error, "failed": failed,
    }, status)  # fmt: skip


@router.get("/outcomes")
def outcomes_page(request: Request) -> Response:
    return _page(request)


def _text(form: FormData, name: str) -> str | None:
    value = str(form.get(name, "")).strip()
    return value or None


@router.post("/outcomes")
async def record_outcome(request: Request) -> Response:
    """One form a measure: a total, a result for either or both sides, or rated activities."""
    form = await request.form()
    ctx = ctx_of(request)
    ident = str(form.get("measure", ""))
    try:
        day = _day(_text(form, "day"))
        common: dict[str, Any] = {"by": form.get("by", "person"), "day": day}
        _test, scoring = outcomes.measure(ctx.catalogue, ident)
        if scoring.kind == "per_side":
            given = [(side, _text(form, side)) for side in SIDES]
            given = [(side, value) for side, value in given if value is not None]
            if not given:
                raise InputError("left", "enter a result for the left side, the right, or both")
            for side, value in given:  # both sides checked before either is saved
                try:
                    parse_entry(ident, scoring, score=value, side=side, by=common["by"])
                except InputError as error:
                    raise InputError(side, error.reason) from None
            for side, value in given:
                outcomes.record(ctx, ident, score=value, side=side, **common)
        elif scoring.kind == "activities":
            rows = [(_text(form, f"name_{i}"), _text(form, f"rating_{i}"))
                    for i in range(1, MAX_ACTIVITIES + 1)]  # fmt: skip
            acts = [{"name": n or "", "rating": r} for n, r in rows if n or r]
            outcomes.record(ctx, ident, activities=acts, **common)
        else:
            outcomes.record(ctx, ident, score=_text(form, "score"), **common)
    except InputError as error:
        return _page(request, f"Please check {error.field}: {error.reason}", ident, 422)
    return RedirectResponse("/history#outcomes", status_code=303)


def _day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError("day", f"{text[:40]!r} is not a date") from None
