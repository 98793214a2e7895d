"""A linked patient's alerts for their clinician, and acknowledging one (contract 6: the
gate has checked the link and written the audit row before these run)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Request

from isohold.domain.errors import InputError
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


@router.post(
    "/alerts/acknowledge", summary='Acknowledge alerts by key: {"key": ...} or {"keys": [...]}'
)
def acknowledge_many(patient_id: int, request: Request, body: Any = Body(None)) -> JSON:  # noqa: B008
    raw = body if isinstance(body, dict) else {}
    keys = raw.get("keys", [raw["key"]] if "key" in raw else raw.get("id") and [raw["id"]])
    if not keys or not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
        raise InputError("key", "give the alert's key (from GET /api/v1/patients), or keys: a list")
    ctx, who = ctx_of(request), who_of(request)
    done = [alert_acks.acknowledge(ctx, who, patient_id, key).to_dict() for key in keys[:100]]
    return {"acknowledged": done}
