"""A linked patient's alerts for their clinician, and acknowledging one (contract 6: the
gate has checked the link and written the audit row before these run)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from isohold.services import alert_acks
from isohold.web.asking import ctx_of, who_of

router = APIRouter(prefix="/api/v1/patients/{patient_id}", tags=["clinician"])
JSON = dict[str, Any]


@router.get("/alerts", summary="A patient's current alerts, open and acknowledged")
def get_alerts(patient_id: int, request: Request) -> JSON:
    open_, seen = alert_acks.alerts_of_patient(ctx_of(request), patient_id)
    return {"alerts": [a.to_dict() for a in open_],
            "acknowledged": [a.to_dict() for a in seen]}  # fmt: skip


@router.post(
    "/alerts/{alert_key}/acknowledge",
    summary="Acknowledge an alert (it leaves the list; a new occurrence is a new alert)",
)
def acknowledge(patient_id: int, alert_key: str, request: Request) -> JSON:
    return alert_acks.acknowledge(ctx_of(request), who_of(request), patient_id, alert_key).to_dict()
