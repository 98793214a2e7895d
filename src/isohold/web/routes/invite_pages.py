"""Invitation pages: a clinician's (or admin's) list with a form that makes a link and its QR
code, and the page the invited patient opens to choose a name and a password. A link that no
longer works gets a page saying why (410, or 400 for one that was never valid)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from isohold.domain.errors import ConflictError, InputError, IsoholdError, LinkError
from isohold.services import invitations, mail
from isohold.web.asking import ctx_of, who_of
from isohold.web.clinic import address
from isohold.web.errors import status_for
from isohold.web.pages import render
from isohold.web.site import set_session, site_url

router = APIRouter(include_in_schema=False)


def _list(request: Request, status: int = 200, **extra: Any) -> Response:
    who = who_of(request)
    found = invitations.open_for(ctx_of(request), who)
    can_mail = request.app.state.settings.mail_ready
    return render(request, "account/invitations.html",
                  {"who": who, "open": found, "issued": None, "message": "", "emailed": None,
                   "can_mail": can_mail, **extra}, status)  # fmt: skip


@router.get("/invitations")
def invitations_page(request: Request) -> Response:
    return _list(request)


@router.post("/invitations")
async def invite_form(request: Request) -> Response:
    form = await request.form()
    email = str(form.get("email", ""))[:320]
    raw = str(form.get("clinician_id", "")).strip()
    try:
        if raw and not (raw.isascii() and raw.isdigit() and len(raw) < 12):
            raise InputError("clinician_id", "choose a clinician from the list")
        send = form.get("send_email") == "yes"
        settings = request.app.state.settings
        if send:
            invitations.can_mail(settings)
        site = site_url(request)
        issued = await run_in_threadpool(invitations.create, ctx_of(request), who_of(request),
                                         email, site, address(request.scope),
                                         int(raw) if raw else None)  # fmt: skip
    except IsoholdError as error:
        return _list(request, status_for(error), message=str(error), email=email)
    emailed = None
    if send:
        emailed = await mail.send(settings, invitations.invitation_mail(settings, issued, site))
    return _list(request, 201, issued=issued, emailed=emailed)


@router.post("/invitations/{invitation_id}/withdraw")
def withdraw_form(invitation_id: int, request: Request) -> Response:
    try:
        invitations.withdraw(
            ctx_of(request), who_of(request), invitation_id, address(request.scope)
        )
    except IsoholdError as error:
        return _list(request, status_for(error), message=str(error))
    return _list(request, message="The invitation is withdrawn: its link no longer works.")


def _refused(request: Request, error: LinkError) -> Response:
    return render(request, "account/link_refused.html",
                  {"message": str(error), "title": "This invitation does not work"},
                  status_for(error))  # fmt: skip


@router.get("/invite/{token}")
def invite_page(token: str, request: Request) -> Response:
    try:
        invitation = invitations.check(ctx_of(request), token)
    except LinkError as error:
        return _refused(request, error)
    return render(request, "account/invite.html",
                  {"email": invitation.email, "message": "", "name": ""})  # fmt: skip


@router.post("/invite/{token}")
async def accept_form(token: str, request: Request) -> Response:
    form = await request.form()
    name, password = str(form.get("name", ""))[:200], str(form.get("password", ""))[:1024]
    try:
        session = await run_in_threadpool(invitations.accept, ctx_of(request), token, name,
                                           password, address(request.scope))  # fmt: skip
    except LinkError as error:
        return _refused(request, error)
    except (InputError, ConflictError) as error:
        invitation = invitations.check(ctx_of(request), token)
        return render(request, "account/invite.html",
                      {"email": invitation.email, "message": str(error), "name": name},
                      status_for(error))  # fmt: skip
    response = RedirectResponse("/", status_code=303)
    set_session(response, request, session)
    return response
