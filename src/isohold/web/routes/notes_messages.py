"""Clinical notes and messages (clinic mode): a clinician's notes about a linked patient and
the thread between a patient and their clinicians, over the API and on pages.

- `/api/v1/patients/{id}/notes` and `/api/v1/patients/{id}/messages`: a linked clinician (the
  gate, services/access.py WORKSPACE, has checked the link and written the audit row).
- `/api/v1/messages` and the page `/messages`: a patient's own thread.
- The forms of the clinician's patient overview post to `/patients/{id}/notes` and
  `/patients/{id}/messages` and come back to the overview.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from isohold.domain.errors import ConflictError, InputError
from isohold.services import messages
from isohold.web.asking import ctx_of, who_of
from isohold.web.pages import render

router = APIRouter()
JSON = dict[str, Any]
PATIENT = "/api/v1/patients/{patient_id}"


@router.get(f"{PATIENT}/notes", tags=["clinician"],
            summary="A patient's clinical notes, newest first (hidden from them)")  # fmt: skip
def get_notes(patient_id: int, request: Request) -> JSON:
    found = messages.notes(ctx_of(request), who_of(request), patient_id)
    return {"notes": found, "max_chars": messages.MAX_NOTE_CHARS}


@router.post(
    f"{PATIENT}/notes", tags=["clinician"], status_code=201,
    summary='Add a clinical note: {"text", "corrects"?: the id of a note it corrects}',
)  # fmt: skip
def post_note(patient_id: int, request: Request, body: Any = Body(None)) -> JSON:  # noqa: B008
    return messages.add_note(ctx_of(request), who_of(request), patient_id, body)


@router.get(f"{PATIENT}/messages", tags=["clinician"],
            summary="A patient's messages with you (opening them marks them read)")  # fmt: skip
def get_thread(patient_id: int, request: Request) -> JSON:
    return messages.open_thread(ctx_of(request), who_of(request), patient_id)


@router.post(f"{PATIENT}/messages", tags=["clinician"], status_code=201,
             summary='Send the patient a message: {"text"}')  # fmt: skip
def post_message(patient_id: int, request: Request, body: Any = Body(None)) -> JSON:  # noqa: B008
    return messages.send(ctx_of(request), who_of(request), patient_id, body)


@router.get("/api/v1/messages", tags=["messages"],
            summary="Your messages with your clinician (opening them marks them read)")  # fmt: skip
def my_thread(request: Request) -> JSON:
    who = who_of(request)
    return messages.open_thread(ctx_of(request), who, messages.own_thread(who))


@router.get("/api/v1/messages/unread", tags=["messages"],
            summary="How many of your clinician's messages you have not opened yet")  # fmt: skip
def my_unread(request: Request) -> JSON:
    who = who_of(request)
    found = messages.open_thread(ctx_of(request), who, messages.own_thread(who), mark=False)
    return {"unread": found["unread"]}


@router.post("/api/v1/messages", tags=["messages"], status_code=201,
             summary='Send your clinician a message: {"text"}')  # fmt: skip
def send_mine(request: Request, body: Any = Body(None)) -> JSON:  # noqa: B008
    who = who_of(request)
    return messages.send(ctx_of(request), who, messages.own_thread(who), body)


def _thread_page(request: Request, error: str = "", draft: str = "", status: int = 200) -> Response:
    who = who_of(request)
    thread = messages.open_thread(ctx_of(request), who, messages.own_thread(who))
    return render(request, "messages.html", {"thread": thread, "error": error, "draft": draft,
                                             "max_chars": messages.MAX_MESSAGE_CHARS},
                  status)  # fmt: skip


@router.get("/messages", include_in_schema=False)
def messages_page(request: Request) -> Response:
    return _thread_page(request)


@router.post("/messages", include_in_schema=False)
async def messages_form(request: Request) -> Response:
    form = await request.form()
    text = str(form.get("text", ""))
    who = who_of(request)
    try:
        await run_in_threadpool(messages.send, ctx_of(request), who, messages.own_thread(who),
                                {"text": text})  # fmt: skip
    except (ConflictError, InputError) as error:
        status = 409 if isinstance(error, ConflictError) else 422
        return await run_in_threadpool(_thread_page, request, str(error), text[:5000], status)
    return RedirectResponse("/messages", status_code=303)


async def _overview_form(request: Request, patient_id: int, what: str) -> Response:
    from isohold.web.routes.clinician_pages import _overview

    form = await request.form()
    body: JSON = {"text": str(form.get("text", ""))}
    ctx, who = ctx_of(request), who_of(request)
    try:
        if what == "note":
            corrects = str(form.get("corrects", "")).strip()
            if corrects:
                if not corrects.isdigit() or len(corrects) > 12:
                    raise InputError("corrects", "give the number of the note this corrects")
                body["corrects"] = int(corrects)
            await run_in_threadpool(messages.add_note, ctx, who, patient_id, body)
        else:
            await run_in_threadpool(messages.send, ctx, who, patient_id, body)
    except InputError as error:
        return await run_in_threadpool(_overview, request, patient_id, str(error), 422)
    anchor = "notes-title" if what == "note" else "messages-title"
    return RedirectResponse(f"/patients/{patient_id}#{anchor}", status_code=303)


@router.post("/patients/{patient_id}/notes", include_in_schema=False)
async def note_form(patient_id: int, request: Request) -> Response:
    return await _overview_form(request, patient_id, "note")


@router.post("/patients/{patient_id}/messages", include_in_schema=False)
async def message_form(patient_id: int, request: Request) -> Response:
    return await _overview_form(request, patient_id, "message")
