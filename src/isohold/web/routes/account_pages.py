"""Clinic mode's pages for people: signing in, and the account page (two-step sign-in with its
QR code, signing out here or everywhere). The gate (web/clinic.py) lets anyone reach the
sign-in page and only a signed-in account the account page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from isohold.domain.errors import (
    ConflictError,
    InputError,
    MailError,
    SignInError,
    ThrottledError,
)
from isohold.services import alert_mail, signin
from isohold.services.settings import Settings
from isohold.web.asking import ctx_of, who_of
from isohold.web.clinic import COOKIE, address
from isohold.web.cookies import cookie
from isohold.web.pages import render

router = APIRouter(include_in_schema=False)


@router.get("/signin")
def signin_page(request: Request) -> Response:
    return render(request, "account/signin.html", {"message": "", "email": ""})


@router.post("/signin")
async def signin_form(request: Request) -> Response:
    form = await request.form()
    email, password = str(form.get("email", ""))[:254], str(form.get("password", ""))[:1024]
    totp = str(form.get("totp", "")).strip()[:8] or None
    settings: Settings = request.app.state.settings
    from starlette.concurrency import run_in_threadpool

    try:
        token, who = await run_in_threadpool(
            signin.sign_in, ctx_of(request), email, password, totp, address(request.scope),
            cookie(request.headers, COOKIE) or None, "POST /signin",
        )  # fmt: skip
    except (SignInError, ThrottledError) as error:
        status = 429 if isinstance(error, ThrottledError) else 401
        return render(request, "account/signin.html", {"message": str(error), "email": email},
                      status)  # fmt: skip
    response = RedirectResponse("/account" if who.staff else "/", status_code=303)
    secure = bool(settings.tls_cert or settings.behind_proxy or request.url.scheme == "https")
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", secure=secure,
                        path="/", max_age=int(signin.ABSOLUTE.total_seconds()))  # fmt: skip
    return response


def _account(request: Request, message: str = "", status: int = 200, **extra: Any) -> Response:
    who = signin.resolve(ctx_of(request), cookie(request.headers, COOKIE)) or who_of(request)
    from isohold.services.passkeys import of_account

    keys = of_account(ctx_of(request), who)
    settings = request.app.state.settings
    mailing = alert_mail.state(ctx_of(request), settings, who) if who.role == "clinician" else None
    return render(request, "account/account.html", {"who": who, "message": message,
                                                    "enrolment": None, "passkeys": keys,
                                                    "alert_mail": mailing, **extra},
                  status)  # fmt: skip


@router.get("/account")
def account_page(request: Request) -> Response:
    return _account(request)


@router.post("/account/totp/start")
def totp_start(request: Request) -> Response:
    try:
        enrolment = signin.totp_start(ctx_of(request), who_of(request))
    except ConflictError as error:
        return _account(request, str(error))
    return _account(request, enrolment=enrolment)


@router.post("/account/totp")
async def totp_confirm(request: Request) -> Response:
    form = await request.form()
    code = str(form.get("code", ""))[:8]
    from starlette.concurrency import run_in_threadpool

    try:
        await run_in_threadpool(signin.totp_confirm, ctx_of(request), who_of(request), code,
                                address(request.scope))  # fmt: skip
    except (InputError, ConflictError) as error:
        return _account(request, f"That did not work: {error}. Start again for a new code.")
    return _account(request, "Two-step sign-in is on.")


@router.post("/account/password")
async def change_password(request: Request) -> Response:
    form = await request.form()
    current = str(form.get("current_password", ""))[:1024]
    new = str(form.get("new_password", ""))[:1024]
    from starlette.concurrency import run_in_threadpool

    try:
        await run_in_threadpool(signin.change_password, ctx_of(request), who_of(request), current,
                                new, address(request.scope))  # fmt: skip
    except InputError as error:
        return _account(request, f"The password is not changed: {error}.", 422)
    message = "Your password is changed and every sign-in has ended: sign in with the new one."
    response = render(request, "account/signin.html", {"message": message, "email": ""})
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
    return response


@router.post("/account/alert-mail")
async def alert_mail_form(request: Request) -> Response:
    form = await request.form()
    on = form.get("alert_mail") == "yes"
    from starlette.concurrency import run_in_threadpool

    try:
        await run_in_threadpool(alert_mail.choose, ctx_of(request), request.app.state.settings,
                                who_of(request), on, "POST /account/alert-mail",
                                address(request.scope))  # fmt: skip
    except MailError as error:
        return _account(request, f"Alert e-mails are not turned on. {error}", 503)
    if on:
        return _account(request, "You will be e-mailed when a patient has a new alert.")
    return _account(request, "Alert e-mails are off: new alerts show on your patient list.")


def _signed_out(everywhere: bool, request: Request) -> Response:
    signin.sign_out(ctx_of(request), who_of(request), address(request.scope), everywhere=everywhere)
    response = RedirectResponse("/signin", status_code=303)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
    return response


@router.post("/account/signout")
def sign_out(request: Request) -> Response:
    return _signed_out(False, request)


@router.post("/account/signout-everywhere")
def sign_out_everywhere(request: Request) -> Response:
    return _signed_out(True, request)
