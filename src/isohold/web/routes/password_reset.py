"""Forgotten passwords, as JSON (`POST /api/v1/auth/reset`) and as pages (`/reset` to ask,
`/reset/{token}` from the e-mail to choose a new password). Anyone may ask: the answer is the
same whether or not the address has an account; the e-mail goes out after the answer."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, BackgroundTasks, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, Response

from isohold.domain.errors import InputError, IsoholdError, LinkError
from isohold.services import mail, password_reset
from isohold.services.settings import Settings
from isohold.web.asking import ctx_of
from isohold.web.clinic import address
from isohold.web.errors import status_for
from isohold.web.pages import render
from isohold.web.site import site_url

router = APIRouter(tags=["clinic"])


async def _ask(request: Request, email: str, background: BackgroundTasks) -> None:
    settings: Settings = request.app.state.settings
    outgoing = await run_in_threadpool(password_reset.request, ctx_of(request), settings, email,
                                       address(request.scope), site_url(request))  # fmt: skip
    if outgoing is not None:
        background.add_task(mail.send, settings, outgoing)


class ResetRequest(BaseModel):
    email: str = Field(max_length=320)


@router.post("/api/v1/auth/reset", status_code=202, summary="E-mail a link to set a new password")
async def reset_api(body: ResetRequest, request: Request, background: BackgroundTasks) -> Any:
    await _ask(request, body.email, background)
    return JSONResponse({"detail": password_reset.SENT}, status_code=202, background=background)


@router.get("/reset", include_in_schema=False)
def ask_page(request: Request) -> Response:
    return render(request, "account/reset_ask.html", {"message": "", "sent": False})


@router.post("/reset", include_in_schema=False)
async def ask_form(request: Request, background: BackgroundTasks) -> Response:
    form = await request.form()
    try:
        await _ask(request, str(form.get("email", ""))[:320], background)
    except IsoholdError as error:
        return render(request, "account/reset_ask.html", {"message": str(error), "sent": False},
                      status_for(error))  # fmt: skip
    page = render(request, "account/reset_ask.html",
                  {"message": password_reset.SENT, "sent": True}, 202)  # fmt: skip
    page.background = background
    return page


def _refused(request: Request, error: LinkError) -> Response:
    return render(request, "account/link_refused.html",
                  {"message": str(error), "title": "This password link does not work"},
                  status_for(error))  # fmt: skip


@router.get("/reset/{token}", include_in_schema=False)
def new_password_page(token: str, request: Request) -> Response:
    try:
        email = password_reset.check(ctx_of(request), token)
    except LinkError as error:
        return _refused(request, error)
    return render(request, "account/reset_new.html", {"email": email, "message": ""})


@router.post("/reset/{token}", include_in_schema=False)
async def new_password_form(token: str, request: Request) -> Response:
    form = await request.form()
    password = str(form.get("password", ""))[:1024]
    try:
        email = await run_in_threadpool(password_reset.complete, ctx_of(request), token, password,
                                        address(request.scope))  # fmt: skip
    except LinkError as error:
        return _refused(request, error)
    except InputError as error:
        return render(request, "account/reset_new.html",
                      {"email": password_reset.check(ctx_of(request), token),
                       "message": str(error)}, 422)  # fmt: skip
    return render(request, "account/reset_done.html", {"email": email})
