"""Passkeys over HTTP: a signed-in account adds, lists and removes its passkeys; anyone signs
in with one (the browser side is static/js/passkeys.js, on the account and sign-in pages)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, RedirectResponse, Response

from isohold.services import passkeys
from isohold.web.asking import ctx_of, who_of
from isohold.web.clinic import COOKIE, address
from isohold.web.cookies import cookie
from isohold.web.site import set_session, site_url

router = APIRouter(tags=["clinic"])
JSON = dict[str, Any]


@router.post("/api/v1/auth/passkeys/options", summary="Start adding a passkey (WebAuthn)")
def add_options(request: Request) -> JSON:
    return passkeys.registration_options(ctx_of(request), who_of(request), site_url(request))


class NewPasskey(BaseModel):
    credential: dict[str, Any]
    name: str = Field("", max_length=100)


@router.post("/api/v1/auth/passkeys", status_code=201, summary="Keep a new passkey")
def add(body: NewPasskey, request: Request) -> JSONResponse:
    made = passkeys.register(ctx_of(request), who_of(request), body.credential, site_url(request),
                             body.name, address(request.scope))  # fmt: skip
    return JSONResponse(made.to_dict(), status_code=201)


@router.get("/api/v1/auth/passkeys", summary="This account's passkeys")
def listed(request: Request) -> list[JSON]:
    return [p.to_dict() for p in passkeys.of_account(ctx_of(request), who_of(request))]


@router.delete("/api/v1/auth/passkeys/{passkey_id}", summary="Remove a passkey")
def remove(passkey_id: int, request: Request) -> JSON:
    passkeys.remove(ctx_of(request), who_of(request), passkey_id, address(request.scope))
    return {"removed": True}


@router.post("/account/passkeys/{passkey_id}/remove", include_in_schema=False)
def remove_form(passkey_id: int, request: Request) -> Response:
    passkeys.remove(ctx_of(request), who_of(request), passkey_id, address(request.scope))
    return RedirectResponse("/account", status_code=303)


@router.post("/api/v1/auth/passkey-login/options", summary="Start signing in with a passkey")
def sign_in_options(request: Request) -> JSON:
    return passkeys.sign_in_options(ctx_of(request), site_url(request))


class PasskeyAnswer(BaseModel):
    credential: dict[str, Any]


@router.post("/api/v1/auth/passkey-login", summary="Sign in with a passkey: a session cookie")
async def sign_in(body: PasskeyAnswer, request: Request) -> Response:
    token, who = await run_in_threadpool(
        passkeys.sign_in, ctx_of(request), body.credential, site_url(request),
        address(request.scope), cookie(request.headers, COOKIE) or None)  # fmt: skip
    answer = JSONResponse({"id": who.account_id, "email": who.email, "name": who.name,
                           "role": who.role, "totp_enabled": who.totp_enabled,
                           "next": "/account" if who.staff else "/"})  # fmt: skip
    set_session(answer, request, token)
    return answer
