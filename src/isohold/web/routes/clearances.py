"""A clinician clears a linked patient's blood pressure or a red flag they answered yes to,
with a note, and lists the clearances (the gate, services/access.py WORKSPACE, has checked the
link and written the audit row before these run)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Request

from isohold.services import clearances
from isohold.web.asking import ctx_of, who_of

router = APIRouter(prefix="/api/v1/patients/{patient_id}", tags=["clinician"])
JSON = dict[str, Any]


@router.get("/clearances", summary="What a clinician has cleared for a patient: who, when, "
            "the item (bp or a red flag) and the note")  # fmt: skip
def get_clearances(patient_id: int, request: Request) -> JSON:
    return {"clearances": clearances.listing(ctx_of(request))}


@router.post(
    "/clearances", status_code=201,
    summary='Clear a patient\'s blood pressure or a red flag they answered yes to: {"item": '
    '"bp" or the red flag\'s code, "note"}; a new plan version with you as its author',
)  # fmt: skip
def post_clearance(patient_id: int, request: Request, body: Any = Body(None)) -> JSON:  # noqa: B008
    return clearances.clear(ctx_of(request), who_of(request), body)
