"""Invitations for patients, as JSON (staff) and as pages: a clinician's or admin's list with
its form, and the page an invited patient opens (web/routes/invite_pages.py)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse

from isohold.services import invitations, mail
from isohold.services.settings import Settings
from isohold.web.asking import ctx_of, who_of
from isohold.web.clinic import address
from isohold.web.site import site_url

router = APIRouter(prefix="/api/v1", tags=["clinic"])


class NewInvitation(BaseModel):
    email: str = Field(max_length=320)
    clinician_id: int | None = Field(None, description="an admin's invitation: whose patient")
    send_email: bool = Field(
        False, description="also e-mail the link to the address (needs the SMTP settings)"
    )


@router.post("/invitations", status_code=201, summary="Invite a patient (clinicians, admins)")
async def create(body: NewInvitation, request: Request) -> JSONResponse:
    settings: Settings = request.app.state.settings
    if body.send_email:
        invitations.can_mail(settings)  # refused before anything is made
    site = site_url(request)
    made = await run_in_threadpool(
        invitations.create, ctx_of(request), who_of(request), body.email, site,
        address(request.scope), body.clinician_id,
    )  # fmt: skip
    emailed = None
    if body.send_email:
        emailed = await mail.send(settings, invitations.invitation_mail(settings, made, site))
    answer = {**made.invitation.to_dict(), "url": made.url, "qr_svg": made.qr_svg,
              "emailed": emailed}  # fmt: skip
    return JSONResponse(answer, status_code=201)


@router.get("/invitations", summary="Open invitations (a clinician's own; an admin: all)")
def open_list(request: Request) -> list[dict[str, Any]]:
    return [i.to_dict() for i in invitations.open_for(ctx_of(request), who_of(request))]


@router.delete("/invitations/{invitation_id}", summary="Withdraw an open invitation")
def withdraw(invitation_id: int, request: Request) -> dict[str, Any]:
    invitations.withdraw(ctx_of(request), who_of(request), invitation_id, address(request.scope))
    return {"withdrawn": True}
