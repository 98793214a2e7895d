"""The weekly review on a leash, for a linked patient's clinician: the review mode, the
proposals with their diffs, approving (as proposed or edited) and rejecting (contract 6: the
gate has checked the link and written the audit row before these run)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Request

from isohold.domain.errors import InputError
from isohold.services import proposals
from isohold.web.asking import ctx_of, who_of

router = APIRouter(prefix="/api/v1/patients/{patient_id}", tags=["clinician"])
JSON = dict[str, Any]


def _object(body: Any) -> dict[str, Any]:
    if body is None:
        return {}
    if not isinstance(body, dict):
        raise InputError("body", "must be a JSON object")
    return body


@router.get("/review-mode", summary="How the patient's weekly review takes effect")
def get_mode(patient_id: int, request: Request) -> JSON:
    return {"mode": proposals.mode(ctx_of(request))}


@router.put("/review-mode", summary='Set the weekly review to "apply" or "propose"')
@router.patch("/review-mode", summary="The same as PUT", operation_id="patch_review_mode")
@router.post("/review-mode", summary="The same as PUT", operation_id="post_review_mode")
def put_mode(patient_id: int, request: Request, body: Any = Body(None)) -> JSON:  # noqa: B008
    return {"mode": proposals.set_mode(ctx_of(request), who_of(request), _object(body).get("mode"))}


@router.get("/proposals", summary="Weekly reviews proposed for approval, with their diffs")
def get_proposals(patient_id: int, request: Request) -> JSON:
    return proposals.listing(ctx_of(request))


@router.post(
    "/proposals/{proposal_id}/approve",
    summary="Approve a proposed review, as proposed or with edits ({block: changes}, a reason "
    "for edits beyond the catalogue's limits)",
)
def approve(patient_id: int, proposal_id: int, request: Request,
            body: Any = Body(None)) -> JSON:  # noqa: B008  # fmt: skip
    raw = _object(body)
    return proposals.approve(ctx_of(request), who_of(request), proposal_id, raw.get("edits"),
                             raw.get("reason"))  # fmt: skip


@router.post("/proposals/{proposal_id}/reject", summary="Reject a proposed review")
def reject(patient_id: int, proposal_id: int, request: Request,
           body: Any = Body(None)) -> JSON:  # noqa: B008  # fmt: skip
    return proposals.reject(ctx_of(request), who_of(request), proposal_id,
                            _object(body).get("reason"))  # fmt: skip
