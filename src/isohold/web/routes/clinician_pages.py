"""A clinician's pages: the list of patients, most urgent first, and a linked patient's
overview (alerts to acknowledge, the plan with its sources and authors, weekly reviews waiting
for approval, the pain, hold and blood-pressure trends). The gate (services/access.py) lets
only a clinician with two-step sign-in reach them, checks the link and writes the audit row;
the forms post here and come back to the overview."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from isohold.domain.errors import ConflictError, InputError, NoProfileError, NotFoundError
from isohold.services import (
    access,
    accounts,
    alert_acks,
    clearances,
    prescribing,
    proposals,
    templates,
)
from isohold.web.asking import address_of, ctx_of, who_of
from isohold.web.pages import render
from isohold.web.progress_page import progress_context

router = APIRouter(include_in_schema=False)


@router.get("/patients")
def patient_list(request: Request, caseload: bool = False) -> Response:
    """The list; with `?caseload=1` also the caseload figures (worked out only when asked:
    they read every patient's whole course)."""
    ctx, who = ctx_of(request), who_of(request)
    mine = accounts.patients(ctx, who.account_id)
    found = alert_acks.open_alerts(ctx, [p.id for p in mine])
    waiting = proposals.pending_of(ctx, [p.id for p in mine])
    rows = [(p, found.get(p.id, ()), waiting.get(p.id, 0)) for p in mine]
    rows.sort(key=lambda r: (min((a.urgency for a in r[1]), default=9), -min(r[2], 1),
                             r[0].name.casefold()))  # fmt: skip
    access.record_list(ctx, who, [p.id for p in mine], "GET /patients", address_of(request))
    figures = None
    if caseload and mine:
        from isohold.services import caseload as caseload_figures

        figures = caseload_figures.report(ctx, who, action="read", route="GET /patients?caseload=1",
                                          address=address_of(request)).to_dict()  # fmt: skip
    from isohold.services.messages import unread_counts

    unread = unread_counts(ctx, who, [p.id for p in mine])
    return render(request, "clinician/patients.html", {"rows": rows, "who": who,
                                                       "caseload": figures,
                                                       "unread": unread})  # fmt: skip


def _overview(request: Request, patient_id: int, message: str = "", status: int = 200) -> Response:
    ctx, who = ctx_of(request), who_of(request)
    patient = next((p for p in accounts.patients(ctx, who.account_id) if p.id == patient_id), None)
    if patient is None:  # the gate has checked the link: only a race can get here
        raise NotFoundError("not found")
    open_, seen = alert_acks.alerts_of_patient(ctx, patient_id)
    context: dict[str, Any] = {"patient": patient, "alerts": open_, "seen": seen,
                               "message": message, "plan": None, "proposals": None,
                               "progress": None}  # fmt: skip
    from isohold.services import messages  # notes and the message thread (opening reads it)

    context |= {"notes": messages.notes(ctx, who, patient_id),
                "thread": messages.open_thread(ctx, who, patient_id),
                "note_chars": messages.MAX_NOTE_CHARS,
                "message_chars": messages.MAX_MESSAGE_CHARS}  # fmt: skip
    try:
        context["plan"] = prescribing.plan_document(ctx)
        context["proposals"] = proposals.listing(ctx)
        context["clearances"] = clearances.listing(ctx)
        context["clearable"] = clearances.clearable(ctx)
        context["templates"] = templates.names(ctx, who)
        context["progress"] = progress_context(ctx)
    except NoProfileError:
        pass  # not started yet: the page says so
    return render(request, "clinician/patient.html", context, status)


@router.get("/patients/{patient_id}")
def patient_page(patient_id: int, request: Request) -> Response:
    return _overview(request, patient_id)


def _back(patient_id: int) -> Response:
    return RedirectResponse(f"/patients/{patient_id}", status_code=303)


@router.post("/patients/{patient_id}/alerts/{alert_key}/acknowledge")
def acknowledge(patient_id: int, alert_key: str, request: Request) -> Response:
    try:
        alert_acks.acknowledge(ctx_of(request), who_of(request), patient_id, alert_key)
    except NotFoundError as error:
        return _overview(request, patient_id, str(error), 404)
    return _back(patient_id)


@router.post("/patients/{patient_id}/proposals/{proposal_id}/{decision}")
async def decide(patient_id: int, proposal_id: int, decision: str, request: Request) -> Response:
    form = await request.form()
    reason = str(form.get("reason", "")).strip() or None
    from starlette.concurrency import run_in_threadpool

    ctx, who = ctx_of(request), who_of(request)
    try:
        if decision == "approve":
            await run_in_threadpool(proposals.approve, ctx, who, proposal_id, None, reason)
        elif decision == "reject":
            await run_in_threadpool(proposals.reject, ctx, who, proposal_id, reason)
        else:
            raise NotFoundError(f"no such decision {decision[:20]!r}: approve or reject")
    except (ConflictError, InputError, NotFoundError) as error:
        status = 409 if isinstance(error, ConflictError) else 422 if isinstance(
            error, InputError) else 404  # fmt: skip
        return await run_in_threadpool(_overview, request, patient_id, str(error), status)
    return _back(patient_id)


#: the dose fields a page form may change, as the API names them
_NUMBERS = ("sets", "reps", "hold_s", "rest_between_reps_s", "rest_s", "intensity_value",
            "joint_angle_deg")  # fmt: skip


def _changes(form: Any, block: dict[str, Any]) -> dict[str, Any]:
    """The form's values that differ from the block's (an empty field keeps the value)."""
    now = {**block, "intensity_value": (block.get("intensity") or {}).get("value")}
    out: dict[str, Any] = {}
    for name in (*_NUMBERS, "side", "exercise"):
        raw = str(form.get(name, "")).strip()
        if not raw:
            continue
        value: Any = raw
        if name in _NUMBERS:
            try:
                value = int(raw) if name in ("sets", "reps") else float(raw.replace(",", "."))
            except ValueError:
                raise InputError(name, f"{raw[:20]!r} is not a number") from None
        if value != now.get(name):
            out[name] = value
    return out


@router.post("/patients/{patient_id}/plan")
async def edit_block_form(patient_id: int, request: Request) -> Response:
    from starlette.concurrency import run_in_threadpool

    form = await request.form()
    ctx, who = ctx_of(request), who_of(request)
    name = str(form.get("block", ""))

    def run() -> None:
        plan = prescribing.plan_document(ctx)["plan"]
        blocks = {b["exercise"]: b for b in (plan.get("program") or {}).get("blocks", [])}
        changes = _changes(form, blocks.get(name, {}))
        if not changes:
            raise InputError("change", "nothing differs from the plan: nothing was changed")
        prescribing.edit_plan(ctx, who, name, changes, form.get("reason"))

    try:
        await run_in_threadpool(run)
    except InputError as error:
        return await run_in_threadpool(_overview, request, patient_id, str(error), 422)
    return _back(patient_id)


@router.post("/patients/{patient_id}/review-mode")
async def review_mode_form(patient_id: int, request: Request) -> Response:
    from starlette.concurrency import run_in_threadpool

    form = await request.form()
    try:
        await run_in_threadpool(proposals.set_mode, ctx_of(request), who_of(request),
                                form.get("mode"))  # fmt: skip
    except InputError as error:
        return await run_in_threadpool(_overview, request, patient_id, str(error), 422)
    return _back(patient_id)


@router.post("/patients/{patient_id}/clearances")
async def clearance_form(patient_id: int, request: Request) -> Response:
    from starlette.concurrency import run_in_threadpool

    form = await request.form()
    body = {"item": str(form.get("item", "")), "note": str(form.get("note", ""))[:2000]}
    try:
        await run_in_threadpool(clearances.clear, ctx_of(request), who_of(request), body)
    except (ConflictError, InputError) as error:
        status = 409 if isinstance(error, ConflictError) else 422
        return await run_in_threadpool(_overview, request, patient_id, str(error), status)
    return _back(patient_id)


@router.post("/patients/{patient_id}/templates/{action}")
async def template_form(patient_id: int, action: str, request: Request) -> Response:
    """Save this patient's program as a named template, or apply one of yours to it."""
    from starlette.concurrency import run_in_threadpool

    form = await request.form()
    ctx, who = ctx_of(request), who_of(request)

    def run() -> None:
        if action == "save":
            templates.save(ctx, who, str(form.get("name", "")), patient_id, address_of(request),
                           route=f"POST /patients/{patient_id}/templates/save")  # fmt: skip
        elif action == "apply":
            raw = str(form.get("template_id", "")).strip()
            chosen = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 12 else raw
            prescribing.apply_template(ctx, who, chosen, form.get("reason"))
        else:
            raise NotFoundError(f"no such action {action[:20]!r}: save or apply")

    try:
        await run_in_threadpool(run)
    except (ConflictError, InputError, NotFoundError) as error:
        status = 409 if isinstance(error, ConflictError) else 422 if isinstance(
            error, InputError) else 404  # fmt: skip
        return await run_in_threadpool(_overview, request, patient_id, str(error), status)
    return _back(patient_id)
