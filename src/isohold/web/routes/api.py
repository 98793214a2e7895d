"""The JSON API under /api/v1: everything the pages do, plus contracts 2 and 3."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from isohold.domain import schemas
from isohold.domain.describe import phase_word
from isohold.domain.plan import plan_from_dict
from isohold.domain.prescription import prescribe
from isohold.domain.profile import parse_profile
from isohold.domain.record_rules import DIASTOLIC, LOAD, PULSE, REPS, SCORE, SYSTOLIC
from isohold.domain.responses import parse_responses
from isohold.domain.review import review as run_review
from isohold.domain.schedule import phases
from isohold.services import (
    checkins,
    documents,
    gate,
    history,
    log,
    onboarding,
    progress,
    sessions,
    stats,
    today,
)
from isohold.services.context import Context
from isohold.services.figures import coach_figures
from isohold.web.asking import ctx_of

router = APIRouter(prefix="/api/v1", tags=["api"])

JSON = dict[str, Any]


class Health(BaseModel):
    status: str = "ok"


@router.get("/health", response_model=Health, summary="Liveness check")
def health() -> Health:
    return Health()


def _json_body(description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    """OpenAPI for a route that reads its JSON body itself (the domain parser judges it; the
    schema describes it, from the same vocabularies: domain/schemas.py)."""
    return {
        "requestBody": {
            "required": True,
            "description": description,
            "content": {"application/json": {"schema": schema or {"type": "object"}}},
        }
    }


async def _read_json(request: Request) -> Any:
    import json

    from isohold.domain.errors import InputError

    try:
        return json.loads(await request.body() or b"null")
    except (ValueError, UnicodeDecodeError):
        raise InputError("body", "must be a JSON document") from None


@router.post(
    "/plan",
    summary="A plan for a profile (contract 2); nothing is saved",
    openapi_extra=_json_body("A profile (contract 1)", schemas.profile_schema()),
)
async def plan(request: Request) -> JSON:
    profile = parse_profile(await _read_json(request))
    return prescribe(profile, ctx_of(request).catalogue).to_dict()


@router.post(
    "/review",
    summary="Review a plan against a week's responses (contract 3)",
    openapi_extra=_json_body(
        '{"plan": <isohold.plan/1>, "responses": [...] or {"responses": [...]}, "tests": [...] '
        "(optional: the latest capacity test results, for moving on a stage)}",
        schemas.review_request_schema(),
    ),
)
async def review(request: Request) -> JSON:
    from isohold.domain.capacity import parse_results
    from isohold.domain.errors import InputError
    from isohold.domain.review import Week

    body = await _read_json(request)
    if not isinstance(body, dict) or "plan" not in body or "responses" not in body:
        raise InputError("body", 'must be {"plan": ..., "responses": [...]}')
    raw = body["responses"]
    week = parse_responses(raw if isinstance(raw, dict) else {"responses": raw})
    catalogue = ctx_of(request).catalogue
    found = body.get("tests")
    results = (
        None
        if found is None
        else parse_results(found if isinstance(found, dict) else {"tests": found}, catalogue.tests)
    )
    return run_review(plan_from_dict(body["plan"]), week, catalogue, Week(tests=results)).to_dict()


@router.get("/exercises", summary="The exercise catalogue")
def exercises(request: Request, region: str | None = None) -> list[JSON]:
    from isohold.domain.exercise_json import exercise_dict

    cat = ctx_of(request).catalogue
    return [
        exercise_dict(ex, cat)
        for ex in cat.exercises.values()
        if region is None or region in ex.regions
    ]


@router.get("/exercises/{exercise_id}", summary="One exercise")
def exercise(request: Request, exercise_id: str) -> JSON:
    from isohold.domain.errors import NotFoundError
    from isohold.domain.exercise_json import exercise_dict

    cat = ctx_of(request).catalogue
    if exercise_id not in cat.exercises:
        raise NotFoundError(f"no exercise {exercise_id!r}")
    return exercise_dict(cat.exercises[exercise_id], cat)


class OnboardBody(BaseModel):
    profile: JSON = Field(description="Profile (contract 1)")
    replace: bool = Field(False, description="Save a new plan version over an existing profile")


@router.post("/onboard", summary="Save a profile and its plan")
def onboard(request: Request, body: OnboardBody) -> JSON:
    result = onboarding.onboard(ctx_of(request), body.profile, replace=body.replace)
    return {"plan_version": result.plan_version, "plan": result.plan.to_dict()}


# GET /today and POST /sessions/{uuid}/sets are answered by web/hot.py, matched before these
# routes, which document them (OpenAPI) and answer the same from the same services.
@router.get("/today", summary="What to do today")
def get_today(request: Request) -> JSON:
    return documents.today_document(today.today(ctx_of(request)))


class StartBody(BaseModel):
    uuid: str | None = Field(None, description="Client-made session UUID (idempotent)")
    resume: str | None = Field(None, description="UUID of an unfinished session to resume")


@router.get("/gate", summary="What may be trained today (referral, blood pressure, severe pain)")
def get_gate(request: Request) -> JSON:
    return documents.gate_document(gate.today(ctx_of(request)))


def _session_json(ctx: Context, state: sessions.SessionState) -> JSON:
    blocks = state.plan.program.blocks if state.plan.program else ()
    out = []
    for block in blocks:
        if block.exercise in state.skipped:
            continue
        ex = ctx.catalogue.exercises.get(block.exercise)
        out.append(
            {
                "block": block.to_dict(),
                "name": ex.name if ex else block.exercise,
                "steps": list(ex.steps) if ex else [],
                "cues": list(ex.cues) if ex else [],
                # what the coach calls a repetition: "Hold", or "Move" for an exercise that moves
                "rep_word": phase_word("hold", ex.kind if ex else "isometric"),
                # the figure moving from start to hold pose, per side a phase may name
                "figures": coach_figures(ctx.catalogue, block),
                "phases": [asdict(p) for p in phases(block)],
            }
        )
    program = state.plan.program
    return {
        "uuid": state.uuid,
        "status": state.status,
        "plan_version": state.plan_version,
        "max_pain_during": program.max_pain_during if program else 5,
        "done": [list(d) for d in sorted(state.done)],
        "reported": sorted(state.reported),
        "exercises": out,
        "gate": {"code": state.gate_code, "text": state.gate_text},
        "stop_rules": documents.offline_stop_rules(program.max_pain_during if program else 5),
        "left_out": [documents.left_out_document(ctx, x) for x in state.left_out],
    }


@router.post("/sessions", summary="Start (or resume) a session; repeat-safe by UUID")
def start_session(request: Request, body: StartBody) -> JSON:
    ctx = ctx_of(request)
    state = sessions.start(ctx, body.uuid, resume=body.resume)
    return _session_json(ctx, state)


class SetBody(BaseModel):
    uuid: str = Field(description="Client-made UUID of this set (a replay is stored once)")
    exercise: str
    set_number: int = Field(ge=1, le=100)
    side: str = Field(pattern="^(left|right|both)$")
    reps_done: int = Field(ge=REPS[0], le=REPS[1])
    hold_s: float = Field(ge=0, le=7200)
    load_value: float | None = Field(None, ge=LOAD[0], le=LOAD[1])
    effort: int | None = Field(None, ge=SCORE[0], le=SCORE[1])
    pain_during: int | None = Field(None, ge=SCORE[0], le=SCORE[1])


@router.post("/sessions/{session_uuid}/sets", summary="Record a completed set (idempotent)")
async def record_set(request: Request, session_uuid: str, body: SetBody) -> JSON:
    from isohold.web.writes import SetWriter

    writer = getattr(request.app.state, "set_writer", None)
    if writer is None:
        writer = request.app.state.set_writer = SetWriter(ctx_of(request))
    created = await writer.record(session_uuid, sessions.SetDone(**body.model_dump()))
    return {"saved": created, "uuid": body.uuid}


class ReportBody(BaseModel):
    uuid: str | None = None
    exercise: str
    pain_during: int = Field(ge=SCORE[0], le=SCORE[1])
    effort: int | None = Field(None, ge=SCORE[0], le=SCORE[1])
    warning: bool = Field(
        False, description="Chest pain, dizziness, new numbness or unusual breathlessness"
    )


@router.post(
    "/sessions/{session_uuid}/reports",
    summary="Pain and effort after an exercise, and whether the session goes on",
)
def report(request: Request, session_uuid: str, body: ReportBody) -> JSON:
    reported = sessions.report_exercise(
        ctx_of(request), session_uuid, body.exercise, body.pain_during, body.effort, body.uuid,
        warning=body.warning,
    )  # fmt: skip
    verdict = reported.verdict
    return {"saved": reported.saved, "verdict": {"action": verdict.action, "text": verdict.text}}


class FinishBody(BaseModel):
    status: str = Field(pattern="^(complete|partial|stopped)$")
    note: str | None = Field(None, max_length=2000)


@router.post("/sessions/{session_uuid}/finish", summary="Finish a session")
def finish(request: Request, session_uuid: str, body: FinishBody) -> JSON:
    sessions.finish(ctx_of(request), session_uuid, body.status, body.note)
    return {"status": body.status}


class LogBody(SetBody):
    session: str | None = Field(None, description="Add to this session; else a new one")


@router.post("/log", summary="Record a set done without the coach (idempotent)")
def log_set(request: Request, body: LogBody) -> JSON:
    data = body.model_dump()
    session = data.pop("session")
    used = log.log_set(ctx_of(request), sessions.SetDone(**data), session)
    return {"session": used, "uuid": body.uuid}


class CheckinBody(BaseModel):
    uuid: str | None = None
    pain: int = Field(ge=SCORE[0], le=SCORE[1])
    stiffness: int = Field(ge=SCORE[0], le=SCORE[1])


@router.post("/checkins", summary="Morning check-in (idempotent by UUID)")
def checkin(request: Request, body: CheckinBody) -> JSON:
    ctx = ctx_of(request)
    created = checkins.checkin(ctx, body.pain, body.stiffness, uuid=body.uuid)
    return {"saved": created, "advice": checkins.morning_advice(ctx)}


class BpBody(BaseModel):
    uuid: str | None = None
    systolic: int = Field(ge=SYSTOLIC[0], le=SYSTOLIC[1])
    diastolic: int = Field(ge=DIASTOLIC[0], le=DIASTOLIC[1])
    pulse: int | None = Field(None, ge=PULSE[0], le=PULSE[1])


@router.post("/bp", summary="A resting blood-pressure reading and today's verdict")
def bp(request: Request, body: BpBody) -> JSON:
    reading = checkins.parse_bp(f"{body.systolic}/{body.diastolic}")
    created, verdict = checkins.record_bp(ctx_of(request), reading, body.pulse, body.uuid)
    return {"saved": created, "verdict": asdict(verdict)}


@router.get("/history", summary="Past sessions with their sets")
def get_history(request: Request, days: int = 30) -> JSON:
    from isohold.domain.errors import InputError

    if not 1 <= days <= 3650:
        raise InputError("days", "must be from 1 to 3650")
    return documents.history_document(history.history(ctx_of(request), days))


@router.get("/stats", summary="Adherence, pain trend and dose progression")
def get_stats(request: Request) -> JSON:
    return documents.stats_document(stats.stats(ctx_of(request)))


class ProgressBody(BaseModel):
    dry_run: bool = False


@router.post("/progress", summary="Weekly review: decisions and the next plan version")
def run_progress(request: Request, body: ProgressBody) -> JSON:
    result = progress.weekly_review(ctx_of(request), save=not body.dry_run)
    return {
        **result.review.to_dict(),
        "from_plan_version": result.from_version,
        "to_plan_version": result.to_version,
        "saved": not body.dry_run and result.proposal_id is None,
        # in "propose" mode the plan waits for the clinician's approval
        "proposal_id": result.proposal_id,
    }
