"""Invitations for patients, as JSON (staff) and as pages: a clinician's or admin's list with
its form, and the page an invited patient opens (web/routes/invite_pages.py)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from starlette.responses import JSONResponse

from isohold.services import invitations, signin
from isohold.services.context import Context
from isohold.web.clinic import address
from isohold.web.site import site_url

router = APIRouter(prefix="/api/v1", tags=["clinic"])


def _ctx(request: Request) -> Context:
    ctx: Context = request.app.state.ctx
    return ctx


def _who(request: Request) -> signin.Who:
    who = request.scope.get("state", {}).get("who")
    assert isinstance(who, signin.Who), "the clinic gate resolves who is asking"
    return who


class NewInvitation(BaseModel):
    email: str = Field(max_length=320)
    clinician_id: int | None = Field(None, description="an admin's invitation: whose patient")


@router.post("/invitations", status_code=201, summary="Invite a patient (clinicians, admins)")
def create(body: NewInvitation, request: Request) -> JSONResponse:
    made = invitations.create(_ctx(request), _who(request), body.email, site_url(request),
                              address(request.scope), body.clinician_id)  # fmt: skip
    answer = {**made.invitation.to_dict(), "url": made.url, "qr_svg": made.qr_svg}
    return JSONResponse(answer, status_code=201)


@router.get("/invitations", summary="Open invitations (a clinician's own; an admin: all)")
def open_list(request: Request) -> list[dict[str, Any]]:
    return [i.to_dict() for i in invitations.open_for(_ctx(request), _who(request))]


@router.delete("/invitations/{invitation_id}", summary="Withdraw an open invitation")
def withdraw(invitation_id: int, request: Request) -> dict[str, Any]:
    invitations.withdraw(_ctx(request), _who(request), invitation_id, address(request.scope))
    return {"withdrawn": True}
