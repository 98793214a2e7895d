"""A clinician's caseload figures (issue 14, item 6): across their linked patients, the share
with a meaningful pain improvement at 4 and 8 weeks and the median adherence, as JSON or as
CSV (a row a patient and a summary row). Only a clinician with two-step sign-in reaches these
(services/access.py); each patient counted gets an audit row (an export for the CSV)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from isohold.services import caseload
from isohold.web.asking import address_of, ctx_of, who_of

router = APIRouter(prefix="/api/v1", tags=["clinician"])


@router.get("/caseload", summary="Caseload figures across your patients (clinicians)")
def figures(request: Request) -> dict[str, Any]:
    found = caseload.report(
        ctx_of(request),
        who_of(request),
        action="read",
        route="GET /api/v1/caseload",
        address=address_of(request),
    )
    return found.to_dict()


@router.get("/caseload.csv", summary="Caseload figures as CSV: a row a patient and a summary")
def figures_csv(request: Request) -> Response:
    found = caseload.report(
        ctx_of(request),
        who_of(request),
        action="export",
        route="GET /api/v1/caseload.csv",
        address=address_of(request),
    )
    name = f"isohold-caseload-{found.today.isoformat()}.csv"
    return Response(
        caseload.to_csv(found),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
