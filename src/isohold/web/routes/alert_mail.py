"""A clinician's alert e-mails over HTTP: whether they are e-mailed when a patient has a new
alert, and turning it on or off (the account page's form: web/routes/account_pages.py)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, StrictBool

from isohold.services import alert_mail
from isohold.web.asking import address_of, ctx_of, who_of

router = APIRouter(prefix="/api/v1/auth", tags=["clinic"])
JSON = dict[str, Any]


class Choice(BaseModel):
    alert_mail: StrictBool


@router.get("/alert-mail", summary="Whether you are e-mailed about new alerts (clinicians)")
def get_choice(request: Request) -> JSON:
    return alert_mail.state(ctx_of(request), request.app.state.settings, who_of(request))


@router.put(
    "/alert-mail",
    summary="E-mail me when a patient has a new alert: on or off (clinicians; on needs the "
    "SMTP settings)",
)
def put_choice(body: Choice, request: Request) -> JSON:
    return alert_mail.choose(ctx_of(request), request.app.state.settings, who_of(request),
                             body.alert_mail, "PUT /api/v1/auth/alert-mail",
                             address_of(request))  # fmt: skip
