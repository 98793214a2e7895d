"""A clinician's prescribing for a linked patient: the plan with who made each version, and
changing one block with a reason (contract 6: the gate has checked the link and written the
audit row, a change, before these run)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Request

from isohold.domain.errors import InputError
from isohold.services import prescribing
from isohold.web.asking import ctx_of, who_of

router = APIRouter(prefix="/api/v1/patients/{patient_id}", tags=["clinician"])
JSON = dict[str, Any]


@router.get("/plan", summary="A patient's plan, with who made each version and why")
def get_plan(patient_id: int, request: Request) -> JSON:
    return prescribing.plan_document(ctx_of(request))


@router.patch(
    "/plan",
    summary="Change one block of a patient's plan: beyond the catalogue's limits only with a "
    "written reason; a new plan version with its author",
)
def patch_plan(patient_id: int, request: Request, body: Any = Body(None)) -> JSON:  # noqa: B008
    if not isinstance(body, dict):
        raise InputError("body", 'must be an object: {"block", "changes", "reason"}')
    done = prescribing.edit_plan(ctx_of(request), who_of(request), *prescribing.request_parts(body))
    return done.to_dict()
