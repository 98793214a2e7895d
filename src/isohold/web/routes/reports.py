"""Documents to download: the progress report (a button on the Progress page) and the
exercise handout as PDFs, and the FHIR R4 Bundle of the log under the JSON API."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from starlette.responses import JSONResponse, Response

from isohold.domain.errors import InputError
from isohold.services import fhir, report
from isohold.web.asking import ctx_of

router = APIRouter()


def _day(text: str | None, field: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(field, f"{text[:40]!r} is not a date like 2026-11-02") from None


def _pdf(data: bytes, filename: str) -> Response:
    return Response(data, media_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "no-store",
    })  # fmt: skip


@router.get("/history/report.pdf", include_in_schema=False)
def progress_report(
    request: Request, clinician: bool = False, start: str | None = None, end: str | None = None
) -> Response:
    """The progress report (`?clinician=true` adds the raw tables; `start`, `end`: dates)."""
    ctx = ctx_of(request)
    pdf = report.progress_pdf(ctx, _day(start, "start"), _day(end, "end"), clinician=clinician)
    kind = "clinician-report" if clinician else "progress-report"
    return _pdf(pdf, f"isohold-{kind}-{ctx.now():%Y-%m-%d}.pdf")


@router.get(
    "/api/v1/report.pdf", tags=["api"], summary="The progress report as a PDF",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}},
                     "description": "The progress report (the clinician's version with the "
                                    "raw tables when asked)"}},
)  # fmt: skip
def progress_report_api(
    request: Request, clinician: bool = False, start: str | None = None, end: str | None = None
) -> Response:
    """The progress report for an API client (in clinic mode a clinician reaches a patient's
    at /api/v1/patients/{id}/report.pdf): `clinician=true` adds the raw tables; `start` and
    `end` are dates like 2026-11-02."""
    return progress_report(request, clinician, start, end)


@router.get(
    "/api/v1/fhir/Bundle", tags=["api"], summary="The log as a FHIR R4 Bundle (collection)",
    response_class=JSONResponse,
    responses={200: {"content": {"application/fhir+json": {}},
                     "description": "Patient (pseudonymous), CarePlan and Observations"}},
)  # fmt: skip
def fhir_bundle(request: Request) -> Response:
    """A Bundle of type collection: the Patient (pseudonymous), the current plan as a CarePlan,
    and Observations for pain, blood pressure, MVC and each session's length."""
    document = fhir.export_bundle(ctx_of(request))
    return JSONResponse(document, media_type="application/fhir+json",
                        headers={"Cache-Control": "no-store"})  # fmt: skip
