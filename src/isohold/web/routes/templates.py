"""A clinician's program templates: save a linked patient's program as a named template,
list and delete one's own, and apply one to a linked patient's plan (through the prescribing
rules: beyond the catalogue's limits or the patient's answers only with a written reason).
Only a clinician with two-step sign-in reaches these (services/access.py); applying is a
change of the patient's plan, audited by the gate."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Request

from isohold.domain.errors import InputError
from isohold.services import prescribing, templates
from isohold.web.asking import address_of, ctx_of, who_of

router = APIRouter(tags=["clinician"])
JSON = dict[str, Any]


def _object(body: Any, shape: str) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise InputError("body", f"must be an object: {shape}")
    return body


@router.post("/api/v1/templates", summary="Save a patient's program as a named template")
def save_template(request: Request, body: Any = Body(None)) -> JSON:  # noqa: B008
    found = _object(body, '{"name", "patient_id"}')
    return templates.save(
        ctx_of(request),
        who_of(request),
        found.get("name"),
        found.get("patient_id"),
        address_of(request),
    )


@router.get("/api/v1/templates", summary="Your program templates")
def list_templates(request: Request) -> list[JSON]:
    return templates.listing(ctx_of(request), who_of(request), address_of(request))


@router.delete("/api/v1/templates/{template_id}", summary="Delete one of your templates")
def delete_template(template_id: int, request: Request) -> JSON:
    return templates.remove(ctx_of(request), who_of(request), template_id, address_of(request))


@router.post(
    "/api/v1/patients/{patient_id}/plan/template",
    summary="Apply one of your templates to a patient's plan: each block within the limits, "
    "or beyond them with a written reason; a new plan version with you as its author",
)
def apply_template(patient_id: int, request: Request, body: Any = Body(None)) -> JSON:  # noqa: B008
    found = _object(body, '{"template_id", "reason"}')
    return prescribing.apply_template(
        ctx_of(request), who_of(request), found.get("template_id"), found.get("reason")
    )
