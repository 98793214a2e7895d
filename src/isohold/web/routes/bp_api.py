"""The blood-pressure program's JSON API under /api/v1/bp: the guided home week and its
averages, recorded readings imported (JSON or CSV), readings from a cuff, and the wall-squat
test (its setup and status, and a result from stages already measured). The same services as
`isohold bp` (services/home_bp.py, services/wall_squat.py), so the rules that protect people
(the day's gate with the home average, a crisis reading, the test's stop rules) live in one
place."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from isohold.domain.errors import InputError
from isohold.services import home_bp, wall_squat
from isohold.web.asking import ctx_of
from isohold.web.routes.api import _json_body, _read_json

api = APIRouter(prefix="/api/v1/bp", tags=["blood pressure"])

JSON = dict[str, Any]
#: the most characters of CSV one import reads (the body limit stops far larger ones first)
MAX_CSV_CHARS = 1_000_000


@api.get("/week", summary="The guided home week: what to do now, its readings, the average")
def week(request: Request) -> JSON:
    found = home_bp.summary(ctx_of(request))
    doc = found.to_dict()
    current = found.current
    return {
        "guide": found.guide,
        "current": doc["current"],
        "days": (
            []
            if current is None
            else [
                {"day": n, "morning": m, "evening": e}
                for n, (m, e) in ((n, current.day(n)) for n in range(1, 8))
            ]
        ),
        "latest": doc["latest"],
        "home_gate": doc["home_gate"],
    }


@api.get(
    "/summary",
    summary="Every home week's average, the change since the start against the measurement "
    "error (with its source), and the responder view after 8 weeks",
)
def summary(request: Request) -> JSON:
    return home_bp.summary(ctx_of(request)).to_dict()


@api.post(
    "/readings",
    summary="Import recorded readings (JSON, or CSV text); each is checked before any is saved",
    openapi_extra=_json_body(
        '{"readings": [{"measured_at": "2026-11-02T07:30", "systolic": 132, "diastolic": 84, '
        '"pulse": 66, "position": "seated"}]}, or {"csv": "<CSV text with those columns>"}. '
        "A reading sent again is stored once."
    ),
)
async def import_readings(request: Request) -> JSON:
    body = await _read_json(request)
    items: Any = body
    if isinstance(body, dict) and "csv" in body:
        text = body["csv"]
        if not isinstance(text, str) or len(text) > MAX_CSV_CHARS:
            raise InputError("csv", f"must be CSV text of at most {MAX_CSV_CHARS} characters")
        items = home_bp.readings_from_csv(text)
    elif isinstance(body, dict):
        items = body.get("readings")
    saved, repeated = home_bp.import_readings(ctx_of(request), items)
    return {"saved": saved, "repeated": repeated, "week": week(request)}


class CuffBody(BaseModel):
    device: Literal["simulated", "cuff"] = Field(
        "cuff", description="A Bluetooth cuff, or the simulated one to try the program"
    )


@api.post("/cuff", summary="Save the readings a cuff sends (a reading sent again is stored once)")
def cuff(request: Request, body: CuffBody) -> JSON:
    return home_bp.read_cuff(ctx_of(request), body.device).to_dict()


@api.get("/test", summary="The wall-squat test: whether it may be done today, how it is paced")
def test_setup(request: Request) -> JSON:
    ctx = ctx_of(request)
    return {"setup": wall_squat.setup(ctx).to_dict(), "status": wall_squat.status(ctx).to_dict()}


class TestBody(BaseModel):
    stages: list[dict[str, Any]] = Field(
        description='Stages in the test\'s order: [{"angle_deg"?, "held_s"?, "hr"?, "effort"?}]'
    )
    stop: str = Field("complete", description="complete, fatigue, symptom, pain, ...")
    symptom: str | None = None


@api.post(
    "/test",
    summary="A wall-squat test's result from its stages (heart rates or efforts): the angle, "
    "saved in the plan unless a stop rule ended the test for safety",
)
def test_result(request: Request, body: TestBody) -> JSON:
    ctx = ctx_of(request)
    stages = wall_squat.parse_stages(body.stages)
    return wall_squat.finish(ctx, stages, stop=body.stop, symptom=body.symptom).to_dict()


@api.get("/band", summary="The live heart-rate band for a wall squat, from the latest test")
def band(request: Request, exercise: str = "wall-sit") -> JSON:
    return {"band": wall_squat.band_for_block(ctx_of(request), exercise[:80])}
