"""A clinician's workspace under /api/v1/patients/{id}/: alerts, prescribing and the weekly
review's proposals (services/access.py keeps these paths as they are, for clinicians only),
and the pages /patients and /patients/{id}."""

from __future__ import annotations

from fastapi import APIRouter

from isohold.web.routes.caseload import router as caseload_router
from isohold.web.routes.clearances import router as clearances_router
from isohold.web.routes.clinician_pages import router as pages_router
from isohold.web.routes.notes_messages import router as notes_messages_router
from isohold.web.routes.patient_alerts import router as alerts_router
from isohold.web.routes.prescribing import router as prescribing_router
from isohold.web.routes.proposals import router as proposals_router
from isohold.web.routes.templates import router as templates_router

router = APIRouter()
router.include_router(alerts_router)
router.include_router(prescribing_router)
router.include_router(proposals_router)
router.include_router(pages_router)
router.include_router(notes_messages_router)
router.include_router(caseload_router)
router.include_router(templates_router)
router.include_router(clearances_router)
